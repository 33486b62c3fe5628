import type { LayerDiagnostics } from '$engine/api/events';
import { defineMessages, type Translate } from '../locale';

/**
 * Where the live and replay charts' diagnostics come from (engine/api/events.ts,
 * LayerDiagnosticsSchema): activation and pre-activation histograms, their mean/std and the
 * dead/saturated fractions from a fixed sample of training examples passed through the network
 * without dropout (batch norm on the sample's own statistics); gradients and the update ratio from
 * the batch that step trained on; weights after that step's update. Runs recorded before the
 * sample existed (no sampleSize) took the activation figures from the step's batch.
 */
export const diagnosticsSourceMessages = defineMessages({
  ko: {
    activationFromSample: '활성화 분포·죽은/포화 비율: 고정된 훈련 샘플 {samples}개(드롭아웃 없이)',
    activationFromBatch: '활성화 분포·죽은/포화 비율: 그 단계의 배치(이전 버전에서 기록된 실행)',
    gradientFromBatch: '기울기·갱신 비율: 그 단계의 배치',
    weightsAfterUpdate: '가중치: 그 단계의 갱신 뒤',
    batchNormOnSample: '배치 정규화는 이 샘플의 평균·분산으로 표준화합니다(훈련 때처럼).',
    caption: '{activation} · {gradient}',
  },
  en: {
    activationFromSample: 'Activations, dead/saturated: a fixed sample of {samples} training examples (no dropout)',
    activationFromBatch: 'Activations, dead/saturated: that step’s batch (run recorded by an earlier version)',
    gradientFromBatch: 'Gradients, update ratio: that step’s batch',
    weightsAfterUpdate: 'Weights: after that step’s update',
    batchNormOnSample: 'Batch norm normalizes with this sample’s own mean and variance (as in training).',
    caption: '{activation} · {gradient}',
  },
});

export type DiagnosticsSourceTranslate = Translate<keyof (typeof diagnosticsSourceMessages)['ko']>;

/**
 * The one-line caption of a diagnostics snapshot's charts: "활성화 분포·죽은/포화 비율: 고정된 훈련
 * 샘플 256개(드롭아웃 없이) · 기울기·갱신 비율: 그 단계의 배치", or for a run recorded before
 * the diagnostics sample, that the activation figures are of the step's batch.
 */
export function diagnosticsSourceCaption(layers: readonly Pick<LayerDiagnostics, 'sampleSize'>[], t: DiagnosticsSourceTranslate): string {
  const samples = layers.find((layer) => layer.sampleSize !== undefined)?.sampleSize;
  const activation = samples === undefined ? t('activationFromBatch') : t('activationFromSample', { samples });
  return t('caption', { activation, gradient: t('gradientFromBatch') });
}
