import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { EndEvent, EndStatus, TrainingEvent } from '../../api/events';
import type { RunSpec } from '../../api/run-spec';
import type { Dataset } from '../../data/types';
import type { WeightsFile } from '../../api/weights-file';
import { workerResourceLimits } from './worker-limits';
import { defaultWorkerUrl, workerLaunch, type WorkerLaunch } from './worker-url';
import type { AckMessage, ControlMessage, FromWorkerMessage, RunMessage, RunMode } from './worker-protocol';
import { messageOf } from '../../api/error-message';

export interface TrainingPoolOptions {
  /** Most worker threads at once (default `os.availableParallelism()`); created when first needed, reused across runs. */
  size?: number;
  /** The worker entry (default `defaultWorkerUrl()`, the TypeScript source); a bundled app passes its built .js/.mjs. */
  workerUrl?: URL;
  /** The workers' execArgv (default: none for a TypeScript entry, see workerLaunch; Node's default, the parent's, otherwise). */
  execArgv?: string[];
  /**
   * Heap limits per worker, field by field over TRAINING_WORKER_RESOURCE_LIMITS (worker-limits.ts:
   * a small young generation); a worker that runs out ends its run `failed` and is replaced.
   */
  resourceLimits?: ResourceLimits;
  /** How long `close()` lets running runs stop cleanly before it terminates their workers (default 2000 ms). */
  closeGraceMs?: number;
}

/** One run to train. */
export interface RunRequest {
  runId: string;
  /** A parsed spec (parseRunSpec), checked against the dataset by the worker's Trainer. */
  spec: RunSpec;
  /** The loaded dataset. Arrays over a SharedArrayBuffer (MNIST's images) are shared with the worker, not copied. */
  dataset: Dataset;
  /** Begin paused: `start` and the initial evaluation are emitted, then the run waits for resume / step. */
  paused?: boolean;
}

/** Where a run is: waiting for a worker, training, waiting on its worker, or over (its end event was emitted). */
export type RunState = 'queued' | 'running' | 'paused' | 'ended';

/** Receives one run's output, on the main thread, in order. */
export interface RunListener {
  /** The run's events in order, in batches (at most every ~50 ms); the last batch ends with the end event. */
  onEvents(events: TrainingEvent[]): void;
  /** Each change of state after `queued`, ending with `ended`. */
  onState?(state: RunState): void;
  /**
   * Once, after the end event: the final parameters as the worker exported them, or null when it has
   * none (failed, never started, non-finite parameters). A diverged run whose parameters are still
   * finite has them: which to keep is the caller's rule (LabService keeps none for diverged or failed runs).
   */
  onWeights?(weights: WeightsFile | null): void;
}

/**
 * A run in the pool. Control calls are requests: they take effect in the worker within one chunk
 * (~15 ms of training), and are no-ops once the run has ended. On a queued run, pause / resume / step /
 * stepEpoch decide how it begins when a worker takes it, and stop ends it at once.
 */
export interface RunHandle {
  readonly runId: string;
  readonly state: RunState;
  /** Waits after the current step. */
  pause(): void;
  /** Trains on to the end. */
  resume(): void;
  /** Trains exactly one step, then waits. */
  step(): void;
  /** Trains to the end of the current epoch (a whole epoch when standing on a boundary), then waits. */
  stepEpoch(): void;
  /**
   * Ends the run `stopped` with a final evaluation, keeping everything emitted so far. A queued run
   * ends at once with only an end event: status `stopped`, steps 0, final null, message
   * "stopped before it started" (no start event: it never started).
   */
  stop(): void;
  /** The end event (also delivered through onEvents). Never rejects. */
  readonly done: Promise<EndEvent>;
  /** The final parameters, or null (see RunListener.onWeights). Never rejects. */
  readonly weights: Promise<WeightsFile | null>;
}

/** A worker thread and the run it is training (null when free). */
interface Slot {
  readonly worker: Worker;
  run: PoolRun | null;
  /** The error that killed the worker, when one did. */
  error: Error | null;
}

const STOPPED_BEFORE_START = 'stopped before it started';
const CLOSED_MESSAGE = 'stopped: the training pool closed before the run could stop cleanly';

/**
 * Trains runs in worker threads, several at once (DESIGN.md: the trainer never runs on the main
 * event loop). Up to `size` workers are created as runs need them and reused; further runs queue
 * (state `queued`) and start, in order, when a worker is free. Workers post events in batches, so
 * the main thread only relays arrays; datasets over SharedArrayBuffer are held once per process.
 *
 * A worker that dies (an uncaught error, running out of memory under `resourceLimits`, exiting)
 * ends its run with a synthesized end event: status `failed`, the error's message, final null,
 * steps = last step seen + 1 (0 if none). The dead worker is dropped and a new one is created
 * when a run needs it; other runs go on. Idle workers do not keep the process alive.
 */
