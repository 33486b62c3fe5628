/**
 * Medians and quartiles of a class's or a seed group's numbers: the class view's distributions and
 * bands, compare's group bands and `nnlab class summary` all read them from here, so every picture
 * of "the middle half" means the same thing. Pure.
 *
 * Quantiles interpolate linearly between order statistics (type 7, the default of R, NumPy and
 * Excel's QUARTILE.INC), so a teacher checking a number in a spreadsheet gets the same one.
 */

/** The five-number summary of some values, with how many there were. */
export interface Quartiles {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** The p-quantile (0 ≤ p ≤ 1) of values sorted ascending; NaN for none. */
export function quantileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

/** The five-number summary of the finite values (non-finite ones and nulls are left out); null when none is finite. */
export function quartiles(values: readonly (number | null | undefined)[]): Quartiles | null {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: quantileOfSorted(sorted, 0.25),
    median: quantileOfSorted(sorted, 0.5),
    q3: quantileOfSorted(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
  };
}

/** Several runs' curves over one step axis: the median and the inter-quartile band at each step. */
export interface CurveBand {
  step: number[];
  q1: number[];
  median: number[];
  q3: number[];
  /** How many curves have a finite value at each step (a run that stopped early or diverged drops out). */
  n: number[];
}

/** One run's curve: its steps (ascending) and values. */
export interface Curve {
  step: readonly number[];
  value: readonly (number | null)[];
}

/**
 * The median and inter-quartile band of `curves` at each step of `grid` (ascending). Each curve is
 * read at a grid step by its last value at or before that step (a curve is a record of steps, not
 * a function to interpolate), and only up to its own last step; a step where fewer than
 * `minCurves` curves have a finite value is left out of the band.
 */
export function curveBand(curves: readonly Curve[], grid: readonly number[], minCurves = 1): CurveBand {
  const band: CurveBand = { step: [], q1: [], median: [], q3: [], n: [] };
  const cursor = curves.map(() => -1);
  for (const step of grid) {
    const values: number[] = [];
    curves.forEach((curve, c) => {
      // Past a curve's end it has nothing to say about later steps.
      if (curve.step.length === 0 || step > curve.step[curve.step.length - 1]!) return;
      let i = cursor[c]!;
      while (i + 1 < curve.step.length && curve.step[i + 1]! <= step) i++;
      cursor[c] = i;
      if (i < 0) return;
      const value = curve.value[i];
      if (typeof value === 'number' && Number.isFinite(value)) values.push(value);
    });
    if (values.length < Math.max(1, minCurves)) continue;
    values.sort((a, b) => a - b);
    band.step.push(step);
    band.q1.push(quantileOfSorted(values, 0.25));
    band.median.push(quantileOfSorted(values, 0.5));
    band.q3.push(quantileOfSorted(values, 0.75));
    band.n.push(values.length);
  }
  return band;
}

/** At most `points` steps spread evenly over the curves' steps (their union), always with the first and last. */
export function bandGrid(curves: readonly Curve[], points: number): number[] {
  const steps = [...new Set(curves.flatMap((curve) => curve.step))].sort((a, b) => a - b);
  if (steps.length <= points || points < 2) return steps;
  const grid: number[] = [];
  for (let k = 0; k < points; k++) grid.push(steps[Math.round((k * (steps.length - 1)) / (points - 1))]!);
  return [...new Set(grid)];
}
