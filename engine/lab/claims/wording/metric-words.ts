import type { LocalizedText } from '../../presets';
import type { MetricId } from '../observations';
import { withParticle } from './korean-particles';
import { formatLoss, formatPercent, formatPoints, type Lang } from './number-words';

/** What each measured metric is called, and how its values are written. */

interface MetricWords {
  /** "the training loss" / "훈련 손실". */
  name: LocalizedText;
  /** The value in words; `extraDigits` more digits than usual (to tell a value from a threshold it rounds to). */
  format(value: number, lang: Lang, extraDigits?: number): string;
}

const METRIC_WORDS: Record<MetricId, MetricWords> = {
  'train-loss': { name: { ko: '훈련 손실', en: 'the training loss' }, format: (value, _lang, extraDigits = 0) => formatLoss(value, extraDigits) },
  'train-accuracy': { name: { ko: '훈련 정확도', en: 'training accuracy' }, format: formatPercent },
  'test-accuracy': { name: { ko: '시험 정확도', en: 'test accuracy' }, format: formatPercent },
  'accuracy-gap': { name: { ko: '훈련/시험 정확도 차이', en: 'the train/test accuracy gap' }, format: formatPoints },
};

/** The metric's name ("the training loss" / "훈련 손실"). */
export function metricName(metric: MetricId, lang: Lang): string {
  return METRIC_WORDS[metric].name[lang];
}

/** The metric's name as the subject of a Korean sentence ("훈련 손실이", "훈련 정확도가"). */
export function metricSubjectKo(metric: MetricId): string {
  return withParticle(METRIC_WORDS[metric].name.ko, '이/가');
}

/** A value of the metric ("2.30", "95 %", "27%p"), with `extraDigits` more digits than usual. */
export function formatMetric(metric: MetricId, value: number, lang: Lang, extraDigits = 0): string {
  return METRIC_WORDS[metric].format(value, lang, extraDigits);
}

/** `value` written with as many more digits (up to 3) as it takes to differ from `threshold`'s text. */
export function formatAgainst(metric: MetricId, value: number, threshold: number, lang: Lang): string {
  for (let extra = 0; extra < 3; extra++) {
    const text = formatMetric(metric, value, lang, extra);
    if (text !== formatMetric(metric, threshold, lang, extra)) return text;
  }
  return formatMetric(metric, value, lang, 3);
}
