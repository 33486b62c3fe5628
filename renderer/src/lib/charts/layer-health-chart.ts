import type { DiagnosticsEvent } from '$engine/api/events';
import type { ChartTranslate } from '../i18n/messages/charts';
import type { ChartOption } from './chart-option';
import { layerLineSeries } from './gradient-flow-chart';
import type { LayerSeries } from './run-series';
import type { CurveAxis } from './training-curves';
import {
  COLORS,
  SINGLE_GRID,
  TEXT_STYLE,
  categoryAxis,
  chartFileName,
  chartLegend,
  chartTitle,
  chartDownload,
  chartTooltip,
  formatNumber,
  layerName,
  percentOrNull,
  subtitle,
  valueXAxis,
  valueYAxis,
  type CommonChartOptions,
} from './chart-style';

/**
 * Dead and saturated fractions per layer in the latest diagnostics snapshot, as grouped bars (%):
 * saturated = share of activation values on a flat part of f (sigmoid < .01 or > .99, |tanh| > .99),
 * dead = share of units that passed no gradient for any sample of the diagnostics sample (ReLU z ≤ 0 everywhere).
 */
export function layerHealthOption(snapshot: DiagnosticsEvent | null, t: ChartTranslate, options: CommonChartOptions = {}): ChartOption {
  const layers = snapshot?.layers ?? [];
  const count = layers.length;
  const note = snapshot ? t('subtitleAtStep', { step: snapshot.step, epoch: snapshot.epoch }) : t('noData');
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(t('layerHealthTitle'), subtitle(t, options.runName, note)),
    download: chartDownload(t, chartFileName('dead-saturated', options.runName, snapshot?.step)),
    legend: chartLegend(),
    tooltip: { ...chartTooltip('axis', (v) => `${formatNumber(v as number)}%`), axisPointer: { type: 'shadow' } },
    grid: SINGLE_GRID,
    xAxis: categoryAxis('x', t('axisLayer'), layers.map((layer) => layerName(t, layer.layer, count))),
    yAxis: valueYAxis(t('axisFraction'), false, { min: 0, max: 100, interval: 20 }),
    series: [
      { type: 'bar', name: t('saturated'), color: COLORS.saturated, data: layers.map((layer) => percentOrNull(layer.saturatedFraction)), barGap: '10%', barCategoryGap: '30%' },
      { type: 'bar', name: t('dead'), color: COLORS.dead, data: layers.map((layer) => percentOrNull(layer.deadFraction)) },
    ],
  };
}

export interface LayerFractionOverTimeOptions extends CommonChartOptions {
  /** Which fraction the lines show. */
  metric: 'saturated' | 'dead';
  xAxis?: CurveAxis;
}

/** The saturated or dead fraction (%) of each layer over training, one line per layer. */
export function layerFractionOverTimeOption(data: LayerSeries, t: ChartTranslate, options: LayerFractionOverTimeOptions): ChartOption {
  const axis = options.xAxis ?? 'step';
  const saturated = options.metric === 'saturated';
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(t(saturated ? 'saturatedOverTimeTitle' : 'deadOverTimeTitle'), subtitle(t, options.runName, data.step.length === 0 ? t('noData') : null)),
    download: chartDownload(t, chartFileName(saturated ? 'saturated-over-time' : 'dead-over-time', options.runName)),
    legend: chartLegend(),
    tooltip: chartTooltip('axis', (v) => `${formatNumber(v as number)}%`),
    grid: SINGLE_GRID,
    xAxis: valueXAxis(t(axis === 'epoch' ? 'axisEpoch' : 'axisStep'), { min: 0 }),
    yAxis: valueYAxis(t(saturated ? 'axisSaturated' : 'axisDead'), false, { min: 0, max: 100, interval: 20 }),
    series: layerLineSeries(data, t, axis, percentOrNull),
  };
}
