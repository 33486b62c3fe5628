import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import {
  CLAIM_EXPECTATIONS,
  COMPARISON_EXPECTATIONS,
  checkClaim,
  checkComparison,
  claimRunFromEvents,
  diagnosticsNeeded,
  trainPresetIds,
  type ClaimDiagnostics,
  type ClaimRun,
} from '../../../engine/lab/claim-checks';
import { LAB_SHEETS } from '../../../engine/lab/lab-sheets';
import { PRESETS, presetEndStep } from '../../../engine/lab/presets';
import { Trainer } from '../../../engine/train/trainer';
import { loadDataset } from '../../../engine/data/load-dataset';
import { nodeDataSources } from '../../../engine/data/node-mnist';
import { openTemp, trainRun } from '../history/history-helpers';
import { train } from '../train/run-helpers';
import { trainPreset } from './preset-runs';

/**
 * The claim checks on hand-made runs: each kind of criterion reproduced, not reproduced (with its
 * numbers and reason) and not yet decidable; every check reads its run at the preset's end or at a
 * moment its sheet names, never at a step where the effect happens to show; the registry covers
 * every training preset. Real preset runs are checked in claim-verdicts-*.test.ts and over seeds
 * in claims-over-seeds.test.ts.
 */

/** A run with evaluations [step, training loss] (accuracies unknown) and `stepsDone` updates. */
function lossRun(evals: [number, number][], stepsDone = evals.at(-1)?.[0] ?? 0, status: RunStatus = 'completed', extra: Partial<ClaimRun> = {}): ClaimRun {
  return {
    status,
    stepsDone,
    steps: { step: [], dataLoss: [] },
    evals: { step: evals.map((e) => e[0]), trainLoss: evals.map((e) => e[1]), trainAccuracy: evals.map(() => null), testAccuracy: evals.map(() => null) },
    final: evals.length > 0 ? { train: { loss: evals.at(-1)![1] } } : null,
    ...extra,
  };
}

/** A run with evaluations [step, train accuracy, test accuracy]. */
function accuracyRun(evals: [number, number, number][], stepsDone: number, status: RunStatus = 'completed', extra: Partial<ClaimRun> = {}): ClaimRun {
  return {
    status,
    stepsDone,
    steps: { step: [], dataLoss: [] },
    evals: { step: evals.map((e) => e[0]), trainLoss: evals.map(() => 1), trainAccuracy: evals.map((e) => e[1]), testAccuracy: evals.map((e) => e[2]) },
    final: evals.length > 0 ? { train: { loss: 1, accuracy: evals.at(-1)![1] }, test: { loss: 1, accuracy: evals.at(-1)![2] } } : null,
    ...extra,
  };
}

/** A diagnostics snapshot with these per-layer gradient norms and exact-zero fractions. */
function snapshot(step: number, gradNorms: number[], zeroFractions: number[] = gradNorms.map(() => 0)): ClaimDiagnostics {
  return {
    step,
    layers: gradNorms.map((gradNorm, layer) => ({
      layer,
      units: 100,
      activationName: 'relu',
      preactivation: { mean: 0, std: 1, histogram: { edges: [0, 1], counts: [1] } },
      activation: { mean: 0, std: 1, histogram: { edges: [0, 1], counts: [1] } },
      saturatedFraction: 0,
      deadFraction: 0,
      gradNorm,
      gradMeanAbs: gradNorm / 100,
      updateRatio: 0.001,
      weights: { mean: 0, std: 0.1, nearZeroFraction: zeroFractions[layer]!, zeroFraction: zeroFractions[layer]!, histogram: { edges: [0, 1], counts: [1] } },
    })),
  };
}

const flat = (n: number, value: number) => Array.from({ length: n }, () => value);
/** Evaluations every `every` steps up to `end`, with training losses from `from` to `to` linearly. */
const evalsEvery = (every: number, end: number, from: number, to: number): [number, number][] =>
  Array.from({ length: end / every + 1 }, (_, i) => [i * every, from + ((to - from) * i * every) / end]);

