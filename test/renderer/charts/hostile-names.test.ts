import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters } from '../../../engine/api/plain-text';
import type { DiagnosticsEvent, NetworkSnapshotEvent, TrainingEvent } from '../../../engine/api/events';
import type { ChartOption } from '../../../renderer/src/lib/charts/chart-option';
import { shownOption, tooltipText } from '../../../renderer/src/lib/charts/chart-text';
import { compareBatchLossOption } from '../../../renderer/src/lib/charts/compare/batch-loss-chart';
import type { ComparedRun } from '../../../renderer/src/lib/charts/compare/compared-run';
import type { DistributionTranslators } from '../../../renderer/src/lib/charts/compare/distribution-values';
import { compareGradientOption } from '../../../renderer/src/lib/charts/compare/gradient-panels';
import { compareHistogramMatrixOption } from '../../../renderer/src/lib/charts/compare/histogram-matrix';
import { compareHistogramOverlayOption } from '../../../renderer/src/lib/charts/compare/histogram-overlay';
import { compareAccuracyOption, compareEvalLossOption } from '../../../renderer/src/lib/charts/compare/train-test-curves';
import { compareGapOption } from '../../../renderer/src/lib/charts/compare/train-test-gap-chart';
import { confusionChartOption } from '../../../renderer/src/lib/charts/confusion-chart';
import { decisionBoundaryOption } from '../../../renderer/src/lib/charts/decision-boundary-chart';
import { gradientFlowOption } from '../../../renderer/src/lib/charts/gradient-flow-chart';
import { activationHistogramsOption, weightHistogramsOption } from '../../../renderer/src/lib/charts/histogram-charts';
import { histogramRidgelineOption } from '../../../renderer/src/lib/charts/histogram-ridgeline';
import { layerFractionOverTimeOption, layerHealthOption } from '../../../renderer/src/lib/charts/layer-health-chart';
import { accuracyChartOption, lossChartOption } from '../../../renderer/src/lib/charts/training-curves';
import { runColor } from '../../../renderer/src/lib/compare/run-colors';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { chartMessages } from '../../../renderer/src/lib/i18n/messages/charts';
import { compareMessages } from '../../../renderer/src/lib/i18n/messages/compare';
import { histogramMessages } from '../../../renderer/src/lib/i18n/messages/histograms';
import { circleSpec, eventsOf } from '../../engine/train/run-helpers';
import { list, renderSvg, seriesOf, svgTexts, trainWithPoints } from './chart-helpers';

/**
 * Names in charts come from imported files: a run's name, its layers' activation names. Each
 * builder is fed names full of markup, rich-text syntax, terminal escapes and bidi overrides, and
 * every tooltip its option can show, and every string ECharts draws, must show them as text.
 */

const MARKUP = '<img src=x onerror=alert(1)><style>*{color:red!important}</s';
const HOSTILE = `${MARKUP}{a|b}\u202Eevil\u2066\u001b[31m\u0007\r\u009b`;

const tr: DistributionTranslators = { chart: translator(chartMessages, 'en'), compare: translator(compareMessages, 'en'), histogram: translator(histogramMessages, 'en') };

/** Every `activationName` in the events replaced by the hostile name (as an imported run file can carry). */
function withHostileActivations(events: readonly TrainingEvent[]): TrainingEvent[] {
  const swap = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(swap);
    if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'activationName' ? HOSTILE : swap(inner)]));
    }
    return value;
  };
  return events.map((event) => swap(event) as TrainingEvent);
}

const trained = trainWithPoints(circleSpec({ training: { batchSize: 20, epochs: 2 }, diagnostics: { every: 5, bins: 12 } }));
const events = withHostileActivations(trained.events);
const series = seriesOf(events);
const snapshot = eventsOf(events, 'diagnostics').at(-1) as DiagnosticsEvent;
const network = eventsOf(events, 'network').at(-1) as NetworkSnapshotEvent | undefined;
const runs: ComparedRun[] = [0, 1].map((k) => ({ id: `run-${k}`, name: `${HOSTILE}${k}`, color: runColor(k), series }));
const entries = runs.map((run) => ({ run, snapshot }));

const options: Record<string, ChartOption> = {
  loss: lossChartOption(series.curves(), tr.chart, { runName: HOSTILE }),
  accuracy: accuracyChartOption(series.curves(), tr.chart, { runName: HOSTILE }),
  gradientFlow: gradientFlowOption(series.gradientNorms(), tr.chart, { runName: HOSTILE }),
  layerHealth: layerHealthOption(snapshot, tr.chart, { runName: HOSTILE }),
  saturated: layerFractionOverTimeOption(series.saturatedFractions(), tr.chart, { metric: 'saturated', runName: HOSTILE }),
  activations: activationHistogramsOption(snapshot, tr, 'activation', { runName: HOSTILE }),
  weights: weightHistogramsOption(snapshot, tr, { runName: HOSTILE }),
  ridgeline: histogramRidgelineOption(eventsOf(events, 'diagnostics'), 0, tr, 'activation', { runName: HOSTILE }),
  boundary: decisionBoundaryOption(network ?? null, trained.points, tr.chart, { runName: HOSTILE, numClasses: 2 }),
  confusion: confusionChartOption(series.latestConfusion, tr.chart, { runName: HOSTILE, classNames: [HOSTILE, `${HOSTILE}1`] }),
  compareBatchLoss: compareBatchLossOption(runs, tr, { smoothing: 0.6 }),
  compareEvalLoss: compareEvalLossOption(runs, tr),
  compareAccuracy: compareAccuracyOption(runs, tr),
  compareGap: compareGapOption(runs, tr),
  compareGradients: compareGradientOption(runs, tr),
  compareOverlay: compareHistogramOverlayOption(entries, tr, { kind: 'activation', step: snapshot.step }),
  compareMatrix: compareHistogramMatrixOption(entries, tr, { kind: 'weight', step: snapshot.step }),
};

