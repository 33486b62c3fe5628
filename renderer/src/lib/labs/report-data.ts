import type { LabApi } from '$engine/api/lab-api';
import type { RunDetail } from '$engine/api/runs';
import type { LabComparison, LabPrediction, LabSheet } from '$engine/lab/lab-sheets';
import { findPreset } from '$engine/lab/presets';
import type { ChartOption } from '../charts/chart-option';
import { diffRows } from '../compare/config-diff-format';
import { runColor } from '../compare/run-colors';
import { translator, type Locale } from '../i18n/locale';
import { compareMessages } from '../i18n/messages/compare';
import { reportMessages, sheetMessages } from '../i18n/messages/labs';
import { STATUS_KEYS } from '../i18n/status-keys';
import type { ClaimResult } from './claims';
import type { LabReport, ReportCheck } from './lab-report';
import { reportAccuracyOption, reportLossOption } from './report-charts';

/** What the report reads of an open sheet (a LabSheetSession, or a stand-in in tests). */
export interface ReportSource {
  sheet: LabSheet;
  studentName: string;
  prediction(comparisonId: string): LabPrediction | null;
  answer(questionId: string): string;
  comparisonCheck(comparison: LabComparison): ClaimResult | null;
  presetCheck(presetId: string): ClaimResult | null;
  /** The newest run of a preset, if any. */
  runOf(presetId: string): { id: string; name: string } | null;
}

/** Draws a chart option as an image data URL (PNG in the app). */
export type ChartRenderer = (option: ChartOption) => Promise<string>;

function reportCheck(check: ClaimResult | null, locale: Locale): ReportCheck | null {
  return check ? { verdict: check.verdict, message: check.message[locale] } : null;
}

/**
 * Gathers a sheet's report: the student's predictions beside the lecture's expectation and the
 * checks of their runs, the answers, and the newest run of every preset the sheet ran — their
 * table, the settings that differ (compareRuns) and their loss and accuracy charts.
 */
export async function assembleReport(
  source: ReportSource,
  api: Pick<LabApi, 'appInfo' | 'getRun' | 'compareRuns'>,
  locale: Locale,
  renderChart: ChartRenderer,
  now: Date = new Date(),
): Promise<LabReport> {
  const { sheet } = source;
  const ts = translator(sheetMessages, locale);
  const tr = translator(reportMessages, locale);
  const tc = translator(compareMessages, locale);
  const choice = (comparison: LabComparison, id: string) => comparison.choices.find((c) => c.id === id)?.text[locale] ?? id;

  const presetIds = [...new Set(sheet.steps.flatMap((step) => step.presets ?? []))];
  const runIds = presetIds.map((id) => source.runOf(id)?.id).filter((id): id is string => id !== undefined);
  const [info, details] = await Promise.all([api.appInfo(), Promise.all(runIds.map((id) => api.getRun(id).catch(() => null)))]);
  const runs = details.filter((d): d is RunDetail => d !== null);

  let configRows: LabReport['configRows'] = [];
  if (runs.length >= 2) {
    const { differences } = await api.compareRuns(runs.map((r) => r.id));
    const layerCounts = new Set(runs.map((r) => r.spec.layers.length));
    configRows = diffRows(differences, tc, layerCounts.size === 1 ? runs[0]!.spec.layers.length : null).map((row) => ({ ...row, values: [...row.values] }));
  }

  const chartRuns = runs.map((run, i) => ({ name: run.name, color: runColor(i), steps: run.steps, evals: run.evals }));
  const charts: LabReport['charts'] = [];
  if (chartRuns.length > 0) {
    charts.push({ title: tr('lossChart'), image: await renderChart(reportLossOption(chartRuns, tr)) });
    const accuracy = reportAccuracyOption(chartRuns, tr);
    if (accuracy) charts.push({ title: tr('accuracyChart'), image: await renderChart(accuracy) });
  }

  return {
    locale,
    studentName: source.studentName,
    createdAt: now.toISOString(),
    appVersion: info.appVersion,
    sheetTitle: sheet.title[locale],
    goal: sheet.goal[locale],
    observe: sheet.observe.map((o) => o[locale]),
    comparisons: sheet.comparisons.map((comparison) => {
      const prediction = source.prediction(comparison.id);
      return {
        prompt: comparison.prompt[locale],
        prediction: prediction ? choice(comparison, prediction.choice) : null,
        predictedAt: prediction?.predictedAt ?? null,
        expected: choice(comparison, comparison.expected),
        explanation: comparison.explanation[locale],
        outcome: reportCheck(source.comparisonCheck(comparison), locale),
        runs: comparison.presets
          .filter((presetId) => source.runOf(presetId) !== null)
          .map((presetId) => ({ name: findPreset(presetId)?.title[locale] ?? presetId, check: reportCheck(source.presetCheck(presetId), locale) })),
      };
    }),
    questions: sheet.questions.map((q) => ({ question: q.text[locale], answer: source.answer(q.id) })),
    runs: runs.map((run, i) => ({
      name: run.name,
      status: ts(STATUS_KEYS[run.status]),
      architecture: run.architecture ?? '–',
      activation: run.activation,
      init: run.init,
      regularization: run.regularization,
      trainAccuracy: run.final?.train.accuracy ?? null,
      testAccuracy: run.final?.test?.accuracy ?? null,
      trainLoss: run.final?.train.loss ?? null,
      testLoss: run.final?.test?.loss ?? null,
      durationMs: run.durationMs,
      color: runColor(i),
    })),
    configRows,
    charts,
  };
}
