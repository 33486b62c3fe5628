import type { Metrics } from '../api/events';
import type { DataSplit } from '../data/types';
import { allocFloat, type FloatArray } from '../nn/dtype';
import type { Loss } from '../nn/losses';
import type { Network } from '../nn/network';
import { gatherInputs, gatherTargets, predictedClass, type TargetEncoding } from './targets';

/** Rows per forward pass when evaluating a whole split (bounds memory, not results). */
const EVAL_CHUNK_ROWS = 512;

/**
 * Evaluates a network in evaluation mode (dropout off, batch norm on running statistics) on the
 * first `limit` samples of a split: mean data loss (penalties excluded, so train and test compare
 * like with like) and, for class labels, accuracy.
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

  evaluate(split: DataSplit, limit = Infinity): Metrics {
    const total = Math.min(split.x.rows, limit);
    const width = this.encoding.width;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < total; start += EVAL_CHUNK_ROWS) {
      const rows = Math.min(EVAL_CHUNK_ROWS, total - start);
      for (let r = 0; r < rows; r++) this.indices[r] = start + r;
      gatherInputs(split.x, this.indices, rows, this.inputs);
      gatherTargets(split.y, this.encoding, this.indices, rows, this.targets);
      const output = this.network.forward(this.inputs, rows, false);
      lossSum += this.loss.compute(this.network.outputPreactivation(), output, this.targets, rows, width, null) * rows;
      if (split.y.kind === 'classes') {
        for (let r = 0; r < rows; r++) if (predictedClass(output, r, this.encoding) === split.y.labels[start + r]) correct++;
      }
    }
    const metrics: Metrics = { loss: lossSum / total };
    if (split.y.kind === 'classes') metrics.accuracy = correct / total;
    return metrics;
  }
}
