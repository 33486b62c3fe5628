import { describe, expect, it } from 'vitest';
import { claimRunFromEvents, type ClaimRun } from '../../../engine/lab/claim-checks';
import { findPreset, type TrainPreset } from '../../../engine/lab/presets';
import { comparisonGroupClaim, groupSummaryText, presetGroupClaim } from '../../../engine/lab/seed-group-claim';
import { train } from '../train/run-helpers';

/** The claims over seed groups, on real runs of the slide's 2-2-1 network (one step each: milliseconds). */
const preset = findPreset('backprop-lecture-network') as TrainPreset;
const runOf = (k: number, lr?: number): ClaimRun =>
  claimRunFromEvents(train({ ...preset.spec, seed: (preset.spec.seed ?? 0) + k, ...(lr === undefined ? {} : { optimizer: { ...preset.spec.optimizer, lr } }) }).events);

describe('claims over a seed group', () => {
  it('a preset’s claim: each seed’s verdict, k of N, the key number’s median and range in the claim’s words', () => {
    // Seed 44's learning rate is too small to move anything: its error does not shrink.
    const claim = presetGroupClaim(preset.id, [runOf(0), runOf(1), runOf(2, 1e-30)])!;
    expect(claim.verdicts.map((v) => [v.seed, v.verdict])).toEqual([
      [42, 'reproduced'],
      [43, 'reproduced'],
      [44, 'not-reproduced'],
    ]);
    expect([claim.held, claim.of]).toEqual([2, 3]);
    expect(claim.summary).toEqual({ ko: '3개 시드 중 2개에서 재현', en: 'reproduced in 2 of 3 seeds' });
    expect(claim.key!.stats.n).toBe(3);
    expect(claim.key!.median.en).toBe('0.0860');
    expect(claim.key!.max.en).not.toBe('0.0860');
    expect(groupSummaryText(claim).ko).toMatch(/^3개 시드 중 2개에서 재현 — .+: 중앙값 0\.0860 \(0\.0860 – \S+\)$/);
    expect(presetGroupClaim('no-such-preset', [runOf(0)])).toBeNull();
    expect(presetGroupClaim(preset.id, [])).toBeNull();
  });

  it('a comparison’s claim reads each preset’s run k, over as many seeds as the smallest group has', () => {
    const claim = comparisonGroupClaim('backprop-one-update', { [preset.id]: [runOf(0), runOf(1, 1e-30)] })!;
    expect(claim.verdicts.map((v) => [v.seed, v.verdict])).toEqual([
      [42, 'reproduced'],
      [43, 'not-reproduced'],
    ]);
    expect(claim.summary.en).toBe('reproduced in 1 of 2 seeds');
    // The key number names its run by the preset's title (a comparison may read several presets).
    expect(claim.key!.label.en.startsWith(`${preset.title.en}: `)).toBe(true);
    expect(comparisonGroupClaim('backprop-one-update', {})).toBeNull();
    expect(comparisonGroupClaim('no-such-comparison', { [preset.id]: [runOf(0)] })).toBeNull();
  });
});
