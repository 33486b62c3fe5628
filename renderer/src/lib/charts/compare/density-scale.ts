/**
 * The y scale of the overlaid densities: where to cut the axis when one run's spike would flatten
 * every other run's curve, and a round top for it.
 */

/** A curve taller than this many times the median run's is cut at the top (see densityCeiling). */
export const CLIP_RATIO = 8;

/**
 * The top of an overlay panel's y axis, or null to let the axis fit every curve. When some runs'
 * curves tower over the rest (peaks more than CLIP_RATIO times the median run's, e.g. std 0.01's
 * activations squeezed into a spike), the axis stops at twice the highest peak that stays within
 * that bound, so the other runs' shapes stay readable; the tall curves run off the top (their
 * headings mark them). The median is the lower middle one, so at least half the runs always fit;
 * a merely narrower distribution (sigmoid's 0…1 against tanh's −1…1) stays on the scale.
 */
export function densityCeiling(peaks: readonly number[]): number | null {
  const sorted = peaks.filter((peak) => Number.isFinite(peak) && peak > 0).sort((a, b) => b - a);
  if (sorted.length < 2) return null;
  const limit = CLIP_RATIO * sorted[Math.floor(sorted.length / 2)]!;
  const kept = sorted.filter((peak) => peak <= limit);
  return kept.length === sorted.length ? null : 2 * kept[0]!;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`. */
function niceStep(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value * (1 - 1e-12)) ?? 10) * power;
}

/** A y axis top at or above `value` with about `ticks` round intervals up to it. */
export function roundTop(value: number, ticks: number): { max: number; interval: number } {
  const interval = niceStep(value / ticks);
  return { max: Math.ceil(value / interval - 1e-9) * interval, interval };
}
