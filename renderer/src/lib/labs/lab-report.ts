import type { Locale, Translate } from '../i18n/locale';
import type { ReportKey } from '../i18n/messages/labs';
import { durationText, type DurationStyle } from '../text/duration-text';
import { escapeHtml } from '../text/escape-html';
import { lossText } from '../text/loss-text';
import { formatPercent } from '../text/percent-text';
import { REPORT_FONT_FAMILY, type ReportFontFace } from './report-font';

/**
 * The lab report a student hands in: one self-contained HTML file (inline CSS, charts as data-URL
 * images, no script, nothing fetched), readable in any browser and printable to PDF (A4 print
 * stylesheet). Every piece of text, the student's above all, is HTML-escaped here: a name or an
 * answer can hold `<`, `&` or quotes and must come out as text, never as markup.
 */

/** A check's verdict, as claim-checks.ts gives it. */
export type ReportVerdict = 'reproduced' | 'not-reproduced' | 'not-yet';

export interface ReportCheck {
  verdict: ReportVerdict;
  /** The reason, in the report's language. */
  message: string;
}

/** One "predict, then observe" comparison. */
export interface ReportComparison {
  prompt: string;
  /** The text of the choice the student made, or null when none was recorded. */
  prediction: string | null;
  /** ISO 8601 time of the prediction. */
  predictedAt: string | null;
  /**
   * The text of the choice the lecture expects and why; null (with `outcome` and `runs` empty)
   * while no prediction is recorded: the sheet holds them back until then, and so does the report.
   */
  expected: string | null;
  explanation: string | null;
  /** The check of the comparison against the student's runs (null: nothing run yet). */
  outcome: ReportCheck | null;
  /** Each compared run with its own claim check. */
  runs: { name: string; check: ReportCheck | null }[];
}

/** A run of the report's table (numbers as they were recorded; text already localised). */
export interface ReportRun {
  name: string;
  status: string;
  architecture: string;
  activation: string;
  init: string;
  regularization: string;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  trainLoss: number | null;
  testLoss: number | null;
  durationMs: number | null;
  /** The run's colour in the charts. */
  color: string;
}

/** A group of the report's runs (a sheet's plan may have several): their table, differing settings and figures. */
export interface ReportRunGroup {
  /** The group's heading; null for a sheet's only group. */
  title: string | null;
  runs: ReportRun[];
  /** The settings that differ between the runs (field label, then one value per run); null when not compared. */
  configRows: { label: string; field: string; values: string[] }[] | null;
  /** Charts as images (PNG or SVG data URLs; anything else is left out); `wide` ones span the page. */
  charts: { title: string; image: string; wide?: boolean }[];
}

export interface LabReport {
  locale: Locale;
  studentName: string;
  /** ISO 8601 time the report was made. */
  createdAt: string;
  appVersion: string;
  sheetTitle: string;
  goal: string;
  observe: string[];
  comparisons: ReportComparison[];
  questions: { question: string; answer: string }[];
  groups: ReportRunGroup[];
  /** The embedded font's faces (report-font.ts); without them the reader's own fonts draw the text. */
  fonts?: ReportFontFace[];
}

/** A data URL the report may use as an image source: base64 PNG, JPEG or SVG only; else null. */
export function safeImageSource(url: string): string | null {
  return /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+=*$/.test(url) ? url : null;
}

/** A data URL the report may use as a font: base64 WOFF only; else null. */
export function safeFontSource(url: string): string | null {
  return /^data:font\/woff;base64,[A-Za-z0-9+/]+=*$/.test(url) ? url : null;
}

/** The @font-face rules of the embedded faces (those with a safe source). */
function fontFaceRules(fonts: readonly ReportFontFace[]): string {
  return fonts
    .flatMap((face) => {
      const source = safeFontSource(face.source);
      const weight = face.weight === 700 ? 700 : 400;
      return source ? [`@font-face { font-family: '${REPORT_FONT_FAMILY}'; font-style: normal; font-weight: ${weight}; font-display: block; src: url(${source}) format('woff'); }`] : [];
    })
    .join('\n');
}

/** A colour the report may put in a style attribute (#rgb or #rrggbb); else a neutral grey. */
function safeColor(color: string): string {
  return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(color) ? color : '#8a94a6';
}

const VERDICT_MARK: Record<ReportVerdict, string> = { reproduced: '✔', 'not-reproduced': '✘', 'not-yet': '…' };

/** A date and time in the report's language ("2025년 3월 4일 오후 2:05"). */
export function reportDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** A loss in the runs table; a handed-in table shows a diverged run's NaN as "–", like a missing one. */
function reportLoss(value: number | null): string {
  return lossText(Number.isFinite(value) ? value : null);
}

