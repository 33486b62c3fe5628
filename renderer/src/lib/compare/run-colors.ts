/** At most this many runs are compared at once: more lines than that no longer read on one chart. */
export const MAX_COMPARED_RUNS = 6;

/**
 * One colour per compared run, the same on every chart, table and card of the compare screen.
 * Okabe–Ito's palette lets pairs merge once there are six runs (vermillion and bluish green under
 * deuteranopia, reddish purple and orange under tritanopia), so these six were searched for the
 * largest smallest CIEDE2000 distance between any two of them as seen normally and with
 * protanopia, deuteranopia and tritanopia (Machado 2009), each with at least 3:1 contrast on white
 * for lines; test/renderer/charts/run-palette.test.ts checks it. Ordered so that any first k stay
 * far apart: indigo, olive, brown, teal, rose, violet.
 */
export const RUN_COLORS = ['#332288', '#999900', '#663300', '#009999', '#CC3366', '#9900FF'] as const;

/**
 * The colour to write a run's name in (its colour darkened where needed): at least 4.5:1 on the
 * app's panels and ground. A line or swatch can be lighter than text may be.
 */
export const RUN_TEXT_COLORS = ['#332288', '#747400', '#663300', '#007B7B', '#CC3366', '#9900FF'] as const;

/**
 * The second channel beside colour: each run's line dash and point marker (ECharts lineStyle.type
 * and symbol), so runs stay apart in greyscale print and for any colour vision. Solid for the
 * first, a dash array for the others (ECharts has only two named dash types).
 */
export const RUN_DASHES: readonly (string | number[])[] = ['solid', [8, 4], [2, 3], [12, 3, 2, 3], [5, 5], [2, 2, 8, 2]];
/** Four filled shapes, then two hollow ones: six that stay apart even at 6 px. */
export const RUN_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'emptyCircle', 'emptyRect'] as const;
/** The same markers as characters, for text that names a run (a histogram panel's spreads). */
export const RUN_MARKER_GLYPHS = ['●', '■', '▲', '◆', '○', '□'] as const;

/** A run's look on charts: colour, its text variant, dash and marker. */
export interface RunStyle {
  readonly color: string;
  readonly textColor: string;
  readonly dash: string | number[];
  readonly symbol: string;
  readonly glyph: string;
}

function wrap(index: number): number {
  const n = RUN_COLORS.length;
  return ((Math.floor(index) % n) + n) % n;
}

/** The colour of the run at `index` (0-based position on the compare screen); wraps past the palette. */
export function runColor(index: number): string {
  return RUN_COLORS[wrap(index)]!;
}

/** The whole look of the run at `index`; wraps past the palette. */
export function runStyle(index: number): RunStyle {
  const i = wrap(index);
  return { color: RUN_COLORS[i]!, textColor: RUN_TEXT_COLORS[i]!, dash: RUN_DASHES[i]!, symbol: RUN_SYMBOLS[i]!, glyph: RUN_MARKER_GLYPHS[i]! };
}

/**
 * The look of a run drawn in `color` (the compare charts know a run by its colour): the palette
 * entry's dash, marker and text colour; a colour outside the palette is drawn solid, as itself.
 */
export function runStyleOf(color: string): RunStyle {
  const i = RUN_COLORS.findIndex((c) => c.toLowerCase() === color.toLowerCase());
  return i >= 0 ? runStyle(i) : { color, textColor: color, dash: 'solid', symbol: 'circle', glyph: '●' };
}
