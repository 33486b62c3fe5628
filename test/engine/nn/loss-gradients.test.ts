import { describe, expect, it } from 'vitest';
import { activationByName } from '../../../engine/nn/activations';
import { lossByName } from '../../../engine/nn/losses';
import type { Parameter } from '../../../engine/nn/layer';
import { addPenaltyGradients, applyL1Proximal, penaltyValue } from '../../../engine/nn/penalties';
import { maxRelativeError, numericGradient, testValues } from './numeric-gradient';

const ROWS = 4;
const K = 3;

function oneHot(labels: number[], k: number): Float64Array {
  const out = new Float64Array(labels.length * k);
  labels.forEach((label, r) => (out[r * k + label] = 1));
  return out;
}

describe('loss gradients (float64, central differences)', () => {
  it('softmax cross-entropy: ∂L/∂z of the fused softmax', () => {
    const loss = lossByName('softmax_cross_entropy');
    const softmax = activationByName('softmax');
    const z = testValues(ROWS * K, 11, 3);
    const targets = oneHot([0, 2, 1, 2], K);
    const a = new Float64Array(ROWS * K);
    const value = () => {
      softmax.forward(z, a, ROWS, K);
      return loss.compute(z, a, targets, ROWS, K, null);
    };
    value();
    const grad = new Float64Array(ROWS * K);
    loss.compute(z, a, targets, ROWS, K, grad);
    expect(maxRelativeError(grad, numericGradient(value, z))).toBeLessThan(1e-6);
  });

  it('softmax cross-entropy equals −mean log p of the true class (hand-computed)', () => {
    const loss = lossByName('softmax_cross_entropy');
    const z = new Float64Array([1, 2, 3]);
    const a = new Float64Array(3);
    activationByName('softmax').forward(z, a, 1, 3);
    expect(loss.compute(z, a, oneHot([2], 3), 1, 3, null)).toBeCloseTo(-Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3))), 12);
    // stays finite where a naive log(softmax) would be log(0)
    const extreme = new Float64Array([1000, -1000, 0]);
    activationByName('softmax').forward(extreme, a, 1, 3);
    expect(loss.compute(extreme, a, oneHot([1], 3), 1, 3, null)).toBeCloseTo(2000, 9);
  });

  it('binary cross-entropy: ∂L/∂z of the fused sigmoid, and its value', () => {
    const loss = lossByName('binary_cross_entropy');
    const sigmoid = activationByName('sigmoid');
    const z = testValues(ROWS * 2, 12, 4);
    const targets = new Float64Array([1, 0, 0, 1, 1, 1, 0, 0]);
    const a = new Float64Array(ROWS * 2);
    const value = () => {
      sigmoid.forward(z, a, ROWS, 2);
      return loss.compute(z, a, targets, ROWS, 2, null);
    };
    value();
    const grad = new Float64Array(ROWS * 2);
    loss.compute(z, a, targets, ROWS, 2, grad);
    expect(maxRelativeError(grad, numericGradient(value, z))).toBeLessThan(1e-6);
    const p = 1 / (1 + Math.exp(-0.3));
    expect(loss.compute(new Float64Array([0.3]), new Float64Array([p]), new Float64Array([1]), 1, 1, null)).toBeCloseTo(-Math.log(p), 12);
  });

  it('mse: ½·Σ(a − t)² averaged over the batch, and ∂L/∂a', () => {
    const loss = lossByName('mse');
    const a = testValues(ROWS * K, 13);
    const targets = testValues(ROWS * K, 14);
    const grad = new Float64Array(ROWS * K);
    loss.compute(a, a, targets, ROWS, K, grad);
    expect(maxRelativeError(grad, numericGradient(() => loss.compute(a, a, targets, ROWS, K, null), a))).toBeLessThan(1e-6);
    expect(loss.compute(new Float64Array([1, 2, 3, 5]), new Float64Array([1, 2, 3, 5]), new Float64Array([0, 0, 3, 3]), 2, 2, null)).toBeCloseTo(
      (0.5 * (1 + 4) + 0.5 * (0 + 4)) / 2,
      12,
    );
  });
});

describe('penalties', () => {
  const param = (values: number[], penalized = true): Parameter => ({
    name: 'w',
    value: Float64Array.from(values),
    grad: new Float64Array(values.length),
    rows: 1,
    cols: values.length,
    penalized,
  });

  it('L1 + L2 value: λ₁Σ|W| + (λ₂/2)ΣW² over dense weights only', () => {
    const params = [param([1, -2, 0.5]), param([10, 10], false)];
    expect(penaltyValue(params, 0.1, 0.01)).toBeCloseTo(0.1 * 3.5 + 0.005 * (1 + 4 + 0.25), 12);
  });

  it('gradients match central differences (away from 0, where |w| has a kink)', () => {
    const w = param(Array.from(testValues(10, 15, 2)));
    addPenaltyGradients([w], 0.3, 0.2);
    const numeric = numericGradient(() => penaltyValue([w], 0.3, 0.2), w.value);
    expect(maxRelativeError(w.grad, numeric)).toBeLessThan(1e-6);
  });

  it('biases and batch-norm parameters are never penalized', () => {
    const bias = param([3, -3], false);
    addPenaltyGradients([bias], 1, 1);
    expect(Array.from(bias.grad)).toEqual([0, 0]);
  });

  it('the L1 proximal step soft-thresholds: small weights become exactly 0', () => {
    const w = param([0.5, -0.5, 0.05, -0.02, 0]);
    applyL1Proximal([w], 0.1);
    const v = Array.from(w.value);
    expect(v[0]).toBeCloseTo(0.4, 12);
    expect(v[1]).toBeCloseTo(-0.4, 12);
    expect(v.slice(2)).toEqual([0, 0, 0]);
  });
});