describe('the registry', () => {
  it('every training preset has an expectation, and nothing else does', () => {
    const train = PRESETS.filter((p) => p.kind === 'train').map((p) => p.id);
    expect(train.length).toBeGreaterThan(20);
    expect(trainPresetIds()).toEqual(train);
    expect([...CLAIM_EXPECTATIONS.keys()].sort()).toEqual([...train].sort());
    for (const id of train) {
      const expectation = CLAIM_EXPECTATIONS.get(id)!;
      expect(expectation.expects.ko, id).toMatch(/[\uac00-\ud7a3]/);
      expect(expectation.expects.en, id).not.toBe('');
    }
  });

  it('refuses probe presets and unknown ids, and names the snapshots each check needs', () => {
    expect(() => checkClaim('probe-relu-he', lossRun([]))).toThrow(/no claim check for preset "probe-relu-he"/);
    expect(() => checkClaim('nope', lossRun([]))).toThrow(/no claim check/);
    expect(() => checkComparison('nope', {})).toThrow(/no check for comparison "nope"/);
    expect(diagnosticsNeeded('vanishing-sigmoid')).toEqual(['first']);
    expect(diagnosticsNeeded('overfit-l1')).toEqual(['last']);
    expect(diagnosticsNeeded('init-mnist-he')).toEqual([]);
    expect(COMPARISON_EXPECTATIONS.get('overfit-l1-zeros')!.diagnostics).toEqual({ 'overfit-l1': ['last'], 'overfit-l2': ['last'] });
  });

  it('a preset ends at the step the trainer ends it', () => {
    for (const preset of PRESETS) {
      if (preset.kind !== 'train') continue;
      const spec = parseRunSpec(preset.spec);
      const trainer = new Trainer(spec, loadDataset(spec.dataset, spec.seed, nodeDataSources()), { runId: 'steps', emit: () => {} });
      expect(presetEndStep(preset.id), preset.id).toBe(trainer.totalSteps);
    }
  });

  it('every check reads its runs at their end, or at a moment the sheet that runs them names (step 0, epoch 20 = step 60)', () => {
    // The sheet's Korean text names the step ("0단계", not the end of "2,000단계").
    const named = new Map<string, RegExp>([
      ['0', /(^|[^\d,])0단계/],
      ['60', /(^|[^\d,])60단계/],
    ]);
    const sheetText = (presetId: string) =>
      LAB_SHEETS.filter((sheet) => sheet.steps.some((step) => step.presets?.includes(presetId)))
        .flatMap((sheet) => sheet.steps.map((step) => step.text.ko))
        .join('\n');
    for (const [presetId, expectation] of CLAIM_EXPECTATIONS) {
      for (const step of expectation.checkedAtSteps) {
        if (step === presetEndStep(presetId)) continue;
        expect(named.has(String(step)), `${presetId} reads step ${step}`).toBe(true);
        expect(sheetText(presetId), `${presetId}: the sheet names step ${step}`).toMatch(named.get(String(step))!);
      }
    }
    expect(CLAIM_EXPECTATIONS.get('vanishing-sigmoid')!.checkedAtSteps).toEqual([0, 2000]);
    expect(CLAIM_EXPECTATIONS.get('overfit-batchnorm')!.checkedAtSteps).toEqual([60]);
    expect(CLAIM_EXPECTATIONS.get('overfit-dropout')!.checkedAtSteps).toEqual([903]);
    expect(COMPARISON_EXPECTATIONS.get('overfit-dropout-gap')!.checkedAtSteps).toEqual({ 'overfit-dropout': [903], 'overfit-baseline': [603] });
    for (const [id, expectation] of COMPARISON_EXPECTATIONS) {
      for (const [presetId, steps] of Object.entries(expectation.checkedAtSteps)) {
        for (const step of steps) expect(step === presetEndStep(presetId) || named.has(String(step)), `${id}: ${presetId} at step ${step}`).toBe(true);
      }
    }
  });
});

