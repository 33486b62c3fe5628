import type { TrainingEvent } from '$engine/api/events';

/**
 * The number of updates done by the time an event was emitted: a step event and its diagnostics
 * (and network snapshot) describe update s (so they count as s + 1), an evaluation names its own step, the end comes after
 * its last evaluation. Non-decreasing along a recorded run, so "the run at step k" is a prefix.
 */
export function progressOf(event: TrainingEvent): number {
  switch (event.type) {
    case 'start':
      return 0;
    case 'step':
    case 'diagnostics':
    case 'network':
      return event.step + 1;
    case 'eval':
      return event.step;
    case 'end':
      return event.steps + 0.5;
  }
}

/** The timer functions a session uses (injected in tests). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ReplayListener {
  /** Events to append; `reset` means: forget what was shown, these events are the run from its start. */
  (events: TrainingEvent[], reset: boolean): void;
}

/** How often a playing replay emits (ms). */
const TICK_MS = 50;

/**
 * Plays a stored run's events back in recorded order, at an adjustable number of training steps
 * per second, or jumps to any step (the listener then gets every event up to it, to redraw).
 */
export class ReplaySession {
  private position = 0;
  private emitted = 0;
  private timer: unknown = null;
  private readonly timers: Timers;
  readonly totalSteps: number;

  constructor(
    private readonly events: readonly TrainingEvent[],
    private readonly listener: ReplayListener,
    private stepsPerSecond = 50,
    timers?: Timers,
  ) {
    this.timers = timers ?? { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    const last = events[events.length - 1];
    this.totalSteps = last ? Math.floor(progressOf(last)) : 0;
  }

  /** Updates shown so far. */
  get step(): number {
    return Math.min(Math.floor(this.position), this.totalSteps);
  }

  get playing(): boolean {
    return this.timer !== null;
  }

  get finished(): boolean {
    return this.emitted >= this.events.length;
  }

  play(): void {
    if (this.playing || this.finished) return;
    this.schedule();
  }

  pause(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  setSpeed(stepsPerSecond: number): void {
    if (!(stepsPerSecond > 0) || !Number.isFinite(stepsPerSecond)) throw new RangeError(`replay speed must be a positive number of steps per second (got ${stepsPerSecond})`);
    this.stepsPerSecond = stepsPerSecond;
  }

  /** Shows the run as it was after `step` updates (clamped to the run), replacing what was shown. */
  seek(step: number): void {
    this.position = Math.max(0, Math.min(step, this.totalSteps + 0.5));
    this.emitted = 0;
    this.listener(this.takeUpTo(this.position), true);
  }

  /** Stops playing for good. */
  close(): void {
    this.pause();
  }

  private schedule(): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.position += (this.stepsPerSecond * TICK_MS) / 1000;
      const batch = this.takeUpTo(this.position);
      if (batch.length > 0) this.listener(batch, false);
      if (!this.finished) this.schedule();
    }, TICK_MS);
  }

  private takeUpTo(position: number): TrainingEvent[] {
    const batch: TrainingEvent[] = [];
    while (this.emitted < this.events.length && progressOf(this.events[this.emitted]!) <= position) batch.push(this.events[this.emitted++]!);
    return batch;
  }
}
