import type {
  DiagnosticsEvent,
  EndEvent,
  EvalEvent,
  NetworkSnapshotEvent,
  SamplePrediction,
  StartEvent,
  TrainingEvent,
} from '$engine/api/events';
import { CURVE_POINT_CAP, extremeIndices } from './extreme-decimation';
import { secondsAtSteps } from './step-time';

/**
 * How many points a line of diagnostics snapshots gets by default (they are few: one every N
 * steps). Batch losses are bounded by CURVE_POINT_CAP instead, keeping every spike.
 */
export const MAX_DISPLAY_POINTS = 2000;

/**
 * Batch losses over training, one entry per step event (struct of flat arrays).
 * `epoch` is fractional: step / stepsPerEpoch when the run's start is known, else the event's epoch.
 */
export interface StepSeries {
  readonly step: readonly number[];
  readonly epoch: readonly number[];
  /** Batch loss before the step's update, penalties included. */
  readonly loss: readonly number[];
  /** The same without the L1/L2 penalty. */
  readonly dataLoss: readonly number[];
  /** Seconds of training at each step (StepEvent.elapsedMs / 1000); absent when some step has no time (runs recorded before steps carried it). */
  readonly time?: readonly number[];
}

/** Evaluations over training (struct of flat arrays); null where a split or accuracy is missing. */
export interface EvalSeries {
  readonly step: readonly number[];
  /** Fractional epochs, as in StepSeries. */
  readonly epoch: readonly number[];
  readonly trainLoss: readonly number[];
  readonly testLoss: readonly (number | null)[];
  /** Fractions in [0, 1]. */
  readonly trainAccuracy: readonly (number | null)[];
  readonly testAccuracy: readonly (number | null)[];
  /** Seconds of training at each evaluation, from the timed steps around it (step-time.ts); absent as in StepSeries. */
  readonly time?: readonly number[];
}

/** What a layer is, for names and colours. `layer` is 0-based; the last layer is the output layer. */
export interface LayerInfo {
  readonly layer: number;
  readonly units: number;
  readonly activationName: string;
}

/** One number per layer per diagnostics snapshot: values[k][i] is layers[k] at step[i]. */
export interface LayerSeries {
  readonly step: readonly number[];
  readonly epoch: readonly number[];
  readonly layers: readonly LayerInfo[];
  readonly values: readonly (readonly (number | null)[])[];
}

/** What the loss and accuracy charts draw. */
export interface CurveData {
  readonly steps: StepSeries;
  readonly evals: EvalSeries;
  /** True when some batch loss differs from its data loss (an L1/L2 penalty is on). */
  readonly hasPenalty: boolean;
  /** The run's planned length, so a live chart's x axis does not rescale as it grows; null if unknown. */
  readonly totalSteps: number | null;
  readonly stepsPerEpoch: number | null;
  /** The run's training time in seconds once it has ended (the end of a time axis); null before. */
  readonly endSeconds?: number | null;
}

/** The latest confusion matrix: counts[true class][predicted class] over `split`. */
export interface ConfusionSnapshot {
  readonly step: number;
  readonly epoch: number;
  readonly split: 'train' | 'test';
  readonly counts: readonly (readonly number[])[];
}

/** The latest predictions for the first test images. */
export interface SamplesSnapshot {
  readonly step: number;
  readonly epoch: number;
  readonly samples: readonly SamplePrediction[];
}

/**
 * Indices of at most `maxPoints` entries out of `length`, evenly spread, always keeping the first
 * and the last: index i·(length − 1)/(maxPoints − 1) rounded, for i = 0 … maxPoints − 1.
 * All indices when length ≤ maxPoints.
 */
export function thinIndices(length: number, maxPoints: number): number[] {
  const count = Math.max(2, Math.floor(maxPoints));
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const indices = new Array<number>(count);
  for (let i = 0; i < count; i++) indices[i] = Math.round((i * (length - 1)) / (count - 1));
  return indices;
}

function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => values[i]!);
}

