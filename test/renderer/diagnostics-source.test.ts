import { describe, expect, it } from 'vitest';
import { translator } from '../../renderer/src/lib/i18n/locale';
import { diagnosticsSourceCaption, diagnosticsSourceMessages } from '../../renderer/src/lib/i18n/messages/diagnostics-source';

describe('where the diagnostics come from', () => {
  const ko = translator(diagnosticsSourceMessages, 'ko');
  const en = translator(diagnosticsSourceMessages, 'en');

  it('names the fixed sample and its size, and the step’s batch for gradients', () => {
    const layers = [{ sampleSize: 256 }, { sampleSize: 256 }];
    expect(diagnosticsSourceCaption(layers, ko)).toBe('활성화 분포·죽은/포화 비율: 고정된 훈련 샘플 256개(드롭아웃 없이) · 기울기·갱신 비율: 그 단계의 배치');
    expect(diagnosticsSourceCaption(layers, en)).toBe('Activations, dead/saturated: a fixed sample of 256 training examples (no dropout) · Gradients, update ratio: that step’s batch');
  });

  it('says a run recorded before the sample existed took its activations from the batch', () => {
    expect(diagnosticsSourceCaption([{}], ko)).toBe('활성화 분포·죽은/포화 비율: 그 단계의 배치(이전 버전에서 기록된 실행) · 기울기·갱신 비율: 그 단계의 배치');
  });
});
