import { describe, expect, it } from 'vitest';
import { evaluateRunCriterion } from '../../../../engine/lab/claims/evaluate-criterion';
import { XAVIER_LEARNS } from '../../../../engine/lab/claims/preset-claims';
import { formatPercent, formatPoints, formatRatio, group } from '../../../../engine/lab/claims/wording/number-words';
import { presetClaimTexts } from '../../../../engine/lab/claims/wording/preset-claim-texts';
import { runFindingWords } from '../../../../engine/lab/claims/wording/run-finding-words';

/** The wording on its own: numbers as the texts write them, and a structured finding told in both languages. */
describe('number words', () => {
  it('steps grouped, percentages and points per language, ratios as fractions', () => {
    expect(group(12345.6)).toBe('12,346');
    expect(formatPercent(0.953, 'ko')).toBe('95%');
    expect(formatPercent(0.953, 'en')).toBe('95 %');
    expect(formatPercent(-0.0001, 'ko', 1)).toBe('0.0%'); // no "-0.0"
    expect(formatPoints(0.27, 'ko')).toBe('27%p');
    expect(formatPoints(0.27, 'en')).toBe('27 points');
    expect(formatRatio(3.46e-6)).toBe('1/290,000');
    expect(formatRatio(2.34)).toBe('×2.3');
  });
});

describe('finding words', () => {
  const noEvals = { step: [], trainLoss: [], trainAccuracy: [], testAccuracy: [] };

  it('a run that ended early names its status from RUN_STATUS_WORDS', () => {
    const run = { status: 'stopped' as const, stepsDone: 120, steps: { step: [], dataLoss: [] }, evals: noEvals, final: null };
    expect(runFindingWords(evaluateRunCriterion(XAVIER_LEARNS, run))).toEqual({
      ko: '실행이 120단계에서 끝났습니다(중지됨). 판단하려면 2,000단계가 필요합니다',
      en: 'the run ended at step 120 (stopped); it takes 2,000 steps to tell',
    });
  });

  it('the subject takes the particle of its final sound (훈련 손실이), and the bound 이어야 after 미만 and 이상', () => {
    const run = { status: 'completed' as const, stepsDone: 2000, steps: { step: [], dataLoss: [] }, evals: { step: [0, 2000], trainLoss: [2.3, 2], trainAccuracy: [null, null], testAccuracy: [null, null] }, final: null };
    expect(runFindingWords(evaluateRunCriterion(XAVIER_LEARNS, run))).toEqual({
      ko: '2,000단계에서 훈련 손실이 2.00입니다(0.50 미만이어야 함)',
      en: 'at step 2,000 the training loss is 2.00 (expected below 0.50)',
    });
  });
});

describe('claim statements', () => {
  it('put the particle after each optimizer name as it is read (모멘텀은, 아다그라드는, 아담은)', () => {
    expect(presetClaimTexts('optimizer-momentum').statement.ko).toBe('모멘텀은 SGD보다 빨리 학습되어야 합니다');
    expect(presetClaimTexts('optimizer-adagrad').statement.ko).toBe('AdaGrad는 SGD보다 빨리 학습되어야 합니다');
    expect(presetClaimTexts('optimizer-rmsprop').statement.ko).toBe('RMSprop은 SGD보다 빨리 학습되어야 합니다');
    expect(presetClaimTexts('optimizer-adam').statement.ko).toBe('Adam은 SGD보다 빨리 학습되어야 합니다');
  });
});
