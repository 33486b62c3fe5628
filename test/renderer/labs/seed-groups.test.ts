import { describe, expect, it } from 'vitest';
import { claimRunFromEvents } from '../../../engine/lab/claim-checks';
import { findPreset } from '../../../engine/lab/presets';
import { presetGroupClaim, reproducedInSeeds, type GroupClaim } from '../../../engine/lab/seed-group-claim';
import { groupCheck } from '../../../renderer/src/lib/labs/claims';
import { reportRunName } from '../../../renderer/src/lib/labs/report-data';
import { groupSeconds, validSeedCount } from '../../../renderer/src/lib/state/seed-count';
import { seedRunName } from '../../../renderer/src/lib/text/seed-run-name';
import { train } from '../../engine/train/run-helpers';

/** A seed group's claim as the lab sheet and the report word it: "N개 시드 중 k개에서 재현", each seed's verdict kept. */
function slideNetworkGroup(seeds: number): GroupClaim {
  const preset = findPreset('backprop-lecture-network');
  if (preset?.kind !== 'train') throw new Error('no slide network preset');
  const runs = Array.from({ length: seeds }, (_, k) => claimRunFromEvents(train({ ...preset.spec, seed: (preset.spec.seed ?? 0) + k }).events));
  return presetGroupClaim(preset.id, runs)!;
}

/** A claim over `of` seeds of which `held` reproduced (the rest not), its words made as the engine makes them. */
function fabricated(held: number, of: number, notYet = 0): GroupClaim {
  const verdicts = Array.from({ length: of }, (_, k) => ({
    seed: 42 + k,
    verdict: k < held ? ('reproduced' as const) : k < of - notYet ? ('not-reproduced' as const) : ('not-yet' as const),
    message: { ko: `시드 ${42 + k}`, en: `seed ${42 + k}` },
  }));
  return { id: 'x', statement: { ko: '주장', en: 'claim' }, verdicts, rows: [], held, of, summary: reproducedInSeeds(held, of), key: null };
}

describe('a claim over a seed group', () => {
  it('says "reproduced in k of N seeds" with the key number’s median and range, and keeps each seed’s verdict', () => {
    const check = groupCheck(slideNetworkGroup(3))!;
    expect(check.verdict).toBe('reproduced');
    expect(check.message.ko).toMatch(/^3개 시드 중 3개에서 재현 — .+: 중앙값 0\.0860 \(0\.0860 – 0\.0860\)$/);
    expect(check.message.en).toMatch(/^reproduced in 3 of 3 seeds — .+: median 0\.0860 \(0\.0860 – 0\.0860\)$/);
    expect(check.seeds!.held).toBe(3);
    expect(check.seeds!.verdicts.map((v) => [v.seed, v.verdict])).toEqual([
      [42, 'reproduced'],
      [43, 'reproduced'],
      [44, 'reproduced'],
    ]);
  });

  it('shows reproduced when more than half of the seeds reproduced it, not yet only while no seed could be judged', () => {
    expect(groupCheck(fabricated(2, 3))).toMatchObject({ verdict: 'reproduced', message: { ko: '3개 시드 중 2개에서 재현', en: 'reproduced in 2 of 3 seeds' } });
    expect(groupCheck(fabricated(1, 3))).toMatchObject({ verdict: 'not-reproduced', message: { ko: '3개 시드 중 1개에서 재현', en: 'reproduced in 1 of 3 seeds' } });
    expect(groupCheck(fabricated(2, 4))!.verdict).toBe('not-reproduced');
    expect(groupCheck(fabricated(0, 2, 2))!.verdict).toBe('not-yet');
    expect(groupCheck(null)).toBeNull();
  });

  it('names a group’s run in the report by the preset’s title and its seed', () => {
    expect(reportRunName('Lecture 2-2-1 network (seed 43)', 'backprop-lecture-network', 'ko')).toBe('역전파 되짚어보기: 강의의 2-2-1 신경망 (시드 43)');
    expect(reportRunName('Lecture 2-2-1 network (seed 43)', 'backprop-lecture-network', 'en')).toBe('Backprop review: the lecture’s 2-2-1 network (seed 43)');
    expect(reportRunName('my run (seed 43)', 'backprop-lecture-network', 'en')).toBe('my run (seed 43)');
  });
});

describe('a group run’s name on the page', () => {
  it('reads "· 시드 s" in Korean, as stored in English, and leaves other names alone', () => {
    expect(seedRunName('circle, tanh (seed 3)', 3, 'ko')).toBe('circle, tanh · 시드 3');
    expect(seedRunName('circle, tanh (seed 3)', 3, 'en')).toBe('circle, tanh (seed 3)');
    expect(seedRunName('circle, tanh (seed 3)', 4, 'ko')).toBe('circle, tanh (seed 3)');
    expect(seedRunName('my run', null, 'ko')).toBe('my run');
    // Started from the Korean UI, the service names them "(시드 s)".
    expect(seedRunName('원, tanh (시드 3)', 3, 'ko')).toBe('원, tanh · 시드 3');
    expect(seedRunName('원, tanh (시드 3)', 3, 'en')).toBe('원, tanh (seed 3)');
  });
});

describe('the seeds field', () => {
  it('accepts 1 to 20 whole seeds, and estimates a group by the waves the pool needs', () => {
    expect([1, 2, 20].map(validSeedCount)).toEqual([true, true, true]);
    expect([0, 21, 2.5, Number.NaN].map(validSeedCount)).toEqual([false, false, false, false]);
    expect(groupSeconds(10, 1, 2)).toBe(10);
    expect(groupSeconds(10, 5, 2)).toBe(30);
    expect(groupSeconds(10, 4, 4)).toBe(10);
  });
});
