import { basename } from 'node:path';
import type { DiagnosticsEvent, EndEvent, EvalEvent, Metrics, StartEvent, TrainingEvent } from '../../engine/api/events';
import type { LayerSpec, RunSpec } from '../../engine/api/run-spec';
import { normalizeInit } from '../../engine/nn/initializers';
import { resolveOptimizerOptions } from '../../engine/nn/optimizers';
import { diagnose, DoctorRecorder, type Lang } from '../../engine/lab/doctor/training-doctor';
import type { CliIO } from '../cli-io';
import type { ProgressLine } from '../progress-line';
import { counted } from '../../engine/lab/counted-words';
import { doctorLines, gradientTable } from './doctor-text';
import { durationText, lossText, percentText } from './number-text';

/** At most one progress line this often while nothing else is printed. */
const PROGRESS_EVERY_MS = 2000;
/** Above this many multiply-adds (a second or more), say that the initial evaluation is running. */
const SLOW_EVALUATION_COST = 2e8;

/** How `nnlab train` shows a run: it hears every event, and gets a tick after each batch of them. */
export interface Report {
  onEvent(event: TrainingEvent): void;
  /**
   * Called after each batch of events (the worker posts one every ~50 ms while it trains, none
   * while it evaluates): where a progress line may go.
   */
  tick(): void;
}

/** `--json`: exactly the trainer's events, one per line. */
export class JsonReport implements Report {
  constructor(private readonly io: CliIO) {}
  onEvent(event: TrainingEvent): void {
    this.io.out(JSON.stringify(event));
  }
  tick(): void {}
}

/**
 * The run as a student reads it: header, one line per evaluation, throttled progress, summary,
 * then each layer's gradient norm in the last diagnostics and the training doctor's findings (in
 * `lang`).
 */
export class ReadableReport implements Report {
  private start: StartEvent | null = null;
  private lastDiagnostics: DiagnosticsEvent | null = null;
  /** Whether the run had enough for the doctor to tell (the end's findings say what it found). */
  private readonly doctor = new DoctorRecorder();
  private startedAt = 0;
  private lastLineAt = 0;
  private lastBatch: { step: number; epoch: number; loss: number } | null = null;
  /** After the end the summary is printed: the progress line must not come back under it. */
  private ended = false;

  constructor(
    private readonly io: CliIO,
    private readonly spec: RunSpec,
    private readonly source: string,
    private readonly clock: () => number,
    private readonly lang: Lang = 'ko',
    /** On a terminal: the updating step line, which replaces the printed progress lines. */
    private readonly progress: ProgressLine | null = null,
  ) {}

  onEvent(event: TrainingEvent): void {
    this.doctor.push([event]);
    switch (event.type) {
      case 'start':
        this.start = event;
        this.startedAt = this.clock();
        this.print(...header(this.spec, this.source, event));
        if (evaluationCost(this.spec, event) > SLOW_EVALUATION_COST) {
          this.print(`evaluating the initial network on ${counted(event.dataset.trainSize + event.dataset.testSize, 'sample', 'en')}…`);
        }
        break;
      case 'step':
        this.lastBatch = event;
        break;
      case 'eval':
        this.print(`${this.position(event.step, event.epoch)}  ${metricsText(event)}  ${durationText(this.clock() - this.startedAt)}`);
        break;
      case 'diagnostics':
        this.lastDiagnostics = event;
        break;
      case 'end':
        this.ended = true;
        this.progress?.finish();
        this.print(...summary(event, this.start?.totalSteps ?? null));
        if (this.lastDiagnostics) this.print(...gradientTable(this.lastDiagnostics, this.lang));
        if (event.findings) this.print(...doctorLines(event.findings, this.lang, diagnose(this.doctor.run).early));
        break;
    }
  }

  tick(): void {
    if (this.progress?.shown) {
      if (this.ended || this.lastBatch === null || this.start === null) return;
      this.progress.update(this.lastBatch.step + 1, this.start.totalSteps);
      return;
    }
    const now = this.clock();
    if (this.lastBatch === null || now - this.lastLineAt < PROGRESS_EVERY_MS) return;
    const { step, epoch, loss } = this.lastBatch;
    this.print(`  ${this.position(step + 1, epoch)}  batch loss ${lossText(loss)}  ${durationText(now - this.startedAt)}`);
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
  const targets = dataset.numClasses === null ? 'real-valued targets' : counted(dataset.numClasses, 'class', 'en');
  const samples = dataset.testSize > 0 ? `${dataset.trainSize} train + ${dataset.testSize} test samples` : `${counted(dataset.trainSize, 'trainingSample', 'en')}, no test split`;
  const optimizer = resolveOptimizerOptions(spec.optimizer);
  const { l1, l2 } = spec.regularization;
  const penalties = [l1 > 0 ? `L1 ${l1}` : '', l2 > 0 ? `L2 ${l2}` : ''].filter(Boolean);
  const { epochs, batchSize } = spec.training;
  const schedule =
    epochs !== undefined
      ? `${counted(epochs, 'epoch', 'en')} × ${counted(start.stepsPerEpoch, 'step', 'en')} = ${counted(start.totalSteps, 'step', 'en')}`
      : `${counted(start.totalSteps, 'step', 'en')} (an epoch is ${counted(start.stepsPerEpoch, 'step', 'en')})`;
  return [
    `${spec.name ?? basename(source, '.json')}  (${source})`,
    `  data       ${dataset.name}: ${samples}, ${counted(dataset.inputSize, 'input', 'en')}, ${targets}`,
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
  const steps = totalSteps !== null && end.steps !== totalSteps ? `${end.steps} of ${counted(totalSteps, 'step', 'en')}` : counted(end.steps, 'step', 'en');
  const lines = [`${end.status}: ${steps} in ${durationText(end.elapsedMs)}`];
  if (end.message) lines.push(`  ${end.message}`);
  if (end.final) lines.push(`  final  ${metricsText(end.final)}`);
  return lines;
}

/** "train loss 0.1234 acc 96.51%  test loss 0.1301 acc 96.10%" (accuracy only when there is one). */
function metricsText(metrics: Pick<EvalEvent, 'train' | 'test'>): string {
  const one = (label: string, m: Metrics) => `${label} loss ${lossText(m.loss)}${m.accuracy === undefined ? '' : ` acc ${percentText(m.accuracy, { digits: 2 })}`}`;
  return metrics.test ? `${one('train', metrics.train)}  ${one('test', metrics.test)}` : one('train', metrics.train);
}
