import type { LocalizedText } from '../../presets';
import type { JudgedNumber, JudgedQuantity } from '../judged';
import { formatMetric, metricName } from './metric-words';
import { formatFactor, formatPercent, formatPoints, formatRatio, formatSlideLoss, group, type Lang } from './number-words';
import { presetTitle } from './preset-titles';

/** A judged number in words: what it is and where it was read, its value, and the bound it is held to. */
export interface JudgedWords {
  /** "the training loss at step 2,000" / "2,000단계의 훈련 손실". */
  label: LocalizedText;
  /** "0.07", "1/290,000", "27 points"; "diverged" for a run that diverged first; "—" while it is not read. */
  value: LocalizedText;
  /** "< 0.50", "≥ 95 %". */
  expected: LocalizedText;
}

/** How a run is named in a label (default: its preset's title). */
export type RunNames = (presetId: string) => LocalizedText;

/** A judged number in words; `names` names the runs of a ratio or difference. */
export function judgedWords(judged: JudgedNumber, names: RunNames = presetTitle): JudgedWords {
  const both = (make: (lang: Lang) => string): LocalizedText => ({ ko: make('ko'), en: make('en') });
  const sign = judged.direction === 'below' ? '<' : '≥';
  const value = (v: number, lang: Lang) => valueText(judged.quantity, v, lang);
  return {
    label: labelWords(judged, names),
    value: judged.value !== null ? both((lang) => value(judged.value!, lang)) : judged.diverged ? { ko: '발산', en: 'diverged' } : { ko: '—', en: '—' },
    expected: both((lang) => `${judged.quantity.kind === 'max-zero-fraction' ? '≤' : sign} ${value(judged.bound, lang)}`),
  };
}

function valueText(quantity: JudgedQuantity, value: number, lang: Lang): string {
  switch (quantity.kind) {
    case 'metric':
      return formatMetric(quantity.metric, value, lang);
    case 'gradient-ratio':
      return formatRatio(value);
    case 'gradient-spread':
      return formatFactor(value);
    case 'layer1-zero-fraction':
    case 'max-zero-fraction':
      return formatPercent(value, lang);
    case 'loss-after-update':
      return formatSlideLoss(value);
    case 'metric-ratio':
      return value.toFixed(2);
    case 'metric-difference':
      return quantity.metric === 'train-loss' ? formatMetric('train-loss', value, lang) : formatPoints(value, lang);
  }
}

function labelWords(judged: JudgedNumber, names: RunNames): LocalizedText {
  const q = judged.quantity;
  const step = group(judged.step ?? 0);
  switch (q.kind) {
    case 'metric':
      return { ko: `${step}단계의 ${metricName(q.metric, 'ko')}`, en: `${metricName(q.metric, 'en')} at step ${step}` };
    case 'gradient-ratio':
      return { ko: '0단계의 기울기 크기 비: 1층 ÷ 마지막 은닉층', en: 'gradient at step 0, layer 1 ÷ last hidden layer' };
    case 'gradient-spread':
      return { ko: '0단계의 은닉층 기울기 크기 비: 최대 ÷ 최소', en: 'hidden layers’ gradients at step 0, largest ÷ smallest' };
    case 'layer1-zero-fraction':
      return { ko: `${step}단계에서 정확히 0인 1층 가중치`, en: `layer 1’s weights exactly 0 at step ${step}` };
    case 'max-zero-fraction':
      return { ko: `${step}단계에서 정확히 0인 가중치(가장 많은 층)`, en: `weights exactly 0 at step ${step} (the layer with most)` };
    case 'loss-after-update':
      return { ko: '갱신 후 손실(갱신 전 손실보다 작아야 함)', en: 'loss after the update (below the loss before it)' };
    case 'metric-ratio': {
      const [a, b] = q.presets.map(names) as [LocalizedText, LocalizedText];
      return { ko: `${metricName(q.metric, 'ko')}, 각 실행의 끝: ${a.ko} ÷ ${b.ko}`, en: `${metricName(q.metric, 'en')} at each run’s end, ${a.en} ÷ ${b.en}` };
    }
    case 'metric-difference': {
      const [a, b] = q.presets.map(names) as [LocalizedText, LocalizedText];
      return { ko: `${step}단계의 ${metricName(q.metric, 'ko')}: ${a.ko} − ${b.ko}`, en: `${metricName(q.metric, 'en')} at step ${step}, ${a.en} − ${b.en}` };
    }
  }
}
