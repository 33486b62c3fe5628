import type { EndEvent, TrainingEvent } from '../engine/api/events';
import type { RunSpec } from '../engine/api/run-spec';
import type { Dataset } from '../engine/data/types';
import type { RunHistory } from '../engine/history/run-history';
import { RunRecorder } from '../engine/service/run-recorder';
import { Trainer } from '../engine/train/trainer';
import { exportWeights } from '../engine/train/export-weights';

/** How long one chunk of training runs before the event loop gets a turn (Ctrl-C, heartbeats). */
const CHUNK_MS = 75;

export interface InProcessRun {
  runId: string;
  spec: RunSpec;
  dataset: Dataset;
  /** Every event, in order. */
  onEvent(event: TrainingEvent): void;
  /** Called between chunks (progress lines). */
  afterChunk?(): void;
  /** Store the run: its events in batches (one transaction per chunk), heartbeats, final weights. */
  history?: RunHistory;
  sourceRunId?: string;
}

/**
 * Trains one run in this process (the CLI's way: no worker needed for one run), ~CHUNK_MS at a
 * time, yielding between chunks so Ctrl-C can stop it cleanly (status `stopped`). With a history,
 * the run is stored as it goes: a process killed mid-run leaves everything up to the last chunk,
 * and the next opening marks the run `interrupted`. A trainer that throws ends the run `failed`.
 */
export async function trainInProcess(run: InProcessRun): Promise<{ end: EndEvent; trainer: Trainer }> {
  const { history } = run;
  if (history) history.createRun({ id: run.runId, spec: run.spec, status: 'running', ...(run.sourceRunId ? { sourceRunId: run.sourceRunId } : {}) });
  const recorder = history ? new RunRecorder(history, run.runId) : null;
  let end: EndEvent | null = null;
  const emit = (event: TrainingEvent) => {
    if (event.type === 'end') end = event;
    recorder?.push([event]);
    run.onEvent(event);
  };
  const startedAt = Date.now();
  const trainer = new Trainer(run.spec, run.dataset, { runId: run.runId, emit });
  try {
    await trainInChunks(trainer, () => {
      recorder?.flush();
      history?.heartbeat([run.runId]);
      run.afterChunk?.();
    });
  } catch (error) {
    if (trainer.done) throw error;
    // The trainer's own end event never came: end the run as the contract says, with `failed`.
    emit({ type: 'end', status: 'failed', steps: trainer.stepsDone, final: null, message: (error as Error).message, elapsedMs: Date.now() - startedAt });
  }
  recorder?.flush();
  const result = end as EndEvent | null;
  if (result === null) throw new Error('the trainer finished without an end event');
  if (history && result.status !== 'diverged' && result.status !== 'failed') history.saveWeights(run.runId, exportWeights(trainer.network));
  return { end: result, trainer };
}

/** Advances the trainer chunk by chunk; SIGINT only raises a flag, and the run is stopped between steps. */
async function trainInChunks(trainer: Trainer, afterChunk: () => void): Promise<void> {
  let stopRequested = false;
  const onSigint = () => {
    stopRequested = true;
  };
  process.on('SIGINT', onSigint);
  try {
    let chunkSteps = 1;
    while (!trainer.done) {
      if (stopRequested) {
        trainer.stop('stopped by the user');
        break;
      }
      const chunkStart = performance.now();
      trainer.advance(chunkSteps);
      const tookMs = performance.now() - chunkStart;
      // Aim at CHUNK_MS per chunk; grow at most ×2 at a time (a chunk with an evaluation in it is slow).
      chunkSteps = Math.max(1, Math.min(chunkSteps * 2, Math.round((chunkSteps * CHUNK_MS) / Math.max(tookMs, 0.01))));
      afterChunk();
      await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
}
