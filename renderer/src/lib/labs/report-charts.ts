import type { DiagnosticsEvent } from '$engine/api/events';
import type { ChartOption, GridOption, LegendOption, TitleOption } from '../charts/chart-option';
import { FONT_SIZE } from '../charts/chart-style';
import { compareBatchLossOption } from '../charts/compare/batch-loss-chart';
import type { ComparedRun } from '../charts/compare/compared-run';
import type { DistributionTranslators } from '../charts/compare/distribution-values';
import { compareGradientOption } from '../charts/compare/gradient-panels';
import { compareHistogramMatrixOption, histogramMatrixHeight } from '../charts/compare/histogram-matrix';
import { compareColumns, panelChartHeight } from '../charts/compare/panel-skeleton';
import { compareAccuracyOption, compareEvalLossOption } from '../charts/compare/train-test-curves';
import { compareGapOption, gapChartHeight } from '../charts/compare/train-test-gap-chart';
import { hasValue } from '../charts/line-points';
import type { ReportLessonTranslate } from '../i18n/messages/report-lesson';
import type { PlannedFigure, PlannedGroup, PlannedPanel } from './report-plan';

/**
 * The report's figures: the compare screen's chart builders (charts/compare), so a report draws
 * what the student saw there, made fit for paper (printable): a plain legend with every run on it
 * (never a scrolling "1/3" legend), no tooltip or toolbox. Sizes are chosen for A4: a full-width
 * figure is REPORT_CHART_WIDTH px across (12 px labels print at about 7 pt), small multiples half that.
 */

/** The width in px of a figure across the report's full width. */
export const REPORT_CHART_WIDTH = 880;
/** The width in px of one of two small charts side by side. */
export const SMALL_CHART_WIDTH = 440;
const SMALL_CHART_HEIGHT = 330;
const LOSS_CHART_HEIGHT = 400;
/** Smoothing of the batch loss (TensorBoard's slider): 2,000 noisy steps read as one line per run. */
export const REPORT_SMOOTHING = 0.9;

/** A run as the report's charts draw it: the compare charts' run, its diagnostics snapshots and its preset. */
export interface ReportChartRun extends ComparedRun {
  readonly presetId: string;
  readonly diagnostics: readonly DiagnosticsEvent[];
}

/** The words the figures use: the compare charts' (histograms' included) and the report's own. */
export interface ReportTranslators extends DistributionTranslators {
  lesson: ReportLessonTranslate;
}

/** One figure: its caption, the chart's option and the size to draw it at. */
export interface ReportFigure {
  caption: string;
  option: ChartOption;
  width: number;
  height: number;
  /** Across the report's full width; else two figures share a row. */
  wide: boolean;
}

/**
 * An option as a still image needs it: every legend plain (all entries shown, wrapping to more
 * lines if need be), no toolbox, no tooltip, no animation.
 */
export function printable(option: ChartOption): ChartOption {
  const legends = option.legend === undefined ? [] : Array.isArray(option.legend) ? option.legend : [option.legend];
  const { download: _download, tooltip: _tooltip, ...rest } = option;
  return { ...rest, animation: false, legend: legends.map((legend: LegendOption): LegendOption => ({ ...legend, type: 'plain' })) };
}

/** Height of one more line of a plain legend (an item and the gap under it). */
const LEGEND_LINE_HEIGHT = 30;

/** About how wide `text` is drawn at `fontSize` px: a full em for Hangul and other wide characters, less for Latin; errs wide. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x1100) em += 1;
    else if (char === ' ') em += 0.3;
    else if (/[A-Z0-9%]/.test(char)) em += 0.68;
    else em += 0.56;
  }
  return em * fontSize;
}

/** Lines a plain legend of `names` takes across a chart `width` px wide (ECharts wraps it like words). */
export function legendLines(names: readonly string[], width: number, legend: LegendOption = {}): number {
  const icon = typeof legend.itemWidth === 'number' ? legend.itemWidth : 25;
  const gap = typeof legend.itemGap === 'number' ? legend.itemGap : 10;
  const available = width - 20;
  let lines = 1;
  let used = 0;
  for (const name of names) {
    const item = icon + 5 + textWidth(name, FONT_SIZE);
    if (used > 0 && used + gap + item > available) {
      lines++;
      used = item;
    } else used += (used > 0 ? gap : 0) + item;
  }
  return lines;
}

