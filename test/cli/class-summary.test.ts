import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassSummary } from '../../engine/api/class-summary';
import { createPack } from '../../engine/service/class-files';
import { SHEET, handIn, prediction, shortPresetSpec } from '../engine/service/class-helpers';
import { nnlab, nnlabJson } from './cli-harness';

/**
 * `nnlab class summary` on a teacher's history made with the CLI: the pack opened, a folder of
 * three students' hand-ins (real training, short runs) imported at once.
 */
let dir: string;
let db: string;
const PACK = createPack({ title: 'Lab 3', className: 'DL 2025', sheets: [SHEET] });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-class-summary-'));
  db = join(dir, 'teacher.sqlite');
  const packFile = join(dir, 'lab3.nnlabpack');
  writeFileSync(packFile, PACK.data);
  const handIns = join(dir, 'hand-ins');
  mkdirSync(handIns);
  const students = [
    ['Ana', '2025001', 'sigmoid-vanishes', false],
    ['Ben', '2025002', 'both-vanish', false],
    ['Cho', '2025003', 'sigmoid-vanishes', true],
  ] as const;
  students.forEach(([name, number, choice, changed], i) => {
    const sigmoid = shortPresetSpec('vanishing-sigmoid', i + 1, (spec) => {
      if (changed) spec.optimizer = { ...spec.optimizer, lr: 0.5 };
    });
    const file = handIn(PACK.data, { name, number, seed: i + 1, runs: [{ presetId: 'vanishing-sigmoid', spec: sigmoid }, 'vanishing-relu'], notebook: { 'prediction:vanishing-gradient-size': prediction(choice) } });
    writeFileSync(join(handIns, `${number}.nnlab`), file);
  });
  expect((await nnlab(['pack', 'open', packFile, '--db', db])).code).toBe(0);
  expect((await nnlab(['runs', 'import', handIns, '--db', db])).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nnlab class summary', () => {
  it('prints the ClassSummary as JSON: one object with --pack, an array of every pack with class runs without it', async () => {
    const one = await nnlabJson<ClassSummary>(['class', 'summary', '--pack', PACK.pack.id.slice(0, 8), '--db', db]);
    expect(Object.keys(one)).toEqual(['pack', 'students', 'presets', 'comparisons']);
    expect(one.pack.id).toBe(PACK.pack.id);
    expect(one.students.map((s) => s.name)).toEqual(['Ana', 'Ben', 'Cho']);
    expect(one.presets.map((p) => [p.presetId, p.runs, p.students])).toEqual([
      ['vanishing-sigmoid', 3, 3],
      ['vanishing-relu', 3, 3],
      ['vanishing-tanh', 0, 0],
    ]);
    expect(one.presets[0]!.points[2]!.outlier?.en).toContain('a setting changed: optimizer.lr 0.1 → 0.5');
    expect(one.comparisons[0]!.tally.map((t) => t.count)).toEqual([2, 1, 0, 0]);
    const all = await nnlabJson<ClassSummary[]>(['class', 'summary', '--db', db]);
    expect(all).toEqual([one]);
  });

  it('prints a table per preset and comparison, in Korean by default and in English with --lang en', async () => {
    const en = await nnlab(['class', 'summary', '--db', db, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out[0]).toBe(`Lab 3 — DL 2025 (pack ${PACK.pack.id.slice(0, 8)}): 3 students, 3 handed in`);
    expect(en.stdout).toContain('  vanishing-sigmoid  Vanishing gradient: 10 sigmoid layers\n    3 runs, 3 students');
    expect(en.stdout).toMatch(/gradient at step 0, layer 1 ÷ last hidden layer: 1\/[\d,]+ \(1\/[\d,]+–1\/[\d,]+\)/);
    expect(en.stdout).toContain('! Cho (2025003): a setting changed: optimizer.lr 0.1 → 0.5');
    expect(en.stdout).toContain('2 of 3 predicted “Only sigmoid’s first layer is far smaller” (the expected answer)');
    expect(en.stdout).toContain('1 of 3 predicted “Both networks’ first layers are far smaller”');
    const ko = await nnlab(['class', 'summary', '--db', db]);
    expect(ko.stdout).toContain('3명 중 2명이 “sigmoid만 첫 층이 훨씬 작다”를 예측 (기대한 답)');
    expect(ko.stdout).toContain('바뀐 설정: optimizer.lr 0.1 → 0.5');
  });

  it('refuses an unknown pack and bad options with one line and exit 2', async () => {
    const unknown = await nnlab(['class', 'summary', '--pack', '12345678', '--db', db, '--lang', 'en']);
    expect([unknown.code, unknown.err]).toEqual([2, [expect.stringMatching(/^error: no lab pack 12345678 has been opened in this history/)]]);
    // A bad --lang is said in NNLAB_LANG's language (the value cannot choose its own).
    const lang = await nnlab(['class', 'summary', '--lang', 'fr', '--db', db], { NNLAB_LANG: 'en' });
    expect([lang.code, lang.err]).toEqual([2, ['error: --lang: "fr" is not a language here (use ko or en)']]);
    const sub = await nnlab(['class', 'report', '--lang', 'en']);
    expect([sub.code, sub.err]).toEqual([2, ['error: nnlab class: unknown subcommand "report" (summary)']]);
    for (const command of [['class', '--help'], ['class', 'summary', '--help']]) expect((await nnlab(command)).code).toBe(0);
    const empty = await nnlab(['class', 'summary', '--db', join(dir, 'empty.sqlite'), '--lang', 'en']);
    expect([empty.code, empty.out]).toEqual([0, ["no lab pack has students' runs here (import their hand-ins first: nnlab runs import FILE|DIR…)"]]);
  });
});
