import type { TrainingEvent } from '../api/events';

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
  /** At most this many diagnostics events per forwarded batch (same thinning). */
  maxDiagnosticsPerBatch: number;
  timers?: Timers;
}

/**
 * What the UI gets of a run's events: batches a few times a second, with long runs of step and
 * diagnostics events thinned out (the database keeps every event; the UI redraws a chart, it
 * doesn't need 5,000 points a second). start and end are forwarded at once, after anything pending,
 * so the order of events is kept.
 */
export class EventThrottle {
  private readonly pending = new Map<string, TrainingEvent[]>();
  private readonly timersByRun = new Map<string, unknown>();
  private readonly timers: Timers;

  constructor(
    private readonly forward: (runId: string, events: TrainingEvent[]) => void,
    private readonly options: EventThrottleOptions,
  ) {
    this.timers = options.timers ?? { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  }

  push(runId: string, events: readonly TrainingEvent[]): void {
    if (events.length === 0) return;
    const queue = this.pending.get(runId) ?? [];
    queue.push(...events);
    this.pending.set(runId, queue);
    if (events.some((e) => e.type === 'start' || e.type === 'end')) this.flush(runId);
    else if (!this.timersByRun.has(runId)) {
      this.timersByRun.set(runId, this.timers.setTimeout(() => this.flush(runId), this.options.intervalMs));
    }
  }

  /** Forwards what is pending for one run (or all runs) now. */
  flush(runId?: string): void {
    for (const id of runId === undefined ? [...this.pending.keys()] : [runId]) {
      const timer = this.timersByRun.get(id);
      if (timer !== undefined) this.timers.clearTimeout(timer);
      this.timersByRun.delete(id);
      const queue = this.pending.get(id);
      this.pending.delete(id);
      if (queue && queue.length > 0) this.forward(id, this.thin(queue));
    }
  }

  /** Drops pending events and timers (the service is closing). */
  dispose(): void {
    for (const timer of this.timersByRun.values()) this.timers.clearTimeout(timer);
    this.timersByRun.clear();
    this.pending.clear();
  }

  private thin(events: TrainingEvent[]): TrainingEvent[] {
    const keepSteps = keepEvenly(events.filter((e) => e.type === 'step'), this.options.maxStepsPerBatch);
    const keepDiagnostics = keepEvenly(events.filter((e) => e.type === 'diagnostics'), this.options.maxDiagnosticsPerBatch);
    return events.filter((e) => (e.type === 'step' ? keepSteps.has(e) : e.type === 'diagnostics' ? keepDiagnostics.has(e) : true));
  }
}

/** At most `max` of `items`, evenly spaced, always including the last. */
function keepEvenly<T>(items: T[], max: number): Set<T> {
  if (items.length <= max) return new Set(items);
  const kept = new Set<T>();
  const stride = items.length / max;
  for (let i = 1; i <= max; i++) kept.add(items[Math.ceil(i * stride) - 1]!);
  return kept;
}
