import type { BothLanguages, Verdict } from '../../api/class-summary';
import { quartiles } from '../../api/quantiles';
import type { ConfigDifference } from '../../api/runs';

/**
 * Why a student's run stands apart from the class's runs of the same preset: a setting changed
 * from the preset, a verdict unlike most of the class's, or a key number outside Tukey's fences
 * (more than 1.5 inter-quartile ranges beyond the quartiles; on a log scale for numbers that span
 * decades, such as gradient ratios). Pure.
 */

export interface OutlierInput {
  differences: readonly ConfigDifference[];
  verdict: Verdict | null;
  value: number | null;
}

/** Tukey's fences need a few numbers to mean anything; with fewer no number is called far. */
const MIN_FOR_FENCES = 4;
/** A majority verdict needs at least this many verdicts. */
const MIN_FOR_MAJORITY = 3;

const VERDICT_WORDS: Record<Verdict, BothLanguages> = {
  reproduced: { ko: '재현됨', en: 'reproduced' },
  'not-reproduced': { ko: '재현되지 않음', en: 'not reproduced' },
  'not-yet': { ko: '아직 판단할 수 없음', en: 'not yet' },
};

/**
 * Each run's reasons (null for none), in the order given. `words` says a key number (or a bound of
 * the class's middle half) the way the preset's verdict rows do.
 */
export function outlierReasons(runs: readonly OutlierInput[], scale: 'linear' | 'log', words: (value: number) => BothLanguages): (BothLanguages | null)[] {
  const majority = majorityVerdict(runs.map((r) => r.verdict));
  const onScale = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : scale === 'log' ? (v > 0 ? Math.log10(v) : null) : v);
  const stats = quartiles(runs.map((r) => onScale(r.value)));
  const fences = stats !== null && stats.n >= MIN_FOR_FENCES ? { low: stats.q1 - 1.5 * (stats.q3 - stats.q1), high: stats.q3 + 1.5 * (stats.q3 - stats.q1) } : null;
  const fromScale = (v: number) => (scale === 'log' ? 10 ** v : v);
  return runs.map((run) => {
    const reasons: BothLanguages[] = [];
    if (run.differences.length > 0) reasons.push(changedSettingWords(run.differences));
    if (majority !== null && run.verdict !== null && run.verdict !== majority) {
      reasons.push({
        ko: `반 대부분과 다른 판정: ${VERDICT_WORDS[run.verdict].ko} (대부분 ${VERDICT_WORDS[majority].ko})`,
        en: `a verdict unlike most of the class's: ${VERDICT_WORDS[run.verdict].en} (most: ${VERDICT_WORDS[majority].en})`,
      });
    }
    const value = onScale(run.value);
    if (fences !== null && stats !== null && value !== null && (value < fences.low || value > fences.high)) {
      const [mine, q1, q3] = [words(run.value!), words(fromScale(stats.q1)), words(fromScale(stats.q3))];
      reasons.push({
        ko: `핵심 수치 ${mine.ko}: 반의 가운데 절반(${q1.ko}–${q3.ko})에서 멀리 벗어남`,
        en: `key number ${mine.en} far outside the class's middle half (${q1.en}–${q3.en})`,
      });
    }
    return reasons.length === 0 ? null : { ko: reasons.map((r) => r.ko).join('; '), en: reasons.map((r) => r.en).join('; ') };
  });
}

/** The verdict more than half of the runs have, or null (too few runs, or no verdict has a majority). */
export function majorityVerdict(verdicts: readonly (Verdict | null)[]): Verdict | null {
  const given = verdicts.filter((v): v is Verdict => v !== null);
  if (given.length < MIN_FOR_MAJORITY) return null;
  const counts = new Map<Verdict, number>();
  for (const verdict of given) counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
  for (const [verdict, count] of counts) if (count * 2 > given.length) return verdict;
  return null;
}

/** "a setting changed: layers[0–4].init std0.01 → he" (at most three fields). */
export function changedSettingWords(differences: readonly ConfigDifference[]): BothLanguages {
  const shown = differences.slice(0, 3).map((d) => `${d.field} ${valueWords(d.values[0])} → ${valueWords(d.values[1])}`);
  const more = differences.length > 3 ? `, … (+${differences.length - 3})` : '';
  return { ko: `바뀐 설정: ${shown.join(', ')}${more}`, en: `a setting changed: ${shown.join(', ')}${more}` };
}

/** A spec value as a person reads it: text as it is, anything else as JSON, cut to 40 characters; "—" where the spec has no such field. */
function valueWords(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
