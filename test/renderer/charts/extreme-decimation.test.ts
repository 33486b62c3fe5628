import { describe, expect, it } from 'vitest';
import { CURVE_POINT_CAP, extremeIndices } from '../../../renderer/src/lib/charts/extreme-decimation';
import { thinIndices } from '../../../renderer/src/lib/charts/run-series';

/** A slowly falling, slightly noisy loss of `length` steps with one spike (10× the loss) at `spikeAt`. */
function lossWithSpike(length: number, spikeAt: number): number[] {
  const loss = Array.from({ length }, (_, i) => 1 / Math.sqrt(i + 1) + 0.01 * Math.sin(i * 0.7));
  loss[spikeAt] = 10;
  return loss;
}

describe('extremeIndices', () => {
  it('keeps every index up to the cap', () => {
    expect(extremeIndices(5, [[1, 2, 3, 4, 5]], 10)).toEqual([0, 1, 2, 3, 4]);
    expect(extremeIndices(0, [[]], 10)).toEqual([]);
  });

  it('keeps a single spike in 100,000 points, where keeping every n-th point drops it', () => {
    const spikeAt = 31_337;
    const loss = lossWithSpike(100_000, spikeAt);
    // Keeping every n-th point (what the charts did before) misses it:
    expect(thinIndices(loss.length, 2000)).not.toContain(spikeAt);
    const kept = extremeIndices(loss.length, [loss]);
    expect(kept).toContain(spikeAt);
    expect(kept.length).toBeLessThanOrEqual(CURVE_POINT_CAP);
    expect(Math.max(...kept.map((i) => loss[i]!))).toBe(10);
  });

  it('keeps a dip too, the first and the last, in increasing order, within the cap, for every column', () => {
    const loss = lossWithSpike(60_000, 100);
    const dataLoss = loss.map((v) => v * 0.9);
    dataLoss[45_678] = -5;
    const kept = extremeIndices(loss.length, [loss, dataLoss], 1000);
    expect(kept.length).toBeLessThanOrEqual(1000);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(59_999);
    expect(kept).toContain(100);
    expect(kept).toContain(45_678);
    expect(kept.every((v, i) => i === 0 || v > kept[i - 1]!)).toBe(true);
  });

  it('never picks a value that is not finite as an extreme', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i === 50 ? Number.NaN : i % 7));
    expect(extremeIndices(values.length, [values], 10)).not.toContain(50);
  });
});