/**
 * The option and height for a chart whose bottom legend needs more than one line at `width`: the
 * chart grows by the extra lines and grids placed from the bottom move up, so the legend never
 * covers an axis.
 */
function roomForLegend(option: ChartOption, width: number, height: number): { option: ChartOption; height: number } {
  const legends = (option.legend === undefined ? [] : Array.isArray(option.legend) ? option.legend : [option.legend]) as LegendOption[];
  const bottom = legends.find((legend) => legend.bottom !== undefined);
  const names = (bottom?.data ?? []).map((item) => (typeof item === 'string' ? item : String((item as { name?: unknown }).name ?? '')));
  const extra = (legendLines(names, width, bottom) - 1) * LEGEND_LINE_HEIGHT;
  if (extra <= 0) return { option, height };
  const grids = (option.grid === undefined ? [] : Array.isArray(option.grid) ? option.grid : [option.grid]) as GridOption[];
  const moved = grids.map((grid) => (typeof grid.bottom === 'number' ? { ...grid, bottom: grid.bottom + extra } : grid));
  return { option: { ...option, grid: Array.isArray(option.grid) ? moved : moved[0] }, height: height + extra };
}

/** The option with its chart title's text replaced (its subtitle kept). */
function retitled(option: ChartOption, text: string): ChartOption {
  const titles = option.title === undefined ? [] : Array.isArray(option.title) ? option.title : [option.title];
  const [first, ...rest] = titles as TitleOption[];
  return first ? { ...option, title: [{ ...first, text }, ...rest] } : option;
}

const hasSteps = (run: ReportChartRun) => run.series.steps.step.length > 0;
const hasEvals = (run: ReportChartRun) => run.series.evals.step.length > 1;
const hasDiagnostics = (run: ReportChartRun) => run.diagnostics.length > 0;

function figure(caption: string, option: ChartOption, width: number, height: number): ReportFigure {
  const still = roomForLegend(printable(option), width, height);
  return { caption, option: still.option, width, height: still.height, wide: width > SMALL_CHART_WIDTH };
}

/** The loss chart: evaluated train and test loss when every run has two evaluations or more, else the batch loss. */
function lossFigure(runs: readonly ReportChartRun[], tr: ReportTranslators): ReportFigure | null {
  if (runs.every(hasEvals)) return figure(tr.lesson('lossCaption'), compareEvalLossOption(runs, tr), REPORT_CHART_WIDTH, LOSS_CHART_HEIGHT);
  if (!runs.some(hasSteps)) return null;
  const smoothing = runs.every((run) => run.series.steps.step.length >= 100) ? REPORT_SMOOTHING : 0;
  return figure(tr.lesson('batchLossCaption', { smoothing: smoothing.toFixed(2) }), compareBatchLossOption(runs, tr, { smoothing }), REPORT_CHART_WIDTH, LOSS_CHART_HEIGHT);
}

/**
 * Names as a panel's legend shows them when its heading already says what they share: runs named
 * "배치 정규화 없음: 초기 표준편차 1" and "배치 정규화 사용: 초기 표준편차 1" under the heading
 * "초기 표준편차 1" are "배치 정규화 없음" and "배치 정규화 사용". Names of another form stay whole.
 */
export function panelNames(names: readonly string[]): string[] {
  const parts = names.map((name) => {
    const colon = name.indexOf(': ');
    return colon > 0 ? { head: name.slice(0, colon), tail: name.slice(colon + 2) } : null;
  });
  const shared = parts[0]?.tail;
  const short = parts.every((part) => part !== null && part.tail === shared) ? parts.map((part) => part!.head) : [...names];
  return new Set(short).size === short.length ? short : [...names];
}

