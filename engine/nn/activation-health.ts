import type { Activation } from './activations';
import type { FloatArray } from './dtype';

/**
 * How much of a layer still passes gradient, over rows × units values of one batch:
 * saturatedFraction, the share of values in a flat part of the activation (its isSaturated), and
 * deadFraction, the share of units that passed no gradient for any row (passesNoGradient everywhere).
 */
export function activationHealth(fn: Activation, z: FloatArray, a: FloatArray, rows: number, units: number): { saturatedFraction: number; deadFraction: number } {
  let saturated = 0;
  let deadUnits = 0;
  for (let u = 0; u < units; u++) {
    let passesSomewhere = false;
    for (let r = 0; r < rows; r++) {
      const k = r * units + u;
      if (fn.isSaturated(z[k]!, a[k]!)) saturated++;
      if (!passesSomewhere && !fn.passesNoGradient(z[k]!, a[k]!)) passesSomewhere = true;
    }
    if (!passesSomewhere) deadUnits++;
  }
  return { saturatedFraction: saturated / (rows * units), deadFraction: deadUnits / units };
}
