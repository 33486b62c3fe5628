import type { EndEvent, TrainingEvent } from '../api/events';
import type { WeightsFile } from '../api/weights-file';
import { messageOf } from '../api/error-message';
import { HistoryError } from '../history/history-error';

/** What a run's storage needs of the run history. */
export interface RunEventStore {
  recordEvents(runId: string, events: readonly TrainingEvent[]): void;
  markRunFailed(runId: string, message: string): boolean;
  saveWeights(runId: string, file: WeightsFile): void;
}

/** What the storage tells its owner. */
export interface RunStorageListener {
  /** The run's events cannot be stored: stop its training (its end will be stored failed). */
  onFailure(reason: string, cause: unknown): void;
  /** The run ended as stored, but its final weights could not be saved. */
  onWeightsLost(reason: string): void;
}

export interface RunStorageOptions {
  /**
   * How long another program may keep the history locked (each attempt already waits the busy
   * timeout) before the run is given up as failed.
   */
  lockPatienceMs: number;
  /** How long the failed end of a run that could not be stored is retried (default LOCK_PATIENCE_MS). */
  endPatienceMs?: number;
  /** First wait between attempts; it doubles up to maxRetryDelayMs. */
  firstRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  now?: () => number;
}

/** Default patience with another program's lock: long enough for a big import or delete elsewhere. */
export const LOCK_PATIENCE_MS = 120_000;

/**
 * Stores one run's events in the run history, in order, and makes sure the run ends with its real
 * status there. Another program holding the history (the app and `nnlab train` share one file)
 * is waited out: a batch refused as 'locked' is kept, later events queue behind it, and the lot is
 * retried with a growing pause (the event loop stays free meanwhile) for up to `lockPatienceMs`.
 * Any other refusal (a full disk, a read-only file, an event that cannot be stored), or a lock
 * that outlasts the patience, is a failure: `onFailure` hears the reason (the service stops the
 * training), the events that could not be stored are dropped, and the run's end is stored as
 * `failed` with that reason, whatever the worker then reports (a stop it was asked for, a
 * completion). That last write is retried as patiently (a full disk may have space again once a
 * checkpoint or another program frees some). The final weights come after the end and wait for the
 * lock the same way; ones that cannot be saved are reported and the run keeps its status.
 */
export class RunStorage {
  private pending: TrainingEvent[] = [];
  /** When the batch now pending was first refused. */
  private refusedSince: number | null = null;
  private retryDelayMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failureReason: string | null = null;
  private endStored = false;
  /** The final weights waiting to be saved (after the end). */
  private weights: WeightsFile | null = null;
  /** Whether the worker has said what its weights are (null included). */
  private weightsGiven = false;
  /** Set by close: a refusal is not retried any more. */
  private closing = false;
  /** Nothing more is written (see giveUp). */
  private gaveUp = false;
  private resolveSettled!: () => void;
  /** Resolves once the run's end is stored and its weights saved or dropped, or the storage gave up. */
  readonly settled = new Promise<void>((resolve) => (this.resolveSettled = resolve));

  constructor(
    private readonly store: RunEventStore,
    readonly runId: string,
    private readonly listener: RunStorageListener,
    private readonly options: RunStorageOptions,
  ) {
    this.retryDelayMs = options.firstRetryDelayMs ?? 100;
  }

  /** Why the run's events could not be stored, or null while they can. */
  get failure(): string | null {
    return this.failureReason;
  }

  /**
   * The events as they should be seen and stored: after a failure, the worker's end becomes a
   * `failed` end carrying the reason (so the observer, the live view and the history agree).
   */
  asStored(events: readonly TrainingEvent[]): TrainingEvent[] {
    const reason = this.failureReason;
    if (reason === null) return [...events];
    return events.map((event) => (event.type === 'end' ? failedEnd(event, reason) : event));
  }

  /** Stores the events (see asStored), now or once another program's lock is gone. */
  push(events: readonly TrainingEvent[]): void {
    if (this.gaveUp || this.endStored) return;
    const stored = this.asStored(events);
    // After a failure only the end is kept: the history could not take the rest.
    this.pending.push(...(this.failureReason === null ? stored : stored.filter((event) => event.type === 'end')));
    if (this.retryTimer === null) this.attempt();
  }

