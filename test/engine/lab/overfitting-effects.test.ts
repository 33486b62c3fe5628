import { beforeAll, describe, expect, it } from 'vitest';
import { runPreset, type PresetOutcome } from './preset-runs';

/**
 * Lecture 05: a deep network on 300 MNIST images overfits; L2, L1 and dropout shrink the gap
 * between train and test accuracy; L1 leaves exact zeros. The presets' own data (300 images) and
 * network and length, with 500 test images instead of 10,000.
 */
describe('05 overfitting presets (300 MNIST images, 784-100×6-10)', () => {
  const reduction = { testSize: 500 };
  let baseline: PresetOutcome;
  let l2: PresetOutcome;
  let l1: PresetOutcome;
  let dropout: PresetOutcome;
  beforeAll(() => {
    baseline = runPreset('overfit-baseline', reduction);
    l2 = runPreset('overfit-l2', reduction);
    l1 = runPreset('overfit-l1', reduction);
    dropout = runPreset('overfit-dropout', reduction);
  }, 300_000);
  const gap = (o: PresetOutcome) => o.trainAccuracy - o.testAccuracy;

  it('without regularization the network memorizes: train accuracy near 100 %, test far lower', () => {
    expect(baseline.trainAccuracy).toBeGreaterThan(0.95);
    expect(gap(baseline)).toBeGreaterThan(0.2);
  });

  it('L2 (weight decay 0.1) shrinks the gap, and training accuracy no longer reaches 100 %', () => {
    expect(gap(l2)).toBeLessThan(0.8 * gap(baseline));
    expect(l2.trainAccuracy).toBeLessThan(0.95);
  });

  it('dropout shrinks the gap', () => {
    expect(gap(dropout)).toBeLessThan(0.9 * gap(baseline));
  });

  it('L1 leaves many weights exactly 0; without it and with L2 there are none', () => {
    expect(l1.finalZeroFractions[0]).toBeGreaterThan(0.2);
    for (const fraction of l1.finalZeroFractions) expect(fraction).toBeGreaterThan(0.05);
    for (const fraction of [...baseline.finalZeroFractions, ...l2.finalZeroFractions]) expect(fraction).toBe(0);
  });
});
