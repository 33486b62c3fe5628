/** A line chart's data from recorded series: every chart over training time (live, compare, report) builds its lines with these. */

/** A line's data point: x, then y or a gap. */
export type Point = [number, number | null];

/** x and y side by side as line data, each y passed through `map` (a gap for what the axis cannot show). */
export function points(x: readonly number[], y: readonly (number | null)[], map: (v: number | null) => number | null): Point[] {
  const out = new Array<Point>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = [x[i]!, map(y[i] ?? null)];
  return out;
}

/** Whether any value is there and finite (a run without a test split has only gaps). */
export function hasValue(values: readonly (number | null)[]): boolean {
  return values.some((v) => v !== null && Number.isFinite(v));
}
