import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import type { SpecError } from '../../engine/api/spec-error';
import { endMessage, problemMessage, problemText } from '../../renderer/src/lib/i18n/problem-text';

function problemsOf(spec: unknown) {
  try {
    parseRunSpec(spec);
  } catch (error) {
    return (error as SpecError).problems;
  }
  throw new Error('expected problems');
}

describe("the engine's problems in the UI's language", () => {
  const base = { version: 1, dataset: { name: 'circle' }, layers: [{ units: 2, activation: 'softmax' }], optimizer: { name: 'sgd', lr: 0.1 }, training: { batchSize: 10, epochs: 1 } };

  it('translates the messages the builder can produce', () => {
    const [batch] = problemsOf({ ...base, training: { batchSize: 0, epochs: 1 } });
    expect(problemText(batch!, 'ko')).toBe('배치 크기: 1 이상이어야 합니다');
    expect(problemText(batch!, 'en')).toBe('Batch size: must be at least 1');
    const [lr] = problemsOf({ ...base, optimizer: { name: 'sgd', lr: 'x' } });
    expect(problemText(lr!, 'ko')).toBe('학습률: 숫자를 입력하세요');
    const [units] = problemsOf({ ...base, layers: [{ units: 2.5, activation: 'softmax' }] });
    expect(problemText(units!, 'ko')).toBe('은닉층 1 뉴런 수: 정수여야 합니다');
    expect(problemMessage('500 is larger than the 250 training samples', 'ko')).toBe('배치 크기 500이 훈련 데이터 250개보다 큽니다');
    expect(problemMessage('32 is larger than the 10 training samples', 'ko')).toBe('배치 크기 32가 훈련 데이터 10개보다 큽니다');
  });

  it('keeps a message it does not know as the engine wrote it', () => {
    expect(problemMessage('something new', 'ko')).toBe('something new');
  });

  it("says why a run ended in Korean", () => {
    expect(endMessage('stopped by the user', 'ko')).toBe('사용자가 중지했습니다');
    expect(endMessage('training diverged at step 12: the loss became NaN (try a smaller learning rate)', 'ko')).toMatch(/^12단계에서 발산했습니다: 손실이 NaN이/);
    expect(endMessage('training diverged by step 40: the evaluation loss became Infinity', 'ko')).toMatch(/^40단계에서 발산했습니다: 평가 손실이 Infinity가 되었습니다/);
    expect(endMessage('stopped by the user', 'en')).toBe('stopped by the user');
  });
});
