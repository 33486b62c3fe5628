import type { DiagnosticsEvent, TrainingEvent } from '$engine/api/events';
import type { LabApi } from '$engine/api/lab-api';
import type { ConfigDifference, RunDetail } from '$engine/api/runs';
import type { LabComparison, LabPrediction, LabSheet } from '$engine/lab/lab-sheets';
import { findPreset } from '$engine/lab/presets';
import { seedSuffix, splitSeedName } from '$engine/lab/run-names';
import type { ChartOption } from '../charts/chart-option';
import { RunSeries } from '../charts/run-series';
import { diffRows, type DiffRow } from '../compare/config-diff-format';
import { uniqueNames } from '../compare/load-comparison';
import { MAX_COMPARED_RUNS, runColor } from '../compare/run-colors';
import { runStatusLabel } from '../history/run-status';
import { translator, type Locale } from '../i18n/locale';
import { chartMessages } from '../i18n/messages/charts';
import { compareMessages, type CompareTranslate } from '../i18n/messages/compare';
import { histogramMessages } from '../i18n/messages/histograms';
import { reportLessonMessages } from '../i18n/messages/report-lesson';
import type { ClaimResult } from './claims';
import type { LabReport, ReportCheck, ReportRunGroup } from './lab-report';
import { groupFigures, type ReportChartRun, type ReportTranslators } from './report-charts';
import { reportPlan, type PlannedGroup } from './report-plan';
import { visibleObservations, type RevealProgress } from './reveal';

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

/** Draws a chart option, `width` × `height` px, as an image data URL (PNG in the app). */
export type ChartRenderer = (option: ChartOption, size: { width: number; height: number }) => Promise<string>;

/** The calls a report makes; with `listRuns`, a run of a seed group brings its group's other runs (drawn as a band). */
export type ReportApi = Pick<LabApi, 'appInfo' | 'getRun' | 'recordedEvents' | 'compareRuns'> & Partial<Pick<LabApi, 'listRuns'>>;

function reportCheck(check: ClaimResult | null, locale: Locale): ReportCheck | null {
  return check ? { verdict: check.verdict, message: check.message[locale] } : null;
}

/**
 * A run's name in the report's language: a preset's run that still has the name the preset gave
 * it (its spec's name, or its title in either language; a seed group's run, with its seed) is
 * called by the preset's title in `locale`; a run the student renamed keeps the student's name.
 */
export function reportRunName(name: string, presetId: string, locale: Locale): string {
  const preset = findPreset(presetId);
  if (!preset) return name;
  const given = [preset.title.ko, preset.title.en, ...(preset.kind === 'train' && preset.spec.name ? [preset.spec.name] : [])];
  if (given.includes(name)) return preset.title[locale];
  // A seed group's run: the engine names it "<name> (seed s)" or "<name> (시드 s)" (seed-group.ts).
  const seeded = splitSeedName(name);
  return seeded && given.includes(seeded.base) ? `${preset.title[locale]}${seedSuffix(seeded.seed, locale)}` : name;
}

/**
 * The settings that differ, as the compare screen's table words them (diffRows), with a setting
 * that differs alike in consecutive layers on one row: "층 1–10 활성화 함수" (sigmoid, relu, tanh)
 * rather than ten rows of the same values, which is how deep networks differ.
 */
export function reportConfigRows(differences: readonly ConfigDifference[], t: CompareTranslate, layerCount: number | null): DiffRow[] {
  const sameValues = (a: DiffRow, b: DiffRow) => a.values.length === b.values.length && a.values.every((value, k) => value === b.values[k]);
  /** One layer setting's rows (layer index, row), folded where consecutive layers agree. */
  const fold = (entries: { index: number; rest: string; row: DiffRow }[]): DiffRow[] => {
    const out: DiffRow[] = [];
    for (let k = 0; k < entries.length; ) {
      let end = k;
      while (end + 1 < entries.length && entries[end + 1]!.index === entries[end]!.index + 1 && sameValues(entries[end + 1]!.row, entries[k]!.row)) end++;
      const { index: first, rest, row } = entries[k]!;
      const last = entries[end]!.index;
      const single = t('layerN', { n: first + 1 });
      out.push(last === first || !row.label.includes(single) ? row : { field: `layers[${first}–${last}].${rest}`, label: row.label.replace(single, t('layerN', { n: `${first + 1}–${last + 1}` })), values: row.values });
      k = end + 1;
    }
    return out;
  };
  // Rows in their order, each layer setting (activation, init…) gathered at its first row.
  const order: (DiffRow | string)[] = [];
  const bySetting = new Map<string, { index: number; rest: string; row: DiffRow }[]>();
  for (const row of diffRows(differences, t, layerCount)) {
    const layer = /^layers\[(\d+)\]\.(.+)$/.exec(row.field);
    const index = layer ? Number(layer[1]) : -1;
    // The output layer keeps its own row (its label names it so).
    if (!layer || (layerCount !== null && index === layerCount - 1)) {
      order.push(row);
      continue;
    }
    const rest = layer[2]!;
    if (!bySetting.has(rest)) {
      bySetting.set(rest, []);
      order.push(rest);
    }
    bySetting.get(rest)!.push({ index, rest, row });
  }
  return order.flatMap((item) => (typeof item === 'string' ? fold(bySetting.get(item)!) : [item]));
}

