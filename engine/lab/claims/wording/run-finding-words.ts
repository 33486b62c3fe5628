import type { LocalizedText } from '../../presets';
import { RUN_STATUS_WORDS } from '../../run-status-words';
import type {
  BackpropUpdateFinding,
  EndedEarly,
  ExactZerosFinding,
  FewZerosFinding,
  GradientEvenFinding,
  GradientVanishesFinding,
  NeverFinding,
  RunFinding,
  ValueAtFinding,
} from '../findings';
import type { Direction } from '../criteria';
import type { MetricId } from '../observations';
import { withParticle } from './korean-particles';
import { formatAgainst, formatMetric, metricName, metricSubjectKo } from './metric-words';
import { formatFactor, formatPercent, formatRatio, formatSlideLoss, group } from './number-words';

/** What a criterion saw in one run, in Korean and English: the numbers, the step, and the expectation. */
export function runFindingWords(finding: RunFinding): LocalizedText {
  switch (finding.check) {
    case 'value-at':
      return valueAtWords(finding);
    case 'never':
      return neverWords(finding);
    case 'gradient-vanishes':
      return gradientVanishesWords(finding);
    case 'gradient-even':
      return gradientEvenWords(finding);
    case 'exact-zeros':
      return exactZerosWords(finding);
    case 'few-zeros':
      return fewZerosWords(finding);
    case 'backprop-update':
      return backpropUpdateWords(finding);
  }
}

function endedEarlyWords(finding: EndedEarly): LocalizedText {
  if (finding.outcome === 'diverged') {
    const why = finding.reason ? ` (${finding.reason})` : '';
    return { ko: `${group(finding.stepsDone)}단계에서 발산했습니다${why}`, en: `the run diverged at step ${group(finding.stepsDone)}${why}` };
  }
  return {
    ko: `실행이 ${group(finding.stepsDone)}단계에서 끝났습니다(${RUN_STATUS_WORDS.ko[finding.status]}). 판단하려면 ${group(finding.stepsNeeded)}단계가 필요합니다`,
    en: `the run ended at step ${group(finding.stepsDone)} (${RUN_STATUS_WORDS.en[finding.status]}); it takes ${group(finding.stepsNeeded)} steps to tell`,
  };
}

/** "below 0.50" / "at least 95 %", and in Korean "0.50 미만" / "95% 이상" (both take 이어야, 인지). */
export function expectedWords(metric: MetricId, direction: Direction, threshold: number): LocalizedText {
  return direction === 'below'
    ? { ko: `${formatMetric(metric, threshold, 'ko')} 미만`, en: `below ${formatMetric(metric, threshold, 'en')}` }
    : { ko: `${formatMetric(metric, threshold, 'ko')} 이상`, en: `at least ${formatMetric(metric, threshold, 'en')}` };
}

function valueAtWords(finding: ValueAtFinding): LocalizedText {
  const { metric, direction, threshold, atStep } = finding.criterion;
  const expected = expectedWords(metric, direction, threshold);
  switch (finding.outcome) {
    case 'met':
    case 'not-met': {
      const { at } = finding;
      return {
        ko: `${group(at.step)}단계에서 ${metricSubjectKo(metric)} ${formatAgainst(metric, at.value, threshold, 'ko')}입니다(${expected.ko}이어야 함)`,
        en: `at step ${group(at.step)} ${metricName(metric, 'en')} is ${formatAgainst(metric, at.value, threshold, 'en')} (expected ${expected.en})`,
      };
    }
    case 'pending': {
      const { last } = finding;
      return {
        ko: `${last ? `${group(last.step)}단계에서 ${metricName(metric, 'ko')} ${formatMetric(metric, last.value, 'ko')}; ` : ''}${group(atStep)}단계에서 ${expected.ko}인지 판단합니다`,
        en: `${last ? `${metricName(metric, 'en')} is ${formatMetric(metric, last.value, 'en')} at step ${group(last.step)}; ` : ''}it is judged at step ${group(atStep)} (expected ${expected.en})`,
      };
    }
    case 'no-value':
      return { ko: `${group(atStep)}단계의 ${metricName(metric, 'ko')} 값이 없습니다`, en: `the run has no value of ${metricName(metric, 'en')} at step ${group(atStep)}` };
    default:
      return endedEarlyWords(finding);
  }
}

