import type { EndEvent, TrainingEvent } from '../../api/events';
import { Trainer } from '../trainer';
import { exportWeights } from '../export-weights';
import type { FromWorkerMessage, RunMessage, RunMode, ToWorkerMessage } from './worker-protocol';
import { messageOf } from '../../api/error-message';

/** Training time per chunk before yielding to the worker's event loop (so control messages get in). */
export const CHUNK_MS = 15;
/** Events are posted at most this often (start and end at once). */
export const FLUSH_MS = 50;
/**
 * A batch is posted early once it holds this many events, or a network snapshot (tens of KB):
 * the main thread stores each batch in one go, and a small network makes thousands of events in
 * FLUSH_MS; small batches keep every store short (the main thread must never block for long).
 */
export const MAX_BATCH_EVENTS = 250;
/** Training waits while this many posted event batches are not yet acknowledged by the main thread. */
export const MAX_UNACKNOWLEDGED_BATCHES = 2;

/** The mode each control message asks for. */
const CONTROL_MODES = { pause: 'paused', resume: 'running', step: 'step', stepEpoch: 'stepEpoch' } as const satisfies Record<string, RunMode>;

/** What the loop does next: train freely, wait, or train until `stepsDone` reaches `target`, then wait. */
type Mode = { kind: 'running' } | { kind: 'paused' } | { kind: 'until'; target: number };

/**
 * The training side of a worker thread, apart from the thread itself (the entry, training-worker.ts,
 * wires it to `parentPort`; a test worker can wrap `post`). Trains one run at a time in chunks of
 * ~CHUNK_MS, yielding with setImmediate between chunks, so pause / step / stop take effect within
 * one chunk. Events are buffered and posted as arrays every FLUSH_MS, before any state change, and at
 * once for start and end. An error thrown by the trainer ends the run `failed` with its message
 * (the worker stays usable); anything else thrown escapes and kills the worker, which the pool
 * reports as a failed run.
 */
export class WorkerLoop {
  private run: WorkerRun | null = null;

  constructor(private readonly post: (message: FromWorkerMessage) => void) {}

  /** Handles one message from the pool. */
  handle(message: ToWorkerMessage): void {
    if (message.kind === 'run') {
      if (this.run !== null) throw new Error(`protocol error: run ${message.runId} sent while ${this.run.runId} is training`);
      const run = new WorkerRun(message.runId, this.post, () => {
        this.run = null;
        this.post({ kind: 'idle' });
      });
      this.run = run;
      run.begin(message);
      return;
    }
    // A control message for a run that has already ended (it crossed our end event): nothing to do.
    if (this.run === null || this.run.runId !== message.runId) return;
    if (message.kind === 'ack') this.run.acknowledge();
    else if (message.kind === 'stop') this.run.stop();
    else this.run.setMode(CONTROL_MODES[message.kind]);
  }
}

class WorkerRun {
  private trainer: Trainer | null = null;
  private mode: Mode = { kind: 'paused' };
  private reported: 'running' | 'paused' | null = null;
  private buffer: TrainingEvent[] = [];
  private lastFlushAt = 0;
  private scheduled = false;
  private ended = false;
  /** Event batches posted and not yet acknowledged (see MAX_UNACKNOWLEDGED_BATCHES). */
  private unacknowledged = 0;
  /** Paused time is left out of elapsedMs: it measures training, not waiting. */
  private pausedMs = 0;
  private pausedSince: number | null = null;
  private readonly createdAt = performance.now();

  constructor(
    readonly runId: string,
    private readonly post: (message: FromWorkerMessage) => void,
    private readonly onFinished: () => void,
  ) {}

  /** Builds the trainer, emits start and the initial evaluation, then goes on as the message's mode says. */
  begin(message: RunMessage): void {
    const started = this.guard(() => {
      const trainer = new Trainer(message.spec, message.dataset, {
        runId: message.runId,
        emit: (event) => this.emit(event),
        now: () => this.activeNow(),
      });
      this.trainer = trainer;
      trainer.start();
    });
    if (started) this.setMode(message.mode);
  }

