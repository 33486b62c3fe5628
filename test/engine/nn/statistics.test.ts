import { describe, expect, it } from 'vitest';
import { summarize } from '../../../engine/nn/statistics';

describe('summaries and auto-ranged histograms', () => {
  it('spans the values, counts each one once, and gives the population mean and std', () => {
    const s = summarize([-1, 0, 0, 1, 3], 5, 4);
    expect(s.histogram.edges).toEqual([-1, 0, 1, 2, 3]);
    expect(s.histogram.counts).toEqual([1, 2, 1, 1]); // the maximum falls in the last bin
    expect(s.mean).toBeCloseTo(0.6, 12);
    expect(s.std).toBeCloseTo(Math.sqrt((1.6 ** 2 + 0.6 ** 2 * 2 + 0.4 ** 2 + 2.4 ** 2) / 5), 12);
  });

  it('counts the values that are exactly 0 (ReLU’s share at 0), which stay in their bin too', () => {
    const s = summarize([0, 0, 0, 0.5, 1, -0, NaN], 7, 2);
    expect(s.histogram.zeroCount).toBe(4);
    expect(s.histogram.counts).toEqual([4, 2]);
    expect(summarize([1e-300, 2], 2, 2).histogram.zeroCount).toBe(0);
  });

  it('gives equal values a unit-wide range around them', () => {
    expect(summarize([2, 2, 2], 3, 2).histogram).toEqual({ edges: [1.5, 2, 2.5], counts: [0, 3], zeroCount: 0 });
  });

  it('counts equal values too large for ±0.5 to matter in one bin (a diverging run)', () => {
    const huge = 9e16;
    const s = summarize([huge, huge], 2, 5);
    expect(s.histogram.counts).toEqual([0, 0, 2, 0, 0]);
    expect(Object.keys(s.histogram.counts)).toEqual(['0', '1', '2', '3', '4']);
  });

  it('leaves non-finite values out of the histogram and reports mean and std as null', () => {
    const s = summarize([1, NaN, 2, Infinity], 4, 2);
    expect(s.mean).toBeNull();
    expect(s.std).toBeNull();
    expect(s.histogram.counts.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('bins many float32 values as floor((v − min) / width), clamped to the last bin', () => {
    const values = new Float32Array(5000);
    let x = 12345;
    for (let i = 0; i < values.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      values[i] = i % 3 === 0 ? 0 : (x / 2 ** 32 - 0.3) * 7; // a third exactly 0, like ReLU outputs
    }
    const s = summarize(values, values.length, 30);
    const min = Math.min(...values);
    const width = (Math.max(...values) - min) / 30;
    const expected = new Array<number>(30).fill(0);
    for (const v of values) expected[Math.min(29, Math.floor((v - min) / width))]!++;
    expect(s.histogram.counts).toEqual(expected);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(s.mean).toBeCloseTo(mean, 10);
    expect(s.std).toBeCloseTo(Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length), 10);
  });
});