describe('a run that should not learn (std 0.01: the training loss stays at or above 2.2 through step 2,000, the end)', () => {
  const atChance = evalsEvery(500, 2000, 2.302, 2.301);

  it('reproduced once it reaches its end at chance, with the number read there', () => {
    const verdict = checkClaim('init-mnist-std001', lossRun(atChance));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toBe('std 0.01 should not learn: the training loss stayed at or above 2.20 through step 2,000 (2.30 at step 2,000) — reproduced ✔');
    expect(verdict.message.ko).toBe('표준편차 0.01 초기화는 학습되지 않아야 합니다: 2,000단계까지 훈련 손실이 2.20 이상을 유지했습니다(2,000단계 2.30) — 재현됨 ✔');
    expect(verdict.judged).toEqual([
      expect.objectContaining({
        presetId: 'init-mnist-std001',
        quantity: { kind: 'metric', metric: 'train-loss' },
        step: 2000,
        value: 2.301,
        direction: 'above',
        bound: 2.2,
        verdict: 'reproduced',
        words: { label: { ko: '2,000단계의 훈련 손실', en: 'the training loss at step 2,000' }, value: { ko: '2.30', en: '2.30' }, expected: { ko: '≥ 2.20', en: '≥ 2.20' } },
      }),
    ]);
  });

  it('not reproduced as soon as an evaluation falls below 2.2, with the number, the step and the likely reason', () => {
    const verdict = checkClaim('init-mnist-std001', lossRun([[0, 2.3], [500, 2.196]], 520, 'running'));
    expect(verdict.verdict).toBe('not-reproduced');
    expect(verdict.message.en).toBe(
      'std 0.01 should not learn: the training loss fell to 2.196 by step 500 (expected to stay at or above 2.20) — not reproduced ✘ (did you change the learning rate or the initialization?)',
    );
    expect(verdict.message.ko).toMatch(/500단계에 훈련 손실이 2\.20 아래로 내려갔습니다\(2\.196\) — 재현되지 않음 ✘ \(학습률이나 초기화를 바꾸었나요\?\)$/);
    expect(verdict.judged[0]).toMatchObject({ step: 500, value: 2.196, verdict: 'not-reproduced' });
  });

  it('names the fields where the run differs from the preset (not its length or data size)', () => {
    const spec = parseRunSpec(trainPreset('init-mnist-std001').spec);
    const changed = { ...spec, dataset: { ...spec.dataset, trainSize: 1000 }, training: { ...spec.training, iterations: 500 }, optimizer: { ...spec.optimizer, lr: 0.5 } };
    const learning = lossRun([[0, 2.3], [500, 0.5]], 500, 'completed', { spec: changed });
    const verdict = checkClaim('init-mnist-std001', learning);
    expect(verdict.verdict).toBe('not-reproduced');
    expect(verdict.message.en).toContain('(did you change the learning rate or the initialization? This run differs from the preset in optimizer.lr 0.01 → 0.5)');
    expect(verdict.message.ko).toContain('프리셋과 다른 설정: 학습률 0.01 → 0.5)');
    // The same change in every hidden layer is named once.
    const sigmoid = { ...spec, layers: spec.layers.map((layer, i) => (i < 4 ? { ...layer, activation: 'sigmoid' as const } : layer)) };
    expect(checkClaim('init-mnist-std001', { ...learning, spec: sigmoid }).message.en).toContain('in layers[0–3].activation "relu" → "sigmoid")');
    // The same spec as the preset: no differences named.
    expect(checkClaim('init-mnist-std001', { ...learning, spec }).message.en).not.toContain('differs');
  });

  it('not yet while it is short of its end, whether still running or ended early', () => {
    const running = checkClaim('init-mnist-std001', lossRun([[0, 2.302], [500, 2.302]], 1200, 'running'));
    expect(running).toEqual({
      verdict: 'not-yet',
      message: {
        ko: '표준편차 0.01 초기화는 학습되지 않아야 합니다: 500단계에서 훈련 손실 2.30; 판단하려면 2,000단계가 필요합니다 — 아직 판단할 수 없음',
        en: 'std 0.01 should not learn: the training loss is 2.30 at step 500; it takes 2,000 steps to tell — not yet',
      },
      judged: [expect.objectContaining({ step: 2000, value: null, verdict: 'not-yet' })],
    });
    const stopped = checkClaim('init-mnist-std001', lossRun([[0, 2.302], [500, 2.302]], 1200, 'stopped'));
    expect(stopped.verdict).toBe('not-yet');
    expect(stopped.message.en).toContain('the run ended at step 1,200 (stopped); it takes 2,000 steps to tell');
    expect(checkClaim('init-mnist-std001', lossRun([], 0, 'queued')).verdict).toBe('not-yet');
  });

  it('a run that diverged did not learn', () => {
    const verdict = checkClaim('init-mnist-std001', lossRun([[0, 2.302]], 40, 'diverged', { message: 'the loss became NaN at step 40' }));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toContain('the run diverged at step 40 without learning');
  });
});

