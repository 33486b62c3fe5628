import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../engine/api/run-spec';
import { activationByName } from '../../../engine/nn/activations';
import type { Layer } from '../../../engine/nn/layer';
import { ActivationLayer } from '../../../engine/nn/layers/activation-layer';
import { BatchNormLayer } from '../../../engine/nn/layers/batch-norm-layer';
import { DenseLayer } from '../../../engine/nn/layers/dense-layer';
import { DropoutLayer } from '../../../engine/nn/layers/dropout-layer';
import { randomStream } from '../../../engine/nn/random';
import { maxRelativeError, numericGradient, testValues } from './numeric-gradient';

const TOLERANCE = 1e-6;
const ROWS = 5;

/**
 * Checks a layer's backward against central differences of L = Σ r ⊙ layer(x) for a fixed random
 * r, with respect to the input and every parameter.
 */
function checkLayer(layer: Layer, input: Float64Array, training = true): { input: number; params: Record<string, number> } {
  const upstream = testValues(ROWS * layer.outputSize, 99);
  const lossOf = () => {
    const out = layer.forward(input, ROWS, training);
    let sum = 0;
    for (let i = 0; i < ROWS * layer.outputSize; i++) sum += out[i]! * upstream[i]!;
    return sum;
  };
  lossOf();
  const dx = Float64Array.from(layer.backward(upstream, ROWS, true)!.subarray(0, input.length));
  const analyticParams = layer.params.map((p) => Float64Array.from(p.grad));
  const params: Record<string, number> = {};
  layer.params.forEach((p, i) => {
    params[p.name] = maxRelativeError(analyticParams[i]!, numericGradient(lossOf, p.value));
  });
  return { input: maxRelativeError(dx, numericGradient(lossOf, input)), params };
}

function expectAllBelow(errors: { input: number; params: Record<string, number> }) {
  expect(errors.input).toBeLessThan(TOLERANCE);
  for (const [name, error] of Object.entries(errors.params)) expect(error, name).toBeLessThan(TOLERANCE);
}

describe('gradient checks (float64, central differences)', () => {
  it('dense layer: input, weights and bias', () => {
    const layer = new DenseLayer(4, 3, 'float64', 0);
    layer.weights.value.set(testValues(12, 1));
    layer.bias.value.set(testValues(3, 2));
    const errors = checkLayer(layer, testValues(ROWS * 4, 3));
    expect(Object.keys(errors.params)).toEqual(['layers.0.weights', 'layers.0.bias']);
    expectAllBelow(errors);
  });

  for (const name of ACTIVATIONS) {
    it(`activation ${name}`, () => {
      const layer = new ActivationLayer(activationByName(name), 4, 'float64');
      expectAllBelow(checkLayer(layer, testValues(ROWS * 4, 4, 3)));
    });
  }

  it('batch norm in training mode: input, gamma and beta', () => {
    const layer = new BatchNormLayer(3, 'float64', 0);
    layer.gamma.value.set([1.5, -0.7, 0.3]);
    layer.beta.value.set([0.1, 0.2, -0.4]);
    const errors = checkLayer(layer, testValues(ROWS * 3, 5, 2));
    expect(Object.keys(errors.params)).toEqual(['layers.0.gamma', 'layers.0.beta']);
    expectAllBelow(errors);
  });

  it('dropout with a fixed mask', () => {
    const layer = new DropoutLayer(0.5, 6, 'float64', randomStream(3, 'dropout:0'));
    const input = testValues(ROWS * 6, 6);
    layer.forward(input, ROWS, true);
    layer.freezeMask = true;
    expectAllBelow(checkLayer(layer, input));
  });
});

