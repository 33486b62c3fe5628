import type { ChartTranslate } from '../../i18n/messages/charts';
import type { CompareTranslate } from '../../i18n/messages/compare';
import type { RunSeries } from '../run-series';
import type { CurveAxis } from '../training-curves';

/**
 * What every chart of the compare screen takes: 2–6 runs on the same axes, one colour per run on
 * every chart (the run's `color`), each run's series named after the run so that one legend entry
 * shows or hides all of that run's lines. The builders are pure functions (runs → ECharts option),
 * like the live view's.
 */

/** The two namespaces the compare charts speak: the live charts' axis names and the compare screen's own words. */
export interface CompareTranslators {
  chart: ChartTranslate;
  compare: CompareTranslate;
}

/** A run as the compare charts draw it. */
export interface ComparedRun {
  readonly id: string;
  /** Unique among the runs compared (legends toggle by name). */
  readonly name: string;
  /** Its colour on every chart of the screen. */
  readonly color: string;
  readonly series: RunSeries;
}

/** Options of the charts over training time (curves, gap, gradients). */
export interface CompareCurveOptions {
  /** x axis: steps (default) or fractional epochs. */
  xAxis?: CurveAxis;
  /** Log-scale loss axis (non-positive values become gaps). */
  logScale?: boolean;
}
