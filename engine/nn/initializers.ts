import { defaultInitName, type ActivationName, type InitSpec } from '../api/run-spec';
import type { FloatArray } from './dtype';
import type { Random } from './random';

/** An initializer in its normalized object form. */
export type Initializer = Exclude<InitSpec, string>;

/** "he" and { name: "he" } mean the same; the object form is what the engine works with. */
export function normalizeInit(init: InitSpec | undefined, activation: ActivationName): Initializer {
  if (init === undefined) return { name: defaultInitName(activation) };
  return typeof init === 'string' ? { name: init } : init;
}

/**
 * Standard deviation (normal initializers) or half-width (uniform ones) for a layer with n_in
 * inputs and n_out outputs:
 *   xavier          N(0, 1/n_in)            the lecture's "standard normal divided by √n_in"
 *   he              N(0, 2/n_in)            "divided by √(n_in/2)"
 *   glorot_uniform  U(±√(6/(n_in+n_out)))
 *   he_uniform      U(±√(6/n_in))
 */
export function initializerScale(init: Initializer, nIn: number, nOut: number): { distribution: 'normal' | 'uniform' | 'none'; scale: number } {
  switch (init.name) {
    case 'xavier':
      return { distribution: 'normal', scale: 1 / Math.sqrt(nIn) };
    case 'he':
      return { distribution: 'normal', scale: Math.sqrt(2 / nIn) };
    case 'normal':
      return { distribution: 'normal', scale: init.std };
    case 'glorot_uniform':
      return { distribution: 'uniform', scale: Math.sqrt(6 / (nIn + nOut)) };
    case 'he_uniform':
      return { distribution: 'uniform', scale: Math.sqrt(6 / nIn) };
    case 'uniform':
      return { distribution: 'uniform', scale: init.limit };
    case 'zeros':
    case 'constant':
    case 'values':
      return { distribution: 'none', scale: 0 };
  }
}

/**
 * Fills a dense layer's weights (n_in × n_out, row-major) and bias. Every normal initializer scales
 * the same standard-normal draws and every uniform one the same U(−1, 1) draws, so on the same
 * seed He and Xavier weights differ only by a factor: comparisons isolate the scale.
 * Biases start at 0 except with "constant" (bias = value) and "values" (given bias, else 0).
 */
export function initializeDense(init: Initializer, nIn: number, nOut: number, random: Random, weights: FloatArray, bias: FloatArray): void {
  bias.fill(0);
  if (init.name === 'values') {
    for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) weights[i * nOut + j] = init.weights[i]![j]!;
    if (init.bias) for (let j = 0; j < nOut; j++) bias[j] = init.bias[j]!;
    return;
  }
  if (init.name === 'constant') {
    weights.fill(init.value);
    bias.fill(init.value);
    return;
  }
  const { distribution, scale } = initializerScale(init, nIn, nOut);
  const count = nIn * nOut;
  if (distribution === 'normal') for (let i = 0; i < count; i++) weights[i] = random.normal() * scale;
  else if (distribution === 'uniform') for (let i = 0; i < count; i++) weights[i] = (2 * random.uniform() - 1) * scale;
  else weights.fill(0);
}