describe('a run that should learn (He: the training loss below 0.27 at step 2,000, its end)', () => {
  it('reproduced on the value at the end, with that value', () => {
    const verdict = checkClaim('init-mnist-he', lossRun(evalsEvery(500, 2000, 2.3, 0.234)));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toBe('He should learn fastest with ReLU: at step 2,000 the training loss is 0.23 (expected below 0.27) — reproduced ✔');
    expect(verdict.message.ko).toBe('He 초기화는 ReLU에서 가장 빨리 학습되어야 합니다: 2,000단계에서 훈련 손실이 0.23입니다(0.27 미만이어야 함) — 재현됨 ✔');
  });

  it('not yet before the end, even when an earlier evaluation is already below (no early window counts)', () => {
    const early = checkClaim('init-mnist-he', lossRun([[0, 2.3], [500, 0.2], [1000, 0.2]], 1200, 'running'));
    expect(early.verdict).toBe('not-yet');
    expect(early.message.en).toBe('He should learn fastest with ReLU: the training loss is 0.20 at step 1,000; it is judged at step 2,000 (expected below 0.27) — not yet');
    // A live run at step 2,000 whose last evaluation has not arrived yet is not judged on an older one.
    expect(checkClaim('init-mnist-he', lossRun([[0, 2.3], [1500, 0.2]], 2000, 'running')).verdict).toBe('not-yet');
  });

  it('not reproduced when it is not below at the end, even if it was below before (an effect that fades)', () => {
    const faded = checkClaim('init-mnist-he', lossRun([[0, 2.3], [500, 0.2], [1000, 0.2], [2000, 0.4]]));
    expect(faded.verdict).toBe('not-reproduced');
    expect(faded.message.en).toContain('at step 2,000 the training loss is 0.40 (expected below 0.27) — not reproduced ✘ (did you change the learning rate or the initialization?)');
    const diverged = checkClaim('init-mnist-he', lossRun([[0, 2.3]], 30, 'diverged', { message: 'the loss became Infinity' }));
    expect(diverged.verdict).toBe('not-reproduced');
    expect(diverged.message.en).toContain('the run diverged at step 30 (the loss became Infinity)');
  });

  it('an ended run without an evaluation at its end is read at its latest one before', () => {
    const verdict = checkClaim('init-mnist-he', lossRun([[0, 2.3], [1876, 0.25]], 2000));
    expect(verdict.message.en).toContain('at step 1,876 the training loss is 0.25 (expected below 0.27)');
  });
});

