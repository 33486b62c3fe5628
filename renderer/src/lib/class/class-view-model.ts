import type { BothLanguages, ClassComparison, ClassPresetGroup, ClassSummary, Verdict, VerdictCounts } from '$engine/api/class-summary';
import type { CurveBand, Quartiles } from '$engine/api/quantiles';
import { withParticle } from '$engine/lab/claims/wording/korean-particles';
import { counted } from '../i18n/plural';
import { formatNumber } from '../charts/chart-style';
import type { Locale } from '../i18n/locale';
import type { ClassMessageKey, ClassTranslate } from '../i18n/messages/class';
import { rosterRows, type RosterRow } from './roster';
import { studentLabels, type StudentLabels } from './student-labels';

/**
 * What the class view draws, from a ClassSummary: every string already in the screen's language
 * and already anonymised in projector mode, so the components and chart builders only lay it out
 * (and a test can read every word the screen will show). Pure.
 */

/** The text of `text` in `locale`, else in the other language. */
export function inLocale(text: BothLanguages, locale: Locale): string {
  return text[locale] || text[locale === 'ko' ? 'en' : 'ko'];
}

/** `base`One for one in English, else `base`Other (Korean says both alike). */
export function countKey<B extends string>(base: B, n: number): `${B}One` | `${B}Other` {
  return n === 1 ? `${base}One` : `${base}Other`;
}

/** "재현 28 · 재현 안 됨 3" (with the ones not judged yet when there are any). */
export function verdictsLine(counts: VerdictCounts, t: ClassTranslate): string {
  return t(counts.notYet > 0 ? 'verdictsLineWaiting' : 'verdictsLine', { ...counts });
}

/** One student's dot of a preset's strip plot. */
export interface StripPoint {
  runId: string;
  student: string;
  value: number;
  valueText: string;
  verdict: Verdict | null;
  outlier: string | null;
  /** Horizontal place in [-1, 1], the same for the same run on every draw. */
  jitter: number;
  tooltip: string;
}

/** A run listed as standing out, with why. */
export interface OutlierRow {
  runId: string;
  student: string;
  valueText: string;
  reason: string;
}

/** One student's faint curve. */
export interface FaintCurve {
  runId: string;
  student: string;
  step: number[];
  loss: (number | null)[];
}

export interface PresetPanel {
  kind: 'preset';
  id: string;
  tab: string;
  title: string;
  keyLabel: string;
  scale: 'linear' | 'log';
  studentsLine: string;
  statsLine: string;
  stats: Quartiles | null;
  verdicts: VerdictCounts;
  verdictsLine: string;
  points: StripPoint[];
  outliers: OutlierRow[];
  curves: FaintCurve[];
  band: CurveBand;
  /** Every run of the preset (for "compare the whole class"). */
  runIds: string[];
}

export interface TallyBar {
  choice: string;
  text: string;
  count: number;
  /** count ÷ the students who predicted, 0 when none did. */
  share: number;
  expected: boolean;
  countText: string;
}

export interface ComparisonPanel {
  kind: 'comparison';
  id: string;
  tab: string;
  prompt: string;
  bars: TallyBar[];
  /** "31명 중 18명이 ‘Xavier와 He’를 예측했습니다" (the most predicted choice). */
  headline: string;
  /** The expected choice's count, when the headline is about another choice; else null. */
  expectedLine: string | null;
  notPredicted: string | null;
  verdicts: VerdictCounts;
  verdictsLine: string;
  /** The compared presets' key numbers across the class ("중앙값 0.233 · 사분위 범위 0.21–0.256"): what happened, beside what was predicted. */
  outcomes: { presetId: string; title: string; statsLine: string }[];
}

export type ClassSection = PresetPanel | ComparisonPanel;

export interface ClassView {
  title: string;
  classLine: string;
  due: string | null;
  note: string | null;
  handedIn: string;
  /** Nobody's runs or hand-ins are here yet. */
  empty: boolean;
  roster: RosterRow[];
  /** Presets in the pack's order, each comparison right after the last of its presets. */
  sections: ClassSection[];
}

export interface ClassViewOptions {
  locale: Locale;
  t: ClassTranslate;
  projector: boolean;
}

/** A stable place in [-1, 1] for a run's dot (a hash of its id): dots do not jump when the screen redraws. */
export function jitterOf(runId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < runId.length; i++) hash = Math.imul(hash ^ runId.charCodeAt(i), 0x01000193);
  // Ids alike but for their last character would otherwise land side by side: mix every bit (murmur3's finaliser).
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash ^= hash >>> 16;
  return ((hash >>> 0) / 0xffffffff) * 2 - 1;
}

function presetPanel(group: ClassPresetGroup, labels: StudentLabels, { locale, t }: ClassViewOptions): PresetPanel {
  const title = inLocale(group.title, locale);
  const keyLabel = inLocale(group.key.label, locale);
  const points: StripPoint[] = [];
  const outliers: OutlierRow[] = [];
  for (const point of group.points) {
    const student = labels.name(point.student);
    const valueText = inLocale(point.valueText, locale);
    const outlier = point.outlier ? inLocale(point.outlier, locale) : null;
    if (outlier !== null) outliers.push({ runId: point.runId, student, valueText, reason: outlier });
    const drawable = point.value !== null && Number.isFinite(point.value) && (group.key.scale === 'linear' || point.value > 0);
    if (!drawable) continue;
    const verdict = point.verdict ? t(VERDICT_KEYS[point.verdict]) : null;
    const tooltip = [t('pointTooltip', { student, value: valueText }), verdict, outlier].filter((line): line is string => line !== null).join('\n');
    points.push({ runId: point.runId, student, value: point.value!, valueText, verdict: point.verdict, outlier, jitter: jitterOf(point.runId), tooltip });
  }
  const stats = group.keyStats;
  return {
    kind: 'preset',
    id: group.presetId,
    tab: title,
    title,
    keyLabel,
    scale: group.key.scale,
    studentsLine: t(countKey('presetStudents', group.students), { n: group.students, runs: t(countKey('presetRuns', group.runs), { n: group.runs }) }),
    statsLine: stats ? t('keyStats', { median: formatNumber(stats.median), q1: formatNumber(stats.q1), q3: formatNumber(stats.q3) }) : t('noKey'),
    stats,
    verdicts: group.verdicts,
    verdictsLine: verdictsLine(group.verdicts, t),
    points,
    outliers,
    curves: group.curves.map((curve) => ({ runId: curve.runId, student: labels.name({ number: curve.studentNumber }), step: curve.step, loss: curve.loss })),
    band: group.band,
    runIds: group.points.map((point) => point.runId),
  };
}

