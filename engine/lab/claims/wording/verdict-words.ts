import type { ConfigDifference } from '../../../api/runs';
import type { LocalizedText } from '../../presets';
import type { ClaimOutcome, ClaimVerdictKind, ComparisonFinding, RunFinding } from '../findings';
import { comparisonClaimTexts } from './comparison-claim-texts';
import { comparisonFindingWords } from './comparison-finding-words';
import type { Lang } from './number-words';
import { presetClaimTexts } from './preset-claim-texts';
import { presetTitle } from './preset-titles';
import { runFindingWords } from './run-finding-words';
import { koreanFieldName, koreanValue } from './spec-field-words';

/**
 * A check's message: "statement: the deciding findings — verdict", and when not reproduced, the
 * likely reason and where the runs differ from their presets: "(did you change …? This run differs
 * from the preset in …)".
 */

const VERDICT_WORDS: Record<ClaimVerdictKind, LocalizedText> = {
  reproduced: { ko: '재현됨 ✔', en: 'reproduced ✔' },
  'not-reproduced': { ko: '재현되지 않음 ✘', en: 'not reproduced ✘' },
  'not-yet': { ko: '아직 판단할 수 없음', en: 'not yet' },
};

/**
 * The message of a training preset's check of one run (`differences`: where the run's spec differs
 * from the preset's; `layerCount`: the run's weight layers, so its last is named 출력층).
 */
export function presetVerdictWords(presetId: string, outcome: ClaimOutcome<RunFinding>, differences: readonly ConfigDifference[], layerCount: number | null): LocalizedText {
  const texts = presetClaimTexts(presetId);
  return verdictWords(texts.statement, outcome.verdict, outcome.deciding.map(runFindingWords), texts.hint, differencesWords(differences, layerCount));
}

/** The message of a comparison's check (`differences`: per preset, where its run's spec differs from the preset's). */
export function comparisonVerdictWords(
  comparisonId: string,
  outcome: ClaimOutcome<ComparisonFinding>,
  differences: readonly { presetId: string; differences: readonly ConfigDifference[]; layerCount: number | null }[],
): LocalizedText {
  const perPreset = differences.flatMap(({ presetId, differences: own, layerCount }) => {
    const found = differencesWords(own, layerCount);
    if (found === null) return [];
    const title = presetTitle(presetId);
    return [{ ko: `${title.ko}: ${found.ko}`, en: `${title.en}: ${found.en}` }];
  });
  const joined = perPreset.length === 0 ? null : { ko: perPreset.map((d) => d.ko).join('; '), en: perPreset.map((d) => d.en).join('; ') };
  return verdictWords(comparisonClaimTexts(comparisonId).statement, outcome.verdict, outcome.deciding.map(comparisonFindingWords), null, joined);
}

function verdictWords(statement: LocalizedText, verdict: ClaimVerdictKind, details: readonly LocalizedText[], hint: LocalizedText | null, differences: LocalizedText | null): LocalizedText {
  const message = (lang: Lang): string => {
    let text = `${statement[lang]}: ${details.map((d) => d[lang]).join('; ')} — ${VERDICT_WORDS[verdict][lang]}`;
    if (verdict === 'not-reproduced') {
      const notes = [hint?.[lang], differences?.[lang]].filter((n): n is string => Boolean(n));
      // The notes read as sentences in one parenthesis: each after the first starts with a capital.
      if (notes.length > 0) text += ` (${notes.map((n, i) => (i > 0 ? n.charAt(0).toUpperCase() + n.slice(1) : n)).join(' ')})`;
    }
    return text;
  };
  return { ko: message('ko'), en: message('en') };
}

/** "optimizer.lr 0.01 → 0.1", at most 3 fields, or null when there are none. */
function differencesWords(differences: readonly ConfigDifference[], layerCount: number | null): LocalizedText | null {
  if (differences.length === 0) return null;
  const shown = differences.slice(0, 3).map((d) => `${d.field} ${short(d.values[0])} → ${short(d.values[1])}`);
  const shownKo = differences.slice(0, 3).map((d) => `${koreanFieldName(d.field, layerCount)} ${koreanValue(d.values[0])} → ${koreanValue(d.values[1])}`);
  const more = differences.length > 3 ? `, … (+${differences.length - 3})` : '';
  return { ko: `프리셋과 다른 설정: ${shownKo.join(', ')}${more}`, en: `this run differs from the preset in ${shown.join(', ')}${more}` };
}

/** A spec value as JSON, cut to 40 characters; "—" where the spec has no such field. */
function short(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