describe('claims on gradients and weights (diagnostics snapshots)', () => {
  const sigmoidNorms = [9e-7, 2.9e-6, 1.1e-5, 4.7e-5, 2e-4, 9e-4, 4e-3, 1.6e-2, 6.6e-2, 2.6e-1, 1.0];
  const stalled = evalsEvery(500, 2000, 2.31, 2.306);

  it('sigmoid: waits for the first snapshot, then compares layer 1 with the last hidden layer at step 0', () => {
    expect(checkClaim('vanishing-sigmoid', lossRun(stalled)).verdict).toBe('not-yet');
    expect(checkClaim('vanishing-sigmoid', lossRun(stalled)).message.en).toContain('waiting for the first diagnostics snapshot');
    const verdict = checkClaim('vanishing-sigmoid', lossRun(stalled, 2000, 'completed', { diagnostics: { first: snapshot(0, sigmoidNorms) } }));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toContain('at step 0 layer 1’s gradient is 1/290,000 of layer 10’s (expected below 1/1,000)');
    expect(verdict.message.ko).toContain('0단계에서 1층의 기울기가 10층의 1/290,000입니다');
    expect(verdict.judged.map((j) => [j.words.label.en, j.words.value.en, j.words.expected.en])).toEqual([
      ['gradient at step 0, layer 1 ÷ last hidden layer', '1/290,000', '< 1/1,000'],
      ['the training loss at step 2,000', '2.31', '≥ 2.20'],
    ]);
    const even = checkClaim('vanishing-sigmoid', lossRun(stalled, 2000, 'completed', { diagnostics: { first: snapshot(0, flat(11, 0.5)) } }));
    expect(even.verdict).toBe('not-reproduced');
    expect(even.message.en).toContain('layer 1’s gradient is ×1.0 of layer 10’s');
  });

  it('ReLU: even gradients and learning by the end; a non-finite gradient is not reproduced', () => {
    const learning = lossRun(evalsEvery(500, 2000, 2.3, 0.07), 2000, 'completed', { diagnostics: { first: snapshot(0, [1.1, 0.49, 0.54, 0.55, 0.73, 0.74, 0.81, 0.81, 0.76, 0.54, 0.74]) } });
    expect(checkClaim('vanishing-relu', learning).verdict).toBe('reproduced');
    const broken = checkClaim('vanishing-relu', { ...learning, diagnostics: { first: { ...snapshot(0, flat(11, 1)), layers: snapshot(0, [null as unknown as number, ...flat(10, 1)]).layers } } });
    expect(broken.verdict).toBe('not-reproduced');
    expect(broken.message.en).toContain('not a positive finite number');
  });

  it('L1: exact zeros in layer 1 of the snapshot at the end (step 603), not before', () => {
    const run = (step: number, zeros: number, status: RunStatus = 'running') => accuracyRun([[step, 0.9, 0.7]], step + 1, status, { diagnostics: { last: snapshot(step, flat(7, 1), [zeros, ...flat(6, 0.05)]) } });
    // Zeros mid-run are not the end's: not yet, whichever way they look.
    expect(checkClaim('overfit-l1', run(150, 0.3)).verdict).toBe('not-yet');
    expect(checkClaim('overfit-l1', run(150, 0.3)).message.en).toContain('at step 151 30 % of layer 1’s weights are exactly 0; it is judged at step 603, the end (expected at least 10 %)');
    expect(checkClaim('overfit-l1', run(602, 0.12, 'completed')).verdict).toBe('reproduced');
    const none = checkClaim('overfit-l1', run(602, 0, 'completed'));
    expect(none.verdict).toBe('not-reproduced');
    expect(none.message.en).toContain('at step 603 only 0 % of layer 1’s weights are exactly 0 (expected at least 10 %)');
  });
});

