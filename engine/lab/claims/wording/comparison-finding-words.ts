import type { LocalizedText } from '../../presets';
import type { AheadAtFinding, ComparisonFinding, LowerAtCommonStepFinding } from '../findings';
import { formatMetric, metricName } from './metric-words';
import { formatPercent, formatPoints, group } from './number-words';
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
    case 'lower-at-common-step':
      return lowerAtCommonStepWords(finding);
    case 'ahead-at':
      return aheadAtWords(finding);
  }
}

function lowerAtCommonStepWords(finding: LowerAtCommonStepFinding): LocalizedText {
  const { metric, smaller, larger, factor, fromStep } = finding.criterion;
  if (finding.outcome === 'too-early') {
    return {
      ko: `두 실행이 모두 ${group(fromStep)}단계에 이르러야 비교할 수 있습니다(지금 ${group(finding.commonStep)}단계)`,
      en: `both runs must reach step ${group(fromStep)} to compare (now ${group(finding.commonStep)})`,
    };
  }
  const nameA = presetTitle(smaller);
  const nameB = presetTitle(larger);
  const factorText = factor === 1 ? '' : ` × ${factor}`;
  const a = { ko: formatMetric(metric, finding.smallerValue, 'ko'), en: formatMetric(metric, finding.smallerValue, 'en') };
  const b = { ko: formatMetric(metric, finding.largerValue, 'ko'), en: formatMetric(metric, finding.largerValue, 'en') };
  return {
    ko: `${group(finding.step)}단계에서 ${metricName(metric, 'ko')}: ${nameA.ko} ${a.ko}, ${nameB.ko} ${b.ko}(앞의 값이 뒤의 값${factorText}보다 작아야 함)`,
    en: `${metricName(metric, 'en')} at step ${group(finding.step)}: ${nameA.en} ${a.en}, ${nameB.en} ${b.en} (the first should be below the second${factorText})`,
  };
}

function aheadAtWords(finding: AheadAtFinding): LocalizedText {
  const { ahead, behind, step, margin } = finding.criterion;
  if (finding.outcome === 'too-early') {
    return { ko: `두 실행이 모두 ${group(step)}단계에 이르러야 비교할 수 있습니다`, en: `both runs must reach step ${group(step)} to compare` };
  }
  const nameA = presetTitle(ahead);
  const nameB = presetTitle(behind);
  return {
    ko: `${group(step)}단계의 ${metricName('train-accuracy', 'ko')}: ${nameA.ko} ${formatPercent(finding.aheadValue, 'ko')}, ${nameB.ko} ${formatPercent(finding.behindValue, 'ko')}(${formatPoints(margin, 'ko')} 이상 앞서야 함)`,
    en: `${metricName('train-accuracy', 'en')} at step ${group(step)}: ${nameA.en} ${formatPercent(finding.aheadValue, 'en')}, ${nameB.en} ${formatPercent(finding.behindValue, 'en')} (expected at least ${formatPoints(margin, 'en')} ahead)`,
  };
}