/** A run of the report: its stored record and recorded events (none if they could not be read). */
interface LoadedRun {
  presetId: string;
  /** Its colour index in the group (report-plan's `colors`). */
  colorIndex: number;
  detail: RunDetail;
  events: TrainingEvent[];
  /** The recorded events of the other runs of its seed group (none for a run on its own). */
  groupEvents: TrainingEvent[][];
}

/** The events of the other runs of `detail`'s seed group, one after another (a group is a few runs); none when it has no group. */
async function loadGroupEvents(api: ReportApi, detail: RunDetail): Promise<TrainingEvent[][]> {
  if (!detail.groupId || !api.listRuns) return [];
  const others = await api.listRuns({ groupId: detail.groupId }).catch(() => []);
  const events: TrainingEvent[][] = [];
  for (const other of others) {
    if (other.id === detail.id) continue;
    const recorded = await api.recordedEvents(other.id).catch(() => []);
    if (recorded.length > 0) events.push(recorded);
  }
  return events;
}

async function loadRun(api: ReportApi, runId: string): Promise<{ detail: RunDetail; events: TrainingEvent[]; groupEvents: TrainingEvent[][] } | null> {
  try {
    const detail = await api.getRun(runId);
    const events = await api.recordedEvents(detail.id).catch(() => []);
    return { detail, events, groupEvents: await loadGroupEvents(api, detail) };
  } catch {
    // A run deleted meanwhile is left out of the report.
    return null;
  }
}

function seriesOfEvents(events: readonly TrainingEvent[]): RunSeries {
  const series = new RunSeries();
  series.apply(events);
  return series;
}

/** One group of the report: its runs' table, the settings that differ between them, their figures. */
async function reportGroup(group: PlannedGroup, loaded: readonly LoadedRun[], api: ReportApi, locale: Locale, tr: ReportTranslators, renderChart: ChartRenderer): Promise<ReportRunGroup> {
  const names = uniqueNames(loaded.map((run) => ({ id: run.detail.id, name: reportRunName(run.detail.name, run.presetId, locale) })));
  const chartRuns: ReportChartRun[] = loaded.map((run, i) => {
    const series = seriesOfEvents(run.events);
    const diagnostics = run.events.filter((event): event is DiagnosticsEvent => event.type === 'diagnostics');
    const base = { id: run.detail.id, color: runColor(run.colorIndex), series, presetId: run.presetId, diagnostics };
    if (run.groupEvents.length === 0) return { ...base, name: names[i]! };
    // A seed group: the figures draw its median and band over its runs, as compare does.
    const members = [series, ...run.groupEvents.map(seriesOfEvents)];
    return { ...base, name: `${names[i]!} · ${tr.compare('groupSeeds', { n: members.length })}`, members };
  });
  const bandNote = chartRuns.some((run) => (run.members?.length ?? 0) >= 2) ? ` ${tr.compare('bandCaption')}` : '';

  // More runs than a table's columns can hold (the batch-norm scales) are told apart by their names;
  // a comparison that fails (a run deleted meanwhile) leaves the table out, not the report.
  let configRows: ReportRunGroup['configRows'] = null;
  if (loaded.length >= 2 && loaded.length <= MAX_COMPARED_RUNS) {
    const differences = await api.compareRuns(loaded.map((run) => run.detail.id)).then(
      (comparison) => comparison.differences,
      () => null,
    );
    const layerCounts = new Set(loaded.map((run) => run.detail.spec.layers.length));
    if (differences) configRows = reportConfigRows(differences, tr.compare, layerCounts.size === 1 ? loaded[0]!.detail.spec.layers.length : null).map((row) => ({ ...row, values: [...row.values] }));
  }

  const charts: ReportRunGroup['charts'] = [];
  for (const figure of groupFigures(group, chartRuns, tr)) {
    charts.push({ title: figure.caption + bandNote, image: await renderChart(figure.option, { width: figure.width, height: figure.height }), wide: figure.wide });
  }

  return {
    title: group.title === null ? null : tr.lesson(group.title),
    runs: loaded.map(({ detail: run }, i) => ({
      name: names[i]!,
      status: runStatusLabel(run.status, locale),
      architecture: run.architecture ?? '–',
      activation: run.activation,
      init: run.init,
      regularization: run.regularization,
      trainAccuracy: run.final?.train.accuracy ?? null,
      testAccuracy: run.final?.test?.accuracy ?? null,
      trainLoss: run.final?.train.loss ?? null,
      testLoss: run.final?.test?.loss ?? null,
      durationMs: run.durationMs,
      color: chartRuns[i]!.color,
    })),
    configRows,
    charts,
  };
}

