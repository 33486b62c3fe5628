import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { EndEvent, EvalEvent, Metrics, StartEvent, TrainingEvent } from '../../engine/api/events';
import { parseRunSpec, parseRunSpecJson } from '../../engine/api/parse-run-spec';
import type { LayerSpec, RunSpec } from '../../engine/api/run-spec';
import { loadDataset } from '../../engine/data/load-dataset';
import { nodeDataSources } from '../../engine/data/node-mnist';
import { findPreset } from '../../engine/lab/presets';
import { normalizeInit } from '../../engine/nn/initializers';
import { resolveOptimizerOptions } from '../../engine/nn/optimizers';
import { Trainer } from '../../engine/train/trainer';
import { exportWeights, stringifyWeightsFile } from '../../engine/train/weights-file';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIO } from '../cli-io';
import { parseOptions } from '../parse-options';
import type { Command } from './command';

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
/** At most one progress line this often while nothing else is printed. */
const PROGRESS_EVERY_MS = 2000;
/** Above this many multiply-adds (a second or more), say that the initial evaluation is running. */
const SLOW_EVALUATION_COST = 2e8;

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

interface Report {
  onEvent(event: TrainingEvent): void;
  /** Called between training chunks. */
  tick(): void;
}

/** `--json`: exactly the trainer's events, one per line. */
class JsonReport implements Report {
  constructor(private readonly io: CliIO) {}
  onEvent(event: TrainingEvent): void {
    this.io.out(JSON.stringify(event));
  }
  tick(): void {}
}

/** The run as a student reads it: header, one line per evaluation, throttled progress, summary. */
class ReadableReport implements Report {
  private start: StartEvent | null = null;
  private startedAt = 0;
  private lastLineAt = 0;
  private lastBatch: { step: number; epoch: number; loss: number } | null = null;

  constructor(
    private readonly io: CliIO,
    private readonly spec: RunSpec,
    private readonly source: string,
    private readonly clock: () => number,
  ) {}

  onEvent(event: TrainingEvent): void {
    switch (event.type) {
      case 'start':
        this.start = event;
        this.startedAt = this.clock();
        this.print(...header(this.spec, this.source, event));
        if (evaluationCost(this.spec, event) > SLOW_EVALUATION_COST) {
          this.print(`evaluating the initial network on ${event.dataset.trainSize + event.dataset.testSize} samples…`);
        }
        break;
      case 'step':
        this.lastBatch = event;
        break;
      case 'eval':
        this.print(`${this.position(event.step, event.epoch)}  ${metricsText(event)}  ${seconds(this.clock() - this.startedAt)}`);
        break;
      case 'diagnostics':
        break;
      case 'end':
        this.print(...summary(event, this.start?.totalSteps ?? null));
        break;
    }
  }

  tick(): void {
    const now = this.clock();
    if (this.lastBatch === null || now - this.lastLineAt < PROGRESS_EVERY_MS) return;
    const { step, epoch, loss } = this.lastBatch;
    this.print(`  ${this.position(step + 1, epoch)}  batch loss ${number(loss)}  ${seconds(now - this.startedAt)}`);
  }

  private print(...lines: string[]): void {
    for (const line of lines) this.io.out(line);
    this.lastLineAt = this.clock();
  }

  /** "epoch 3/5  step 1407/2345", or "step 1407/2000" for iteration runs. */
  private position(step: number, epoch: number): string {
    const total = this.start?.totalSteps ?? 0;
    const steps = `step ${step}/${total}`;
    const epochs = this.spec.training.epochs;
    return epochs === undefined ? steps : `epoch ${epoch}/${epochs}  ${steps}`;
  }
}

