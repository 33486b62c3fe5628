import type { Metrics, SamplePrediction } from '../api/events';
import type { DataSplit } from '../data/types';
import { allocFloat, type FloatArray } from '../nn/dtype';
import type { Loss } from '../nn/losses';
import type { Network } from '../nn/network';
import { gatherInputs, gatherTargets, prediction, type TargetEncoding } from './targets';

/** Rows per forward pass when evaluating a whole split (bounds memory, not results). */
export const EVAL_CHUNK_ROWS = 512;

/** Class labels with more classes than this get no confusion matrix (it would not be read). */
export const MAX_CONFUSION_CLASSES = 20;

/** What else to collect while evaluating a split. */
export interface EvaluationExtras {
  /** Count [true class][predicted class] (class labels with at most MAX_CONFUSION_CLASSES classes). */
  confusion?: boolean;
  /** Predictions for the first this many rows (class labels only). */
  samples?: number;
}

/** A split's metrics and the extras asked for (absent where they do not apply). */
export interface SplitEvaluation {
  metrics: Metrics;
  confusion?: number[][];
  samples?: SamplePrediction[];
}

/**
 * Evaluates a network in evaluation mode (dropout off, batch norm on running statistics) on the
 * first `limit` samples of a split: mean data loss (penalties excluded, so train and test compare
 * like with like) and, for class labels, accuracy — optionally with the confusion matrix and the
 * first rows' predictions, counted in the same pass.
 */
export class Evaluator {
  private readonly indices = new Int32Array(EVAL_CHUNK_ROWS);
  private readonly inputs: FloatArray;
  private readonly targets: FloatArray;

  constructor(
    private readonly network: Network,
    private readonly loss: Loss,
    private readonly encoding: TargetEncoding,
  ) {
    this.inputs = allocFloat(network.dtype, EVAL_CHUNK_ROWS * network.inputSize);
    this.targets = allocFloat(network.dtype, EVAL_CHUNK_ROWS * encoding.width);
  }

  /**
   * Metrics plus the extras asked for. `confusion[t][p]` counts rows of true class t predicted as
   * p, so its trace over the row count is the accuracy; a sample's confidence is the predicted
   * class's probability (see `prediction`).
   */
  evaluate(split: DataSplit, extras: EvaluationExtras = {}, limit = Infinity): SplitEvaluation {
    const total = Math.min(split.x.rows, limit);
    const width = this.encoding.width;
    const labels = split.y.kind === 'classes' ? split.y.labels : null;
    const numClasses = split.y.kind === 'classes' ? split.y.numClasses : 0;
    const confusion =
      labels !== null && extras.confusion && numClasses <= MAX_CONFUSION_CLASSES ? Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0)) : null;
    const samples: SamplePrediction[] | null = labels !== null && extras.samples !== undefined ? [] : null;
    const sampleCount = Math.min(extras.samples ?? 0, total);
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < total; start += EVAL_CHUNK_ROWS) {
      const rows = Math.min(EVAL_CHUNK_ROWS, total - start);
      for (let r = 0; r < rows; r++) this.indices[r] = start + r;
      gatherInputs(split.x, this.indices, rows, this.inputs);
      gatherTargets(split.y, this.encoding, this.indices, rows, this.targets);
      const output = this.network.forward(this.inputs, rows, false);
      lossSum += this.loss.compute(this.network.outputPreactivation(), output, this.targets, rows, width, null) * rows;
      if (labels === null) continue;
      for (let r = 0; r < rows; r++) {
        const index = start + r;
        const label = labels[index]!;
        const { predicted, confidence } = prediction(output, r, this.encoding);
        if (predicted === label) correct++;
        if (confusion) confusion[label]![predicted]!++;
        // A non-finite output makes the loss non-finite too, and such an evaluation ends the run unseen.
        if (samples && index < sampleCount) samples.push({ index, label, predicted, confidence: Number.isFinite(confidence) ? confidence : 0 });
      }
    }
    const metrics: Metrics = { loss: lossSum / total };
    if (labels !== null) metrics.accuracy = correct / total;
    const evaluation: SplitEvaluation = { metrics };
    if (confusion) evaluation.confusion = confusion;
    if (samples) evaluation.samples = samples;
    return evaluation;
  }
}