/** Train and test accuracy (loss when the runs have no accuracy) of one panel's runs, headed by the run's name or the panel's label. */
function panelFigure(panel: PlannedPanel, runs: readonly ReportChartRun[], tr: ReportTranslators): ReportFigure | null {
  const found = panel.presets.map((id) => runs.find((run) => run.presetId === id)).filter((run): run is ReportChartRun => run !== undefined);
  if (found.length === 0 || !found.some(hasEvals)) return null;
  const labelled = panel.label !== undefined && found.length > 1;
  const heading = labelled ? tr.lesson(panel.label!.key, panel.label!.params) : found.map((run) => run.name).join(' · ');
  const names = labelled ? panelNames(found.map((run) => run.name)) : found.map((run) => run.name);
  const panelRuns = found.map((run, i) => ({ ...run, name: names[i]! }));
  const accuracy = panelRuns.some((run) => hasValue(run.series.evals.trainAccuracy));
  const option = accuracy ? compareAccuracyOption(panelRuns, tr) : compareEvalLossOption(panelRuns, tr);
  const caption = labelled ? tr.lesson('panelTrainTestCaption', { panel: heading }) : tr.lesson(accuracy ? 'runTrainTestCaption' : 'runLossCaption', { run: heading });
  return figure(caption, retitled(option, heading), SMALL_CHART_WIDTH, SMALL_CHART_HEIGHT);
}

/** The figures of one planned figure (small multiples give several). */
function figuresOf(planned: PlannedFigure, runs: readonly ReportChartRun[], tr: ReportTranslators): ReportFigure[] {
  switch (planned.kind) {
    case 'gradient-flow': {
      if (!runs.some(hasDiagnostics)) return [];
      const layers = Math.max(...runs.map((run) => run.series.layers.length));
      const columns = compareColumns(layers);
      return [figure(tr.lesson('gradientCaption'), compareGradientOption(runs, tr, { columns }), REPORT_CHART_WIDTH, panelChartHeight(layers, columns))];
    }
    case 'activation-histograms': {
      if (!runs.some(hasDiagnostics)) return [];
      // Each run's first snapshot: the initial weights, where the lesson is (training then moves them).
      const entries = runs.map((run) => ({ run, snapshot: run.diagnostics[0] ?? null }));
      const step = Math.min(...entries.flatMap((entry) => (entry.snapshot ? [entry.snapshot.step] : [])));
      const layers = Math.max(...entries.map((entry) => entry.snapshot?.layers.length ?? 0));
      return [figure(tr.lesson('activationCaption', { step }), compareHistogramMatrixOption(entries, tr, { kind: 'activation', step }), REPORT_CHART_WIDTH, histogramMatrixHeight(layers, 'activation'))];
    }
    case 'batch-loss': {
      if (!runs.some(hasSteps)) return [];
      return [figure(tr.lesson('batchLossCaption', { smoothing: REPORT_SMOOTHING.toFixed(2) }), compareBatchLossOption(runs, tr, { smoothing: REPORT_SMOOTHING }), REPORT_CHART_WIDTH, LOSS_CHART_HEIGHT)];
    }
    case 'loss': {
      const loss = lossFigure(runs, tr);
      return loss ? [loss] : [];
    }
    case 'train-test':
      return planned.panels.map((panel) => panelFigure(panel, runs, tr)).filter((f): f is ReportFigure => f !== null);
    case 'gap': {
      if (!runs.some(hasEvals)) return [];
      return [figure(tr.lesson('gapCaption'), compareGapOption(runs, tr), REPORT_CHART_WIDTH, gapChartHeight(runs))];
    }
  }
}

/** A group's figures, in the plan's order, for the runs it has (a figure with nothing to draw is left out). */
export function groupFigures(group: PlannedGroup, runs: readonly ReportChartRun[], tr: ReportTranslators): ReportFigure[] {
  if (runs.length === 0) return [];
  return group.figures.flatMap((planned) => figuresOf(planned, runs, tr));
}
