import { describe, expect, it } from 'vitest';
import {
  estimateWithin,
  factorOff,
  gemmFlops,
  median,
  overheadFromRates,
  overheadFromTimes,
  perRunIncrement,
  ratePerSecond,
  ratio,
  scaleSummary,
  summarize,
  trainingFlops,
  worstRatio,
} from '../../bench/stats';
import { workloadByName } from '../../bench/workloads';

describe('median and summary', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([42])).toBe(42);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not reorder the samples it is given', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses an empty sample', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => summarize([])).toThrow(RangeError);
  });

  it('summarizes median, min, max and the number of runs', () => {
    expect(summarize([40, 50, 44])).toEqual({ median: 44, min: 40, max: 50, runs: 3 });
  });

  it('scales every statistic by a factor (it/s → samples/s)', () => {
    expect(scaleSummary({ median: 44, min: 40, max: 50, runs: 3 }, 128)).toEqual({ median: 5632, min: 5120, max: 6400, runs: 3 });
  });
});

describe('rates and ratios', () => {
  it('turns iterations and milliseconds into a rate per second', () => {
    expect(ratePerSecond(30, 600)).toBe(50);
    expect(() => ratePerSecond(1, 0)).toThrow(RangeError);
  });

  it('divides by a reference, and has no ratio against a missing or non-positive one', () => {
    expect(ratio(357.5, 715)).toBe(0.5);
    expect(ratio(312, 39)).toBe(8);
    expect(ratio(10, 0)).toBeNull();
    expect(ratio(10, null)).toBeNull();
    expect(ratio(undefined, 5)).toBeNull();
    expect(ratio(Number.NaN, 5)).toBeNull();
  });

  it('gives an overhead as the extra time per iteration, from rates or from times', () => {
    // 100 it/s without, 90.9… it/s with: each iteration takes 10 % longer.
    expect(overheadFromRates(100, 100 / 1.1)).toBeCloseTo(0.1, 12);
    expect(overheadFromTimes(20, 22)).toBeCloseTo(0.1, 12);
    expect(overheadFromTimes(20, 19)).toBeCloseTo(-0.05, 12);
    expect(overheadFromRates(100, 0)).toBeNull();
  });

  it('measures how far a ratio is from 1 either way, and picks the farthest', () => {
    expect(factorOff(2)).toBe(2);
    expect(factorOff(0.5)).toBe(2);
    expect(factorOff(1)).toBe(1);
    expect(() => factorOff(0)).toThrow(RangeError);
    // 0.6 is 1.67× off, further than 1.5: an estimate too high counts as much as one too low.
    expect(worstRatio([1.1, 0.6, 1.5])).toBe(0.6);
    expect(worstRatio([0.9, 1.3])).toBe(1.3);
    expect(() => worstRatio([])).toThrow(RangeError);
  });

  it('holds an estimate within a factor either way, and durations the UI shows as "under 1 s" as the same', () => {
    expect(estimateWithin(10, 14.9, 1.5)).toBe(true);
    expect(estimateWithin(10, 6.7, 1.5)).toBe(true);
    expect(estimateWithin(10, 15.1, 1.5)).toBe(false);
    expect(estimateWithin(10, 6.6, 1.5)).toBe(false);
    // A 1-step run: 2 ms estimated, 1 ms measured; both read "under 1 s".
    expect(estimateWithin(0.002, 0.001, 1.5)).toBe(true);
    expect(estimateWithin(0.5, 1.2, 1.5)).toBe(false);
  });

  it('spreads a memory increase over the runs added', () => {
    expect(perRunIncrement(100e6, 160e6, 1, 4)).toBe(20e6);
    expect(perRunIncrement(60e6, 85e6, 0, 1)).toBe(25e6);
    expect(() => perRunIncrement(1, 2, 4, 4)).toThrow(RangeError);
  });
});

describe('FLOP counts', () => {
  it('counts 2·m·k·n for one product', () => {
    expect(gemmFlops(128, 784, 100)).toBe(20_070_400);
  });

  it('counts three products per layer, as the issue does (W: 715 it/s ≙ 60 GFLOP/s)', () => {
    const w = workloadByName('W');
    expect(w.flopsPerIteration).toBe(trainingFlops(128, [784, 100, 100, 100, 100, 10]));
    expect(w.flopsPerIteration).toBe(6 * 128 * (784 * 100 + 3 * 100 * 100 + 100 * 10));
    expect((715 * w.flopsPerIteration) / 1e9).toBeCloseTo(60, 0);
  });

  it('counts S and D the same way', () => {
    expect(workloadByName('S').flopsPerIteration).toBe(6 * 10 * (2 * 8 + 8 * 8 + 8 * 2));
    expect(workloadByName('D').flopsPerIteration).toBe(6 * 128 * (784 * 100 + 9 * 100 * 100 + 100 * 10));
  });
});
