import { describe, expect, it } from 'vitest';
import type { ClaimRun } from '../../../engine/lab/claim-checks';
import { verificationReport, verificationSeed, verificationTargets } from '../../../engine/lab/claim-verification';
import { renderVerification } from '../../../cli/commands/presets-verify-text';

/** What `nnlab presets verify` trains for a list of ids, and its report from runs (hand-made here). */
describe('verification targets', () => {
  it('no ids: every training preset and every comparison', () => {
    const all = verificationTargets([]);
    expect(all.presets).toHaveLength(29);
    expect(all.comparisons).toContain('optimizers-sgd-slowest');
  });

  it('a comparison brings its presets; presets bring the comparisons they complete', () => {
    expect(verificationTargets(['init-fastest'])).toEqual({ presets: ['init-mnist-xavier', 'init-mnist-he'], comparisons: ['init-fastest'] });
    expect(verificationTargets(['overfit-baseline', 'overfit-l2'])).toEqual({ presets: ['overfit-baseline', 'overfit-l2'], comparisons: ['overfit-gap', 'overfit-l2-gap'] });
    expect(verificationTargets(['overfit-l2']).comparisons).toEqual([]);
    expect(() => verificationTargets(['probe-relu-he'])).toThrow(/probe preset/);
    expect(() => verificationTargets(['nope'])).toThrow(/unknown preset or comparison "nope"/);
  });

  it('run k has the preset’s seed + k', () => {
    expect(verificationSeed('init-mnist-he', 0)).toBe(42);
    expect(verificationSeed('init-mnist-he', 4)).toBe(46);
  });
});

describe('the report', () => {
  /** An init run of 2,000 steps whose training loss ends at `end`. */
  const initRun = (end: number): ClaimRun => ({
    status: 'completed',
    stepsDone: 2000,
    steps: { step: [], dataLoss: [] },
    evals: { step: [0, 2000], trainLoss: [2.3, end], trainAccuracy: [null, null], testAccuracy: [null, null] },
    final: null,
  });
  const losses: Record<string, number[]> = { 'init-mnist-xavier': [0.3, 0.31, 0.29], 'init-mnist-he': [0.23, 0.3, 0.24] };
  const report = verificationReport(verificationTargets(['init-fastest']), 3, (presetId, k) => initRun(losses[presetId]![k]!));

  it('per preset and comparison: a verdict per seed, one row per criterion with its number, held k/N', () => {
    expect(report.allHeld).toBe(false);
    const he = report.presets.find((p) => p.id === 'init-mnist-he')!;
    expect(he.verdicts.map((v) => [v.seed, v.verdict])).toEqual([
      [42, 'reproduced'],
      [43, 'not-reproduced'],
      [44, 'reproduced'],
    ]);
    expect(he.held).toBe(2);
    expect(he.rows).toEqual([
      {
        presetId: 'init-mnist-he',
        label: { ko: '2,000단계의 훈련 손실', en: 'the training loss at step 2,000' },
        expected: { ko: '< 0.27', en: '< 0.27' },
        cells: [
          { seed: 42, value: 0.23, text: { ko: '0.23', en: '0.23' }, step: 2000, verdict: 'reproduced' },
          { seed: 43, value: 0.3, text: { ko: '0.30', en: '0.30' }, step: 2000, verdict: 'not-reproduced' },
          { seed: 44, value: 0.24, text: { ko: '0.24', en: '0.24' }, step: 2000, verdict: 'reproduced' },
        ],
      },
    ]);
    const fastest = report.comparisons[0]!;
    expect(fastest.id).toBe('init-fastest');
    expect(fastest.held).toBe(2);
    expect(fastest.rows[0]!.cells.map((c) => c.text.en)).toEqual(['0.77', '0.97', '0.83']);
    expect(fastest.rows[0]!.label.en).toBe('the training loss at each run’s end, init-mnist-he ÷ init-mnist-xavier');
  });

  it('as a table, with the claims that did not hold and why', () => {
    const lines = renderVerification(report, 'en', 12);
    expect(lines[0]).toMatch(/^preset \/ criterion\s+bound\s+seed 42\s+seed 43\s+seed 44$/);
    expect(lines).toContainEqual(expect.stringMatching(/^init-mnist-he\s+✔\s+✘\s+✔\s+held 2\/3$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}the training loss at step 2,000\s+< 0\.27\s+0\.23 ✔\s+0\.30 ✘\s+0\.24 ✔$/));
    expect(lines).toContainEqual('Claims that did not hold on every seed: init-mnist-he, init-fastest (12 s).');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}init-mnist-he, seed 43: He should learn fastest with ReLU: at step 2,000 the training loss is 0\.30 \(expected below 0\.27\) — not reproduced ✘/));
    // Korean: wide characters count twice, so the columns still line up.
    const ko = renderVerification(report, 'ko', 12);
    expect(ko[0]).toMatch(/^프리셋 \/ 판정 기준/);
    // The time in the table's language.
    expect(ko).toContainEqual('재현되지 않은 시드가 있는 주장: init-mnist-he, init-fastest (12초).');
    expect(renderVerification(report, 'ko', 852).at(-3)).toContain('(14.2분)');
    expect(renderVerification(report, 'en', 852)).toContainEqual('Claims that did not hold on every seed: init-mnist-he, init-fastest (14.2 min).');
  });
});