function neverWords(finding: NeverFinding): LocalizedText {
  const { metric, direction, threshold, throughStep } = finding.criterion;
  const thresholdKo = formatMetric(metric, threshold, 'ko');
  const heldEn = direction === 'below' ? `at or above ${formatMetric(metric, threshold, 'en')}` : `below ${formatMetric(metric, threshold, 'en')}`;
  switch (finding.outcome) {
    case 'crossed': {
      const { at } = finding;
      const crossedKo = direction === 'below' ? `${thresholdKo} 아래로 내려갔습니다` : `${thresholdKo} 이상이 되었습니다`;
      return {
        ko: `${group(at.step)}단계에 ${metricSubjectKo(metric)} ${crossedKo}(${formatAgainst(metric, at.value, threshold, 'ko')})`,
        en: `${metricName(metric, 'en')} ${direction === 'below' ? 'fell' : 'rose'} to ${formatAgainst(metric, at.value, threshold, 'en')} by step ${group(at.step)} (expected to stay ${heldEn})`,
      };
    }
    case 'diverged-without-learning':
      return { ko: `${group(finding.stepsDone)}단계에서 발산해 학습되지 않았습니다`, en: `the run diverged at step ${group(finding.stepsDone)} without learning` };
    case 'held': {
      const { last } = finding;
      const heldKo = direction === 'below' ? `${thresholdKo} 이상을 유지했습니다` : `${thresholdKo} 아래에 머물렀습니다`;
      const lastKo = last ? `(${group(last.step)}단계 ${formatMetric(metric, last.value, 'ko')})` : '';
      const lastEn = last ? ` (${formatMetric(metric, last.value, 'en')} at step ${group(last.step)})` : '';
      return {
        ko: `${group(throughStep)}단계까지 ${metricSubjectKo(metric)} ${heldKo}${lastKo}`,
        en: `${metricName(metric, 'en')} stayed ${heldEn} through step ${group(throughStep)}${lastEn}`,
      };
    }
    case 'pending': {
      const { last } = finding;
      return {
        ko: `${last ? `${group(last.step)}단계에서 ${metricName(metric, 'ko')} ${formatMetric(metric, last.value, 'ko')}; ` : ''}판단하려면 ${group(throughStep)}단계가 필요합니다`,
        en: `${last ? `${metricName(metric, 'en')} is ${formatMetric(metric, last.value, 'en')} at step ${group(last.step)}; ` : ''}it takes ${group(throughStep)} steps to tell`,
      };
    }
    default:
      return endedEarlyWords(finding);
  }
}

const WAITING_FOR_FIRST_SNAPSHOT: LocalizedText = {
  ko: '첫 진단 스냅숏(0단계의 층별 기울기)을 기다리는 중입니다',
  en: 'waiting for the first diagnostics snapshot (step 0’s per-layer gradients)',
};
const WAITING_FOR_WEIGHTS: LocalizedText = { ko: '가중치 진단 스냅숏을 기다리는 중입니다', en: 'waiting for a diagnostics snapshot of the weights' };
const NOT_FINITE: LocalizedText = { ko: '기울기가 유한한 수가 아닙니다(0, 무한대 또는 NaN)', en: 'a gradient is not a positive finite number (0, infinite or NaN)' };

function gradientVanishesWords(finding: GradientVanishesFinding): LocalizedText {
  if (finding.outcome === 'no-snapshot') return WAITING_FOR_FIRST_SNAPSHOT;
  if (finding.outcome === 'not-finite') return NOT_FINITE;
  const { step, ratio, lastHiddenLayer } = finding;
  const { maxRatio } = finding.criterion;
  return {
    ko: `${group(step)}단계에서 1층의 기울기가 ${lastHiddenLayer}층의 ${formatRatio(ratio)}입니다(${formatRatio(maxRatio)}보다 작아야 함)`,
    en: `at step ${group(step)} layer 1’s gradient is ${formatRatio(ratio)} of layer ${lastHiddenLayer}’s (expected below ${formatRatio(maxRatio)})`,
  };
}

function gradientEvenWords(finding: GradientEvenFinding): LocalizedText {
  if (finding.outcome === 'no-snapshot') return WAITING_FOR_FIRST_SNAPSHOT;
  if (finding.outcome === 'not-finite') return NOT_FINITE;
  const { step, spread } = finding;
  const { maxSpread } = finding.criterion;
  return {
    ko: `${group(step)}단계에서 은닉층 기울기의 최대/최소 비가 ${formatFactor(spread)}배입니다(${maxSpread}배 미만이어야 함)`,
    en: `at step ${group(step)} the hidden layers’ gradients are within a factor of ${formatFactor(spread)} of each other (expected under ${maxSpread})`,
  };
}

