import type { ChartTranslate } from '../i18n/messages/charts';
import type { ChartOption, SeriesOption } from './chart-option';
import type { LayerSeries } from './run-series';
import type { CurveAxis } from './training-curves';
import {
  SINGLE_GRID,
  TEXT_STYLE,
  chartFileName,
  chartLegend,
  chartTitle,
  chartDownload,
  chartTooltip,
  forLogAxis,
  formatNumber,
  layerColor,
  layerName,
  subtitle,
  valueXAxis,
  valueYAxis,
  type CommonChartOptions,
} from './chart-style';
import { curveZoom } from './chart-zoom';

export interface GradientFlowOptions extends CommonChartOptions {
  /** x axis: steps (default) or epochs. */
  xAxis?: CurveAxis;
}

/**
 * One line per layer of a per-layer quantity over the diagnostics snapshots, coloured along
 * viridis from the first layer to the output layer, each value mapped by `map` (null = gap).
 * Names are short ("층 3", "출력층") so that ten layers fit on one legend row.
 */
export function layerLineSeries(data: LayerSeries, t: ChartTranslate, axis: CurveAxis, map: (v: number | null) => number | null): SeriesOption[] {
  const x = axis === 'epoch' ? data.epoch : data.step;
  const count = data.layers.length;
  return data.layers.map((info, k): SeriesOption => {
    const values = data.values[k] ?? [];
    return {
      type: 'line',
      name: layerName(t, info.layer, count),
      color: layerColor(k, count),
      data: x.map((xi, i) => [xi, map(values[i] ?? null)]),
      showSymbol: x.length <= 40,
      symbolSize: 5,
      lineStyle: { width: 2 },
      connectNulls: false,
    };
  });
}

/**
 * Gradient flow, the vanishing-gradient picture: ‖∂L/∂W‖₂ of each layer's weights over training on
 * a log axis, one line per layer from the first (dark) to the output layer (light). In a deep sigmoid
 * network the first layers' lines lie orders of magnitude below the last's; with ReLU they bunch up.
 * Zero or non-finite norms are gaps (a log axis cannot show them).
 */
export function gradientFlowOption(data: LayerSeries, t: ChartTranslate, options: GradientFlowOptions = {}): ChartOption {
  const axis = options.xAxis ?? 'step';
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(t('gradientFlowTitle'), subtitle(t, options.runName, data.step.length === 0 ? t('noData') : null)),
    download: chartDownload(t, chartFileName('gradient-flow', options.runName)),
    legend: chartLegend(),
    tooltip: chartTooltip('axis', (v) => formatNumber(v as number)),
    grid: SINGLE_GRID,
    xAxis: valueXAxis(t(axis === 'epoch' ? 'axisEpoch' : 'axisStep'), { min: 0 }),
    dataZoom: curveZoom(),
    yAxis: valueYAxis(t('axisGradientNorm'), true),
    series: layerLineSeries(data, t, axis, forLogAxis),
  };
}