/**
 * A run's events accumulated into chart-ready series. Plain TypeScript (no runes): the owner bumps
 * its own reactive version after `apply`, or reads `revision`. Step and layer arrays only grow
 * (amortised O(1) per event), so tens of thousands of steps are fine; the batch losses for display
 * are every step up to CURVE_POINT_CAP, beyond it each bucket's extremes (a spike always stays),
 * cached until the next event; diagnostics lines are thinned to MAX_DISPLAY_POINTS.
 *
 * Events out of order are tolerated: a step or diagnostics snapshot at or before the last one is
 * ignored, an evaluation at the same step as the last replaces it (a stop re-evaluates).
 */
export class RunSeries {
  #start: StartEvent | null = null;
  #end: EndEvent | null = null;
  #revision = 0;

  #steps = { step: [] as number[], epoch: [] as number[], loss: [] as number[], dataLoss: [] as number[] };
  /** Seconds of each step in #steps, while every step has come with its time. */
  #stepTime: number[] = [];
  #untimed = false;
  #evalTime: { revision: number; value: number[] } | null = null;
  #hasPenalty = false;
  #evals = {
    step: [] as number[],
    epoch: [] as number[],
    trainLoss: [] as number[],
    testLoss: [] as (number | null)[],
    trainAccuracy: [] as (number | null)[],
    testAccuracy: [] as (number | null)[],
  };

  #layers: LayerInfo[] = [];
  #layerStep: number[] = [];
  #layerEpoch: number[] = [];
  #gradNorm: (number | null)[][] = [];
  #saturated: (number | null)[][] = [];
  #dead: (number | null)[][] = [];

  #diagnostics: DiagnosticsEvent | null = null;
  #histogramSnapshots: DiagnosticsEvent[] = [];
  #network: NetworkSnapshotEvent | null = null;
  #confusion: ConfusionSnapshot | null = null;
  #samples: SamplesSnapshot | null = null;

  #thinnedSteps: { key: string; value: StepSeries } | null = null;

  /** Adds events in order; with `reset`, forgets everything first (a replay seek sends the run from its start). */
  apply(events: readonly TrainingEvent[], reset = false): void {
    if (reset) this.reset();
    for (const event of events) this.push(event);
  }

  /** Forgets every event. */
  reset(): void {
    this.#start = null;
    this.#end = null;
    this.#steps = { step: [], epoch: [], loss: [], dataLoss: [] };
    this.#stepTime = [];
    this.#untimed = false;
    this.#evalTime = null;
    this.#hasPenalty = false;
    this.#evals = { step: [], epoch: [], trainLoss: [], testLoss: [], trainAccuracy: [], testAccuracy: [] };
    this.#layers = [];
    this.#layerStep = [];
    this.#layerEpoch = [];
    this.#gradNorm = [];
    this.#saturated = [];
    this.#dead = [];
    this.#diagnostics = null;
    this.#histogramSnapshots = [];
    this.#network = null;
    this.#confusion = null;
    this.#samples = null;
    this.#thinnedSteps = null;
    this.#revision++;
  }

  /** Adds one event. */
  push(event: TrainingEvent): void {
    this.#revision++;
    switch (event.type) {
      case 'start':
        this.#start = event;
        break;
      case 'step':
        this.#pushStep(event.step, event.epoch, event.loss, event.dataLoss, event.elapsedMs);
        break;
      case 'eval':
        this.#pushEval(event);
        break;
      case 'diagnostics':
        this.#pushDiagnostics(event);
        break;
      case 'network':
        this.#network = event;
        break;
      case 'end':
        this.#end = event;
        break;
    }
  }

  /** Changes with every event and reset. */
  get revision(): number {
    return this.#revision;
  }

  /** The run's start event (its spec, dataset, steps per epoch, planned steps); null before it arrives. */
  get start(): StartEvent | null {
    return this.#start;
  }

  /** The run's end event (status, final metrics); null while it runs. */
  get end(): EndEvent | null {
    return this.#end;
  }

  /** Updates per epoch, from the start event; null before it. */
  get stepsPerEpoch(): number | null {
    return this.#start && this.#start.stepsPerEpoch > 0 ? this.#start.stepsPerEpoch : null;
  }

  /** The run's planned number of updates, from the start event; null before it. */
  get totalSteps(): number | null {
    return this.#start?.totalSteps ?? null;
  }

  /** Every step event so far (not thinned), with their times when every one had its time. */
  get steps(): StepSeries {
    return this.timed ? { ...this.#steps, time: this.#stepTime } : this.#steps;
  }

  /** Every evaluation so far, with their times when the steps have theirs. */
  get evals(): EvalSeries {
    if (!this.timed) return this.#evals;
    if (this.#evalTime?.revision !== this.#revision) {
      const end = this.#end ? { step: this.#end.steps, seconds: this.#end.elapsedMs / 1000 } : null;
      this.#evalTime = { revision: this.#revision, value: secondsAtSteps({ step: this.#steps.step, seconds: this.#stepTime }, this.#evals.step, end) };
    }
    return { ...this.#evals, time: this.#evalTime.value };
  }

  /** True when the run has steps and each came with its measured time: the time axis is real, not an estimate. */
  get timed(): boolean {
    return !this.#untimed && this.#stepTime.length > 0;
  }

  /** True once a batch loss differed from its data loss (an L1/L2 penalty is on). */
  get hasPenalty(): boolean {
    return this.#hasPenalty;
  }

  /** The layers seen in diagnostics, first layer first. */
  get layers(): readonly LayerInfo[] {
    return this.#layers;
  }

  /** The most recent diagnostics snapshot (histograms, fractions, gradient norms of every layer). */
  get latestDiagnostics(): DiagnosticsEvent | null {
    return this.#diagnostics;
  }

  /**
   * Every diagnostics snapshot so far that carries histograms, in step order (the live view gets
   * full histograms only in the latest snapshot of each forwarded batch, a few a second; a replay
   * has them all): what the distribution-over-training chart draws. The events themselves, not copies.
   */
  get histogramSnapshots(): readonly DiagnosticsEvent[] {
    return this.#histogramSnapshots;
  }

  /** The most recent network snapshot (2-D inputs only). */
  get latestNetwork(): NetworkSnapshotEvent | null {
    return this.#network;
  }

  /** The most recent evaluation's confusion matrix (class labels with at most 20 classes). */
  get latestConfusion(): ConfusionSnapshot | null {
    return this.#confusion;
  }

  /** The most recent evaluation's predictions for the first test images (image datasets). */
  get latestSamples(): SamplesSnapshot | null {
    return this.#samples;
  }

  /**
   * Step events, at most `maxPoints` of them: every one up to that, beyond it the first, the last
   * and each bucket's lowest and highest loss and data loss (extreme-decimation.ts), so no loss
   * spike is lost; cached until the next event.
   */
  thinnedSteps(maxPoints = CURVE_POINT_CAP): StepSeries {
    const all = this.steps;
    if (all.step.length <= maxPoints) return all;
    const key = `${this.#revision}:${maxPoints}`;
    if (this.#thinnedSteps?.key === key) return this.#thinnedSteps.value;
    const indices = extremeIndices(all.step.length, this.#hasPenalty ? [all.loss, all.dataLoss] : [all.loss], maxPoints);
    const value: StepSeries = {
      step: pick(all.step, indices),
      epoch: pick(all.epoch, indices),
      loss: pick(all.loss, indices),
      dataLoss: pick(all.dataLoss, indices),
      ...(all.time ? { time: pick(all.time, indices) } : {}),
    };
    this.#thinnedSteps = { key, value };
    return value;
  }

  /** What the loss and accuracy charts need, steps bounded by `maxPoints` keeping their extremes. */
  curves(maxPoints = CURVE_POINT_CAP): CurveData {
    return {
      steps: this.thinnedSteps(maxPoints),
      evals: this.evals,
      hasPenalty: this.#hasPenalty,
      totalSteps: this.totalSteps,
      stepsPerEpoch: this.stepsPerEpoch,
      endSeconds: this.#end ? this.#end.elapsedMs / 1000 : null,
    };
  }

  /** ‖∂L/∂W‖ per layer over the diagnostics snapshots (null where it was not finite). */
  gradientNorms(maxPoints = MAX_DISPLAY_POINTS): LayerSeries {
    return this.#layerSeries(this.#gradNorm, maxPoints);
  }

  /** Saturated fraction per layer over the diagnostics snapshots, in [0, 1]. */
  saturatedFractions(maxPoints = MAX_DISPLAY_POINTS): LayerSeries {
    return this.#layerSeries(this.#saturated, maxPoints);
  }

  /** Dead fraction per layer over the diagnostics snapshots, in [0, 1]. */
  deadFractions(maxPoints = MAX_DISPLAY_POINTS): LayerSeries {
    return this.#layerSeries(this.#dead, maxPoints);
  }

  #epochOf(step: number, epoch: number): number {
    const perEpoch = this.stepsPerEpoch;
    return perEpoch ? step / perEpoch : epoch;
  }

  #pushStep(step: number, epoch: number, loss: number, dataLoss: number, elapsedMs: number | undefined): void {
    const steps = this.#steps;
    const last = steps.step.length - 1;
    if (last >= 0 && step <= steps.step[last]!) return;
    if (elapsedMs === undefined || !Number.isFinite(elapsedMs)) this.#untimed = true;
    else if (!this.#untimed) this.#stepTime.push(Math.max(elapsedMs / 1000, this.#stepTime.at(-1) ?? 0));
    steps.step.push(step);
    steps.epoch.push(this.#epochOf(step, epoch));
    steps.loss.push(loss);
    steps.dataLoss.push(dataLoss);
    if (loss !== dataLoss) this.#hasPenalty = true;
  }

  #pushEval(event: EvalEvent): void {
    const evals = this.#evals;
    let index = evals.step.length;
    const lastStep = evals.step[index - 1];
    if (lastStep !== undefined && event.step < lastStep) return;
    if (lastStep === event.step) index--;
    evals.step[index] = event.step;
    evals.epoch[index] = this.#epochOf(event.step, event.epoch);
    evals.trainLoss[index] = event.train.loss;
    evals.testLoss[index] = event.test?.loss ?? null;
    evals.trainAccuracy[index] = event.train.accuracy ?? null;
    evals.testAccuracy[index] = event.test?.accuracy ?? null;
    if (event.confusion) this.#confusion = { step: event.step, epoch: event.epoch, split: event.test ? 'test' : 'train', counts: event.confusion };
    if (event.samples) this.#samples = { step: event.step, epoch: event.epoch, samples: event.samples };
  }

  #pushDiagnostics(event: DiagnosticsEvent): void {
    const lastStep = this.#layerStep[this.#layerStep.length - 1];
    if (lastStep !== undefined && event.step <= lastStep) return;
    const previous = this.#layerStep.length;
    for (const layer of event.layers) {
      if (this.#layers[layer.layer] === undefined) {
        // A layer first seen now (normally all appear in the first snapshot): pad its past with gaps.
        this.#layers[layer.layer] = { layer: layer.layer, units: layer.units, activationName: layer.activationName };
        this.#gradNorm[layer.layer] = new Array<number | null>(previous).fill(null);
        this.#saturated[layer.layer] = new Array<number | null>(previous).fill(null);
        this.#dead[layer.layer] = new Array<number | null>(previous).fill(null);
      }
    }
    this.#layerStep.push(event.step);
    this.#layerEpoch.push(this.#epochOf(event.step, event.epoch));
    const byIndex = new Map(event.layers.map((layer) => [layer.layer, layer]));
    for (let l = 0; l < this.#layers.length; l++) {
      if (this.#layers[l] === undefined) continue;
      const layer = byIndex.get(l);
      this.#gradNorm[l]!.push(layer ? layer.gradNorm : null);
      this.#saturated[l]!.push(layer ? layer.saturatedFraction : null);
      this.#dead[l]!.push(layer ? layer.deadFraction : null);
    }
    this.#diagnostics = event;
    if (event.layers.some((layer) => layer.activation.histogram.counts.length > 0)) this.#histogramSnapshots.push(event);
  }

  #layerSeries(values: (number | null)[][], maxPoints: number): LayerSeries {
    const layers = this.#layers.filter((layer): layer is LayerInfo => layer !== undefined);
    const rows = layers.map((layer) => values[layer.layer]!);
    if (this.#layerStep.length <= maxPoints) return { step: this.#layerStep, epoch: this.#layerEpoch, layers, values: rows };
    const indices = thinIndices(this.#layerStep.length, maxPoints);
    return { step: pick(this.#layerStep, indices), epoch: pick(this.#layerEpoch, indices), layers, values: rows.map((row) => pick(row, indices)) };
  }
}
