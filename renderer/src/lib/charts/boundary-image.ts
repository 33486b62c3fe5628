import { lerp, modifyHSL, parse } from 'zrender/lib/tool/color';

/** RGBA bytes of a width × height picture, row 0 at the top (as ImageData wants them). */
export interface BoundaryImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** The part of a network snapshot the picture is made of: row-major cells, row 0 the top of the plane (largest x₂). */
export interface BoundaryGrid {
  resolution: number;
  predicted: readonly number[];
  confidence: readonly (number | null)[];
}

/** How each cell is coloured: by class (lightness from confidence) or, for regression, by the output on a ramp. */
export type BoundaryColouring =
  | { kind: 'classes'; numClasses: number; classColor: (c: number) => string; lightness: readonly [number, number] }
  | { kind: 'output'; low: number; high: number; ramp: readonly string[] };

/**
 * The decision boundary's colour field as pixels, one per cell, in the colours the heatmap series
 * had: ECharts' visual maps used zrender's colour functions, and so does this, so the picture
 * matches to the byte. Painted once per snapshot instead of ECharts laying out resolution² cells
 * (about 100 ms a snapshot, issue 15). A cell without a prediction stays transparent, as the
 * heatmap left it out.
 */
export function paintBoundary(grid: BoundaryGrid, colouring: BoundaryColouring): BoundaryImage {
  const size = grid.resolution;
  const data = new Uint8ClampedArray(size * size * 4);
  const cache = new Map<string, number[]>();
  const rgba = (css: string): number[] => {
    let bytes = cache.get(css);
    if (!bytes) {
      const parsed = parse(css) ?? [0, 0, 0, 0];
      bytes = [parsed[0]!, parsed[1]!, parsed[2]!, Math.round((parsed[3] ?? 1) * 255)];
      cache.set(css, bytes);
    }
    return bytes;
  };
  for (let i = 0; i < size * size; i++) {
    const css = cellColour(grid.predicted[i], grid.confidence[i], colouring);
    if (css === null) continue;
    data.set(rgba(css), i * 4);
  }
  return { width: size, height: size, data };
}

function cellColour(predicted: number | undefined, confidence: number | null | undefined, colouring: BoundaryColouring): string | null {
  if (colouring.kind === 'output') {
    if (confidence === undefined || confidence === null || !Number.isFinite(confidence)) return null;
    const { low, high } = colouring;
    const span = high > low ? high - low : 1;
    return lerp(clamp01((confidence - low) / span), colouring.ramp as string[]) ?? null;
  }
  if (predicted === undefined || predicted === null || !Number.isFinite(predicted)) return null;
  const base = colouring.classColor(predicted);
  if (confidence === undefined || confidence === null || !Number.isFinite(confidence)) return base;
  // As the continuous visual map did: confidence from a coin toss (1/classes) to certainty, clamped.
  const min = 1 / colouring.numClasses;
  const t = clamp01((confidence - min) / (1 - min));
  const [from, to] = colouring.lightness;
  return modifyHSL(base, undefined, undefined, from + (to - from) * t) ?? base;
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/** The little of the DOM's canvas this needs: chart builders also run where there is no DOM (charts rendered to SVG). */
interface PixelContext {
  imageSmoothingEnabled: boolean;
  createImageData(width: number, height: number): { data: Uint8ClampedArray };
  putImageData(data: { data: Uint8ClampedArray }, x: number, y: number): void;
  drawImage(image: PixelCanvas, x: number, y: number, width: number, height: number): void;
  clearRect(x: number, y: number, width: number, height: number): void;
}
export interface PixelCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): PixelContext | null;
}

/** The two canvases a slot's pictures are painted on, kept while the slot lives. */
const slotCanvases = new WeakMap<object, { small: PixelCanvas; large: PixelCanvas }>();

/**
 * The picture on a canvas, each cell enlarged to a block of pixels first: the heatmap drew sharp
 * cells, and a 40 × 40 picture stretched over the plot would be blurred. With a `slot` (one per
 * chart) the same two canvases are painted again on every call; without, new ones. Null where there
 * is no document (charts rendered to SVG in tests and by the CLI).
 */
export function boundaryCanvas(image: BoundaryImage, slot?: object): PixelCanvas | null {
  const doc = (globalThis as { document?: { createElement(tag: 'canvas'): PixelCanvas } }).document;
  if (!doc) return null;
  let canvases = slot === undefined ? undefined : slotCanvases.get(slot);
  if (!canvases) {
    canvases = { small: doc.createElement('canvas'), large: doc.createElement('canvas') };
    if (slot !== undefined) slotCanvases.set(slot, canvases);
  }
  const { small, large } = canvases;
  // Setting a canvas's size clears it, even to the same size: only when it changes.
  if (small.width !== image.width || small.height !== image.height) {
    small.width = image.width;
    small.height = image.height;
  }
  const smallContext = small.getContext('2d');
  if (!smallContext) return null;
  const pixels = smallContext.createImageData(image.width, image.height);
  pixels.data.set(image.data);
  smallContext.putImageData(pixels, 0, 0);
  const scale = Math.max(1, Math.ceil(640 / Math.max(1, image.width)));
  if (large.width !== image.width * scale || large.height !== image.height * scale) {
    large.width = image.width * scale;
    large.height = image.height * scale;
  }
  const context = large.getContext('2d');
  if (!context) return small;
  context.imageSmoothingEnabled = false;
  // putImageData replaces every pixel; drawImage blends over what is there: clear the last picture first.
  context.clearRect(0, 0, large.width, large.height);
  context.drawImage(small, 0, 0, large.width, large.height);
  return large;
}
