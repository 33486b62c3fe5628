import type { LocalizedText } from '../../presets';
import type { AheadAtFinding, ComparisonFinding, LowerAtFinding } from '../findings';
import { formatMetric, metricName } from './metric-words';
import { formatPoints, group, type Lang } from './number-words';
import { presetTitle } from './preset-titles';
import { runFindingWords } from './run-finding-words';

/** What a comparison's criterion saw in its runs, in Korean and English, the runs named by their presets' titles. */
export function comparisonFindingWords(finding: ComparisonFinding): LocalizedText {
  switch (finding.check) {
    case 'preset': {
      const title = presetTitle(finding.presetId);
      const detail = runFindingWords(finding.finding);
      return { ko: `${title.ko}: ${detail.ko}`, en: `${title.en}: ${detail.en}` };
    }
    case 'runs-missing': {
      const names = finding.presetIds.map(presetTitle);
      return { ko: `먼저 실행하세요: ${names.map((n) => n.ko).join(', ')}`, en: `run ${names.map((n) => n.en).join(', ')} first` };
    }
    case 'lower-at':
      return lowerAtWords(finding);
    case 'ahead-at':
      return aheadAtWords(finding);
  }
}

/** "Title (step 603)" per run read; "the runs" when none is named. */
function waitingWords(waitingFor: readonly string[], steps: ReadonlyMap<string, number>): LocalizedText {
  const names = waitingFor.map((presetId) => ({ title: presetTitle(presetId), step: group(steps.get(presetId) ?? 0) }));
  return {
    ko: `${names.map((n) => `${n.title.ko}(${n.step}단계)`).join(', ')}의 끝을 기다리는 중입니다`,
    en: `waiting for ${names.map((n) => `${n.title.en} to reach step ${n.step}`).join(' and ')}`,
  };
}

const NO_VALUE: LocalizedText = { ko: '한 실행이 비교할 값 없이 끝났습니다(발산했거나 그 단계의 평가가 없음)', en: 'a run ended without the value to compare (it diverged, or has no evaluation at that step)' };

function lowerAtWords(finding: LowerAtFinding): LocalizedText {
  const { metric, smaller, larger, factor } = finding.criterion;
  if (finding.outcome === 'too-early') return waitingWords(finding.waitingFor, new Map([[smaller.presetId, smaller.atStep], [larger.presetId, larger.atStep]]));
  if (finding.outcome === 'no-value') return NO_VALUE;
  const nameA = presetTitle(smaller.presetId);
  const nameB = presetTitle(larger.presetId);
  const a = finding.smallerValue;
  const b = finding.largerValue;
  const value = (o: { value: number }, lang: Lang) => formatMetric(metric, o.value, lang);
  const ratio = (a.value / b.value).toFixed(2);
  const factorText = factor === 1 ? '' : ` × ${factor}`;
  if (a.step === b.step) {
    return {
      ko: `${group(a.step)}단계에서 ${metricName(metric, 'ko')}: ${nameA.ko} ${value(a, 'ko')}, ${nameB.ko} ${value(b, 'ko')}(비 ${ratio}; 앞의 값이 뒤의 값${factorText}보다 작아야 함)`,
      en: `${metricName(metric, 'en')} at step ${group(a.step)}: ${nameA.en} ${value(a, 'en')}, ${nameB.en} ${value(b, 'en')} (ratio ${ratio}; the first should be below the second${factorText})`,
    };
  }
  return {
    ko: `각 실행의 끝에서 ${metricName(metric, 'ko')}: ${nameA.ko} ${value(a, 'ko')}(${group(a.step)}단계), ${nameB.ko} ${value(b, 'ko')}(${group(b.step)}단계)(비 ${ratio}; 앞의 값이 뒤의 값${factorText}보다 작아야 함)`,
    en: `${metricName(metric, 'en')} at each run’s end: ${nameA.en} ${value(a, 'en')} (step ${group(a.step)}), ${nameB.en} ${value(b, 'en')} (step ${group(b.step)}) (ratio ${ratio}; the first should be below the second${factorText})`,
  };
}

function aheadAtWords(finding: AheadAtFinding): LocalizedText {
  const { metric, ahead, behind, atStep, margin } = finding.criterion;
  if (finding.outcome === 'too-early') return waitingWords(finding.waitingFor, new Map([[ahead, atStep], [behind, atStep]]));
  if (finding.outcome === 'no-value') return NO_VALUE;
  const nameA = presetTitle(ahead);
  const nameB = presetTitle(behind);
  const a = finding.aheadValue.value;
  const b = finding.behindValue.value;
  return {
    ko: `${group(atStep)}단계의 ${metricName(metric, 'ko')}: ${nameA.ko} ${formatMetric(metric, a, 'ko')}, ${nameB.ko} ${formatMetric(metric, b, 'ko')}(${formatPoints(margin, 'ko')} 이상 앞서야 함)`,
    en: `${metricName(metric, 'en')} at step ${group(atStep)}: ${nameA.en} ${formatMetric(metric, a, 'en')}, ${nameB.en} ${formatMetric(metric, b, 'en')} (expected at least ${formatPoints(margin, 'en')} ahead)`,
  };
}
