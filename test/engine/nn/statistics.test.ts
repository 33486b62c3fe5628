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
});