  setMode(mode: RunMode): void {
    if (this.ended) return;
    const trainer = this.trainer!;
    if (mode === 'running') this.mode = { kind: 'running' };
    else if (mode === 'paused') this.mode = { kind: 'paused' };
    else if (mode === 'step') this.mode = { kind: 'until', target: trainer.stepsDone + 1 };
    else this.mode = { kind: 'until', target: (Math.floor(trainer.stepsDone / trainer.stepsPerEpoch) + 1) * trainer.stepsPerEpoch };
    this.report(this.mode.kind === 'paused' ? 'paused' : 'running');
    if (this.mode.kind !== 'paused') this.schedule();
  }

  /** The main thread has handled one more batch: training may go on if it was waiting for that. */
  acknowledge(): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - 1);
    if (this.unacknowledged < MAX_UNACKNOWLEDGED_BATCHES) this.schedule();
  }

  /** Ends the run `stopped` (the trainer evaluates the current network first), keeping all it emitted. */
  stop(): void {
    if (this.ended) return;
    this.guard(() => this.trainer!.stop('stopped by the user'));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.chunk();
    });
  }

  /** Trains for ~CHUNK_MS (or until the mode's target step), then yields. */
  private chunk(): void {
    if (this.ended || this.mode.kind === 'paused') return;
    // The main thread is behind: wait for its acknowledgement (acknowledge() schedules the next chunk).
    if (this.unacknowledged >= MAX_UNACKNOWLEDGED_BATCHES) return;
    const trainer = this.trainer!;
    const mode = this.mode;
    const deadline = performance.now() + CHUNK_MS;
    const trained = this.guard(() => {
      do {
        if (mode.kind === 'until' && trainer.stepsDone >= mode.target) break;
        trainer.advance(1);
      } while (!trainer.done && performance.now() < deadline && this.unacknowledged < MAX_UNACKNOWLEDGED_BATCHES);
    });
    if (!trained || this.ended) return;
    if (mode.kind === 'until' && trainer.stepsDone >= mode.target) {
      this.setMode('paused');
      return;
    }
    if (performance.now() - this.lastFlushAt >= FLUSH_MS) this.flush();
    this.schedule();
  }

  /** Runs trainer code; a throw ends the run `failed`. False when the run is over (ended or failed). */
  private guard(action: () => void): boolean {
    try {
      action();
    } catch (error) {
      this.fail(error);
      return false;
    }
    return !this.ended;
  }

  private emit(event: TrainingEvent): void {
    this.buffer.push(event);
    if (event.type === 'end') this.finish();
    else if (event.type === 'start' || event.type === 'network' || this.buffer.length >= MAX_BATCH_EVENTS) this.flush();
  }

  /** A state change goes out after the events before it, and only when it is a change. */
  private report(state: 'running' | 'paused'): void {
    if (state === this.reported) return;
    const now = performance.now();
    if (state === 'paused') this.pausedSince = now;
    else if (this.pausedSince !== null) {
      this.pausedMs += now - this.pausedSince;
      this.pausedSince = null;
    }
    this.reported = state;
    this.flush();
    this.post({ kind: 'state', runId: this.runId, state });
  }

  private flush(): void {
    this.lastFlushAt = performance.now();
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    this.buffer = [];
    this.unacknowledged++;
    this.post({ kind: 'events', runId: this.runId, events });
  }

  /** After the end event: post it, then the final weights, then free the worker. */
  private finish(): void {
    this.ended = true;
    this.flush();
    let weights = null;
    try {
      if (this.trainer !== null) weights = exportWeights(this.trainer.network);
    } catch {
      // Non-finite parameters (a diverged run) cannot be saved: the run simply has no weights.
    }
    this.post({ kind: 'weights', runId: this.runId, weights });
    this.onFinished();
  }

  /** Ends the run `failed` with the error's message (no final metrics). */
  private fail(error: unknown): void {
    if (this.ended) return;
    const end: EndEvent = {
      type: 'end',
      status: 'failed',
      steps: this.trainer?.stepsDone ?? 0,
      final: null,
      message: messageOf(error),
      elapsedMs: this.activeNow(),
    };
    this.buffer.push(end);
    this.ended = true;
    this.flush();
    this.post({ kind: 'weights', runId: this.runId, weights: null });
    this.onFinished();
  }

  /** Milliseconds since the run was created, paused time left out. */
  private activeNow(): number {
    const now = performance.now();
    const paused = this.pausedMs + (this.pausedSince !== null ? now - this.pausedSince : 0);
    return now - this.createdAt - paused;
  }
}