describe('layer semantics', () => {
  it('dense computes x·W + b with W stored n_in × n_out', () => {
    const layer = new DenseLayer(2, 3, 'float64', 0);
    layer.weights.value.set([1, 2, 3, 4, 5, 6]); // rows: input 0 → [1,2,3], input 1 → [4,5,6]
    layer.bias.value.set([0.5, 0, -1]);
    const out = layer.forward(new Float64Array([1, -1, 2, 0.5]), 2);
    expect(Array.from(out.subarray(0, 6))).toEqual([1 - 4 + 0.5, 2 - 5, 3 - 6 - 1, 2 + 2 + 0.5, 4 + 2.5, 6 + 3 - 1]);
  });

  it('batch norm normalizes with the biased batch variance and tracks unbiased running statistics', () => {
    const layer = new BatchNormLayer(1, 'float64', 0);
    const x = new Float64Array([1, 2, 3, 6]); // mean 3, biased var 3.5, unbiased 14/3
    const out = layer.forward(x, 4, true);
    const std = Math.sqrt(3.5 + 1e-5);
    expect(out[0]).toBeCloseTo((1 - 3) / std, 12);
    expect(out[3]).toBeCloseTo((6 - 3) / std, 12);
    expect(layer.runningMean[0]).toBeCloseTo(0.9 * 0 + 0.1 * 3, 12);
    expect(layer.runningVar[0]).toBeCloseTo(0.9 * 1 + 0.1 * (14 / 3), 12);
    const evalOut = layer.forward(new Float64Array([2]), 1, false);
    expect(evalOut[0]).toBeCloseTo((2 - 0.3) / Math.sqrt(0.9 + 0.1 * (14 / 3) + 1e-5), 12);
  });

  it('inverted dropout keeps about 1 − p of the values, scaled by 1/(1 − p), and is the identity in evaluation', () => {
    const layer = new DropoutLayer(0.2, 1000, 'float64', randomStream(1, 'dropout:0'));
    const ones = new Float64Array(10_000).fill(1);
    const out = layer.forward(ones, 10, true);
    let kept = 0;
    for (let i = 0; i < 10_000; i++) {
      if (out[i] !== 0) {
        kept++;
        expect(out[i]).toBeCloseTo(1.25, 12);
      }
    }
    expect(kept / 10_000).toBeGreaterThan(0.78);
    expect(kept / 10_000).toBeLessThan(0.82);
    expect(layer.forward(ones, 10, false)).toBe(ones);
  });

  it('activations match their definitions at hand-picked points', () => {
    const z = new Float64Array([-2, -0.5, 0, 0.5, 2]);
    const a = new Float64Array(5);
    const values = (name: (typeof ACTIVATIONS)[number]): number[] => {
      activationByName(name).forward(z, a, 1, 5);
      return Array.from(a);
    };
    const close = (actual: number[], expected: number[]) => expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 12));
    close(values('sigmoid'), [0.11920292202211755, 0.3775406687981454, 0.5, 0.6224593312018546, 0.8807970779778823]);
    close(values('tanh'), [Math.tanh(-2), Math.tanh(-0.5), 0, Math.tanh(0.5), Math.tanh(2)]);
    close(values('relu'), [0, 0, 0, 0.5, 2]);
    close(values('leaky_relu'), [-0.02, -0.005, 0, 0.5, 2]);
    close(values('elu'), [Math.exp(-2) - 1, Math.exp(-0.5) - 1, 0, 0.5, 2]);
    close(values('linear'), [-2, -0.5, 0, 0.5, 2]);
    const soft = values('softmax');
    const total = [-2, -0.5, 0, 0.5, 2].reduce((s, v) => s + Math.exp(v), 0);
    close(soft, [-2, -0.5, 0, 0.5, 2].map((v) => Math.exp(v) / total));
  });

  it("sigmoid's derivative is at most 0.25 and about 7e-23 at z = 51 (the lecture's w = 100 neuron)", () => {
    const fn = activationByName('sigmoid');
    const z = new Float64Array([0, 51]);
    const a = new Float64Array(2);
    const dz = new Float64Array(2);
    fn.forward(z, a, 1, 2);
    fn.backward(z, a, new Float64Array([1, 1]), dz, 1, 2);
    expect(dz[0]).toBe(0.25);
    // σ(51) rounds to 1 − 2⁻⁵³·k in float64; σ'(51) = e^(−51)/(1+e^(−51))² ≈ 7.1e-23
    expect(dz[1]).toBeLessThan(1e-15);
  });
});
