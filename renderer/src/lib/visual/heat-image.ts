import { inputFeatureValue, type InputFeature } from '$engine/api/input-features';

/**
 * Small images of a value over the input plane (a neuron's output, an input feature), drawn as
 * Playground does: orange for negative, white around zero, blue for positive.
 */

const NEGATIVE = [245, 147, 34];
const POSITIVE = [8, 119, 189];

/** An RGBA colour for v in [−1, 1]. */
export function divergingColour(v: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, v));
  const target = t < 0 ? NEGATIVE : POSITIVE;
  const a = Math.abs(t);
  return [Math.round(255 + (target[0]! - 255) * a), Math.round(255 + (target[1]! - 255) * a), Math.round(255 + (target[2]! - 255) * a)];
}

/** Values (row-major, resolution²; null = not finite) scaled by their largest magnitude, as a PNG data URL. */
export function heatImage(values: readonly (number | null)[], resolution: number): string {
  let scale = 0;
  for (const v of values) if (v !== null && Math.abs(v) > scale) scale = Math.abs(v);
  const canvas = document.createElement('canvas');
  canvas.width = resolution;
  canvas.height = resolution;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  const image = ctx.createImageData(resolution, resolution);
  values.forEach((v, i) => {
    const [r, g, b] = v === null ? [200, 200, 200] : divergingColour(scale === 0 ? 0 : v / scale);
    image.data[i * 4] = r;
    image.data[i * 4 + 1] = g;
    image.data[i * 4 + 2] = b;
    image.data[i * 4 + 3] = 255;
  });
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}

/** A feature over the plane: x1 varies left→right, x2 bottom→top (row 0 is the top). */
export function featureValues(feature: 'x1' | 'x2', resolution: number): number[] {
  const values: number[] = [];
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) values.push(feature === 'x1' ? (col / (resolution - 1)) * 2 - 1 : 1 - (row / (resolution - 1)) * 2);
  }
  return values;
}

/**
 * An input feature's value over the plane `extent` (x1 left→right, x2 bottom→top, row 0 the top),
 * at the centres of a resolution² grid: Playground's picture of an input neuron.
 */
export function inputFeatureValues(feature: InputFeature, resolution: number, extent: { x1: readonly [number, number]; x2: readonly [number, number] }): number[] {
  const [left, right] = extent.x1;
  const [bottom, top] = extent.x2;
  const values: number[] = [];
  for (let row = 0; row < resolution; row++) {
    const x2 = top - ((row + 0.5) * (top - bottom)) / resolution;
    for (let col = 0; col < resolution; col++) values.push(inputFeatureValue(feature, left + ((col + 0.5) * (right - left)) / resolution, x2));
  }
  return values;
}
