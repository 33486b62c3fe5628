import type { LayerDiagnostics } from '../api/events';
import { allocFloat, type FloatArray } from '../nn/dtype';
import type { Block, Network } from '../nn/network';
import { activationHealth } from '../nn/activation-health';
import { l2Norm, meanAbs, summarize } from '../nn/statistics';

/** |w| below this counts as "near zero" in the weight statistics. */
export const NEAR_ZERO_WEIGHT = 1e-3;

/**
 * Per-layer diagnostics of one training step, taken in two parts: `capture` right after the
 * backward pass (activations of the step's batch, the data loss's weight gradients, a copy of the
 * weights), `finish` right after the update (the update/weight ratio needs both).
 */
export class DiagnosticsRecorder {
  private readonly weightsBefore: FloatArray[];
  private pending: Omit<LayerDiagnostics, 'updateRatio' | 'weights'>[] | null = null;

  constructor(
    private readonly network: Network,
    private readonly bins: number,
  ) {
    this.weightsBefore = network.blocks.map((b) => allocFloat(network.dtype, b.dense.weights.value.length));
  }

  /** Records the step's activations and gradients; call after backward, before penalties and the update. */
  capture(rows: number): void {
    this.pending = this.network.blocks.map((block) => {
      this.weightsBefore[block.index]!.set(block.dense.weights.value);
      return { ...activationStatistics(block, rows, this.bins), gradNorm: l2Norm(block.dense.weights.grad), gradMeanAbs: meanAbs(block.dense.weights.grad) };
    });
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
