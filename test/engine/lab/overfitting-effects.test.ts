import { beforeAll, describe, expect, it } from 'vitest';
import { checkClaim, checkComparison, claimRunFromEvents, type ClaimRun } from '../../../engine/lab/claim-checks';
import { runPreset, type PresetOutcome } from './preset-runs';

/**
 * Lecture 05: a deep network on 300 MNIST images overfits; L2 and dropout shrink the gap between
 * train and test accuracy at the end; L1 leaves exact zeros; batch norm learns faster. The
 * presets' own data (300 images) and network and length, with 500 test images instead of 10,000.
 * The same runs go through the lab's claim checks (engine/lab/claim-checks.ts), which read them at
 * their end (and batch norm at epoch 20).
 */
describe('05 overfitting presets (300 MNIST images, 784-100×6-10)', () => {
  const reduction = { testSize: 500 };
  let baseline: PresetOutcome;
  let l2: PresetOutcome;
  let l1: PresetOutcome;
  let dropout: PresetOutcome;
  let batchnorm: PresetOutcome;
  beforeAll(() => {
    baseline = runPreset('overfit-baseline', reduction);
    l2 = runPreset('overfit-l2', reduction);
    l1 = runPreset('overfit-l1', reduction);
    dropout = runPreset('overfit-dropout', reduction);
    batchnorm = runPreset('overfit-batchnorm', reduction);
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

  it('dropout shrinks the gap (at their ends: 903 and 603 steps)', () => {
    expect(gap(dropout)).toBeLessThan(0.8 * gap(baseline));
  });

  it('L2, dropout and batch norm all end with a lower test accuracy than the baseline, as their texts say', () => {
    for (const remedy of [l2, dropout, batchnorm]) expect(remedy.testAccuracy).toBeLessThan(baseline.testAccuracy);
  });

  it('L1 leaves many weights exactly 0; without it and with L2 there are none', () => {
    expect(l1.finalZeroFractions[0]).toBeGreaterThan(0.2);
    for (const fraction of l1.finalZeroFractions) expect(fraction).toBeGreaterThan(0.05);
    for (const fraction of [...baseline.finalZeroFractions, ...l2.finalZeroFractions]) expect(fraction).toBe(0);
  });

  describe('the claim checks on these runs', () => {
    const claimRuns = (): Record<string, ClaimRun> => ({
      'overfit-baseline': claimRunFromEvents(baseline.events),
      'overfit-l2': claimRunFromEvents(l2.events),
      'overfit-l1': claimRunFromEvents(l1.events),
      'overfit-dropout': claimRunFromEvents(dropout.events),
      'overfit-batchnorm': claimRunFromEvents(batchnorm.events),
    });

    it.each(['overfit-baseline', 'overfit-l2', 'overfit-l1', 'overfit-dropout', 'overfit-batchnorm'])('%s: reproduced', (id) => {
      const verdict = checkClaim(id, claimRuns()[id]!);
      expect(verdict.verdict, verdict.message.en).toBe('reproduced');
    });

    it.each(['overfit-gap', 'overfit-l2-gap', 'overfit-l1-zeros', 'overfit-dropout-gap', 'overfit-batchnorm-speed'])('comparison %s: reproduced', (id) => {
      const verdict = checkComparison(id, claimRuns());
      expect(verdict.verdict, verdict.message.en).toBe('reproduced');
    });

    it('the baseline’s message gives its accuracy and gap; an L2 run is not the baseline’s claim, and says why', () => {
      const runs = claimRuns();
      expect(checkClaim('overfit-baseline', runs['overfit-baseline']!).message.en).toMatch(
        /^Without regularization, 300 images should be overfitted: at step 603 training accuracy is \d+ % \(expected at least 95 %\); at step 603 the train\/test accuracy gap is \d+ points \(expected at least 20 points\) — reproduced ✔$/,
      );
      const wrong = checkClaim('overfit-baseline', runs['overfit-l2']!);
      expect(wrong.verdict).toBe('not-reproduced');
      expect(wrong.message.en).toContain('regularization.l2 0 → 0.1');
    });

    it('L1’s zeros are not L2’s: the comparison fails when the runs are swapped', () => {
      const runs = claimRuns();
      expect(checkComparison('overfit-l1-zeros', { 'overfit-l1': runs['overfit-l2'], 'overfit-l2': runs['overfit-l1'] }).verdict).toBe('not-reproduced');
    });
  });
});