export class TrainingPool {
  readonly size: number;
  private readonly launch: WorkerLaunch;
  private readonly resourceLimits: ResourceLimits;
  private readonly closeGraceMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: PoolRun[] = [];
  private closing: Promise<void> | null = null;

  constructor(options: TrainingPoolOptions = {}) {
    const size = options.size ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`TrainingPool size must be a whole number ≥ 1, not ${size}`);
    this.size = size;
    const launch = workerLaunch(options.workerUrl ?? defaultWorkerUrl());
    this.launch = options.execArgv !== undefined ? { ...launch, execArgv: options.execArgv } : launch;
    this.resourceLimits = workerResourceLimits(options.resourceLimits);
    this.closeGraceMs = options.closeGraceMs ?? 2000;
  }

  /** Worker threads alive now (at most `size`). */
  get workerCount(): number {
    return this.slots.length;
  }

  /**
   * Queues a run and returns its handle at once; it starts now when a worker is free (state
   * `running`, or `paused` with `request.paused`), else stays `queued`. Throws once the pool is closed.
   */
  start(request: RunRequest, listener: RunListener): RunHandle {
    if (this.closing !== null) throw new Error('the training pool is closed');
    const run = new PoolRun(request, listener, (r, message) => this.send(r, message));
    this.queue.push(run);
    this.dispatch();
    return run;
  }

  /**
   * Stops every run (queued runs end "stopped before it started"; running ones stop with a final
   * evaluation), waits up to `closeGraceMs` for them to end, then terminates all workers. A run
   * still training then ends `stopped` with final null. Resolves when every worker has exited.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    for (const run of [...this.queue]) run.stop();
    const busy = this.slots.flatMap((slot) => (slot.run ? [slot.run] : []));
    for (const run of busy) run.stop();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.closeGraceMs)));
    await Promise.race([Promise.all(busy.map((run) => run.weights)), grace]);
    clearTimeout(timer);
    // An idle worker is unref'd, and terminate()'s promise alone does not keep the event loop alive:
    // without ref() (kept by receive() while closing), a process with nothing else to do (the CLI)
    // would exit before close() resolves.
    await Promise.all(
      [...this.slots].map((slot) => {
        slot.worker.ref();
        return slot.worker.terminate();
      }),
    );
  }

  /** Main → worker for a run's control calls; a queued run is only taken out of the queue when stopped. */
  private send(run: PoolRun, message: ControlMessage | AckMessage): void {
    if (run.slot === null) {
      if (message.kind !== 'stop') return;
      const index = this.queue.indexOf(run);
      if (index >= 0) this.queue.splice(index, 1);
      run.end('stopped', STOPPED_BEFORE_START, 0);
      return;
    }
    run.slot.worker.postMessage(message);
  }

  /** Hands queued runs to free workers, creating workers up to `size`. */
  private dispatch(): void {
    while (this.queue.length > 0 && this.closing === null) {
      let slot = this.slots.find((s) => s.run === null && s.error === null);
      if (slot === undefined && this.slots.length < this.size) {
        try {
          slot = this.spawn();
        } catch (error) {
          this.queue.shift()!.end('failed', `cannot start a training worker: ${messageOf(error)}`, 0);
          continue;
        }
      }
      if (slot === undefined) return;
      const run = this.queue.shift()!;
      slot.run = run;
      slot.worker.ref();
      try {
        run.begin(slot);
      } catch (error) {
        // The request could not be posted (e.g. a dataset that cannot be cloned): the worker is still free.
        slot.run = null;
        run.end('failed', `cannot send the run to a worker: ${messageOf(error)}`, 0);
      }
    }
  }

  private spawn(): Slot {
    const { script, workerData, execArgv } = this.launch;
    const worker = new Worker(script, {
      ...(workerData !== undefined ? { workerData } : {}),
      ...(execArgv !== undefined ? { execArgv } : {}),
      resourceLimits: this.resourceLimits,
    });
    const slot: Slot = { worker, run: null, error: null };
    this.slots.push(slot);
    worker.on('message', (message: FromWorkerMessage) => this.receive(slot, message));
    worker.on('error', (error) => {
      slot.error ??= error;
    });
    worker.on('messageerror', (error) => {
      slot.error ??= error;
      void worker.terminate();
    });
    // Messages posted before a worker died are all delivered before 'exit', so the run's last events are in.
    worker.on('exit', (code) => this.exited(slot, code));
    return slot;
  }

  private receive(slot: Slot, message: FromWorkerMessage): void {
    if (message.kind === 'idle') {
      slot.run = null;
      // Closing: shutdown() has ref'd the worker until it exits (an idle message may still arrive).
      if (this.closing === null) slot.worker.unref();
      this.dispatch();
      return;
    }
    if (slot.run !== null && slot.run.runId === message.runId) slot.run.receive(message);
  }

  private exited(slot: Slot, code: number): void {
    this.slots.splice(this.slots.indexOf(slot), 1);
    const run = slot.run;
    slot.run = null;
    if (run !== null) {
      if (slot.error === null && this.closing !== null) run.end('stopped', CLOSED_MESSAGE, run.stepsSeen);
      else {
        const message = slot.error !== null ? messageOf(slot.error) : `the training worker exited unexpectedly (exit code ${code})`;
        run.end('failed', message, run.stepsSeen);
      }
    }
    this.dispatch();
  }
}

