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
import { PRESETS } from '../../../engine/lab/presets';
import { openTemp, trainRun } from '../history/history-helpers';
import { train } from '../train/run-helpers';
import { trainPreset } from './preset-runs';

/**
 * The claim checks on hand-made runs: each kind of criterion reproduced, not reproduced (with its
 * numbers and reason) and not yet decidable; the registry covers every training preset. Real
 * (reduced) preset runs are checked in claim-verdicts-*.test.ts.
 */

/** A run whose data loss is `losses[s]` at step s. */
function lossRun(losses: number[], status: RunStatus = 'completed', extra: Partial<ClaimRun> = {}): ClaimRun {
  return {
    status,
    stepsDone: losses.length,
    steps: { step: losses.map((_, i) => i), dataLoss: losses },
    evals: { step: [], trainLoss: [], trainAccuracy: [], testAccuracy: [] },
    final: losses.length > 0 ? { train: { loss: losses.at(-1)! } } : null,
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
/** Losses from `from` to `to` linearly over n steps. */
const falling = (n: number, from: number, to: number) => Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

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
});

describe('a run that should not learn (std 0.01: the loss stays at or above 2.2 through step 300)', () => {
  it('reproduced once it passes step 300 at chance', () => {
    const verdict = checkClaim('init-mnist-std001', lossRun(flat(1000, 2.302)));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toBe('std 0.01 should not learn: the loss stayed at or above 2.20 through step 300 (2.30 at step 300) — reproduced ✔');
    expect(verdict.message.ko).toBe('표준편차 0.01 초기화는 학습되지 않아야 합니다: 300단계까지 손실이 2.20 이상을 유지했습니다(300단계 2.30) — 재현됨 ✔');
  });

  it('not reproduced as soon as the loss falls below 2.2, with the number, the step and the likely reason', () => {
    const verdict = checkClaim('init-mnist-std001', lossRun([...flat(100, 2.3), ...falling(200, 2.3, 1.3)], 'running'));
    expect(verdict.verdict).toBe('not-reproduced');
    expect(verdict.message.en).toMatch(/^std 0\.01 should not learn: the loss fell to 2\.196 by step 146 \(expected to stay at or above 2\.20\) — not reproduced ✘ \(did you change the learning rate or the initialization\?\)$/);
    expect(verdict.message.ko).toMatch(/146단계에 손실이 2\.20 아래로 내려갔습니다\(2\.196\) — 재현되지 않음 ✘ \(학습률이나 초기화를 바꾸었나요\?\)$/);
  });

  it('names the fields where the run differs from the preset (not its length or data size)', () => {
    const spec = parseRunSpec(trainPreset('init-mnist-std001').spec);
    const changed = { ...spec, dataset: { ...spec.dataset, trainSize: 1000 }, training: { ...spec.training, iterations: 500 }, optimizer: { ...spec.optimizer, lr: 0.5 } };
    const verdict = checkClaim('init-mnist-std001', lossRun(falling(400, 2.3, 0.5), 'completed', { spec: changed }));
    expect(verdict.verdict).toBe('not-reproduced');
    expect(verdict.message.en).toContain('(did you change the learning rate or the initialization? This run differs from the preset in optimizer.lr 0.01 → 0.5)');
    expect(verdict.message.ko).toContain('프리셋과 다른 설정: optimizer.lr 0.01 → 0.5)');
    // The same change in every hidden layer is named once.
    const sigmoid = { ...spec, layers: spec.layers.map((layer, i) => (i < 4 ? { ...layer, activation: 'sigmoid' as const } : layer)) };
    expect(checkClaim('init-mnist-std001', lossRun(falling(400, 2.3, 0.5), 'completed', { spec: sigmoid })).message.en).toContain('in layers[0–3].activation "relu" → "sigmoid")');
    // The same spec as the preset: no differences named.
    expect(checkClaim('init-mnist-std001', lossRun(falling(400, 2.3, 0.5), 'completed', { spec })).message.en).not.toContain('differs');
  });

  it('not yet while it is short of step 300, whether still running or ended early', () => {
    const running = checkClaim('init-mnist-std001', lossRun(flat(120, 2.302), 'running'));
    expect(running).toEqual({
      verdict: 'not-yet',
      message: {
        ko: '표준편차 0.01 초기화는 학습되지 않아야 합니다: 120단계에서 손실 2.30; 판단하려면 300단계가 필요합니다 — 아직 판단할 수 없음',
        en: 'std 0.01 should not learn: the loss is 2.30 at step 120; it takes 300 steps to tell — not yet',
      },
    });
    const stopped = checkClaim('init-mnist-std001', lossRun(flat(120, 2.302), 'stopped'));
    expect(stopped.verdict).toBe('not-yet');
    expect(stopped.message.en).toContain('the run ended at step 120 (stopped); it takes 300 steps to tell');
    expect(checkClaim('init-mnist-std001', lossRun([], 'queued')).verdict).toBe('not-yet');
  });

  it('a run that diverged did not learn', () => {
    const verdict = checkClaim('init-mnist-std001', lossRun(flat(40, 2.302), 'diverged', { message: 'the loss became NaN at step 40' }));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toContain('the run diverged at step 40 without learning');
  });
});

