import { describe, expect, it } from 'vitest';
import type { OptimizerSpec } from '../../../engine/api/run-spec';
import type { Parameter } from '../../../engine/nn/layer';
import { createOptimizer } from '../../../engine/nn/optimizers';

/**
 * First steps of every optimizer against numbers worked by hand, on w = (1, −2) with a constant
 * gradient g = (0.5, −1). (test/engine/train/torch-agreement.test.ts checks them against PyTorch.)
 */
function steps(spec: OptimizerSpec, count: number): number[][] {
  const param: Parameter = { name: 'w', value: Float64Array.from([1, -2]), grad: Float64Array.from([0.5, -1]), rows: 1, cols: 2, penalized: true };
  const optimizer = createOptimizer(spec, [param], 'float64');
  const after: number[][] = [];
  for (let i = 0; i < count; i++) {
    optimizer.step();
    after.push(Array.from(param.value));
  }
  return after;
}

function expectSteps(actual: number[][], expected: number[][]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(v, `step ${i + 1}, w[${j}]`).toBeCloseTo(expected[i]![j]!, 7)));
}

describe('optimizer steps, worked by hand', () => {
  it('sgd: w ← w − lr·g', () => {
    // lr 0.1: 1 − 0.05 = 0.95, −2 + 0.1 = −1.9, then again
    expectSteps(steps({ name: 'sgd', lr: 0.1 }, 2), [
      [0.95, -1.9],
      [0.9, -1.8],
    ]);
  });

  it('momentum: b ← 0.9·b + g, w ← w − lr·b', () => {
    // b = g, 1.9g, 2.71g; w moves by 0.1·b: 0.05, 0.095, 0.1355 (and twice that, negated, in w[1])
    expectSteps(steps({ name: 'momentum', lr: 0.1, momentum: 0.9 }, 3), [
      [0.95, -1.9],
      [0.855, -1.71],
      [0.7195, -1.439],
    ]);
  });

  it('nesterov: w ← w − lr·(g + 0.9·b)', () => {
    // b = g then 1.9g; the step uses g + 0.9b = 1.9g then 2.71g: moves 0.095, 0.1355
    expectSteps(steps({ name: 'nesterov', lr: 0.1, momentum: 0.9 }, 2), [
      [0.905, -1.81],
      [0.7695, -1.539],
    ]);
  });

  it('adagrad: s ← s + g², w ← w − lr·g/(√s + ε)', () => {
    // s = g² then 2g²: moves 0.1·sign(g), then 0.1/√2 = 0.0707107·sign(g)
    expectSteps(steps({ name: 'adagrad', lr: 0.1 }, 2), [
      [0.9, -1.9],
      [0.8292893, -1.8292893],
    ]);
  });

  it('rmsprop: v ← 0.99·v + 0.01·g², w ← w − lr·g/(√v + ε)', () => {
    // v = 0.01g² (√ = 0.1|g|): moves 0.01/0.1 = 0.1; v = 0.0199g² (√ = 0.1410674|g|): moves 0.0708881
    expectSteps(steps({ name: 'rmsprop', lr: 0.01 }, 2), [
      [0.9, -1.9],
      [0.8291119, -1.8291119],
    ]);
  });

  it('adam: bias-corrected moments; a constant gradient moves w by lr every step', () => {
    // m̂ = g and v̂ = g² at every step (the bias correction is exact for a constant g), so the step is lr·g/|g|
    expectSteps(steps({ name: 'adam', lr: 0.1 }, 3), [
      [0.9, -1.9],
      [0.8, -1.8],
      [0.7, -1.7],
    ]);
  });

  it("uses torch.optim's defaults when the spec leaves them out", () => {
    expect(createOptimizer({ name: 'sgd' }, [], 'float64').lr).toBe(0.001);
    expect(createOptimizer({ name: 'adagrad' }, [], 'float64').lr).toBe(0.01);
    expect(createOptimizer({ name: 'rmsprop' }, [], 'float64').lr).toBe(0.01);
    expect(createOptimizer({ name: 'adam' }, [], 'float64').lr).toBe(0.001);
    // momentum defaults to 0.9: second step of the momentum case above at lr 0.1
    expectSteps(steps({ name: 'momentum', lr: 0.1 }, 2).slice(1), [[0.855, -1.71]]);
  });
});
