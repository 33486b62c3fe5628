import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import type { SpecError } from '../../engine/api/spec-error';
import { problemText } from '../../renderer/src/lib/i18n/problem-text';
import { toggledFeatures } from '../../renderer/src/lib/state/input-feature-choice';
import { defaultDraft, draftToSpec, specToDraft } from '../../renderer/src/lib/state/spec-draft';
import { specKey } from '../../renderer/src/lib/state/spec-key';

describe("the builder's input features (issue 16)", () => {
  it('toggle in the spec\'s order; x1, x2 alone is no features at all; the last one stays on', () => {
    expect(toggledFeatures(['x1', 'x2'], 'x1_squared')).toEqual(['x1', 'x2', 'x1_squared']);
    expect(toggledFeatures(['x1', 'x2', 'x1_squared'], 'x1_squared')).toBeNull();
    expect(toggledFeatures(['x1_squared', 'x2_squared'], 'x1')).toEqual(['x1', 'x1_squared', 'x2_squared']);
    expect(toggledFeatures(['sin_x2'], 'sin_x2')).toEqual(['sin_x2']);
  });

  it('reach the spec from the draft and back, and leave a spec without them as it was', () => {
    const draft = defaultDraft();
    const keyBefore = specKey(draftToSpec(draft));
    expect('features' in draftToSpec(draft).dataset).toBe(false);
    draft.dataset.features = ['x1_squared', 'x2_squared'];
    const spec = parseRunSpec(draftToSpec(draft));
    expect(spec.dataset).toMatchObject({ name: 'circle', features: ['x1_squared', 'x2_squared'] });
    expect(specToDraft(spec).dataset.features).toEqual(['x1_squared', 'x2_squared']);
    draft.dataset.features = null;
    expect(specKey(draftToSpec(draft))).toBe(keyBefore);
    draft.dataset.features = ['x1_squared'];
    draft.dataset.name = 'mnist';
    expect('features' in draftToSpec(draft).dataset).toBe(false);
  });

  it('have their problems worded in Korean and English', () => {
    const problems = (features: unknown) => {
      try {
        parseRunSpec({ version: 1, dataset: { name: 'circle', features }, layers: [{ units: 2, activation: 'softmax' }], optimizer: { name: 'sgd', lr: 0.1 }, training: { batchSize: 10, epochs: 1 } });
      } catch (error) {
        return (error as SpecError).problems;
      }
      throw new Error('expected problems');
    };
    expect(problemText(problems([])[0]!, 'ko')).toBe('입력 특성: 입력 특성을 하나 이상 켜세요');
    expect(problemText(problems([])[0]!, 'en')).toBe('Input features: needs at least one input feature');
    expect(problemText(problems(['x1', 'x1'])[0]!, 'ko')).toBe('입력 특성: x1이 두 번 있습니다. 특성마다 한 번만 쓰세요');
    expect(problemText(problems(['x2', 'x1'])[0]!, 'ko')).toBe('입력 특성: x1은 x2보다 앞에 와야 합니다 (순서: x1, x2, x1_squared, x2_squared, x1_x2, sin_x1, sin_x2)');
    expect(problemText(problems(['x9'])[0]!, 'ko')).toBe('입력 특성: 알 수 없는 입력 특성입니다 (x1, x2, x1_squared, x2_squared, x1_x2, sin_x1, sin_x2 중 하나)');
  });
});
