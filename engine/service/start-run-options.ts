import type { EndStatus, TrainingEvent } from '../api/events';

/**
 * Hears one run's full event stream, for a caller that shows or keeps every event (the CLI's
 * `--json`, its progress lines). Subscribers get a thinned, throttled copy meant for a live view;
 * an observer gets every event the worker emitted, in order, in the batches the worker posts
 * (every ~50 ms while it trains; start and end at once), each batch after it is stored. It is
 * called on the service's thread while the worker waits for the batch to be handled: keep it short.
 */
export interface RunObserver {
  onEvents(events: readonly TrainingEvent[]): void;
  /**
   * Something failed for this run outside its training (storing its events or weights, or this
   * observer's onEvents threw): the run is being stopped; the message says what. Subscribers
   * hear it too, as an `error` message.
   */
  onError?(message: string): void;
}

/** How startRun begins a run. */
export interface StartRunOptions {
  /** The stored run this one trains again (a re-run): kept as the new run's sourceRunId. */
  sourceRunId?: string;
  /** Begin paused: `start` and the initial evaluation are emitted, then the run waits for resume / step. */
  paused?: boolean;
  /** Hears every event of the run (see RunObserver). */
  observer?: RunObserver;
  /** The lab pack the run belongs to (an opened pack's id or 8+ character prefix; 'not-found' otherwise). */
  packId?: string;
  /** The language of the name the service makes for a spec without one, and of a seed group's suffix (default 'en', as the CLI names runs). */
  names?: 'ko' | 'en';
}

/** How startRunGroup begins a seed group. */
export interface GroupRunOptions extends Pick<StartRunOptions, 'packId' | 'paused' | 'names'> {
  /** How many runs (2 to MAX_GROUP_SEEDS): run k has the spec's seed + k. */
  seeds: number;
  /** Hears run k's events (k = 0 … seeds − 1; see RunObserver). */
  observerOf?: (k: number) => RunObserver | undefined;
}

/**
 * The end statuses whose final weights are kept. A diverged run's parameters are huge or non-finite
 * and a failed run's are whatever the error left: neither is a network to predict with or export.
 */
const STATUSES_WITH_WEIGHTS: ReadonlySet<EndStatus> = new Set(['completed', 'stopped']);

/** Whether a run that ended with `status` keeps its final weights (see STATUSES_WITH_WEIGHTS). */
export function keepsWeights(status: EndStatus | null): boolean {
  return status !== null && STATUSES_WITH_WEIGHTS.has(status);
}
