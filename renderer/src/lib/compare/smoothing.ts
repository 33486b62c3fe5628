/** The smoothing slider's range: 0 draws the raw values, 0.99 averages over about the last 100 steps. */
export const MIN_SMOOTHING = 0;
export const MAX_SMOOTHING = 0.99;
/** TensorBoard's default. */
export const DEFAULT_SMOOTHING = 0.6;

/**
 * Exponential moving average with debiasing, exactly as TensorBoard's scalar charts smooth:
 *
 *   last ← w·last + (1 − w)·yᵢ   (last starts at 0)
 *   sᵢ   = last / (1 − w^k)      (k = finite values seen so far, i included)
 *
 * Dividing by 1 − w^k removes the pull toward the initial 0, so s₀ = y₀ and early values are not
 * biased low. Missing or non-finite values are passed through unchanged and do not count.
 * A constant series is returned unchanged (as TensorBoard does, to avoid rounding noise), and
 * w is clamped to [0, 1) (w = 1 would never move).
 */
export function emaSmooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  const w = Number.isFinite(weight) ? Math.min(Math.max(weight, 0), MAX_SMOOTHING) : 0;
  if (w === 0 || values.length === 0) return [...values];
  const first = values[0];
  if (values.every((v) => v === first)) return [...values];
  let last = 0;
  let count = 0;
  return values.map((value) => {
    if (value === null || !Number.isFinite(value)) return value;
    last = last * w + (1 - w) * value;
    count++;
    return last / (1 - w ** count);
  });
}
