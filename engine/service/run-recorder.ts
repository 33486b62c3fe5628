import type { TrainingEvent } from '../api/events';

/** Where recorded events go (the run history). */
export interface EventSink {
  recordEvents(runId: string, events: TrainingEvent[]): void;
}

/**
 * Buffers one run's events and writes them in batches (one transaction each): a run that is
 * killed loses at most the events since the last flush, and long runs don't pay one commit per step.
 * start and end are written at once, so a run's status in the database is never behind.
 */
export class RunRecorder {
  private buffer: TrainingEvent[] = [];

  constructor(
    private readonly sink: EventSink,
    readonly runId: string,
    private readonly maxBuffered = 2000,
  ) {}

  push(events: readonly TrainingEvent[]): void {
    this.buffer.push(...events);
    if (this.buffer.length >= this.maxBuffered || events.some((e) => e.type === 'start' || e.type === 'end')) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.sink.recordEvents(this.runId, batch);
  }
}
