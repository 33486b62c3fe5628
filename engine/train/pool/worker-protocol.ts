import type { TrainingEvent } from '../../api/events';
import type { RunSpec } from '../../api/run-spec';
import type { Dataset } from '../../data/types';
import type { WeightsFile } from '../../api/weights-file';

/**
 * The messages between the pool (main thread) and a training worker. One worker trains one run at
 * a time; every message about a run carries its runId, so a late control message meant for a run
 * that has just ended is ignored rather than applied to the worker's next run.
 *
 * A run's life on a worker, as the worker reports it:
 *   run → events[start, eval] → state(running | paused) → events… (state changes as asked) →
 *   events[…, end] → weights → idle.
 */

/**
 * How a run goes on: `running` trains to the end; `paused` waits; `step` does one step then pauses;
 * `stepEpoch` trains to the end of the current epoch (a whole epoch when it stands on a boundary)
 * then pauses.
 */
export type RunMode = 'running' | 'paused' | 'step' | 'stepEpoch';

/** Main → worker: train this run. The dataset's SharedArrayBuffer-backed arrays are shared, not copied. */
export interface RunMessage {
  kind: 'run';
  runId: string;
  /** A parsed spec (every default filled in). */
  spec: RunSpec;
  dataset: Dataset;
  /** How the run begins (`start` and the initial evaluation are emitted in every mode). */
  mode: RunMode;
}

/** Main → worker: change how the current run goes on, or stop it (end `stopped`, with a final evaluation). */
export interface ControlMessage {
  kind: 'pause' | 'resume' | 'step' | 'stepEpoch' | 'stop';
  runId: string;
}

/**
 * Main → worker: one events batch of this run has been handled (stored, forwarded). The worker keeps
 * at most a couple of batches unacknowledged, so a tiny network that trains faster than the main
 * thread can store its events waits instead of burying the main thread (and pause stays prompt).
 */
export interface AckMessage {
  kind: 'ack';
  runId: string;
}

export type ToWorkerMessage = RunMessage | ControlMessage | AckMessage;

/** Worker → main: the run's events in order, batched (at most every ~50 ms; start and end at once). */
export interface EventsMessage {
  kind: 'events';
  runId: string;
  events: TrainingEvent[];
}

/** Worker → main: the run now trains, or now waits. Sent only on a change, after the events before it. */
export interface StateMessage {
  kind: 'state';
  runId: string;
  state: 'running' | 'paused';
}

/** Worker → main, after the end event: the final parameters (null when they cannot be saved: failed, non-finite). */
export interface WeightsMessage {
  kind: 'weights';
  runId: string;
  weights: WeightsFile | null;
}

/** Worker → main: done with its run, ready for the next. */
export interface IdleMessage {
  kind: 'idle';
}

export type FromWorkerMessage = EventsMessage | StateMessage | WeightsMessage | IdleMessage;
