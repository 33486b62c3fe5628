import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { groupDiffRows, groupSeedText } from '../../../renderer/src/lib/compare/config-diff-format';
import {
  MAX_COMPARED_GROUPS,
  MAX_COMPARED_RUN_COUNT,
  compareSelectionReadiness,
  groupRuns,
  specKeyWithoutSeed,
  summaryGroupKey,
  type SummaryOfRun,
} from '../../../renderer/src/lib/compare/run-groups';
import { compareReadiness } from '../../../renderer/src/lib/history/run-table';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { compareMessages } from '../../../renderer/src/lib/i18n/messages/compare';
import { circleSpec } from '../../engine/train/run-helpers';

const ko = translator(compareMessages, 'ko');
const en = translator(compareMessages, 'en');

const he = (seed: number, name = 'He') => parseRunSpec(circleSpec({ name, seed, layers: [{ units: 8, activation: 'relu', init: 'he' }, { units: 2, activation: 'softmax' }] }));
const small = (seed: number, name = 'std 0.01') =>
  parseRunSpec(circleSpec({ name, seed, layers: [{ units: 8, activation: 'relu', init: { name: 'normal', std: 0.01 } }, { units: 2, activation: 'softmax' }] }));
const run = (id: string, spec: unknown, groupId: string | null = null) => ({ id, spec, groupId });

describe('grouping compared runs', () => {
  it('puts a seed group together by its groupId, in the order its first run was asked for', () => {
    const groups = groupRuns([run('a', he(1), 'g1'), run('b', small(1)), run('c', he(2), 'g1'), run('d', he(3), 'g1')]);
    expect(groups.map((g) => [g.seeded, g.runs.map((r) => r.id)])).toEqual([
      [true, ['a', 'c', 'd']],
      [false, ['b']],
    ]);
  });

  it('puts runs together whose specs are equal apart from seed and name (31 students, one preset)', () => {
    const students = Array.from({ length: 31 }, (_, i) => run(`s${i}`, he(i % 3, `student ${i}`)));
    const groups = groupRuns([...students, run('x', small(5))]);
    expect(groups.map((g) => g.runs.length)).toEqual([31, 1]);
    expect(groups[0]!.seeded).toBe(false);
    // The spec's key order does not matter; any other setting does.
    expect(specKeyWithoutSeed({ a: 1, b: { c: 2, d: 3 }, seed: 4 })).toBe(specKeyWithoutSeed({ b: { d: 3, c: 2 }, a: 1, seed: 9, name: 'x' }));
    expect(specKeyWithoutSeed({ a: 1, optimizer: { lr: 0.1 } })).not.toBe(specKeyWithoutSeed({ a: 1, optimizer: { lr: 0.2 } }));
  });

  it('keeps single runs single, and a seed group apart from loose runs of the same spec', () => {
    const groups = groupRuns([run('a', he(1)), run('b', small(1)), run('c', he(2), 'g1'), run('d', he(3), 'g1')]);
    expect(groups.map((g) => g.runs.map((r) => r.id))).toEqual([['a'], ['b'], ['c', 'd']]);
  });
});

describe('the history\'s Compare button', () => {
  it('compares more than 6 runs when they form at most 6 groups, up to the run cap', () => {
    expect(compareSelectionReadiness(1, 1)).toBe('too-few');
    expect(compareSelectionReadiness(6, 6)).toBe('ok');
    // 2 seed groups of 5 and a single run: 11 runs, 3 groups.
    expect(compareSelectionReadiness(11, 3)).toBe('ok');
    // 40 students × 2 presets.
    expect(compareSelectionReadiness(80, 2)).toBe('ok');
    expect(compareSelectionReadiness(7, 7)).toBe('too-many-groups');
    expect(compareSelectionReadiness(MAX_COMPARED_RUN_COUNT + 1, 2)).toBe('too-many');
    // Selected with "select all" (rows not loaded): allowed, compare says if there are too many groups.
    expect(compareSelectionReadiness(40, null)).toBe('ok');
    expect(compareReadiness(12, MAX_COMPARED_GROUPS + 1)).toBe('too-many-groups');
  });

  it('counts groups from the rows: a groupId, else what the summary says of the spec', () => {
    const summary = (over: Partial<SummaryOfRun>): SummaryOfRun => ({ groupId: null, dataset: { name: 'circle' }, architecture: '2-8-2', activation: 'relu', init: 'he', regularization: '', ...over });
    const keys = [
      summary({ groupId: 'g1' }),
      summary({ groupId: 'g1', init: 'normal(0.01)' }),
      summary({}),
      summary({}),
      summary({ init: 'normal(0.01)' }),
    ].map(summaryGroupKey);
    expect(new Set(keys).size).toBe(3);
  });
});

describe('the config diff table between groups', () => {
  const group = (...seeds: number[]) => ({ runs: seeds.map((seed) => ({ detail: { seed } })) });

  it('says "5 seeds" for a group and the seed of a single run', () => {
    expect(groupSeedText(group(1, 2, 3, 4, 5), ko)).toBe('시드 5개');
    expect(groupSeedText(group(1, 2, 3, 4, 5), en)).toBe('5 seeds');
    expect(groupSeedText(group(42, 42), ko)).toBe('42');
  });

  it('shows the settings that differ between groups, with a seed row whenever the groups\' seeds read differently', () => {
    const differences = [
      { field: 'name', values: ['He', 'std 0.01', 'one'] },
      { field: 'seed', values: [1, 1, 7] },
      { field: 'layers[0].init', values: ['he', { name: 'normal', std: 0.01 }, 'he'] },
    ];
    const rows = groupDiffRows(differences, [group(1, 2, 3, 4, 5), group(1, 2, 3, 4, 5), group(7)], ko, 2);
    expect(rows.map((row) => [row.field, row.values])).toEqual([
      ['seed', ['시드 5개', '시드 5개', '7']],
      ['layers[0].init', ['He (표준편차 √(2/n))', '정규분포 (표준편차 0.01)', 'He (표준편차 √(2/n))']],
    ]);
    // Two seed groups of 5 whose first runs share seed 1: compareRuns has no seed row, the table still says so.
    const noSeedRow = groupDiffRows([differences[2]!].map((d) => ({ ...d, values: d.values.slice(0, 2) })), [group(1, 2, 3, 4, 5), group(1, 2)], en, 2);
    expect(noSeedRow.map((row) => [row.field, row.values])).toEqual([
      ['seed', ['5 seeds', '2 seeds']],
      ['layers[0].init', ['He (std √(2/n))', 'Normal (std 0.01)']],
    ]);
    // Groups whose seeds read the same: no seed row.
    expect(groupDiffRows([], [group(1, 2), group(3, 4)], ko).map((row) => row.field)).toEqual([]);
  });
});