function header(spec: RunSpec, source: string, start: StartEvent): string[] {
  const { dataset } = start;
  const targets = dataset.numClasses === null ? 'real-valued targets' : `${dataset.numClasses} classes`;
  const test = dataset.testSize > 0 ? ` + ${dataset.testSize} test` : ', no test split';
  const optimizer = resolveOptimizerOptions(spec.optimizer);
  const { l1, l2 } = spec.regularization;
  const penalties = [l1 > 0 ? `L1 ${l1}` : '', l2 > 0 ? `L2 ${l2}` : ''].filter(Boolean);
  const { epochs, batchSize } = spec.training;
  const schedule =
    epochs !== undefined
      ? `${epochs} epoch${epochs === 1 ? '' : 's'} × ${start.stepsPerEpoch} steps = ${start.totalSteps} steps`
      : `${start.totalSteps} steps (an epoch is ${start.stepsPerEpoch} steps)`;
  return [
    `${spec.name ?? basename(source, '.json')}  (${source})`,
    `  data       ${dataset.name}: ${dataset.trainSize} train${test} samples, ${dataset.inputSize} input${dataset.inputSize === 1 ? '' : 's'}, ${targets}`,
    `  network    ${architecture(spec, dataset.inputSize)}, ${spec.loss} loss`,
    `  optimizer  ${optimizer.name} lr ${optimizer.lr}${spec.optimizer.lr === undefined ? ' (default)' : ''}, batch ${batchSize}${penalties.map((p) => `, ${p}`).join('')}`,
    `  schedule   ${schedule}, seed ${spec.seed}, ${spec.dtype}`,
  ];
}

/** Multiply-adds of one evaluation of both splits (what makes the first line slow to come on MNIST). */
function evaluationCost(spec: RunSpec, start: StartEvent): number {
  let weights = 0;
  let width = start.dataset.inputSize;
  for (const layer of spec.layers) {
    weights += width * layer.units;
    width = layer.units;
  }
  return (start.dataset.trainSize + start.dataset.testSize) * weights;
}

/** "784-100-100-10 relu/he, softmax/xavier output"; hidden layers that differ are listed one by one. */
function architecture(spec: RunSpec, inputSize: number): string {
  const widths = [inputSize, ...spec.layers.map((l) => l.units)].join('-');
  const hidden = spec.layers.slice(0, -1).map(layerText);
  const output = layerText(spec.layers[spec.layers.length - 1]!);
  const distinct = [...new Set(hidden)];
  const hiddenText = distinct.length === 0 ? '' : `${distinct.length === 1 ? distinct[0] : hidden.join(', ')}, `;
  return `${widths} ${hiddenText}${output} output`;
}

function layerText(layer: LayerSpec): string {
  const init = normalizeInit(layer.init, layer.activation);
  let initText: string;
  switch (init.name) {
    case 'normal':
      initText = `normal(std ${init.std})`;
      break;
    case 'uniform':
      initText = `uniform(±${init.limit})`;
      break;
    case 'constant':
      initText = `constant(${init.value})`;
      break;
    default:
      initText = init.name;
  }
  return `${layer.activation}/${initText}${layer.batchNorm ? '+batchnorm' : ''}${layer.dropout > 0 ? ` dropout ${layer.dropout}` : ''}`;
}

function summary(end: EndEvent, totalSteps: number | null): string[] {
  const of = totalSteps !== null && end.steps !== totalSteps ? ` of ${totalSteps}` : '';
  const lines = [`${end.status}: ${end.steps}${of} steps in ${seconds(end.elapsedMs)}`];
  if (end.message) lines.push(`  ${end.message}`);
  if (end.final) lines.push(`  final  ${metricsText(end.final)}`);
  return lines;
}

/** "train loss 0.1234 acc 96.51%  test loss 0.1301 acc 96.10%" (accuracy only when there is one). */
function metricsText(metrics: Pick<EvalEvent, 'train' | 'test'>): string {
  const one = (label: string, m: Metrics) => `${label} loss ${number(m.loss)}${m.accuracy === undefined ? '' : ` acc ${(m.accuracy * 100).toFixed(2)}%`}`;
  return metrics.test ? `${one('train', metrics.train)}  ${one('test', metrics.test)}` : one('train', metrics.train);
}

/** Four decimals in the usual range, exponent notation for very small or large values. */
function number(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e-3 && magnitude < 1e6 ? value.toFixed(4) : value.toExponential(3);
}

/** "350ms", "12.3s", or "2m05s" from a minute on. */
function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}
