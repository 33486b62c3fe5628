import type { EndStatus, EvalEvent, TrainingEvent } from '../api/events';
import type { RunSpec } from '../api/run-spec';
import { datasetFeatures } from '../api/input-features';
import { withInputFeatures } from '../data/input-features';
import type { Dataset } from '../data/types';
import { allocFloat, type FloatArray } from '../nn/dtype';
import { lossByName, type Loss } from '../nn/losses';
import { Network } from '../nn/network';
import { createOptimizer, type Optimizer } from '../nn/optimizers';
import { addPenaltyGradients, applyL1Proximal, penaltyValue } from '../nn/penalties';
import { randomStream } from '../nn/random';
import { ENGINE_VERSION } from '../version';
import { BatchSampler } from './batch-sampler';
import { checkSpecAgainstDataset } from './check-spec-data';
import { DiagnosticsRecorder } from './diagnostics';
import { Evaluator, type EvaluationExtras } from './evaluate';
import { NetworkSnapshotter, networkSnapshotStride } from './network-snapshot';
import { gatherInputs, gatherTargets, type TargetEncoding } from './targets';

/** Test images whose predictions each evaluation of an image dataset reports (a grid of digits). */
export const EVAL_SAMPLES = 32;

export interface TrainerOptions {
  runId: string;
  /** Receives every event, in order. The trainer never knows who listens. */
  emit: (event: TrainingEvent) => void;
  /** Milliseconds clock for elapsedMs (injected so the loop needs no platform API). */
  now?: () => number;
  /** Emit a `network` snapshot after each diagnostics snapshot of a network on 2-D inputs (default true). */
  networkSnapshots?: boolean;
}

/**
 * Trains one network on one dataset as its RunSpec says, one step at a time, so a caller (the CLI,
 * a worker thread) can run to the end, pause, single-step or stop between steps.
 *
 * A step: gather the batch → forward (training mode) → loss and penalty → emit `step` → backward →
 * [diagnostics capture: the batch's gradients, then the fixed diagnostics sample's forward pass
 * without dropout] → penalty gradients → optimizer update → L1 proximal step →
 * [diagnostics emit, then for 2-D inputs the `network` snapshot (of every k-th diagnostics step in
 * runs with more than MAX_NETWORK_SNAPSHOTS of them)] → evaluate at epoch ends (or every
 * `evalEvery` steps) → stop rules. The diagnostics sample's pass, the snapshot and the evaluations
 * run forward passes after the step's backward, draw no random numbers and update no running
 * statistic, so they change nothing the next step computes: a run is bit-identical with
 * diagnostics at every step or at none.
 */
export class Trainer {
  readonly network: Network;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  private readonly loss: Loss;
  private readonly optimizer: Optimizer;
  private readonly encoding: TargetEncoding;
  private readonly sampler: BatchSampler;
  private readonly evaluator: Evaluator;
  private readonly diagnostics: DiagnosticsRecorder;
  /** For networks on 2-D inputs: what the network computes over the input plane. */
  private readonly snapshotter: NetworkSnapshotter | null;
  /** A network snapshot follows every this-many-th diagnostics snapshot (and the last one). */
  private readonly networkStride: number;
  private diagnosticsTaken = 0;
  private readonly indices: Int32Array;
  private readonly inputs: FloatArray;
  private readonly targets: FloatArray;
  private readonly gradOutput: FloatArray;
  private readonly now: () => number;
  private readonly startedAt: number;
  /** The last step event's elapsedMs: a clock that steps back (Date.now) must not make times decrease. */
  private lastElapsedMs = 0;
  private step = 0;
  private started = false;
  private finished = false;
  private lastEval: EvalEvent | null = null;
  private bestTestLoss = Infinity;
  private evalsWithoutImprovement = 0;

  /** What the network reads: the dataset's inputs, or the input features the spec names computed from them. */
  readonly dataset: Dataset;

