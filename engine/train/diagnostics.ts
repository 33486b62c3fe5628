import type { LayerDiagnostics } from '../api/events';
import type { InputMatrix } from '../data/types';
import { allocFloat, type FloatArray } from '../nn/dtype';
import type { Block, Network } from '../nn/network';
import { activationHealth } from '../nn/activation-health';
import { randomStream } from '../nn/random';
import { l2Norm, meanAbs, summarize } from '../nn/statistics';
import { gatherInputs } from './targets';

/** |w| below this counts as "near zero" in the weight statistics. */
export const NEAR_ZERO_WEIGHT = 1e-3;

/**
 * Training samples behind the activation diagnostics (histograms, mean/std, saturated and dead
 * fractions): the whole training split when it has no more than this.
 */
export const DIAGNOSTICS_SAMPLE_SIZE = 256;

/**
 * The training rows the activation diagnostics look at, chosen once per run and the same at every
 * snapshot: every row, in order, when the split has at most DIAGNOSTICS_SAMPLE_SIZE; else the
 * first DIAGNOSTICS_SAMPLE_SIZE positions of a Fisher–Yates permutation of the rows drawn from the
 * run's own "diagnostics" stream (a uniform sample without replacement), in increasing row order.
 * A stream of its own: the data, initial weights, batch order and dropout masks draw exactly the
 * numbers they would without diagnostics.
 */
export function diagnosticsSampleRows(trainRows: number, seed: number): Int32Array {
  const size = Math.min(trainRows, DIAGNOSTICS_SAMPLE_SIZE);
  const rows = new Int32Array(trainRows);
  for (let i = 0; i < trainRows; i++) rows[i] = i;
  if (size === trainRows) return rows;
  const random = randomStream(seed, 'diagnostics');
  for (let i = 0; i < size; i++) {
    const j = i + random.int(trainRows - i);
    const chosen = rows[j]!;
    rows[j] = rows[i]!;
    rows[i] = chosen;
  }
  return rows.slice(0, size).sort();
}

/**
 * Per-layer diagnostics of one training step, taken in two parts: `capture` right after the
 * backward pass, `finish` right after the update (the update/weight ratio needs both).
 *
 * Where the numbers come from:
 *   - the gradient figures (gradNorm, gradMeanAbs) and the update ratio: the step's own batch, as
 *     the optimizer used it;
 *   - the weight statistics: the weights after the update;
 *   - pre-activation and activation histograms with their mean/std, the saturated and dead
 *     fractions: a fixed diagnostics sample of the training split (diagnosticsSampleRows; its
 *     inputs gathered once) passed through the step's weights (those its gradients were computed
 *     with) by Network.forwardForDiagnostics: batch norm on the sample's own statistics, as
 *     training normalizes, no dropout masks. A minibatch of 10 would give 80 values in 30 bins
 *     and a dead fraction that jumps from batch to batch; the sample gives the same picture at every
 *     snapshot, so a change between snapshots is a change of the network.
 * The sample's pass runs between backward and the update and draws no random numbers; no
 * parameter, gradient, running statistic or random stream changes, so training is bit-identical
 * with or without diagnostics. Its buffers are allocated once (the layers' own buffers have grown to
 * the evaluation's chunk size before the first step).
 */
export class DiagnosticsRecorder {
  /** Number of samples behind the activation statistics (the events' sampleSize). */
  readonly sampleSize: number;
  private readonly sampleInputs: FloatArray;
  private readonly weightsBefore: FloatArray[];
  private pending: Omit<LayerDiagnostics, 'updateRatio' | 'weights'>[] | null = null;

  constructor(
    private readonly network: Network,
    private readonly bins: number,
    trainInputs: InputMatrix,
    seed: number,
  ) {
    const rows = diagnosticsSampleRows(trainInputs.rows, seed);
    this.sampleSize = rows.length;
    this.sampleInputs = allocFloat(network.dtype, rows.length * trainInputs.cols);
    gatherInputs(trainInputs, rows, rows.length, this.sampleInputs);
    this.weightsBefore = network.blocks.map((b) => allocFloat(network.dtype, b.dense.weights.value.length));
  }

  /**
   * Records the step's gradients and weights, then the diagnostics sample's activations through
   * the same weights. Call after backward, before penalties and the update.
   */
  capture(): void {
    const gradients = this.network.blocks.map((block) => {
      this.weightsBefore[block.index]!.set(block.dense.weights.value);
      return { gradNorm: l2Norm(block.dense.weights.grad), gradMeanAbs: meanAbs(block.dense.weights.grad) };
    });
    this.network.forwardForDiagnostics(this.sampleInputs, this.sampleSize);
    this.pending = this.network.blocks.map((block) => ({ ...activationStatistics(block, this.sampleSize, this.bins), ...gradients[block.index]! }));
  }

  /** Completes the snapshot after the update. */
  finish(): LayerDiagnostics[] {
    if (!this.pending) throw new Error('DiagnosticsRecorder.finish called before capture');
    const layers = this.pending.map((partial, i) => {
      const weights = this.network.blocks[i]!.dense.weights.value;
      return { ...partial, updateRatio: updateRatio(this.weightsBefore[i]!, weights), weights: weightStatistics(weights, this.bins) };
    });
    this.pending = null;
    return layers;
  }
}

/** A block's pre-activation and activation statistics over the `rows` samples of the last forward. */
function activationStatistics(block: Block, rows: number, bins: number) {
  const units = block.spec.units;
  const n = rows * units;
  const z = block.activation.lastPreactivation()!;
  const a = block.activation.lastOutput(rows);
  const fn = block.activation.activation;
  return {
    layer: block.index,
    units,
    activationName: fn.name,
    sampleSize: rows,
    preactivation: summarize(z, n, bins),
    activation: summarize(a, n, bins),
    ...activationHealth(fn, z, a, rows, units),
  };
}

function updateRatio(before: FloatArray, after: FloatArray): number | null {
  let change = 0;
  let size = 0;
  for (let i = 0; i < before.length; i++) {
    const d = after[i]! - before[i]!;
    change += d * d;
    size += before[i]! * before[i]!;
  }
  if (size === 0) return change === 0 ? 0 : null;
  const ratio = Math.sqrt(change / size);
  return Number.isFinite(ratio) ? ratio : null;
}

function weightStatistics(weights: FloatArray, bins: number): LayerDiagnostics['weights'] {
  let nearZero = 0;
  let zero = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w === 0) zero++;
    if (Math.abs(w) < NEAR_ZERO_WEIGHT) nearZero++;
  }
  return { ...summarize(weights, weights.length, bins), nearZeroFraction: nearZero / weights.length, zeroFraction: zero / weights.length };
}
