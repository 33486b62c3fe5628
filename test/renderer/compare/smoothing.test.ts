import { describe, expect, it } from 'vitest';
import { DEFAULT_SMOOTHING, MAX_SMOOTHING, emaSmooth } from '../../../renderer/src/lib/compare/smoothing';

describe('EMA smoothing (TensorBoard’s scalar smoothing, debiased)', () => {
  it('matches hand-computed values: last ← w·last + (1 − w)·y, divided by 1 − wᵏ', () => {
    // w = 0.5 on 1, 2, 3:
    //   last = 0.5        → 0.5 / 0.5    = 1
    //   last = 1.25       → 1.25 / 0.75  = 5/3
    //   last = 2.125      → 2.125 / 0.875 = 17/7
    const half = emaSmooth([1, 2, 3], 0.5);
    expect(half[0]).toBeCloseTo(1, 14);
    expect(half[1]).toBeCloseTo(5 / 3, 14);
    expect(half[2]).toBeCloseTo(17 / 7, 14);

    // w = 0.6 on 2, 0, 1:
    //   last = 0.8        → 0.8 / 0.4     = 2
    //   last = 0.48       → 0.48 / 0.64   = 0.75
    //   last = 0.688      → 0.688 / 0.784 = 0.877551…
    const sixty = emaSmooth([2, 0, 1], 0.6);
    expect(sixty[0]).toBeCloseTo(2, 14);
    expect(sixty[1]).toBeCloseTo(0.75, 14);
    expect(sixty[2]).toBeCloseTo(0.688 / 0.784, 14);
  });

  it('starts at the first value (no pull toward 0) and lags behind a step change', () => {
    const smoothed = emaSmooth([5, 5, 5, 1, 1, 1], 0.9) as number[];
    expect(smoothed[0]).toBeCloseTo(5, 14);
    expect(smoothed[2]).toBeCloseTo(5, 14);
    expect(smoothed[3]).toBeGreaterThan(1);
    expect(smoothed[3]).toBeLessThan(5);
    expect(smoothed[5]).toBeLessThan(smoothed[4]!);
  });

  it('passes missing and non-finite values through without counting them', () => {
    const smoothed = emaSmooth([1, null, Number.NaN, 3], 0.5);
    expect(smoothed[1]).toBeNull();
    expect(smoothed[2]).toBeNaN();
    // Second finite value: last = 0.25 + 1.5 = 1.75, divided by 1 − 0.5² = 0.75.
    expect(smoothed[3]).toBeCloseTo(1.75 / 0.75, 14);
  });

  it('leaves raw values alone at 0, and a constant series as it is', () => {
    expect(emaSmooth([3, 1, 2], 0)).toEqual([3, 1, 2]);
    expect(emaSmooth([0.7, 0.7, 0.7], 0.9)).toEqual([0.7, 0.7, 0.7]);
    expect(emaSmooth([], 0.5)).toEqual([]);
  });

  it('clamps the weight to the slider’s range (1 would never move) and treats nonsense as 0', () => {
    expect(emaSmooth([1, 2], 5)).toEqual(emaSmooth([1, 2], MAX_SMOOTHING));
    expect(emaSmooth([1, 2], -1)).toEqual([1, 2]);
    expect(emaSmooth([1, 2], Number.NaN)).toEqual([1, 2]);
    expect(DEFAULT_SMOOTHING).toBe(0.6);
  });
});