describe('claims on accuracy (evaluations)', () => {
  it('the baseline overfits: train accuracy and the gap at its end (step 603)', () => {
    const evals: [number, number, number][] = [[0, 0.12, 0.12], [150, 0.8, 0.61], [300, 0.96, 0.69], [603, 1, 0.75]];
    const verdict = checkClaim('overfit-baseline', accuracyRun(evals, 603));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toBe(
      'Without regularization, 300 images should be overfitted: at step 603 training accuracy is 100 % (expected at least 95 %); at step 603 the train/test accuracy gap is 25 points (expected at least 20 points) — reproduced ✔',
    );
    expect(verdict.message.ko).toContain('603단계에서 훈련/시험 정확도 차이가 25%p입니다(20%p 이상이어야 함)');
    const close = checkClaim('overfit-baseline', accuracyRun([[0, 0.12, 0.12], [300, 0.97, 0.6], [603, 0.97, 0.9]], 603));
    expect(close.verdict).toBe('not-reproduced');
    expect(close.message.en).toContain('at step 603 the train/test accuracy gap is 7 points (expected at least 20 points)');
    expect(close.message.en).not.toContain('training accuracy is'); // only the deciding finding is told
  });

  it('L2 must not memorize: judged at its end; a mid-run evaluation of 96 % does not decide it', () => {
    expect(checkClaim('overfit-l2', accuracyRun([[300, 0.8, 0.6], [603, 0.84, 0.65]], 603)).verdict).toBe('reproduced');
    expect(checkClaim('overfit-l2', accuracyRun([[300, 0.96, 0.6]], 300, 'running')).verdict).toBe('not-yet');
    const memorized = checkClaim('overfit-l2', accuracyRun([[300, 0.8, 0.6], [603, 0.96, 0.6]], 603));
    expect(memorized.verdict).toBe('not-reproduced');
    expect(memorized.message.en).toContain('at step 603 training accuracy is 96 % (expected below 95 %)');
  });

  it('batch norm is judged at epoch 20 (step 60), the moment its sheet names', () => {
    expect(checkClaim('overfit-batchnorm', accuracyRun([[30, 0.85, 0.5]], 40, 'running')).verdict).toBe('not-yet');
    const verdict = checkClaim('overfit-batchnorm', accuracyRun([[30, 0.85, 0.5], [60, 0.91, 0.6]], 603));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toContain('at step 60 training accuracy is 91 % (expected at least 80 %)');
  });
});

describe('comparisons', () => {
  it('not yet, naming the presets still to run', () => {
    const verdict = checkComparison('init-which-learns', { 'init-mnist-he': lossRun(evalsEvery(500, 2000, 2.3, 0.3)) });
    expect(verdict.verdict).toBe('not-yet');
    expect(verdict.message.en).toBe('Xavier and He should learn, std 0.01 should not: run MNIST init comparison: std 0.01, MNIST init comparison: Xavier first — not yet');
    expect(verdict.message.ko).toContain('먼저 실행하세요: MNIST 초기화 비교: 표준편차 0.01, MNIST 초기화 비교: Xavier');
    expect(verdict.judged).toEqual([]);
  });

  it('He faster than Xavier at the end; each run’s differences from its preset named when not reproduced', () => {
    const he = lossRun(evalsEvery(500, 2000, 2.3, 0.23));
    const xavier = lossRun(evalsEvery(500, 2000, 2.3, 0.3));
    const verdict = checkComparison('init-fastest', { 'init-mnist-he': he, 'init-mnist-xavier': xavier });
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.judged).toEqual([expect.objectContaining({ quantity: { kind: 'metric-ratio', metric: 'train-loss', presets: ['init-mnist-he', 'init-mnist-xavier'] }, bound: 0.9 })]);
    expect(verdict.judged[0]!.value).toBeCloseTo(0.23 / 0.3, 12);
    const spec = parseRunSpec(trainPreset('init-mnist-he').spec);
    const slowHe = lossRun(evalsEvery(500, 2000, 2.3, 1.5), 2000, 'completed', { spec: { ...spec, optimizer: { ...spec.optimizer, lr: 0.001 } } });
    const slow = checkComparison('init-fastest', { 'init-mnist-he': slowHe, 'init-mnist-xavier': xavier });
    expect(slow.verdict).toBe('not-reproduced');
    expect(slow.message.en).toMatch(
      /the training loss at step 2,000: MNIST init comparison: He 1\.50, MNIST init comparison: Xavier 0\.30 \(ratio 5\.00; the first should be below the second × 0\.9\) — not reproduced ✘ \(MNIST init comparison: He: this run differs from the preset in optimizer\.lr 0\.01 → 0\.001\)/,
    );
    const running = checkComparison('init-fastest', { 'init-mnist-he': lossRun([[0, 2.3], [500, 0.3]], 600, 'running'), 'init-mnist-xavier': xavier });
    expect(running.verdict).toBe('not-yet');
    expect(running.message.en).toContain('waiting for MNIST init comparison: He to reach step 2,000');
  });

  it('dropout’s gap at its end (step 903) against the baseline’s at its end (step 603)', () => {
    const baseline = accuracyRun([[300, 0.96, 0.69], [603, 1, 0.75]], 603);
    const dropout = accuracyRun([[603, 0.5, 0.42], [903, 0.61, 0.48]], 903);
    const verdict = checkComparison('overfit-dropout-gap', { 'overfit-baseline': baseline, 'overfit-dropout': dropout });
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toContain(
      'the train/test accuracy gap at each run’s end: Remedy: dropout 0.3 13 points (step 903), Overfitting: no regularization (300 images) 25 points (step 603) (ratio 0.52; the first should be below the second × 0.8)',
    );
    // Not yet while dropout has not reached its end, however small its gap is on the way.
    expect(checkComparison('overfit-dropout-gap', { 'overfit-baseline': baseline, 'overfit-dropout': accuracyRun([[603, 0.5, 0.48]], 650, 'running') }).verdict).toBe('not-yet');
    const same = accuracyRun([[903, 0.9, 0.66]], 903);
    expect(checkComparison('overfit-dropout-gap', { 'overfit-baseline': baseline, 'overfit-dropout': same }).verdict).toBe('not-reproduced');
  });
});

