import type { RunSpec } from '../api/run-spec';
import type { WeightsFile } from '../api/weights-file';

/**
 * Why a weights file cannot belong to a run of `spec` (null when it fits): one entry per spec
 * layer, each with as many columns as the layer has units, and as many rows in the first layer
 * as the data has inputs (when known). WeightsFileSchema has already checked the file's own shapes.
 */
export function weightsMismatch(spec: RunSpec, file: WeightsFile, inputSize: number | null): string | null {
  if (file.layers.length !== spec.layers.length) {
    return `has ${file.layers.length} layers, but the run's spec has ${spec.layers.length}`;
  }
  for (let i = 0; i < spec.layers.length; i++) {
    const columns = file.layers[i]!.weights[0]?.length ?? 0;
    if (columns !== spec.layers[i]!.units) {
      return `layers[${i}] has ${columns} units, but the run's spec says ${spec.layers[i]!.units}`;
    }
  }
  const rows = file.layers[0]!.weights.length;
  if (inputSize !== null && rows !== inputSize) {
    return `layers[0] has ${rows} rows, but the run's data has ${inputSize} inputs`;
  }
  return null;
}