/** A duration as prose reads it: "1분 5초", and "0초" for a run of under half a second. */
const REPORT_DURATION: DurationStyle = { padSeconds: false, underASecond: false };

/** Student text with its line breaks kept (the CSS keeps them: white-space: pre-wrap). */
function paragraph(text: string, empty: string): string {
  return text.trim() === '' ? `<p class="empty">${escapeHtml(empty)}</p>` : `<p class="answer">${escapeHtml(text)}</p>`;
}

function verdictBadge(check: ReportCheck | null, t: Translate<ReportKey>): string {
  if (!check) return `<span class="verdict not-yet">… ${escapeHtml(t('verdictNotYet'))}</span>`;
  const key = check.verdict === 'reproduced' ? 'verdictReproduced' : check.verdict === 'not-reproduced' ? 'verdictNotReproduced' : 'verdictNotYet';
  return `<span class="verdict ${check.verdict}">${VERDICT_MARK[check.verdict]} ${escapeHtml(t(key))}</span>`;
}

function comparisonSection(comparison: ReportComparison, index: number, report: LabReport, t: Translate<ReportKey>): string {
  const e = escapeHtml;
  const matched = comparison.prediction === null ? null : comparison.prediction === comparison.expected;
  const predictionLine =
    comparison.prediction === null
      ? `<p class="empty">${e(t('noPrediction'))}</p>`
      : `<p><strong>${e(t('yourPrediction'))}</strong> ${e(comparison.prediction)}${comparison.predictedAt ? ` <span class="muted">(${e(reportDate(comparison.predictedAt, report.locale))})</span>` : ''}</p>`;
  if (comparison.expected === null) {
    return `<section class="comparison">
  <h3>${e(t('comparisonN', { n: index + 1 }))} ${e(comparison.prompt)}</h3>
  ${predictionLine}
</section>`;
  }
  const runs = comparison.runs
    .map((run) => `<li><span class="run-name">${e(run.name)}</span> ${verdictBadge(run.check, t)}${run.check ? `<br><span class="reason">${e(run.check.message)}</span>` : ''}</li>`)
    .join('');
  return `<section class="comparison">
  <h3>${e(t('comparisonN', { n: index + 1 }))} ${e(comparison.prompt)}</h3>
  ${predictionLine}
  <p><strong>${e(t('lectureExpects'))}</strong> ${e(comparison.expected)}${matched === null ? '' : ` <span class="match ${matched ? 'yes' : 'no'}">${e(t(matched ? 'predictionMatched' : 'predictionDiffered'))}</span>`}</p>
  <div class="outcome">
    <p><strong>${e(t('yourRuns'))}</strong> ${verdictBadge(comparison.outcome, t)}</p>
    ${comparison.outcome ? `<p class="reason">${e(comparison.outcome.message)}</p>` : ''}
    ${runs ? `<ul class="runs">${runs}</ul>` : ''}
  </div>
  <p class="explanation"><strong>${e(t('why'))}</strong> ${e(comparison.explanation ?? '')}</p>
</section>`;
}

