/** At most this many runs are compared at once: more lines than that no longer read on one chart. */
export const MAX_COMPARED_RUNS = 6;

/**
 * One colour per compared run, the same on every chart, table and card of the compare screen:
 * Okabe–Ito's qualitative palette (distinguishable with every common colour-vision deficiency),
 * ordered so that any first k colours stay far apart (blue, vermillion, bluish green, reddish
 * purple, orange, sky blue). Yellow is left out: it vanishes on white.
 */
export const RUN_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'] as const;

/** The colour of the run at `index` (0-based position on the compare screen); wraps past the palette. */
export function runColor(index: number): string {
  const n = RUN_COLORS.length;
  return RUN_COLORS[((Math.floor(index) % n) + n) % n]!;
}