/**
 * Gathers a sheet's report: the student's predictions beside the lecture's expectation and the
 * checks of their runs, the answers, and the newest run of every preset the sheet ran, in the
 * groups of its plan (report-plan.ts): per group the runs' table, the settings that differ
 * (compareRuns) and the lesson's figures drawn from the runs' recorded events.
 */
export async function assembleReport(source: ReportSource, api: ReportApi, locale: Locale, renderChart: ChartRenderer, now: Date = new Date()): Promise<LabReport> {
  const { sheet } = source;
  const tr: ReportTranslators = { chart: translator(chartMessages, locale), compare: translator(compareMessages, locale), histogram: translator(histogramMessages, locale), lesson: translator(reportLessonMessages, locale) };
  const choice = (comparison: LabComparison, id: string) => comparison.choices.find((c) => c.id === id)?.text[locale] ?? id;

  const progress: RevealProgress = { predicted: new Set(sheet.comparisons.filter((c) => source.prediction(c.id) !== null).map((c) => c.id)), probesOpened: new Set() };
  const plan = reportPlan(sheet);
  const wanted = plan.map((group) =>
    group.presets.flatMap((presetId, position) => {
      const run = source.runOf(presetId);
      return run ? [{ presetId, colorIndex: group.colors?.[position] ?? position, runId: run.id }] : [];
    }),
  );
  const [info, loadedGroups] = await Promise.all([
    api.appInfo(),
    Promise.all(
      wanted.map(async (runs) => {
        const loaded = await Promise.all(runs.map(async (run) => ({ ...run, record: await loadRun(api, run.runId) })));
        return loaded.flatMap(({ presetId, colorIndex, record }): LoadedRun[] => (record ? [{ presetId, colorIndex, ...record }] : []));
      }),
    ),
  ]);
  const groups: ReportRunGroup[] = [];
  for (const [g, group] of plan.entries()) {
    const loaded = loadedGroups[g]!;
    if (loaded.length > 0) groups.push(await reportGroup(group, loaded, api, locale, tr, renderChart));
  }

  return {
    locale,
    studentName: source.studentName,
    createdAt: now.toISOString(),
    appVersion: info.appVersion,
    sheetTitle: sheet.title[locale],
    goal: sheet.goal[locale],
    // What the sheet still holds back (observations, the lecture's expectation) the report holds back too.
    observe: visibleObservations(sheet, progress).map((o) => o[locale]),
    comparisons: sheet.comparisons.map((comparison) => {
      const prediction = source.prediction(comparison.id);
      if (!prediction) return { prompt: comparison.prompt[locale], prediction: null, predictedAt: null, expected: null, explanation: null, outcome: null, runs: [] };
      return {
        prompt: comparison.prompt[locale],
        prediction: choice(comparison, prediction.choice),
        predictedAt: prediction.predictedAt,
        expected: choice(comparison, comparison.expected),
        explanation: comparison.explanation[locale],
        outcome: reportCheck(source.comparisonCheck(comparison), locale),
        runs: comparison.presets.flatMap((presetId) => {
          const run = source.runOf(presetId);
          return run ? [{ name: reportRunName(run.name, presetId, locale), check: reportCheck(source.presetCheck(presetId), locale) }] : [];
        }),
      };
    }),
    questions: sheet.questions.map((q) => ({ question: q.text[locale], answer: source.answer(q.id) })),
    groups,
  };
}
