import { describe, expect, it } from 'vitest';
import type { DiagnosticsEvent } from '../../../engine/api/events';
import { diagnosticsSteps, histogramDensity, histogramPercent, peakNormalised, snapshotAtOrBefore } from '../../../renderer/src/lib/compare/histogram-density';
import { trainTestGap } from '../../../renderer/src/lib/compare/train-test-gap';

/** ∫ density = Σ density · bin width. */
const area = (points: ReturnType<typeof histogramDensity>) => points.reduce((sum, p) => sum + p.density * (p.to - p.from), 0);

describe('histograms as densities', () => {
  it('divide each count by the total and by its bin’s width, at the bin’s centre', () => {
    // 4 values: 2 in [0, 1), 2 in [1, 3) → densities 2/(4·1) = 0.5 and 2/(4·2) = 0.25.
    expect(histogramDensity({ edges: [0, 1, 3], counts: [2, 2] })).toEqual([
      { x: 0.5, density: 0.5, from: 0, to: 1 },
      { x: 2, density: 0.25, from: 1, to: 3 },
    ]);
  });

  it('make batch sizes and bin ranges comparable: the same shape gives the same curve, the area is 1', () => {
    const small = histogramDensity({ edges: [-1, -0.5, 0, 0.5, 1], counts: [1, 3, 3, 1] });
    const large = histogramDensity({ edges: [-1, -0.5, 0, 0.5, 1], counts: [100, 300, 300, 100] });
    expect(large).toEqual(small);
    expect(area(small)).toBeCloseTo(1, 12);
    // A tenfold narrower spread is ten times as tall, still of area 1.
    const narrow = histogramDensity({ edges: [-0.1, -0.05, 0, 0.05, 0.1], counts: [1, 3, 3, 1] });
    expect(narrow[1]!.density).toBeCloseTo(10 * small[1]!.density, 10);
    expect(area(narrow)).toBeCloseTo(1, 12);
  });

  it('give nothing for an empty histogram and skip bins of no width', () => {
    expect(histogramDensity({ edges: [0, 1, 2], counts: [0, 0] })).toEqual([]);
    expect(histogramDensity({ edges: [0, 0, 1], counts: [1, 1] })).toEqual([{ x: 0.5, density: 0.5, from: 0, to: 1 }]);
  });

  it('scale to a peak of 1 for comparing shapes, and to percentages for bars', () => {
    const peak = peakNormalised(histogramDensity({ edges: [0, 1, 2, 3], counts: [1, 4, 2] }));
    expect(peak.map((p) => p.density)).toEqual([0.25, 1, 0.5]);
    expect(histogramPercent({ edges: [0, 1, 2, 3], counts: [1, 2, 1] })).toEqual([25, 50, 25]);
    expect(histogramPercent({ edges: [0, 1], counts: [0] })).toEqual([0]);
  });
});

describe('snapshots at a step', () => {
  const snapshot = (step: number) => ({ type: 'diagnostics', step, epoch: 0, layers: [] }) as DiagnosticsEvent;
  const every50 = [0, 50, 100, 150].map(snapshot);
  const every30 = [0, 30, 60, 90, 120, 150].map(snapshot);

  it('take each run’s last snapshot at or before the chosen step', () => {
    expect(snapshotAtOrBefore(every50, 0)?.step).toBe(0);
    expect(snapshotAtOrBefore(every50, 60)?.step).toBe(50);
    expect(snapshotAtOrBefore(every50, 100)?.step).toBe(100);
    expect(snapshotAtOrBefore(every50, 1e9)?.step).toBe(150);
    expect(snapshotAtOrBefore([50, 100].map(snapshot), 10)).toBeNull();
    expect(snapshotAtOrBefore([], 10)).toBeNull();
  });

  it('offer every step any run has a snapshot at, once, in order', () => {
    expect(diagnosticsSteps([every50, every30])).toEqual([0, 30, 50, 60, 90, 100, 120, 150]);
    expect(diagnosticsSteps([])).toEqual([]);
  });
});

describe('train/test gap', () => {
  it('is train − test accuracy in percentage points and test − train loss, where a test split was evaluated', () => {
    const gap = trainTestGap({
      step: [0, 10, 20],
      epoch: [0, 1, 2],
      trainLoss: [0.7, 0.3, 0.1],
      testLoss: [0.72, null, 0.4],
      trainAccuracy: [0.5, 0.9, 1],
      testAccuracy: [0.5, null, 0.85],
    });
    expect(gap.step).toEqual([0, 20]);
    expect(gap.epoch).toEqual([0, 2]);
    expect(gap.accuracyGap[0]).toBeCloseTo(0, 12);
    expect(gap.accuracyGap[1]).toBeCloseTo(15, 12);
    expect(gap.lossGap[0]).toBeCloseTo(0.02, 12);
    expect(gap.lossGap[1]).toBeCloseTo(0.3, 12);
  });

  it('has no accuracy gap for regression', () => {
    const gap = trainTestGap({ step: [5], epoch: [1], trainLoss: [0.2], testLoss: [0.5], trainAccuracy: [null], testAccuracy: [null] });
    expect(gap.accuracyGap).toEqual([null]);
    expect(gap.lossGap[0]).toBeCloseTo(0.3, 12);
  });
});