function runsTable(report: LabReport, group: ReportRunGroup, t: Translate<ReportKey>): string {
  const e = escapeHtml;
  const headings = ['runName', 'runStatus', 'architecture', 'activation', 'init', 'regularization', 'trainAccuracy', 'testAccuracy', 'trainLoss', 'testLoss', 'duration'] as const;
  const rows = group.runs
    .map(
      (run) => `<tr>
  <td><span class="swatch" style="background:${safeColor(run.color)}"></span>${e(run.name)}</td>
  <td>${e(run.status)}</td><td>${e(run.architecture)}</td><td>${e(run.activation)}</td><td>${e(run.init)}</td><td>${e(run.regularization || t('none'))}</td>
  <td class="num">${formatPercent(run.trainAccuracy, { sign: true })}</td><td class="num">${formatPercent(run.testAccuracy, { sign: true })}</td>
  <td class="num">${reportLoss(run.trainLoss)}</td><td class="num">${reportLoss(run.testLoss)}</td><td class="num">${e(durationText(run.durationMs, report.locale, REPORT_DURATION))}</td>
</tr>`,
    )
    .join('\n');
  return `<table class="runs-table"><thead><tr>${headings.map((h) => `<th>${e(t(h))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

function configTable(group: ReportRunGroup, t: Translate<ReportKey>): string {
  const e = escapeHtml;
  if (group.runs.length < 2 || group.configRows === null) return '';
  if (group.configRows.length === 0) return `<p class="empty">${e(t('noDifferences'))}</p>`;
  const head = `<tr><th>${e(t('setting'))}</th>${group.runs.map((run) => `<th><span class="swatch" style="background:${safeColor(run.color)}"></span>${e(run.name)}</th>`).join('')}</tr>`;
  const rows = group.configRows.map((row) => `<tr><td>${e(row.label)} <span class="field">${e(row.field)}</span></td>${row.values.map((v) => `<td>${e(v)}</td>`).join('')}</tr>`).join('\n');
  return `<h3>${e(t('configDifferences'))}</h3><table class="config-table"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/** A group's figures: wide ones across the page, the others two to a row. */
function figures(group: ReportRunGroup): string {
  const e = escapeHtml;
  return group.charts
    .flatMap((chart) => {
      const src = safeImageSource(chart.image);
      return src ? [`<figure${chart.wide ? ' class="wide"' : ''}><img src="${src}" alt="${e(chart.title)}"><figcaption>${e(chart.title)}</figcaption></figure>`] : [];
    })
    .join('\n');
}

/** A group of runs: its heading (if it has one), table, differing settings and figures. */
function groupSection(report: LabReport, group: ReportRunGroup, t: Translate<ReportKey>): string {
  const charts = figures(group);
  return `<div class="run-group">
  ${group.title === null ? '' : `<h3>${escapeHtml(group.title)}</h3>`}
  ${runsTable(report, group, t)}
  ${configTable(group, t)}
  ${charts ? `<div class="charts">${charts}</div>` : ''}
</div>`;
}

/**
 * A report document (buildLabReportHtml's) as its stylesheet and the rest, for showing it inside
 * the app: parsing a <style> element there would break the page's CSP (style elements only from
 * the app's own files), so the preview adopts the CSS as a constructed sheet instead. The
 * document has one <style>, in its head, written here; no escaped text can hold the tag.
 */
export function splitReportStyles(html: string): { css: string; html: string } {
  const start = html.indexOf('<style>');
  const end = html.indexOf('</style>', start);
  if (start < 0 || end < 0) return { css: '', html };
  return { css: html.slice(start + '<style>'.length, end), html: html.slice(0, start) + html.slice(end + '</style>'.length) };
}

/** The report as one HTML document. */
export function buildLabReportHtml(report: LabReport, t: Translate<ReportKey>): string {
  const e = escapeHtml;
  const name = report.studentName.trim();
  return `<!doctype html>
<html lang="${report.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="NN Lab ${e(report.appVersion)}">
<title>${e(t('documentTitle', { sheet: report.sheetTitle, name: name || t('noName') }))}</title>
<style>${fontFaceRules(report.fonts ?? [])}${REPORT_CSS}</style>
</head>
<body>
<main class="report">
<header>
  <p class="kicker">NN Lab · ${e(t('labReport'))}</p>
  <h1>${e(report.sheetTitle)}</h1>
  <table class="meta">
    <tr><th>${e(t('student'))}</th><td class="student">${name ? e(name) : `<span class="empty">${e(t('noName'))}</span>`}</td></tr>
    <tr><th>${e(t('date'))}</th><td>${e(reportDate(report.createdAt, report.locale))}</td></tr>
  </table>
</header>
<section>
  <h2>${e(t('goal'))}</h2>
  <p>${e(report.goal)}</p>
</section>
${
  report.comparisons.length > 0
    ? `<section>
  <h2>${e(t('predictions'))}</h2>
  ${report.comparisons.map((c, i) => comparisonSection(c, i, report, t)).join('\n')}
</section>`
    : ''
}
${
  report.groups.length > 0
    ? `<section class="page-break">
  <h2>${e(t('runs'))}</h2>
  ${report.groups.map((group) => groupSection(report, group, t)).join('\n')}
</section>`
    : ''
}
${
  report.observe.length > 0
    ? `<section>
  <h2>${e(t('observe'))}</h2>
  <ul>${report.observe.map((o) => `<li>${e(o)}</li>`).join('')}</ul>
</section>`
    : ''
}
<section>
  <h2>${e(t('answers'))}</h2>
  ${report.questions.map((q, i) => `<div class="question"><h3>${e(t('questionN', { n: i + 1 }))} ${e(q.question)}</h3>${paragraph(q.answer, t('noAnswer'))}</div>`).join('\n')}
</section>
<footer>${e(t('footer', { version: report.appVersion, date: reportDate(report.createdAt, report.locale) }))}</footer>
</main>
</body>
</html>
`;
}

/** A chart image that stands in for the real ones while the font's characters are gathered (captions count, pixels do not). */
const PLACEHOLDER_IMAGE = 'data:image/png;base64,AA==';

/**
 * The report's HTML with its font embedded: `makeFaces` gets the text of the report as it will
 * be (its images left out) and returns the faces covering it (report-font.ts's reportFontFaces).
 */
export async function buildEmbeddedLabReportHtml(report: LabReport, t: Translate<ReportKey>, makeFaces: (text: string) => Promise<ReportFontFace[]>): Promise<string> {
  const draft: LabReport = { ...report, fonts: [], groups: report.groups.map((group) => ({ ...group, charts: group.charts.map((chart) => ({ ...chart, image: PLACEHOLDER_IMAGE })) })) };
  const fonts = await makeFaces(buildLabReportHtml(draft, t));
  return buildLabReportHtml({ ...report, fonts }, t);
}

/**
 * A download name safe on Windows: "nnlab-report-04-initialization-홍길동-2025-03-04.html", or
 * `.pdf` for the printed report (no reserved characters, at most 120 characters before the extension).
 */
export function reportFileName(sheetId: string, studentName: string, createdAt: string, extension: 'html' | 'pdf' = 'html'): string {
  const day = createdAt.slice(0, 10);
  const base = ['nnlab-report', sheetId, studentName.trim(), day]
    .filter(Boolean)
    .join('-')
    .replace(/[<>:"/\\|?*\p{Cc}]/gu, '_')
    .replace(/\s+/g, '-')
    .slice(0, 120)
    .replace(/[.\s-]+$/, '');
  return `${base}.${extension}`;
}

/** The report's look: A4-friendly, in its embedded font (a subset of the app's), then the app's or Korean system fonts. */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body, :host { display: block; margin: 0; background: #f3f5f8; color: #1c2430; word-break: keep-all; overflow-wrap: break-word; font: 15px/1.6 '${REPORT_FONT_FAMILY}', 'Pretendard Variable', Pretendard, 'Malgun Gothic', 'Apple SD Gothic Neo', 'Noto Sans KR', system-ui, sans-serif; }
.report { max-width: 960px; margin: 24px auto; background: #fff; padding: 36px 44px; border: 1px solid #dfe3ea; border-radius: 10px; }
header { border-bottom: 3px solid #2563eb; padding-bottom: 12px; margin-bottom: 8px; }
.kicker { margin: 0; color: #2563eb; font-weight: 700; letter-spacing: .04em; font-size: 13px; }
h1 { margin: 4px 0 12px; font-size: 26px; line-height: 1.3; }
h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #dfe3ea; }
h3 { font-size: 16px; margin: 16px 0 6px; }
p { margin: 6px 0; }
.meta { border-collapse: collapse; }
.meta th { text-align: left; color: #5f6b7c; font-weight: 600; padding: 2px 18px 2px 0; }
.meta td { padding: 2px 0; }
.student { font-weight: 700; font-size: 17px; }
.muted, .field { color: #5f6b7c; }
.field { font-size: 12px; font-family: ui-monospace, Consolas, monospace; }
.empty { color: #667085; font-style: italic; }
.answer { white-space: pre-wrap; background: #f8fafc; border-left: 4px solid #2563eb; padding: 8px 12px; border-radius: 4px; }
.comparison { border: 1px solid #dfe3ea; border-radius: 8px; padding: 4px 16px 10px; margin: 12px 0; break-inside: avoid; }
.outcome { background: #f8fafc; border-radius: 6px; padding: 6px 12px; margin: 8px 0; }
.runs { margin: 4px 0; padding-left: 20px; }
.run-name { font-weight: 600; }
.reason { color: #334155; font-size: 14px; }
.explanation { font-size: 14px; color: #334155; }
.verdict { display: inline-block; font-weight: 700; padding: 0 8px; border-radius: 10px; font-size: 14px; }
.verdict.reproduced { background: #e8f5e9; color: #2e7d32; }
.verdict.not-reproduced { background: #fdecea; color: #c62828; }
.verdict.not-yet { background: #eef1f5; color: #5f6b7c; }
.match { font-weight: 700; font-size: 14px; margin-left: 6px; }
.match.yes { color: #2e7d32; }
.match.no { color: #9a5b00; }
table.runs-table, table.config-table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0 16px; }
.runs-table th, .runs-table td, .config-table th, .config-table td { border: 1px solid #dfe3ea; padding: 4px 8px; text-align: left; vertical-align: top; }
.runs-table th, .config-table th { background: #f3f5f8; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
figure.wide { grid-column: 1 / -1; }
.run-group + .run-group { margin-top: 24px; }
figure { margin: 0; break-inside: avoid; border: 1px solid #dfe3ea; border-radius: 6px; padding: 6px; }
figure img { width: 100%; height: auto; display: block; }
figcaption { font-size: 13px; color: #5f6b7c; text-align: center; }
.question { break-inside: avoid; }
footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid #dfe3ea; color: #667085; font-size: 12px; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body, :host { background: #fff; font-size: 12.5px; }
  .report { margin: 0; padding: 0; border: none; max-width: none; }
  h2 { break-after: avoid; }
  .page-break { break-before: page; }
  .charts { grid-template-columns: 1fr 1fr; }
  .verdict, .answer, .outcome, .runs-table th, .config-table th, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
