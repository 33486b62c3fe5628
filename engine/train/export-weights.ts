import { shortestFloat32, type WeightsFile, type WeightsLayer } from '../api/weights-file';
import type { FloatArray } from '../nn/dtype';
import type { Network } from '../nn/network';

/**
 * The network's parameters as a weights file (`network.dtype` decides the number format).
 * Throws when a value is not finite (a diverged network has nothing worth saving, and JSON
 * would turn NaN into null).
 */
export function exportWeights(network: Network): WeightsFile {
  const float32 = network.dtype === 'float32';
  const toNumbers = (values: FloatArray, field: string): number[] =>
    Array.from(values, (v) => {
      if (!Number.isFinite(v)) throw new Error(`${field} holds ${v}: a network with non-finite parameters cannot be saved`);
      return float32 ? shortestFloat32(v) : v;
    });
  return {
    version: 1,
    layers: network.blocks.map((block) => {
      const field = `layers[${block.index}]`;
      const { weights, bias } = block.dense;
      const flat = toNumbers(weights.value, `${field}.weights`);
      const layer: WeightsLayer = {
        weights: Array.from({ length: weights.rows }, (_, r) => flat.slice(r * weights.cols, (r + 1) * weights.cols)),
        bias: toNumbers(bias.value, `${field}.bias`),
      };
      const norm = block.batchNorm;
      if (norm) {
        layer.gamma = toNumbers(norm.gamma.value, `${field}.gamma`);
        layer.beta = toNumbers(norm.beta.value, `${field}.beta`);
        layer.runningMean = toNumbers(norm.runningMean, `${field}.runningMean`);
        layer.runningVar = toNumbers(norm.runningVar, `${field}.runningVar`);
      }
      return layer;
    }),
  };
}