describe('a run that should learn by a step (He: the loss below 1.2 by step 300)', () => {
  it('reproduced as soon as the 50-step mean falls below 1.2', () => {
    const verdict = checkClaim('init-mnist-he', lossRun(falling(300, 2.3, 0.5), 'running'));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toMatch(/^He should learn fastest with ReLU: the loss reached 1\.19\d \(below 1\.20\) by step 209 — reproduced ✔$/);
  });

  it('not reproduced when it is still above at step 300; a divergence before is not reproduced either', () => {
    const slow = checkClaim('init-mnist-he', lossRun(falling(600, 2.3, 1.9)));
    expect(slow.verdict).toBe('not-reproduced');
    expect(slow.message.en).toContain('the loss was still 2.12 at step 300 (expected below 1.20) — not reproduced ✘ (did you change the learning rate or the initialization?)');
    const diverged = checkClaim('init-mnist-he', lossRun(flat(30, 2.3), 'diverged', { message: 'the loss became Infinity' }));
    expect(diverged.verdict).toBe('not-reproduced');
    expect(diverged.message.en).toContain('the run diverged at step 30 (the loss became Infinity)');
  });

  it('not yet before step 300', () => {
    const verdict = checkClaim('init-mnist-he', lossRun(falling(100, 2.3, 1.9), 'running'));
    expect(verdict.verdict).toBe('not-yet');
    expect(verdict.message.en).toBe('He should learn fastest with ReLU: the loss is 2.00 at step 100; it should be below 1.20 by step 300 — not yet');
  });
});

describe('claims on gradients and weights (diagnostics snapshots)', () => {
  const sigmoidNorms = [9e-7, 2.9e-6, 1.1e-5, 4.7e-5, 2e-4, 9e-4, 4e-3, 1.6e-2, 6.6e-2, 2.6e-1, 1.0];

  it('sigmoid: waits for the first snapshot, then compares layer 1 with the last hidden layer', () => {
    const losses = flat(400, 2.31);
    expect(checkClaim('vanishing-sigmoid', lossRun(losses)).verdict).toBe('not-yet');
    expect(checkClaim('vanishing-sigmoid', lossRun(losses)).message.en).toContain('waiting for the first diagnostics snapshot');
    const verdict = checkClaim('vanishing-sigmoid', lossRun(losses, 'completed', { diagnostics: { first: snapshot(0, sigmoidNorms) } }));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toContain('at step 0 layer 1’s gradient is 1/290,000 of layer 10’s (expected below 1/100)');
    expect(verdict.message.ko).toContain('0단계에서 1층의 기울기가 10층의 1/290,000입니다');
    const even = checkClaim('vanishing-sigmoid', lossRun(losses, 'completed', { diagnostics: { first: snapshot(0, flat(11, 0.5)) } }));
    expect(even.verdict).toBe('not-reproduced');
    expect(even.message.en).toContain('layer 1’s gradient is ×1.0 of layer 10’s');
  });

  it('ReLU: even gradients and learning; a non-finite gradient is not reproduced', () => {
    const learning = falling(300, 2.3, 0.3);
    expect(checkClaim('vanishing-relu', lossRun(learning, 'completed', { diagnostics: { first: snapshot(0, [1.1, 0.49, 0.54, 0.55, 0.73, 0.74, 0.81, 0.81, 0.76, 0.54, 0.74]) } })).verdict).toBe('reproduced');
    const broken = checkClaim('vanishing-relu', lossRun(learning, 'completed', { diagnostics: { first: { ...snapshot(0, flat(11, 1)), layers: snapshot(0, [null as unknown as number, ...flat(10, 1)]).layers } } }));
    expect(broken.verdict).toBe('not-reproduced');
    expect(broken.message.en).toContain('not a positive finite number');
  });

  it('L1: exact zeros in layer 1 of the latest snapshot, by step 300', () => {
    const run = (step: number, zeros: number) => accuracyRun([[step, 0.9, 0.7]], step + 1, 'running', { diagnostics: { last: snapshot(step, flat(7, 1), [zeros, ...flat(6, 0.05)]) } });
    expect(checkClaim('overfit-l1', run(150, 0.1)).verdict).toBe('reproduced');
    expect(checkClaim('overfit-l1', run(120, 0.08)).verdict).toBe('not-yet');
    const none = checkClaim('overfit-l1', run(602, 0));
    expect(none.verdict).toBe('not-reproduced');
    expect(none.message.en).toContain('at step 602 only 0 % of layer 1’s weights are exactly 0 (expected at least 10 %)');
  });
});