describe('the run as the UI has it', () => {
  it('a RunDetail from the history and the same run’s events give the same verdict', () => {
    const history = openTemp();
    const id = '0b000000-0000-4000-8000-000000000001';
    const { spec, events } = trainRun(trainPreset('backprop-lecture-network').spec, id);
    history.createRun({ id, spec, status: 'queued' });
    history.recordEvents(id, events);
    const detail = history.getRun(id);
    const fromHistory = checkClaim('backprop-lecture-network', detail);
    expect(fromHistory).toEqual(checkClaim('backprop-lecture-network', claimRunFromEvents(events)));
    expect(fromHistory.verdict).toBe('reproduced');
    expect(fromHistory.message.en).toMatch(/^One update of the slide’s 2-2-1 network should reduce the error: loss 0\.0979 before the update .* 0\.0860 after — reproduced ✔$/);
    expect(fromHistory.judged.map((j) => `${j.words.label.en}: ${j.words.value.en} (${j.words.expected.en})`)).toEqual(['loss after the update (below the loss before it): 0.0860 (< 0.0979)']);
    expect(checkComparison('backprop-one-update', { 'backprop-lecture-network': detail }).verdict).toBe('reproduced');
  });

  it('the slide’s network with other weights is not the slide’s', () => {
    const spec = structuredClone(trainPreset('backprop-lecture-network').spec);
    spec.layers[1]!.init = { name: 'values', weights: [[2], [-1]], bias: [0] };
    const verdict = checkClaim('backprop-lecture-network', claimRunFromEvents(train(spec).events));
    expect(verdict.verdict).toBe('not-reproduced');
    expect(verdict.message.en).toContain('the loss before the update is not the slide’s');
    expect(verdict.message.en).toContain('layers[1].init');
  });

  it('events of a live run: running, its steps so far, its first and latest snapshots', () => {
    const { events } = train(trainPreset('backprop-lecture-network').spec);
    const live = claimRunFromEvents(events.filter((e) => e.type !== 'end'));
    expect(live.status).toBe('running');
    expect(live.steps.step).toEqual([0]);
    expect(live.diagnostics?.first?.step).toBe(0);
    // Before the evaluation after the update, the one-step claim cannot be told yet.
    const beforeUpdate = claimRunFromEvents(events.filter((e) => !(e.type === 'eval' && e.step >= 1) && e.type !== 'end'));
    expect(checkClaim('backprop-lecture-network', beforeUpdate).verdict).toBe('not-yet');
    expect(claimRunFromEvents([]).status).toBe('queued');
  });
});