  constructor(
    readonly spec: RunSpec,
    points: Dataset,
    private readonly options: TrainerOptions,
  ) {
    this.encoding = checkSpecAgainstDataset(spec, points);
    const features = spec.dataset.name === 'mnist' ? null : datasetFeatures(spec.dataset);
    const dataset = withInputFeatures(points, features, spec.dtype);
    this.dataset = dataset;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.network = new Network(dataset.inputSize, spec.layers, spec.dtype, spec.seed);
    this.loss = lossByName(spec.loss);
    this.optimizer = createOptimizer(spec.optimizer, this.network.params, spec.dtype);
    const { training } = spec;
    this.sampler = new BatchSampler(
      dataset.train.x.rows,
      training.batchSize,
      training.sampling,
      training.shuffle,
      randomStream(spec.seed, 'batches'),
      spec.layers.some((l) => l.batchNorm),
    );
    this.stepsPerEpoch = this.sampler.stepsPerEpoch;
    this.totalSteps = training.iterations ?? training.epochs! * this.stepsPerEpoch;
    this.evaluator = new Evaluator(this.network, this.loss, this.encoding);
    this.diagnostics = new DiagnosticsRecorder(this.network, spec.diagnostics.bins, dataset.train.x, spec.seed);
    this.snapshotter = points.inputSize === 2 && options.networkSnapshots !== false ? new NetworkSnapshotter(this.network, this.encoding, points.train.x, features) : null;
    // Diagnostics steps: 0, every, 2·every, … below totalSteps, and the last step.
    const every = spec.diagnostics.every;
    this.networkStride = networkSnapshotStride(Math.ceil(this.totalSteps / every) + ((this.totalSteps - 1) % every === 0 ? 0 : 1));
    this.indices = new Int32Array(training.batchSize);
    this.inputs = allocFloat(spec.dtype, training.batchSize * dataset.inputSize);
    this.targets = allocFloat(spec.dtype, training.batchSize * this.encoding.width);
    this.gradOutput = allocFloat(spec.dtype, training.batchSize * this.encoding.width);
  }

  /** Updates done so far. */
  get stepsDone(): number {
    return this.step;
  }

  /** True once the end event has been emitted. */
  get done(): boolean {
    return this.finished;
  }

  /** Emits `start` and the evaluation of the initial network. Called by `advance` if needed. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { dataset } = this;
    this.options.emit({
      type: 'start',
      runId: this.options.runId,
      spec: this.spec,
      engineVersion: ENGINE_VERSION,
      dataset: {
        name: dataset.name,
        trainSize: dataset.train.x.rows,
        testSize: dataset.test?.x.rows ?? 0,
        inputSize: dataset.inputSize,
        numClasses: dataset.numClasses,
      },
      stepsPerEpoch: this.stepsPerEpoch,
      totalSteps: this.totalSteps,
    });
    this.evaluateNow();
  }

  /** Runs up to `maxSteps` steps (fewer when training ends first). Returns the steps done. */
  advance(maxSteps: number): number {
    this.start();
    let done = 0;
    while (done < maxSteps && !this.finished) {
      this.trainStep();
      done++;
    }
    return done;
  }

  /** Trains until the run ends. */
  runToEnd(): void {
    this.advance(Infinity);
  }

  /** Ends the run as `stopped`, evaluating the current network first. No-op when already ended. */
  stop(message: string | null = null): void {
    if (this.finished) return;
    this.start();
    if (this.finished) return;
    if (!this.lastEval || this.lastEval.step !== this.step) {
      if (!this.evaluateNow()) return;
    }
    this.end('stopped', message);
  }

  private trainStep(): void {
    const { spec, network } = this;
    const rows = this.sampler.next(this.indices);
    gatherInputs(this.dataset.train.x, this.indices, rows, this.inputs);
    gatherTargets(this.dataset.train.y, this.encoding, this.indices, rows, this.targets);
    const output = network.forward(this.inputs, rows, true);
    const fused = this.loss.fusedActivation !== null;
    const dataLoss = this.loss.compute(network.outputPreactivation(), output, this.targets, rows, this.encoding.width, this.gradOutput);
    const { l1, l2, l1Method } = spec.regularization;
    const loss = dataLoss + penaltyValue(network.params, l1, l2);
    const epoch = Math.floor(this.step / this.stepsPerEpoch);
    if (!Number.isFinite(loss)) {
      this.end('diverged', `training diverged at step ${this.step}: the loss became ${loss} (try a smaller learning rate or a smaller initial weight scale)`);
      return;
    }
    this.options.emit({ type: 'step', step: this.step, epoch, loss, dataLoss, elapsedMs: this.stepElapsedMs() });

    network.backward(this.gradOutput, rows, fused);
    const snapshot = this.isDiagnosticsStep();
    if (snapshot) this.diagnostics.capture();
    addPenaltyGradients(network.params, l1Method === 'subgradient' ? l1 : 0, l2);
    this.optimizer.step();
    if (l1Method === 'proximal') applyL1Proximal(network.params, this.optimizer.lr * l1);
    if (snapshot) {
      this.options.emit({ type: 'diagnostics', step: this.step, epoch, layers: this.diagnostics.finish() });
      const stride = this.networkStride;
      if (this.snapshotter && (this.diagnosticsTaken % stride === 0 || this.step === this.totalSteps - 1)) this.options.emit(this.snapshotter.snapshot(this.step, epoch));
      this.diagnosticsTaken++;
    }

    this.step++;
    const atEnd = this.step >= this.totalSteps;
    if (atEnd || this.isEvalStep()) {
      if (!this.evaluateNow()) return;
      if (this.stopRuleMet()) return;
    }
    if (atEnd) this.end('completed', null);
  }

