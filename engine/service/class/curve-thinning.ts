/**
 * A loss curve cut to at most `max` points for the class view, where forty faint curves are drawn
 * at once. Evenly spaced samples would step over a spike (a loss that jumps for a few steps is
 * what the teacher looks for), so the interior is split into buckets of consecutive points and
 * each keeps its lowest and its highest point (min–max decimation), in step order; the first and
 * the last point are always kept. A non-finite value (null) counts as the highest: a divergence
 * is never thinned away.
 */
export function thinCurve(step: readonly number[], value: readonly (number | null)[], max: number): { step: number[]; loss: (number | null)[] } {
  const n = Math.min(step.length, value.length);
  if (n <= max || max < 4) return { step: step.slice(0, n), loss: value.slice(0, n) };
  const keep: number[] = [0];
  const buckets = Math.floor((max - 2) / 2);
  const interior = n - 2;
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * interior) / buckets);
    const to = 1 + Math.floor(((b + 1) * interior) / buckets);
    if (to <= from) continue;
    let low = from;
    let high = from;
    for (let i = from; i < to; i++) {
      if (rank(value[i]) < rank(value[low])) low = i;
      if (rank(value[i]) > rank(value[high])) high = i;
    }
    if (low === high) keep.push(low);
    else keep.push(Math.min(low, high), Math.max(low, high));
  }
  keep.push(n - 1);
  return { step: keep.map((i) => step[i]!), loss: keep.map((i) => value[i] ?? null) };
}

/** A value's height for the buckets: a non-finite one above every number. */
function rank(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}