function exactZerosWords(finding: ExactZerosFinding): LocalizedText {
  if (finding.outcome === 'no-snapshot') return WAITING_FOR_WEIGHTS;
  const { fraction, atStep } = finding.criterion;
  const step = group(finding.step);
  const value = { ko: formatPercent(finding.zeroFraction, 'ko'), en: formatPercent(finding.zeroFraction, 'en') };
  const expected = { ko: formatPercent(fraction, 'ko'), en: formatPercent(fraction, 'en') };
  switch (finding.outcome) {
    case 'enough':
      return {
        ko: `${step}단계에서 1층 가중치의 ${withParticle(value.ko, '이/가')} 정확히 0입니다(${expected.ko} 이상이어야 함)`,
        en: `at step ${step} ${value.en} of layer 1’s weights are exactly 0 (expected at least ${expected.en})`,
      };
    case 'too-few':
      return {
        ko: `${step}단계에서 1층 가중치 중 정확히 0인 것이 ${value.ko}뿐입니다(${expected.ko} 이상이어야 함)`,
        en: `at step ${step} only ${value.en} of layer 1’s weights are exactly 0 (expected at least ${expected.en})`,
      };
    case 'pending':
      return {
        ko: `${step}단계에서 1층 가중치의 ${withParticle(value.ko, '이/가')} 정확히 0입니다; ${group(atStep)}단계(끝)에서 ${expected.ko} 이상인지 판단합니다`,
        en: `at step ${step} ${value.en} of layer 1’s weights are exactly 0; it is judged at step ${group(atStep)}, the end (expected at least ${expected.en})`,
      };
  }
}

function fewZerosWords(finding: FewZerosFinding): LocalizedText {
  if (finding.outcome === 'no-snapshot') return WAITING_FOR_WEIGHTS;
  const step = group(finding.step);
  const value = { ko: formatPercent(finding.zeroFraction, 'ko'), en: formatPercent(finding.zeroFraction, 'en') };
  switch (finding.outcome) {
    case 'too-many':
      return { ko: `${step}단계에서 한 층의 가중치 ${withParticle(value.ko, '이/가')} 정확히 0입니다`, en: `at step ${step} ${value.en} of one layer’s weights are exactly 0` };
    case 'few':
      return { ko: `${step}단계에서 정확히 0인 가중치가 층마다 ${value.ko} 이하입니다`, en: `at step ${step} at most ${value.en} of any layer’s weights are exactly 0` };
    case 'pending':
      return { ko: `${group(finding.criterion.atStep)}단계(끝)의 가중치로 판단합니다`, en: `it is judged on the weights of step ${group(finding.criterion.atStep)}, the end` };
  }
}

function backpropUpdateWords(finding: BackpropUpdateFinding): LocalizedText {
  switch (finding.outcome) {
    case 'ended-before-update':
      return { ko: '실행이 갱신 전에 끝났습니다', en: 'the run ended before its update' };
    case 'waiting-for-update':
      return { ko: '갱신을 기다리는 중입니다', en: 'waiting for the update' };
    case 'error-shrank':
      return slideLossWords(finding);
    case 'not-the-slide': {
      const numbers = slideLossWords(finding);
      return { ko: `${numbers.ko}: 갱신 전 손실이 슬라이드의 값과 다릅니다`, en: `${numbers.en}: the loss before the update is not the slide’s` };
    }
    case 'error-did-not-shrink': {
      const numbers = slideLossWords(finding);
      return { ko: `${numbers.ko}: 오차가 줄지 않았습니다`, en: `${numbers.en}: the error did not shrink` };
    }
  }
}

/** The losses before and after the update beside the slide's. */
function slideLossWords(finding: { criterion: { slideLoss: number }; lossBefore: number; lossAfter: number }): LocalizedText {
  const before = formatSlideLoss(finding.lossBefore);
  const after = formatSlideLoss(finding.lossAfter);
  const slide = formatSlideLoss(finding.criterion.slideLoss);
  return {
    ko: `갱신 전 손실 ${before}(슬라이드의 출력 0.55, 목표값 1이면 ${slide}), 갱신 후 ${after}`,
    en: `loss ${before} before the update (the slide’s output 0.55 with target 1 gives ${slide}), ${after} after`,
  };
}