describe('claims on accuracy (evaluations)', () => {
  it('the baseline overfits: train accuracy and the gap both by step 450', () => {
    const evals: [number, number, number][] = [[0, 0.12, 0.12], [150, 0.8, 0.61], [300, 0.96, 0.69], [450, 1, 0.71]];
    const verdict = checkClaim('overfit-baseline', accuracyRun(evals, 603));
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toBe(
      'Without regularization, 300 images should be overfitted: training accuracy reached 96 % (at least 95 %) by step 300; the train/test accuracy gap reached 27 points (at least 20 points) by step 300 — reproduced ✔',
    );
    expect(verdict.message.ko).toContain('300단계에 훈련/시험 정확도 차이가 20%p 이상이 되었습니다(27%p)');
    const close = checkClaim('overfit-baseline', accuracyRun([[0, 0.12, 0.12], [450, 0.97, 0.9]], 603));
    expect(close.verdict).toBe('not-reproduced');
    expect(close.message.en).toContain('the train/test accuracy gap was still 7 points at step 450 (expected at least 20 points)');
    expect(close.message.en).not.toContain('training accuracy reached'); // only the deciding finding is told
  });

  it('L2 must not memorize: not reproduced at the first evaluation of 95 %', () => {
    expect(checkClaim('overfit-l2', accuracyRun([[300, 0.8, 0.6], [450, 0.84, 0.65]], 603)).verdict).toBe('reproduced');
    const memorized = checkClaim('overfit-l2', accuracyRun([[300, 0.96, 0.6]], 300, 'running'));
    expect(memorized.verdict).toBe('not-reproduced');
    expect(memorized.message.en).toContain('training accuracy rose to 96 % by step 300 (expected to stay below 95 %)');
  });
});

describe('comparisons', () => {
  it('not yet, naming the presets still to run', () => {
    const verdict = checkComparison('init-which-learns', { 'init-mnist-he': lossRun(falling(500, 2.3, 0.3)) });
    expect(verdict.verdict).toBe('not-yet');
    expect(verdict.message.en).toBe(
      'Xavier and He should learn, std 0.01 should not: run MNIST init comparison: std 0.01, MNIST init comparison: Xavier first — not yet',
    );
    expect(verdict.message.ko).toContain('먼저 실행하세요: MNIST 초기화 비교: 표준편차 0.01, MNIST 초기화 비교: Xavier');
  });

  it('He faster than Xavier, compared at the same step; each run’s differences from its preset named when not reproduced', () => {
    const he = lossRun(falling(500, 2.3, 0.3));
    const xavier = lossRun(falling(500, 2.3, 1.0));
    expect(checkComparison('init-fastest', { 'init-mnist-he': he, 'init-mnist-xavier': xavier }).verdict).toBe('reproduced');
    const spec = parseRunSpec(trainPreset('init-mnist-he').spec);
    const slowHe = lossRun(falling(500, 2.3, 1.5), 'completed', { spec: { ...spec, optimizer: { ...spec.optimizer, lr: 0.001 } } });
    const verdict = checkComparison('init-fastest', { 'init-mnist-he': slowHe, 'init-mnist-xavier': xavier });
    expect(verdict.verdict).toBe('not-reproduced');
    expect(verdict.message.en).toMatch(/the loss at step 500: MNIST init comparison: He 1\.5\d, MNIST init comparison: Xavier 1\.0\d \(the first should be below the second\) — not reproduced ✘ \(MNIST init comparison: He: this run differs from the preset in optimizer\.lr 0\.01 → 0\.001\)/);
    expect(checkComparison('init-fastest', { 'init-mnist-he': lossRun(falling(200, 2.3, 0.3), 'running'), 'init-mnist-xavier': xavier }).verdict).toBe('not-yet');
  });

  it('L2 shrinks the gap: its gap below 0.8 × the baseline’s at the latest common evaluation', () => {
    const baseline = accuracyRun([[300, 0.96, 0.69], [600, 1, 0.71]], 603);
    const l2 = accuracyRun([[300, 0.8, 0.61], [600, 0.84, 0.67]], 603);
    const verdict = checkComparison('overfit-l2-gap', { 'overfit-baseline': baseline, 'overfit-l2': l2 });
    expect(verdict.verdict).toBe('reproduced');
    expect(verdict.message.en).toContain('the train/test accuracy gap at step 600: Remedy: L2 (weight decay λ = 0.1) 17 points, Overfitting: no regularization (300 images) 29 points');
    const same = accuracyRun([[300, 0.9, 0.65], [600, 0.93, 0.66]], 603);
    expect(checkComparison('overfit-l2-gap', { 'overfit-baseline': baseline, 'overfit-l2': same }).verdict).toBe('not-reproduced');
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
