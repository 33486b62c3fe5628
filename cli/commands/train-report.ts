import { END_KOREAN_RULES, koreanByRules } from '../../engine/lab/problem-words';
import { basename } from 'node:path';
import type { DiagnosticsEvent, EndEvent, EvalEvent, Metrics, StartEvent, TrainingEvent } from '../../engine/api/events';
import type { LayerSpec, RunSpec } from '../../engine/api/run-spec';
import { normalizeInit } from '../../engine/nn/initializers';
import { resolveOptimizerOptions } from '../../engine/nn/optimizers';
import { diagnose, DoctorRecorder, type Lang } from '../../engine/lab/doctor/training-doctor';
import type { CliIO } from '../cli-io';
import type { ProgressLine } from '../progress-line';
import { counted } from '../../engine/lab/counted-words';
import { RUN_STATUS_WORDS } from '../../engine/lab/run-status-words';
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

/** `ko` or `en` of a pair: the report's words are written side by side. */
const say = (lang: Lang, ko: string, en: string) => (lang === 'ko' ? ko : en);

/**
 * The run as a student reads it, in `lang`: header, one line per evaluation, throttled progress,
 * summary, then each layer's gradient norm in the last diagnostics and the training doctor's
 * findings.
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
        this.print(...header(this.spec, this.source, event, this.lang));
        if (evaluationCost(this.spec, event) > SLOW_EVALUATION_COST) {
          this.print(say(this.lang, `처음 신경망을 ${counted(event.dataset.trainSize + event.dataset.testSize, 'sample', 'ko')}로 평가하는 중…`, `evaluating the initial network on ${counted(event.dataset.trainSize + event.dataset.testSize, 'sample', 'en')}…`));
        }
        break;
      case 'step':
        this.lastBatch = event;
        break;
      case 'eval':
        this.print(`${this.position(event.step, event.epoch)}  ${metricsText(event, this.lang)}  ${durationText(this.clock() - this.startedAt)}`);
        break;
      case 'diagnostics':
        this.lastDiagnostics = event;
        break;
      case 'end':
        this.ended = true;
        this.progress?.finish();
        this.print(...summary(event, this.start?.totalSteps ?? null, this.lang));
        if (this.lastDiagnostics) this.print(...gradientTable(this.lastDiagnostics, this.lang));
        if (event.findings) this.print(...doctorLines(event.findings, this.lang, this.spec.layers.length, diagnose(this.doctor.run).early));
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
    this.print(`  ${this.position(step + 1, epoch)}  ${say(this.lang, '배치 손실', 'batch loss')} ${lossText(loss)}  ${durationText(now - this.startedAt)}`);
  }

  private print(...lines: string[]): void {
    for (const line of lines) this.io.out(line);
    this.lastLineAt = this.clock();
  }

  /** "epoch 3/5  step 1407/2345" ("에폭 3/5  단계 1407/2345"), or "step 1407/2000" for iteration runs. */
  private position(step: number, epoch: number): string {
    const total = this.start?.totalSteps ?? 0;
    const steps = `${say(this.lang, '단계', 'step')} ${step}/${total}`;
    const epochs = this.spec.training.epochs;
    return epochs === undefined ? steps : `${say(this.lang, '에폭', 'epoch')} ${epoch}/${epochs}  ${steps}`;
  }
}