  /** Saves the run's final weights once its end is stored; null: it keeps none. Dropped after a failure. */
  keepWeights(file: WeightsFile | null): void {
    this.weightsGiven = true;
    if (this.gaveUp) return;
    this.weights = this.failureReason === null ? file : null;
    if (this.retryTimer === null) this.attempt();
  }

  /**
   * Gives the run up as failed for a reason found elsewhere (another run filled the disk): its
   * next events are not stored, its end is stored `failed` with `reason`. No-op once failed.
   */
  failWith(reason: string): void {
    if (this.failureReason === null && !this.endStored && !this.gaveUp) this.fail(reason, null);
  }

  /**
   * No more waiting: what is waiting for a lock is tried once more now, and from here on anything
   * refused is dropped (`settled` then resolves). Events and weights still to come are written
   * once each. For a service that is closing, after its workers have ended.
   */
  close(): void {
    if (this.closing) return;
    this.closing = true;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.attempt();
    }
  }

  private attempt(): void {
    this.retryTimer = null;
    try {
      if (this.pending.length > 0) this.writeEvents();
      if (this.weights !== null && this.endStored) {
        this.store.saveWeights(this.runId, this.weights);
        this.weights = null;
      }
      this.refusedSince = null;
      this.retryDelayMs = this.options.firstRetryDelayMs ?? 100;
    } catch (error) {
      this.refused(error);
    }
    if (this.endStored && this.weightsGiven && this.weights === null) this.resolveSettled();
  }

  private writeEvents(): void {
    const batch = this.pending;
    const end = batch.find((event): event is EndEvent => event.type === 'end');
    if (this.failureReason !== null && end !== undefined) {
      this.writeFailedEnd(end, this.failureReason);
    } else {
      this.store.recordEvents(this.runId, batch);
    }
    this.pending = [];
    if (end !== undefined) this.endStored = true;
  }

  /**
   * The failed end in full (steps, duration, final metrics), or, when even that does not fit (a
   * full disk may still take a smaller change), just the status and the reason.
   */
  private writeFailedEnd(end: EndEvent, reason: string): void {
    try {
      this.store.recordEvents(this.runId, [failedEnd(end, reason)]);
    } catch (error) {
      if (isLocked(error)) throw error;
      this.store.markRunFailed(this.runId, reason);
    }
  }

  private refused(error: unknown): void {
    const now = (this.options.now ?? Date.now)();
    this.refusedSince ??= now;
    const waited = now - this.refusedSince;
    if (this.endStored) {
      // The weights were refused: the run's status is stored already and stays.
      if (isLocked(error) && waited < this.options.lockPatienceMs) {
        this.retryLater();
      } else {
        this.weights = null;
        this.listener.onWeightsLost(`could not save the weights of this run: ${messageOf(error)}`);
      }
      return;
    }
    if (this.failureReason !== null) {
      // The failed end itself was refused (a lock, a disk still full): tried again for a while;
      // then the run is left to the next program that opens the history, which marks it
      // interrupted once this process has ended.
      if (waited < (this.options.endPatienceMs ?? LOCK_PATIENCE_MS)) this.retryLater();
      else this.giveUp();
      return;
    }
    if (isLocked(error) && waited < this.options.lockPatienceMs) {
      this.retryLater();
      return;
    }
    this.refusedSince = null;
    this.fail(`could not store this run's events: ${messageOf(error)}`, error);
  }

  private giveUp(): void {
    this.pending = [];
    this.weights = null;
    this.gaveUp = true;
    this.resolveSettled();
  }

  private fail(reason: string, cause: unknown): void {
    this.failureReason = reason;
    this.pending = this.asStored(this.pending).filter((event) => event.type === 'end');
    this.weights = null;
    this.listener.onFailure(reason, cause);
    if (this.pending.length > 0) this.attempt();
  }

  private retryLater(): void {
    if (this.closing) {
      this.giveUp();
      return;
    }
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(delay * 2, this.options.maxRetryDelayMs ?? 2_000);
    this.retryTimer = setTimeout(() => this.attempt(), delay);
  }
}

function failedEnd(end: EndEvent, reason: string): EndEvent {
  return { ...end, status: 'failed', message: reason };
}

function isLocked(error: unknown): boolean {
  return error instanceof HistoryError && error.code === 'locked';
}
