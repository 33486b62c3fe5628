import { describe, expect, it } from 'vitest';
import { bandGrid, curveBand, quantileOfSorted, quartiles } from '../../../engine/api/quantiles';

describe('quartiles', () => {
  it('interpolate between order statistics as spreadsheets and NumPy do (type 7)', () => {
    // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25]
    expect(quartiles([4, 1, 3, 2])).toEqual({ n: 4, min: 1, q1: 1.75, median: 2.5, q3: 3.25, max: 4 });
    expect(quantileOfSorted([10], 0.25)).toBe(10);
    expect(quantileOfSorted([], 0.5)).toBeNaN();
  });

  it('leave out what is not a finite number, and answer null for nothing', () => {
    expect(quartiles([null, Number.NaN, 2, Number.POSITIVE_INFINITY, undefined])).toEqual({ n: 1, min: 2, q1: 2, median: 2, q3: 2, max: 2 });
    expect(quartiles([null, Number.NaN])).toBeNull();
  });
});

describe('a band over curves', () => {
  const curves = [
    { step: [0, 10, 20], value: [3, 2, 1] },
    { step: [0, 10, 20], value: [5, 4, 3] },
    { step: [0, 10], value: [4, null] },
  ];

  it('reads each curve at its last step at or before the grid step, and drops it past its end', () => {
    const band = curveBand(curves, [0, 5, 10, 20]);
    expect(band.step).toEqual([0, 5, 10, 20]);
    expect(band.median).toEqual([4, 4, 3, 2]);
    expect(band.q1).toEqual([3.5, 3.5, 2.5, 1.5]);
    expect(band.q3).toEqual([4.5, 4.5, 3.5, 2.5]);
    // The third curve's loss at step 10 is not finite, and it ended there.
    expect(band.n).toEqual([3, 3, 2, 2]);
  });

  it('leaves out steps with fewer curves than asked', () => {
    expect(curveBand(curves, [0, 10, 20], 3).step).toEqual([0]);
  });

  it('a grid spreads evenly over the union of steps and keeps both ends', () => {
    const many = [{ step: Array.from({ length: 1001 }, (_, i) => i), value: [] }];
    const grid = bandGrid(many, 11);
    expect(grid).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(bandGrid(curves, 100)).toEqual([0, 10, 20]);
  });
});