const VERDICT_KEYS = { reproduced: 'reproduced', 'not-reproduced': 'notReproduced', 'not-yet': 'notYet' } as const satisfies Record<Verdict, ClassMessageKey>;

/** A choice's text quoted, with the object particle in Korean ("‘셋 모두’를", "‘He만’을"). */
function quotedChoice(text: string, locale: Locale, particle: boolean): string {
  const quoted = locale === 'ko' ? `‘${text}’` : `“${text}”`;
  return locale === 'ko' && particle ? withParticle(quoted, '을/를') : quoted;
}

/** "31명 중 18명이 ‘Xavier와 He’를 예측했습니다" / "18 of 31 students predicted “Xavier and He”". */
export function tallySentence(count: number, total: number, choice: string, locale: Locale, t: ClassTranslate): string {
  return counted(t, locale, 'tallySentence', total, { count, choice: quotedChoice(choice, locale, true) });
}

function comparisonPanel(comparison: ClassComparison, presets: ReadonlyMap<string, PresetPanel>, { locale, t }: ClassViewOptions): ComparisonPanel {
  const prompt = inLocale(comparison.prompt, locale);
  const total = comparison.predicted;
  const bars = comparison.tally.map(
    (entry): TallyBar => ({
      choice: entry.choice,
      text: inLocale(entry.text, locale),
      count: entry.count,
      share: total > 0 ? entry.count / total : 0,
      expected: entry.choice === comparison.expected,
      countText: t('tallyCount', { count: entry.count }),
    }),
  );
  // The most predicted choice leads (the expected one wins a tie: it is what the class discusses).
  const top = bars.reduce<TallyBar | null>((best, bar) => (best === null || bar.count > best.count || (bar.count === best.count && bar.expected && !best.expected) ? bar : best), null);
  const expected = bars.find((bar) => bar.expected) ?? null;
  const headline = top === null || total === 0 ? t('tallySentenceNone') : tallySentence(top.count, total, top.text, locale, t);
  const expectedLine = expected !== null && top !== null && expected !== top && total > 0 ? t('expectedSentence', { choice: quotedChoice(expected.text, locale, false), count: expected.count, total }) : null;
  const without = comparison.students.filter((row) => row.choice === null).length;
  return {
    kind: 'comparison',
    id: comparison.comparisonId,
    tab: t('comparisonTab', { prompt }),
    prompt,
    bars,
    headline,
    expectedLine,
    notPredicted: without > 0 ? t(countKey('notPredicted', without), { n: without }) : null,
    verdicts: comparison.verdicts,
    verdictsLine: verdictsLine(comparison.verdicts, t),
    outcomes: comparison.presets.flatMap((id) => {
      const panel = presets.get(id);
      return panel ? [{ presetId: id, title: panel.title, statsLine: panel.statsLine }] : [];
    }),
  };
}

/** Presets in the pack's order; each comparison right after the last of its presets that has a section (else at the end). */
function orderedSections(presets: PresetPanel[], comparisons: { panel: ComparisonPanel; presets: string[] }[]): ClassSection[] {
  const at = new Map(presets.map((panel, i) => [panel.id, i]));
  const after = new Map<number, ComparisonPanel[]>();
  const trailing: ComparisonPanel[] = [];
  for (const { panel, presets: ids } of comparisons) {
    const last = Math.max(-1, ...ids.map((id) => at.get(id) ?? -1));
    if (last < 0) trailing.push(panel);
    else after.set(last, [...(after.get(last) ?? []), panel]);
  }
  return [...presets.flatMap((panel, i) => [panel, ...(after.get(i) ?? [])]), ...trailing];
}

/** The class view of `summary`. */
export function classView(summary: ClassSummary, options: ClassViewOptions): ClassView {
  const { t, projector } = options;
  const labels = studentLabels(summary, projector, (k) => t('anonymous', { n: k }));
  const handedIn = summary.students.filter((student) => student.handedInAt !== null).length;
  const { pack } = summary;
  const presets = summary.presets.map((group) => presetPanel(group, labels, options));
  const byId = new Map(presets.map((panel) => [panel.id, panel]));
  return {
    title: pack.title,
    classLine: pack.teacher ? t('classLine', { className: pack.className, teacher: pack.teacher }) : pack.className,
    due: pack.due ? t('due', { due: pack.due }) : null,
    note: pack.note,
    handedIn: t(countKey('handedIn', handedIn), { n: handedIn }),
    empty: summary.students.length === 0 && summary.presets.every((group) => group.points.length === 0),
    roster: rosterRows(summary, labels, options),
    sections: orderedSections(
      presets,
      summary.comparisons.map((comparison) => ({ panel: comparisonPanel(comparison, byId, options), presets: comparison.presets })),
    ),
  };
}
