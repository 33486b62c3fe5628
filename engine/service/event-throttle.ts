import type { TrainingEvent } from '../api/events';
import { DisplayBatch } from './display-batch';

/** Timer functions, injected so tests drive time themselves. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EventThrottleOptions {
  /** Forward at most this often per run (ms). */
  intervalMs: number;
  /** At most this many step events per forwarded batch (evenly spaced, the last one always kept). */
  maxStepsPerBatch: number;
  /** At most this many diagnostics events per forwarded batch (same thinning; only the last keeps its histograms). */
  maxDiagnosticsPerBatch: number;
  /** At most this many evaluations per forwarded batch (same thinning). */
  maxEvalsPerBatch: number;
  /**
   * Forward a run's network snapshot (a 2-D run's decision boundary and neuron pictures, ~50 kB
   * of JSON: most of what a push costs to encode) at most this often (ms); a newer one replaces a
   * held one, and the last always goes with the run's end. Default 0: with every batch.
   */
  minNetworkIntervalMs?: number;
  timers?: Timers;
  /** A milliseconds clock (default performance.now), for minNetworkIntervalMs. */
  now?: () => number;
}

/**
 * What the UI gets of a run's events: batches a few times a second, each reduced to what the live
 * view shows as the events arrive (see DisplayBatch: steps, evaluations and diagnostics thinned,
 * only the latest snapshots in full; the database keeps every event, the UI redraws a chart, it
 * doesn't need 5,000 points a second). start and end are forwarded at once, after anything
 * pending, so the order of events is kept.
 */
export class EventThrottle {
  private readonly pending = new Map<string, DisplayBatch>();
  private readonly timersByRun = new Map<string, unknown>();
  private readonly networkSentAt = new Map<string, number>();
  private readonly timers: Timers;

  constructor(
    private readonly forward: (runId: string, events: TrainingEvent[]) => void,
    private readonly options: EventThrottleOptions,
  ) {
    this.timers = options.timers ?? { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  }

  push(runId: string, events: readonly TrainingEvent[]): void {
    if (events.length === 0) return;
    let batch = this.pending.get(runId);
    if (!batch) {
      batch = new DisplayBatch({ maxSteps: this.options.maxStepsPerBatch, maxDiagnostics: this.options.maxDiagnosticsPerBatch, maxEvals: this.options.maxEvalsPerBatch });
      this.pending.set(runId, batch);
    }
    let startOrEnd = false;
    for (const event of events) {
      batch.add(event);
      if (event.type === 'start' || event.type === 'end') startOrEnd = true;
    }
    if (startOrEnd) this.flush(runId);
    else this.schedule(runId);
    if (events[events.length - 1]!.type === 'end') this.networkSentAt.delete(runId);
  }

  /** Forwards what is pending for one run (or all runs) now, held network snapshots included. */
  flush(runId?: string): void {
    for (const id of runId === undefined ? [...this.pending.keys()] : [runId]) this.forwardPending(id, false);
  }

  /** Forwards a run's pending batch; on a timer, a network snapshot sent too recently waits for the next one. */
  private forwardPending(id: string, onTimer: boolean): void {
    const timer = this.timersByRun.get(id);
    if (timer !== undefined) this.timers.clearTimeout(timer);
    this.timersByRun.delete(id);
    const batch = this.pending.get(id);
    this.pending.delete(id);
    if (!batch || batch.size === 0) return;
    const minInterval = this.options.minNetworkIntervalMs ?? 0;
    const now = minInterval > 0 ? (this.options.now ?? (() => performance.now()))() : 0;
    const hold = onTimer && minInterval > 0 && now - (this.networkSentAt.get(id) ?? -Infinity) < minInterval;
    const { shown, held } = batch.takeHolding(hold);
    if (held) this.push(id, [held]);
    if (minInterval > 0 && shown.some((event) => event.type === 'network')) this.networkSentAt.set(id, now);
    if (shown.length > 0) this.forward(id, shown);
  }

  private schedule(runId: string): void {
    if (!this.timersByRun.has(runId)) this.timersByRun.set(runId, this.timers.setTimeout(() => this.forwardPending(runId, true), this.options.intervalMs));
  }

  /** Drops pending events and timers (the service is closing). */
  dispose(): void {
    for (const timer of this.timersByRun.values()) this.timers.clearTimeout(timer);
    this.timersByRun.clear();
    this.pending.clear();
    this.networkSentAt.clear();
  }
}