  /**
   * Training time so far, rounded to the microsecond (what the history keeps, so a stored run
   * replays the very numbers it emitted) and never below the previous step's.
   */
  private stepElapsedMs(): number {
    const elapsed = Math.round((this.now() - this.startedAt) * 1000) / 1000;
    this.lastElapsedMs = Math.max(this.lastElapsedMs, elapsed);
    return this.lastElapsedMs;
  }

  private isDiagnosticsStep(): boolean {
    return this.step % this.spec.diagnostics.every === 0 || this.step === this.totalSteps - 1;
  }

  private isEvalStep(): boolean {
    const every = this.spec.training.evalEvery;
    return every !== undefined ? this.step % every === 0 : this.step % this.stepsPerEpoch === 0;
  }

  /**
   * Evaluates train and test splits and emits `eval`; ends the run as diverged on a non-finite loss.
   * The test split (the train split when there is none) also gives the confusion matrix, and for
   * images the first test samples' predictions.
   */
  private evaluateNow(): boolean {
    const { dataset } = this;
    const extras: EvaluationExtras = { confusion: true, ...(dataset.imageShape ? { samples: EVAL_SAMPLES } : {}) };
    const trainEvaluation = this.evaluator.evaluate(dataset.train, dataset.test ? {} : { confusion: true });
    const testEvaluation = dataset.test ? this.evaluator.evaluate(dataset.test, extras) : undefined;
    const train = trainEvaluation.metrics;
    const test = testEvaluation?.metrics;
    if (!Number.isFinite(train.loss) || (test && !Number.isFinite(test.loss))) {
      this.end('diverged', `training diverged by step ${this.step}: the evaluation loss became ${Number.isFinite(train.loss) ? test?.loss : train.loss} (try a smaller learning rate or a smaller initial weight scale)`);
      return false;
    }
    const event: EvalEvent = { type: 'eval', step: this.step, epoch: Math.floor(this.step / this.stepsPerEpoch), train };
    if (test) event.test = test;
    const confusion = (testEvaluation ?? trainEvaluation).confusion;
    if (confusion) event.confusion = confusion;
    if (testEvaluation?.samples) event.samples = testEvaluation.samples;
    this.lastEval = event;
    this.options.emit(event);
    return true;
  }

  /** Target loss and early stopping, checked after each evaluation. True when the run ended. */
  private stopRuleMet(): boolean {
    const { targetLoss, earlyStopping } = this.spec.training;
    const evaluation = this.lastEval!;
    if (targetLoss !== undefined && evaluation.train.loss <= targetLoss) {
      this.end('completed', `reached the target loss ${targetLoss} at step ${this.step}`);
      return true;
    }
    if (earlyStopping && evaluation.test) {
      if (evaluation.test.loss < this.bestTestLoss - earlyStopping.minDelta) {
        this.bestTestLoss = evaluation.test.loss;
        this.evalsWithoutImprovement = 0;
      } else if (++this.evalsWithoutImprovement >= earlyStopping.patience) {
        this.end('completed', `early stopping at step ${this.step}: the test loss has not improved for ${earlyStopping.patience} evaluations`);
        return true;
      }
    }
    return false;
  }

  private end(status: EndStatus, message: string | null): void {
    this.finished = true;
    const final = status === 'diverged' || !this.lastEval ? null : { train: this.lastEval.train, ...(this.lastEval.test ? { test: this.lastEval.test } : {}) };
    this.options.emit({ type: 'end', status, steps: this.step, final, message, elapsedMs: this.now() - this.startedAt });
  }
}
