/**
 * The arithmetic of the benchmark, kept pure so it is tested without timing anything
 * (test/bench/stats.test.ts): medians and spreads of repeated runs, and the ratios the issue's
 * targets are stated in.
 */

/** The median, smallest and largest of a run's samples, and how many there were. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The middle value of `samples` (the mean of the two middle ones for an even count). Throws on none. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, min and max of `samples`. Throws on none. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('summary of no samples');
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs: samples.length };
}

/** Each sample multiplied by `factor` (it/s → samples/s, it/s → GFLOP/s): the order, hence the median, is kept. */
export function scaleSummary(summary: Summary, factor: number): Summary {
  return { median: summary.median * factor, min: summary.min * factor, max: summary.max * factor, runs: summary.runs };
}

/** Iterations per second of a run that did `iterations` in `elapsedMs`. */
export function ratePerSecond(iterations: number, elapsedMs: number): number {
  if (!(elapsedMs > 0)) throw new RangeError(`elapsed time must be positive, not ${elapsedMs}`);
  return (iterations * 1000) / elapsedMs;
}

/** value / reference, or null when either is missing or not a positive finite number. */
export function ratio(value: number | null | undefined, reference: number | null | undefined): number | null {
  if (value == null || reference == null) return null;
  if (!Number.isFinite(value) || !Number.isFinite(reference) || reference <= 0 || value < 0) return null;
  return value / reference;
}

/** How far a ratio is from 1 either way, as a factor of at least 1: 0.5 and 2 are both 2× off. */
export function factorOff(r: number): number {
  if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`a ratio must be a positive number, not ${r}`);
  return r >= 1 ? r : 1 / r;
}

/** The ratio farthest from 1 either way (see factorOff). Throws on none. */
export function worstRatio(ratios: readonly number[]): number {
  if (ratios.length === 0) throw new RangeError('worst of no ratios');
  return ratios.reduce((worst, r) => (factorOff(r) > factorOff(worst) ? r : worst));
}

/**
 * Whether an estimate is within `factor` of the measured time either way. Durations both below
 * `sameBelow` count as within: the UI shows every duration under a second as "under 1 s", so the
 * estimate and the elapsed time then read the same, whatever their ratio.
 */
export function estimateWithin(estimateSeconds: number, measuredSeconds: number, factor: number, sameBelow = 1): boolean {
  if (estimateSeconds < sameBelow && measuredSeconds < sameBelow) return true;
  const r = ratio(measuredSeconds, estimateSeconds);
  return r !== null && r > 0 && factorOff(r) <= factor;
}

/**
 * The cost of an addition as a fraction of the time without it, from the two rates:
 * time per iteration with / without − 1 = rateWithout / rateWith − 1 (0.1 = 10 % slower).
 */
export function overheadFromRates(rateWithout: number, rateWith: number): number | null {
  const slower = ratio(rateWithout, rateWith);
  return slower === null ? null : slower - 1;
}

/** timeWith / timeWithout − 1, the same overhead from two durations. */
export function overheadFromTimes(timeWithout: number, timeWith: number): number | null {
  const slower = ratio(timeWith, timeWithout);
  return slower === null ? null : slower - 1;
}

/**
 * Memory each run adds on average, going from `before` (bytes, N₀ runs) to `after` (N₁ runs):
 * (after − before) / (N₁ − N₀).
 */
export function perRunIncrement(before: number, after: number, runsBefore: number, runsAfter: number): number {
  if (runsAfter <= runsBefore) throw new RangeError(`the run count must grow (${runsBefore} → ${runsAfter})`);
  return (after - before) / (runsAfter - runsBefore);
}

/** Floating-point operations of one m×k · k×n product: 2·m·k·n (one multiply and one add per term). */
export function gemmFlops(m: number, k: number, n: number): number {
  return 2 * m * k * n;
}

/**
 * Floating-point operations of one training iteration of a dense network, counted as the issue
 * counts them (715 it/s ≙ 60 GFLOP/s for W): three products per layer (X·W, Xᵀ·dZ, dZ·Wᵀ) of
 * 2·batch·n_in·n_out each, the first layer's dZ·Wᵀ included; element-wise work is not counted.
 */
export function trainingFlops(batchSize: number, widths: readonly number[]): number {
  let flops = 0;
  for (let i = 1; i < widths.length; i++) flops += 3 * gemmFlops(batchSize, widths[i - 1]!, widths[i]!);
  return flops;
}