/** A run as the pool tracks it; handed out as its RunHandle. */
class PoolRun implements RunHandle {
  readonly runId: string;
  readonly done: Promise<EndEvent>;
  readonly weights: Promise<WeightsFile | null>;
  /** The worker training it; null while queued. */
  slot: Slot | null = null;
  private currentState: RunState = 'queued';
  /** How the run begins when a worker takes it (set by control calls while queued). */
  private initialMode: RunMode;
  private lastStep = -1;
  private startedAt = 0;
  private weightsSettled = false;
  private resolveDone!: (end: EndEvent) => void;
  private resolveWeights!: (weights: WeightsFile | null) => void;

  constructor(
    private readonly request: RunRequest,
    private readonly listener: RunListener,
    private readonly sendControl: (run: PoolRun, message: ControlMessage | AckMessage) => void,
  ) {
    this.runId = request.runId;
    this.initialMode = request.paused === true ? 'paused' : 'running';
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.weights = new Promise((resolve) => (this.resolveWeights = resolve));
  }

  get state(): RunState {
    return this.currentState;
  }

  /** Steps reported so far (the last step event's step + 1): what a run cut short had begun. */
  get stepsSeen(): number {
    return this.lastStep + 1;
  }

  pause(): void {
    this.control('pause', 'paused');
  }

  resume(): void {
    this.control('resume', 'running');
  }

  step(): void {
    this.control('step', 'step');
  }

  stepEpoch(): void {
    this.control('stepEpoch', 'stepEpoch');
  }

  stop(): void {
    this.control('stop', null);
  }

  private control(kind: ControlMessage['kind'], queuedMode: RunMode | null): void {
    if (this.currentState === 'ended') return;
    if (this.slot === null && queuedMode !== null) this.initialMode = queuedMode;
    else this.sendControl(this, { kind, runId: this.runId });
  }

  /** Sends the run to the worker of `slot` (throws when the request cannot be posted). */
  begin(slot: Slot): void {
    const { runId, spec, dataset } = this.request;
    const message: RunMessage = { kind: 'run', runId, spec, dataset, mode: this.initialMode };
    slot.worker.postMessage(message);
    this.slot = slot;
    this.startedAt = performance.now();
    this.setState(this.initialMode === 'paused' ? 'paused' : 'running');
  }

  /** A message from its worker. */
  receive(message: Exclude<FromWorkerMessage, { kind: 'idle' }>): void {
    switch (message.kind) {
      case 'events': {
        const { events } = message;
        for (let i = events.length - 1; i >= 0; i--) {
          const event = events[i]!;
          if (event.type === 'step') {
            this.lastStep = event.step;
            break;
          }
        }
        const end = events[events.length - 1];
        if (end?.type === 'end') this.resolveDone(end);
        this.listener.onEvents(events);
        if (end?.type === 'end') this.setState('ended');
        // Handled (the listener stores synchronously): the worker may run ahead by another batch, but
        // only after the event loop has had a turn. Acknowledging at once lets fast workers keep the
        // message queue full, and Node drains it without ever getting to timers, I/O or the UI.
        else setImmediate(() => this.sendControl(this, { kind: 'ack', runId: this.runId }));
        return;
      }
      case 'state':
        if (this.currentState !== 'ended') this.setState(message.state);
        return;
      case 'weights':
        this.settleWeights(message.weights);
        return;
    }
  }

  /** Ends the run from the main thread (never started, or its worker is gone): a synthesized end event, no weights. */
  end(status: EndStatus, message: string, steps: number): void {
    if (this.currentState !== 'ended') {
      const elapsedMs = this.slot === null ? 0 : performance.now() - this.startedAt;
      const end: EndEvent = { type: 'end', status, steps, final: null, message, elapsedMs };
      this.resolveDone(end);
      this.listener.onEvents([end]);
      this.setState('ended');
    }
    this.settleWeights(null);
  }

  private settleWeights(weights: WeightsFile | null): void {
    if (this.weightsSettled) return;
    this.weightsSettled = true;
    this.resolveWeights(weights);
    this.listener.onWeights?.(weights);
  }

  private setState(state: RunState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.listener.onState?.(state);
  }
}