type Formatter = (params: unknown) => unknown;
interface SeriesLike {
  id?: string;
  name?: string;
  data?: unknown[];
  tooltip?: { formatter?: unknown };
}

/** What ECharts hands a tooltip formatter for each data point of each series (axis trigger: all series at one index). */
function tooltipCalls(option: ChartOption): unknown[] {
  const all = list(option.series) as SeriesLike[];
  const valueOf = (item: unknown) => (item && typeof item === 'object' && !Array.isArray(item) ? (item as { value?: unknown }).value : item);
  const param = (s: SeriesLike, seriesIndex: number, dataIndex: number) => ({
    seriesId: s.id,
    seriesIndex,
    seriesName: s.name,
    dataIndex,
    value: valueOf(s.data?.[dataIndex]),
    data: s.data?.[dataIndex],
    name: s.name,
    marker: '<span class="marker"></span>',
    axisValue: 1,
  });
  const calls: unknown[] = [];
  const longest = Math.max(0, ...all.map((s) => s.data?.length ?? 0));
  for (const dataIndex of [0, Math.floor(longest / 2), longest - 1]) {
    calls.push(all.flatMap((s, k) => (s.data && dataIndex < s.data.length ? [param(s, k, dataIndex)] : [])));
  }
  all.forEach((s, k) => s.data?.slice(0, 50).forEach((_, i) => calls.push(param(s, k, i))));
  return calls;
}

function formattersOf(option: ChartOption): Formatter[] {
  const found = [...list(option.tooltip), ...(list(option.series) as SeriesLike[]).map((s) => s.tooltip ?? {})]
    .map((tooltip) => (tooltip as { formatter?: unknown }).formatter)
    .filter((formatter): formatter is Formatter => typeof formatter === 'function');
  return found;
}

function tooltipsOf(option: ChartOption): string[] {
  return formattersOf(option).flatMap((formatter) => tooltipCalls(option).map((params) => String(formatter(params))));
}

/** Every string in an option (names, titles, legend entries, category labels), with the keys that hold rich styles. */
function stringsOf(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, found);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsOf(item, found);
  return found;
}

describe('names from a file in charts', () => {
  it('a name goes into tooltip HTML escaped, without bidi or control characters', () => {
    expect(tooltipText(HOSTILE)).toBe('&#60;img src=x onerror=alert(1)&#62;&#60;style&#62;*{color:red!important}&#60;/s{a|b}evil[31m');
  });

  it.each(Object.keys(options))('%s: every tooltip shows the names as text, never as markup', (key) => {
    const tooltips = tooltipsOf(options[key]!);
    for (const html of tooltips) {
      expect(html).not.toMatch(/<img|<style|<\/s\b/);
      expect(hasHiddenCharacters(html, { multiline: true })).toBe(false);
    }
  });

  it('the tooltips that name a layer or a run show the name escaped', () => {
    for (const key of ['activations', 'weights', 'compareBatchLoss', 'compareEvalLoss', 'compareGap', 'compareGradients', 'compareOverlay', 'compareMatrix', 'confusion']) {
      const tooltips = tooltipsOf(options[key]!).join('\n');
      expect(tooltips, key).toContain('&#60;img src=x onerror=alert(1)&#62;&#60;style&#62;');
    }
  });

  it.each(Object.keys(options))('%s: what ECharts draws has no bidi or control characters, and no name in rich text', (key) => {
    const option = options[key]!;
    const shown = shownOption(option);
    for (const text of stringsOf(shown)) expect(hasHiddenCharacters(text, { multiline: true }), JSON.stringify(text)).toBe(false);
    for (const formatter of formattersOf(shown)) for (const params of tooltipCalls(shown)) expect(hasHiddenCharacters(String(formatter(params)), { multiline: true })).toBe(false);
    // Rich-text styles are parsed only where a style has `rich`: a title's subtext here; no name may be in it.
    for (const title of list(shown.title)) {
      const { subtext, subtextStyle, textStyle, text } = title as { subtext?: string; text?: string; subtextStyle?: { rich?: object }; textStyle?: { rich?: object } };
      if (subtextStyle?.rich) expect(subtext ?? '').not.toContain('{a|b}');
      if (textStyle?.rich) expect(text ?? '').not.toContain('{a|b}');
    }
    // Drawn, the name is its characters: the markup as text, no override.
    const drawn = svgTexts(renderSvg(shown, 1400, 900)).join('\n');
    expect(hasHiddenCharacters(drawn, { multiline: true })).toBe(false);
  });

  it('the option passed on is the same where nothing needs removing (data arrays are not copied)', () => {
    const option = options.loss!;
    const shown = shownOption(option);
    const before = list(option.series)[0] as SeriesLike;
    const after = list(shown.series)[0] as SeriesLike;
    expect(after.data).toBe(before.data);
  });

  it('the run names reach the drawn legend and titles as their characters', () => {
    const drawn = svgTexts(renderSvg(shownOption(options.activations!), 1400, 900)).join('\n');
    expect(drawn).toContain('<img src=x onerror=alert(1)>');
    expect(drawn).not.toContain('\u202E');
  });
});
