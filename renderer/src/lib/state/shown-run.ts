import type { StartEvent } from '$engine/api/events';
import type { RunSeries } from '../charts/run-series';

/**
 * A run as the charts and the network drawing show it: live (RunView) or replayed from the
 * history. `version` changes whenever `series` does, so what derives from the series follows it.
 */
export interface ShownRun {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly start: StartEvent | null;
  readonly series: RunSeries;
  /** The seed group it belongs to, when it has one. */
  readonly groupId?: string | null;
  /** Seconds of training per step (its training time over its steps), for the curves' time axis; null while unknown. */
  readonly secondsPerStep?: number | null;
}
