import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { EndEvent, TrainingEvent } from '../../engine/api/events';
import { parseRunSpec, parseRunSpecJson } from '../../engine/api/parse-run-spec';
import type { RunSpec } from '../../engine/api/run-spec';
import { loadDataset } from '../../engine/data/load-dataset';
import { nodeDataSources } from '../../engine/data/node-mnist';
import { findPreset } from '../../engine/lab/presets';
import { Trainer } from '../../engine/train/trainer';
import { exportWeights, stringifyWeightsFile } from '../../engine/train/weights-file';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIO } from '../cli-io';
import { parseOptions } from '../parse-options';
import type { Command } from './command';
import { JsonReport, ReadableReport } from './train-report';

const HELP = `Usage: nnlab train (--spec FILE.json | --preset ID) [options]

Trains one network as a RunSpec describes and prints how the run goes: a header, one line per
evaluation (train and test loss and accuracy), a progress line every few seconds during long
epochs, and a summary.

Options:
  --spec FILE.json          the RunSpec to run (JSON, version 1)
  --preset ID               run a lab preset instead (list them with "nnlab presets")
  --json                    print every training event (start, step, eval, diagnostics, end)
                            as one JSON object per line, and nothing else, on stdout
  --save-weights FILE.json  after the run, write the final weights to FILE.json
                            (not when the run diverged)
  --no-db                   store nothing (runs are not stored yet)
  -h, --help                show this help

Ctrl-C stops the run early: it ends as "stopped" and its weights are still saved.
Exit codes: 0 completed or stopped, 1 diverged or failed, 2 bad input.`;

const OPTIONS = {
  spec: { type: 'string' },
  preset: { type: 'string' },
  json: { type: 'boolean' },
  'save-weights': { type: 'string' },
  'no-db': { type: 'boolean' },
} as const;

/** How long one chunk of training runs before the event loop gets a turn (so Ctrl-C is heard). */
const CHUNK_MS = 75;

/** `nnlab train`: runs one RunSpec (from a file or a preset) to its end in this process. */
export const trainCommand: Command = {
  summary: 'train one network from a RunSpec file or a preset',
  help: HELP,
  run: runTrain,
};

async function runTrain(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions('train', args, OPTIONS);
  const { spec, source } = readSpec(values.spec, values.preset);
  const weightsPath = values['save-weights'] === undefined ? null : checkWeightsPath(values['save-weights']);
  const dataset = loadDataset(spec.dataset, spec.seed, nodeDataSources());

  const clock = () => performance.now();
  const report = values.json ? new JsonReport(io) : new ReadableReport(io, spec, source, clock);
  let end: EndEvent | null = null;
  const emit = (event: TrainingEvent) => {
    if (event.type === 'end') end = event;
    report.onEvent(event);
  };
  const trainer = new Trainer(spec, dataset, { runId: randomUUID(), emit });
  const startedAt = Date.now();

  try {
    await trainInChunks(trainer, () => report.tick());
  } catch (error) {
    // The trainer's own end event never came: end the stream as the contract says, with `failed`.
    if (!trainer.done) {
      io.err(`nnlab train: the run failed: ${(error as Error).stack ?? String(error)}`);
      emit({ type: 'end', status: 'failed', steps: trainer.stepsDone, final: null, message: (error as Error).message, elapsedMs: Date.now() - startedAt });
    } else {
      throw error;
    }
  }

  const result = end as EndEvent | null;
  if (result === null) throw new Error('the trainer finished without an end event');
  const failed = result.status === 'diverged' || result.status === 'failed';
  if (failed && values.json) io.err(`run ${result.status}: ${result.message ?? '(no message)'}`);
  if (weightsPath !== null) {
    if (failed) {
      io.err(`weights not saved to ${weightsPath}: the run ${result.status}, so its weights are not worth keeping`);
    } else if (!saveWeights(trainer, weightsPath, io)) {
      return EXIT_FAILURE;
    } else {
      const note = `weights saved to ${weightsPath}`;
      if (values.json) io.err(note);
      else io.out(note);
    }
  }
  return failed ? EXIT_FAILURE : EXIT_OK;
}

/**
 * Advances the trainer ~CHUNK_MS at a time and yields to the event loop between chunks, so a
 * SIGINT (Ctrl-C) handler can run; the handler only raises a flag, and the run is stopped here,
 * between steps. The listener is removed when training ends, however it ends.
 */
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

/** The parsed spec and where it came from (for the header). */
function readSpec(specPath: string | undefined, presetId: string | undefined): { spec: RunSpec; source: string } {
  if ((specPath === undefined) === (presetId === undefined)) {
    throw new UsageError('nnlab train: give exactly one of --spec FILE.json or --preset ID (see "nnlab train --help")');
  }
  if (specPath !== undefined) {
    let text: string;
    try {
      text = readFileSync(specPath, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read spec file "${specPath}": ${describeFsError(error)}`);
    }
    return { spec: parseRunSpecJson(text), source: basename(specPath) };
  }
  const preset = findPreset(presetId!);
  if (preset === undefined) throw new UsageError(`unknown preset "${presetId}" (run "nnlab presets" to see the preset ids)`);
  if (preset.kind !== 'train') {
    throw new UsageError(`preset "${presetId}" is a probe, not a training run: use "nnlab probe --preset ${presetId}"`);
  }
  return { spec: parseRunSpec(preset.spec), source: `preset ${preset.id}` };
}

/** The absolute weights path, checked before training so a long run is not lost to a typo. */
function checkWeightsPath(path: string): string {
  const absolute = resolve(path);
  const folder = dirname(absolute);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--save-weights: folder "${folder}" does not exist`);
  if (existsSync(absolute) && statSync(absolute).isDirectory()) throw new UsageError(`--save-weights: "${path}" is a folder; give a file name`);
  return path;
}

/** Writes FILE.tmp, then renames it over FILE, so FILE is never half-written. False on failure (reported). */
function saveWeights(trainer: Trainer, path: string, io: CliIO): boolean {
  const temporary = `${path}.tmp`;
  try {
    writeFileSync(temporary, stringifyWeightsFile(exportWeights(trainer.network)));
    renameSync(temporary, path);
    return true;
  } catch (error) {
    rmSync(temporary, { force: true });
    io.err(`error: cannot write weights file "${path}": ${describeFsError(error)}`);
    return false;
  }
}

function describeFsError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return message;
}
