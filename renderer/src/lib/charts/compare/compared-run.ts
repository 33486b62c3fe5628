import type { ChartTranslate } from '../../i18n/messages/charts';
import type { CompareTranslate } from '../../i18n/messages/compare';
import { isBand } from '../curve-bands';
import type { RunSeries } from '../run-series';
import type { CurveAxis } from '../training-curves';

/**
 * What every chart of the compare screen takes: 2–6 runs or groups of runs on the same axes, one
 * colour per run or group on every chart (its `color`), each one's series named after it so that
 * one legend entry shows or hides all of its lines (a group's band and members included). The builders are pure functions (runs → ECharts option),
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
  /**
   * A group's runs (a seed group, runs of one spec), `series` being the first's: with two or more
   * the charts draw the group as its median and inter-quartile band over faint member lines
   * (curve-bands.ts). Absent, or one, for a run on its own.
   */
  readonly members?: readonly RunSeries[];
}

/** The runs a compared entry draws as a band, or null when it is drawn as one run's line. */
export function bandMembers(run: ComparedRun): readonly RunSeries[] | null {
  return run.members && isBand(run.members.length) ? run.members : null;
}

/** Every run an entry stands for: a group's members, or the run itself. */
export function seriesOf(run: ComparedRun): readonly RunSeries[] {
  return run.members && run.members.length > 0 ? run.members : [run.series];
}

/** Options of the charts over training time (curves, gap, gradients). */
export interface CompareCurveOptions {
  /** x axis: steps (default), fractional epochs, or seconds of training (run-curves.ts). */
  xAxis?: CurveAxis | 'time';
  /** Log-scale loss axis (non-positive values become gaps). */
  logScale?: boolean;
}
