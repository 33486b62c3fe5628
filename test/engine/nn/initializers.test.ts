import { describe, expect, it } from 'vitest';
import { initializeDense, type Initializer } from '../../../engine/nn/initializers';
import { randomStream } from '../../../engine/nn/random';

function initialize(init: Initializer, nIn: number, nOut: number, seed = 1) {
  const weights = new Float64Array(nIn * nOut);
  const bias = new Float64Array(nOut);
  initializeDense(init, nIn, nOut, randomStream(seed, 'init:0'), weights, bias);
  return { weights, bias };
}

function stats(values: Float64Array) {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { mean, std, min, max };
}

describe('initializers', () => {
  const nIn = 400;
  const nOut = 300;

  it.each([
    [{ name: 'xavier' } as Initializer, 1 / Math.sqrt(nIn)],
    [{ name: 'he' } as Initializer, Math.sqrt(2 / nIn)],
    [{ name: 'normal', std: 0.01 } as Initializer, 0.01],
  ])('%o draws N(0, σ²) with the lecture’s σ', (init, sigma) => {
    const { weights, bias } = initialize(init, nIn, nOut);
    const s = stats(weights);
    expect(Math.abs(s.mean)).toBeLessThan(0.01 * sigma);
    expect(s.std / sigma).toBeGreaterThan(0.99);
    expect(s.std / sigma).toBeLessThan(1.01);
    expect(bias.every((b) => b === 0)).toBe(true);
  });

  it.each([
    [{ name: 'uniform', limit: 0.3 } as Initializer, 0.3],
    [{ name: 'glorot_uniform' } as Initializer, Math.sqrt(6 / (nIn + nOut))],
    [{ name: 'he_uniform' } as Initializer, Math.sqrt(6 / nIn)],
  ])('%o draws U(−a, a)', (init, limit) => {
    const s = stats(initialize(init, nIn, nOut).weights);
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.max).toBeLessThanOrEqual(limit);
    expect(s.min).toBeLessThan(-0.99 * limit);
    expect(s.max).toBeGreaterThan(0.99 * limit);
    expect(s.std / (limit / Math.sqrt(3))).toBeCloseTo(1, 1);
  });

  it('zeros, constant and explicit values', () => {
    expect(initialize({ name: 'zeros' }, 3, 2).weights.every((w) => w === 0)).toBe(true);
    const constant = initialize({ name: 'constant', value: 0.5 }, 3, 2);
    expect(Array.from(constant.weights)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(constant.bias)).toEqual([0.5, 0.5]);
    const values = initialize({ name: 'values', weights: [[1, 2], [3, 4], [5, 6]], bias: [7, 8] }, 3, 2);
    expect(Array.from(values.weights)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(values.bias)).toEqual([7, 8]);
  });

  it('scales the same draws for every normal initializer, so comparisons isolate the scale', () => {
    const he = initialize({ name: 'he' }, 100, 100, 5).weights;
    const small = initialize({ name: 'normal', std: 0.01 }, 100, 100, 5).weights;
    const ratio = Math.sqrt(2 / 100) / 0.01;
    for (let i = 0; i < he.length; i += 97) expect(he[i]).toBeCloseTo(small[i]! * ratio, 12);
  });
});
