import { lerp, parse } from 'zrender/lib/tool/color';

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
  if (colouring.kind === 'classes') {
    paintClasses(grid, colouring, data);
    return { width: size, height: size, data };
  }
  const cache = new Map<string, number[]>();
  for (let i = 0; i < size * size; i++) {
    const css = outputColour(grid.confidence[i], colouring);
    if (css === null) continue;
    let bytes = cache.get(css);
    if (!bytes) cache.set(css, (bytes = cssBytes(css)));
    data.set(bytes, i * 4);
  }
  return { width: size, height: size, data };
}

function cssBytes(css: string): number[] {
  const parsed = parse(css) ?? [0, 0, 0, 0];
  return [parsed[0]!, parsed[1]!, parsed[2]!, Math.round((parsed[3] ?? 1) * 255)];
}

function outputColour(value: number | null | undefined, colouring: Extract<BoundaryColouring, { kind: 'output' }>): string | null {
  if (value === undefined || value === null || !Number.isFinite(value)) return null;
  const { low, high } = colouring;
  const span = high > low ? high - low : 1;
  return lerp(clamp01((value - low) / span), colouring.ramp as string[]) ?? null;
}

/**
 * Each cell in its class's colour at a lightness from its confidence, as zrender's modifyHSL makes
 * it, but in numbers: a colour string made and parsed again for each of 1,600 cells on every
 * snapshot was garbage the page had to collect while runs trained (issue 15). The arithmetic is
 * zrender's (rgba2hsla once per class, then hsla2rgba per cell), so the bytes are the same.
 */
function paintClasses(grid: BoundaryGrid, colouring: Extract<BoundaryColouring, { kind: 'classes' }>, data: Uint8ClampedArray): void {
  const hues = new Map<number, ClassHue | null>();
  const [from, to] = colouring.lightness;
  // As the continuous visual map did: confidence from a coin toss (1/classes) to certainty, clamped.
  const min = 1 / colouring.numClasses;
  for (let i = 0; i < grid.resolution * grid.resolution; i++) {
    const predicted = grid.predicted[i];
    if (predicted === undefined || predicted === null || !Number.isFinite(predicted)) continue;
    let hue = hues.get(predicted);
    if (hue === undefined) hues.set(predicted, (hue = classHue(colouring.classColor(predicted))));
    if (hue === null) continue;
    const confidence = grid.confidence[i];
    const at = i * 4;
    if (confidence === undefined || confidence === null || !Number.isFinite(confidence)) {
      data.set(hue.base, at);
      continue;
    }
    const t = clamp01((confidence - min) / (1 - min));
    const l = clamp01(from + (to - from) * t);
    const m2 = l <= 0.5 ? l * (hue.s + 1) : l + hue.s - l * hue.s;
    const m1 = l * 2 - m2;
    data[at] = cssByte(hueToRgb(m1, m2, hue.h + 1 / 3) * 255);
    data[at + 1] = cssByte(hueToRgb(m1, m2, hue.h) * 255);
    data[at + 2] = cssByte(hueToRgb(m1, m2, hue.h - 1 / 3) * 255);
    data[at + 3] = hue.alpha;
  }
}

/** A class colour's hue (0–1) and saturation, its alpha byte, and its own bytes (a cell without a confidence). */
interface ClassHue {
  h: number;
  s: number;
  alpha: number;
  base: number[];
}

/** zrender's rgba2hsla, and the hue as hsla2rgba reads it back. */
function classHue(css: string): ClassHue | null {
  const rgba = parse(css);
  if (!rgba) return null;
  const r = rgba[0]! / 255;
  const g = rgba[1]! / 255;
  const b = rgba[2]! / 255;
  const vMin = Math.min(r, g, b);
  const vMax = Math.max(r, g, b);
  const delta = vMax - vMin;
  const lightness = (vMax + vMin) / 2;
  let h = 0;
  let s = 0;
  if (delta !== 0) {
    s = lightness < 0.5 ? delta / (vMax + vMin) : delta / (2 - vMax - vMin);
    const deltaR = ((vMax - r) / 6 + delta / 2) / delta;
    const deltaG = ((vMax - g) / 6 + delta / 2) / delta;
    const deltaB = ((vMax - b) / 6 + delta / 2) / delta;
    if (r === vMax) h = deltaB - deltaG;
    else if (g === vMax) h = 1 / 3 + deltaR - deltaB;
    else if (b === vMax) h = 2 / 3 + deltaG - deltaR;
    if (h < 0) h += 1;
    if (h > 1) h -= 1;
  }
  const alpha = rgba[3] ?? 1;
  return { h: (((h * 360) % 360) + 360) % 360 / 360, s: clamp01(s), alpha: Math.round(alpha * 255), base: cssBytes(css) };
}

function hueToRgb(m1: number, m2: number, h: number): number {
  if (h < 0) h += 1;
  else if (h > 1) h -= 1;
  if (h * 6 < 1) return m1 + (m2 - m1) * h * 6;
  if (h * 2 < 1) return m2;
  if (h * 3 < 2) return m1 + (m2 - m1) * (2 / 3 - h) * 6;
  return m1;
}

function cssByte(value: number): number {
  const rounded = Math.round(value);
  return rounded < 0 ? 0 : rounded > 255 ? 255 : rounded;
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