function header(spec: RunSpec, source: string, start: StartEvent, lang: Lang): string[] {
  const { dataset } = start;
  const targets = dataset.numClasses === null ? say(lang, '실수값 목표', 'real-valued targets') : counted(dataset.numClasses, 'class', lang);
  const samples =
    dataset.testSize > 0
      ? say(lang, `${counted(dataset.trainSize, 'trainingSample', 'ko')} + 시험 샘플 ${dataset.testSize}개`, `${dataset.trainSize} train + ${dataset.testSize} test samples`)
      : `${counted(dataset.trainSize, 'trainingSample', lang)}, ${say(lang, '시험 분할 없음', 'no test split')}`;
  const optimizer = resolveOptimizerOptions(spec.optimizer);
  const { l1, l2 } = spec.regularization;
  const penalties = [l1 > 0 ? `L1 ${l1}` : '', l2 > 0 ? `L2 ${l2}` : ''].filter(Boolean);
  const { epochs, batchSize } = spec.training;
  const schedule =
    epochs !== undefined
      ? `${counted(epochs, 'epoch', lang)} × ${counted(start.stepsPerEpoch, 'step', lang)} = ${counted(start.totalSteps, 'step', lang)}`
      : `${counted(start.totalSteps, 'step', lang)} (${say(lang, `한 에폭은 ${counted(start.stepsPerEpoch, 'step', 'ko')}`, `an epoch is ${counted(start.stepsPerEpoch, 'step', 'en')}`)})`;
  // Korean labels are two columns a character: padded so the values line up with each other.
  const label = (ko: string, en: string) => say(lang, `  ${ko}${' '.repeat(11 - 2 * ko.length)}`, `  ${en.padEnd(11)}`);
  return [
    `${spec.name ?? basename(source, '.json')}  (${source})`,
    `${label('데이터', 'data')}${dataset.name}: ${samples}, ${counted(dataset.inputSize, 'input', lang)}, ${targets}`,
    `${label('신경망', 'network')}${architecture(spec, dataset.inputSize, lang)}, ${say(lang, `손실 ${spec.loss}`, `${spec.loss} loss`)}`,
    `${label('최적화', 'optimizer')}${optimizer.name} lr ${optimizer.lr}${spec.optimizer.lr === undefined ? say(lang, ' (기본값)', ' (default)') : ''}, ${say(lang, '배치', 'batch')} ${batchSize}${penalties.map((p) => `, ${p}`).join('')}`,
    `${label('일정', 'schedule')}${schedule}, ${say(lang, '시드', 'seed')} ${spec.seed}, ${spec.dtype}`,
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

/** "784-100-100-10 relu/he, softmax/xavier output" ("…, 출력 softmax/xavier"); hidden layers that differ are listed one by one. */
function architecture(spec: RunSpec, inputSize: number, lang: Lang): string {
  const widths = [inputSize, ...spec.layers.map((l) => l.units)].join('-');
  const hidden = spec.layers.slice(0, -1).map(layerText);
  const output = layerText(spec.layers[spec.layers.length - 1]!);
  const distinct = [...new Set(hidden)];
  const hiddenText = distinct.length === 0 ? '' : `${distinct.length === 1 ? distinct[0] : hidden.join(', ')}, `;
  return `${widths} ${hiddenText}${say(lang, `출력 ${output}`, `${output} output`)}`;
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

/** "completed: 9 steps in 1.2s" / "완료: 9단계, 1.2s", then the final metrics. */
export function summary(end: EndEvent, totalSteps: number | null, lang: Lang): string[] {
  const partial = totalSteps !== null && end.steps !== totalSteps;
  const lines = [
    lang === 'ko'
      ? `${RUN_STATUS_WORDS.ko[end.status]}: ${partial ? `${counted(totalSteps, 'step', 'ko')} 중 ` : ''}${counted(end.steps, 'step', 'ko')}, ${durationText(end.elapsedMs)}`
      : `${end.status}: ${partial ? `${end.steps} of ${counted(totalSteps, 'step', 'en')}` : counted(end.steps, 'step', 'en')} in ${durationText(end.elapsedMs)}`,
  ];
  if (end.message) lines.push(`  ${lang === 'ko' ? (koreanByRules(end.message, END_KOREAN_RULES) ?? end.message) : end.message}`);
  if (end.final) lines.push(`  ${say(lang, '최종', 'final')}  ${metricsText(end.final, lang)}`);
  return lines;
}

/** "train loss 0.1234 acc 96.51%  test loss 0.1301 acc 96.10%" (accuracy only when there is one), or in Korean. */
export function metricsText(metrics: Pick<EvalEvent, 'train' | 'test'>, lang: Lang): string {
  const [loss, acc] = lang === 'ko' ? ['손실', '정확도'] : ['loss', 'acc'];
  const one = (label: string, m: Metrics) => `${label} ${loss} ${lossText(m.loss)}${m.accuracy === undefined ? '' : ` ${acc} ${percentText(m.accuracy, { digits: 2 })}`}`;
  const [train, test] = lang === 'ko' ? ['훈련', '시험'] : ['train', 'test'];
  return metrics.test ? `${one(train, metrics.train)}  ${one(test, metrics.test)}` : one(train, metrics.train);
}
