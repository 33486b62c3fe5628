import type { ImportOutcome } from '$engine/api/lab-api';
import type { HandInStamp } from '$engine/api/lab-pack';
import { plainText } from '$engine/api/plain-text';
import { withParticle } from '$engine/lab/claims/wording/korean-particles';
import { translator, type Locale, type Translate } from '../i18n/locale';
import { importReportMessages, type ImportReportKey } from '../i18n/messages/import-report';
import { countText, pluralForm } from '../i18n/plural';
import { importMessage } from './import-text';
import type { FileResult, ImportRefusal, ImportReport } from './import-queue';

/** The run-skip reason every re-import gives; counted, not listed run by run. */
const ALREADY_STORED = 'a run with this id is already in the history';

/** One file of the report as shown: its result, the student and pack for a hand-in, and its sentence. */
export interface ReportLine {
  kind: FileResult['kind'];
  file: string;
  /** "홍길동 (20231234) · 4주차 실습" for a hand-in, else null. */
  handIn: string | null;
  text: string;
  /** Runs skipped for another reason than being stored already, one line each. */
  details: string[];
}

type Counted = 'files' | 'summaryImported' | 'summaryRuns' | 'summaryPresent' | 'summaryRefused' | 'summaryCancelled' | 'runsImported' | 'runsSkipped' | 'notebookKept';

function counter(t: Translate<ImportReportKey>, locale: Locale) {
  return (key: Counted, n: number) => t(`${key}${pluralForm(locale, n)}` as ImportReportKey, { n: countText(locale, n) });
}

/** The summary line: how many files, and how many of them were imported (with their runs), already present, refused, left out by Cancel. */
export function reportSummary(report: ImportReport, locale: Locale): string {
  const t = translator(importReportMessages, locale);
  const count = counter(t, locale);
  const total = report.files.length + report.notStarted;
  if (total === 0) return t('noFiles');
  const of = (kind: FileResult['kind']) => report.files.filter((file) => file.kind === kind);
  const imported = of('imported');
  const runs = imported.reduce((sum, file) => sum + (file.kind === 'refused' ? 0 : file.outcome.imported.length), 0);
  const parts: string[] = [];
  if (imported.length > 0) parts.push(`${count('summaryImported', imported.length)} (${count('summaryRuns', runs)})`);
  if (of('present').length > 0) parts.push(count('summaryPresent', of('present').length));
  if (of('refused').length > 0) parts.push(count('summaryRefused', of('refused').length));
  if (report.notStarted > 0) parts.push(count('summaryCancelled', report.notStarted));
  return `${count('files', total)}: ${parts.join(' · ')}`;
}

/** Each file's line, in the order imported. */
export function reportLines(report: ImportReport, locale: Locale): ReportLine[] {
  const t = translator(importReportMessages, locale);
  return report.files.map((file) => lineOf(file, t, locale));
}

/** The report as plain text (summary, then a line per file with its result), for the clipboard. */
export function reportText(report: ImportReport, locale: Locale): string {
  const t = translator(importReportMessages, locale);
  const label = { imported: t('kindImported'), present: t('kindPresent'), refused: t('kindRefused') } as const;
  const lines = reportLines(report, locale).flatMap((line) => [`[${label[line.kind]}] ${line.text}`, ...line.details.map((detail) => `    ${detail}`)]);
  return [reportSummary(report, locale), ...lines].join('\n');
}

/** A hand-in's student as the report names them: "홍길동 (20231234)". */
export function studentLabel(stamp: Pick<HandInStamp, 'student'>, locale: Locale): string {
  return translator(importReportMessages, locale)('student', { name: plainText(stamp.student.name), number: plainText(stamp.student.number) });
}

function lineOf(file: FileResult, t: Translate<ImportReportKey>, locale: Locale): ReportLine {
  const name = plainText(file.file);
  if (file.kind === 'refused') {
    const quoted = `“${name}”`;
    const fileObject = locale === 'ko' ? withParticle(quoted, '을/를') : quoted;
    return { kind: 'refused', file: name, handIn: null, text: t('refusedLine', { fileObject, reason: refusalText(file.refusal, t, locale) }), details: [] };
  }
  const { outcome } = file;
  const stamp = outcome.handIn;
  const handIn = stamp ? t('handIn', { student: studentLabel(stamp, locale), pack: plainText(stamp.packTitle) }) : null;
  const detail = [handIn, ...outcomeParts(outcome, t, locale)].filter((part): part is string => part !== null).join(' — ');
  const details = outcome.skipped.filter((skip) => skip.reason !== ALREADY_STORED).map((skip) => t('skippedRun', { name: plainText(skip.name), reason: importMessage(skip.reason, locale) }));
  return { kind: file.kind, file: name, handIn, text: t('fileLine', { file: name, detail }), details };
}

/** What came in: the hand-in's status, the runs imported and skipped, a notebook kept apart. */
function outcomeParts(outcome: ImportOutcome, t: Translate<ImportReportKey>, locale: Locale): string[] {
  const count = counter(t, locale);
  const parts: string[] = [];
  const status = outcome.handIn?.status;
  if (status === 'new') parts.push(t('handInNew'));
  if (status === 'updated') parts.push(t('handInUpdated'));
  if (status === 'older-kept') parts.push(t('handInOlderKept'));
  const runs: string[] = [];
  if (outcome.imported.length > 0) runs.push(count('runsImported', outcome.imported.length));
  if (outcome.skipped.length > 0) runs.push(count('runsSkipped', outcome.skipped.length));
  if (runs.length === 0) runs.push(t('noNewRuns'));
  if (outcome.handIn === undefined && (outcome.notebook?.merged ?? 0) > 0) runs.push(count('notebookKept', outcome.notebook!.merged));
  parts.push(runs.join(', '));
  return parts;
}

function refusalText(refusal: ImportRefusal, t: Translate<ImportReportKey>, locale: Locale): string {
  if (refusal.kind === 'too-large') return t('tooLarge', { size: megabytes(refusal.size, locale), limit: megabytes(refusal.limit, locale) });
  return importMessage(refusal.message, locale);
}

function megabytes(bytes: number, locale: Locale): string {
  return `${countText(locale, Math.ceil(bytes / (1024 * 1024)))} MB`;
}
