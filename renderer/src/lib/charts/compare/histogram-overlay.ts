import { runStyleOf } from '../../compare/run-colors';
import { histogramDensity, peakNormalised, type DensityPoint } from '../../compare/histogram-density';
import { formatPercent } from '../../text/percent-text';
import type { ChartOption, YAxisOption } from '../chart-option';
import { FONT_FAMILY, SMALL_FONT_SIZE, chartFileName, chartTitle, formatNumber } from '../chart-style';
import { rangeNote } from '../histogram-figure';
import { activationRange, figureRange, ratioText, totalCount, withoutZeros, zeroShare, zerosApart, type ValueRange } from '../histogram-shapes';
import { densityCeiling, roundTop } from './density-scale';
import {
  KIND_TEXT,
  distributionSubtitle,
  firstLayerStds,
  layerValues,
  snapshotLayers,
  type DistributionOptions,
  type DistributionTranslators,
  type LayerValues,
  type RunSnapshot,
} from './distribution-values';
import { extentOf, histogramHeightAxis, histogramValueAxis } from './histogram-axes';
import { layerHeading, layerIndices } from './layer-headings';
import {
  COMPARE_PANEL_HEIGHT,
  HEADER_HEIGHT,
  compareChartOption,
  compareColumns,
  headingClearance,
  panelBox,
  panelGrid,
  panelLists,
  panelTitle,
  runLabel,
  runOfSeries,
  seriesId,
  type AxisParam,
} from './panel-skeleton';

/** Options of the overlaid histograms. */
export interface OverlayOptions extends DistributionOptions {
  /** 'density' (area 1, default) or 'peak' (each curve scaled to a highest point of 1: shapes only). */
  scale?: 'density' | 'peak';
}

/** Runs' standard deviations per line of an overlay panel's heading (more would run into the next panel); one when each also gives its share at 0. */
const STDS_PER_LINE = 2;

/** Texts joined three spaces apart, `perLine` to a line. */
function inLines(texts: readonly string[], perLine: number): string {
  const lines: string[] = [];
  for (let i = 0; i < texts.length; i += perLine) lines.push(texts.slice(i, i + perLine).join('   '));
  return lines.join('\n');
}

/** Rich-text styles r0…r5, one per run, for the runs' markers in their colours in panel headings. */
function runMarkers(entries: readonly RunSnapshot[]): Record<string, object> {
  return Object.fromEntries(entries.map((entry, k) => [`r${k}`, { color: entry.run.color, fontSize: SMALL_FONT_SIZE, fontWeight: 'bold', fontFamily: FONT_FAMILY }]));
}

/**
 * A density curve as line data: [bin centre, height, bin start, bin end] per bin (the bin's
 * range is for the tooltip), plus the first bin's start and the last bin's end at their bins'
 * heights, so that a `step: 'middle'` line spans the histogram from edge to edge.
 */
export function outline(curve: readonly DensityPoint[]): [number, number, number, number][] {
  const data = curve.map((point): [number, number, number, number] => [point.x, point.density, point.from, point.to]);
  const first = curve[0];
  const last = curve[curve.length - 1];
  if (!first || !last) return data;
  return [[first.from, first.density, first.from, first.to], ...data, [last.to, last.density, last.from, last.to]];
}

/** Each panel's x range: one over every layer and run (fixed by sigmoid or tanh when every run's layers use it), or per layer over the runs. */
function overlayRanges(perLayer: readonly (readonly (LayerValues | null)[])[], options: DistributionOptions): ValueRange[] {
  if (options.range === 'per-layer') return perLayer.map((values) => extentOf(values.flatMap((v) => (v ? [v.histogram] : []))));
  const shared = figureRange(perLayer.flat().flatMap((v) => (v ? [{ histogram: v.histogram, bounds: activationRange(options.kind, v.activationName) }] : [])));
  return perLayer.map(() => shared);
}

/**
 * A run's curve in an overlay panel: its histogram as a probability density over the bins'
 * centres; with zeros apart, the density of the values that are not 0, scaled by their share (so
 * its area is that share and the heading gives the rest, the share at 0).
 */
function densityOf(values: LayerValues, apart: boolean): DensityPoint[] {
  if (!apart) return histogramDensity(values.histogram);
  const rest = withoutZeros(values.histogram);
  const share = totalCount(values.histogram) > 0 ? totalCount(rest) / totalCount(values.histogram) : 0;
  return histogramDensity(rest).map((point) => ({ ...point, density: point.density * share }));
}

/**
 * Distributions overlaid, the initialization lesson's picture: one panel per layer, each run's
 * histogram of `kind` as a line over its own bins' centres, its counts turned into a probability
 * density (area 1) so runs with different batch sizes, weight counts or bin ranges compare; with
 * `scale: 'peak'` each curve is scaled to a highest point of 1 instead (shapes only, when one
 * run's spike flattens the others). Every panel is on ONE x range (sigmoid 0…1, tanh −1…1, else
 * one range over all layers and runs), or with `range: 'per-layer'` each on its own range over the
 * runs. Each panel's heading gives every run's standard deviation beside a dot of its colour, with
 * its ratio to the run's layer 1 and, when ReLU puts values at exactly 0, that share (the curve
 * then shows the other values).
 */
export function compareHistogramOverlayOption(entries: readonly RunSnapshot[], tr: DistributionTranslators, options: OverlayOptions): ChartOption {
  const text = KIND_TEXT[options.kind];
  const peak = options.scale === 'peak';
  const perRun = snapshotLayers(entries);
  const layers = layerIndices(perRun);
  const columns = compareColumns(layers.length);
  const rich = runMarkers(entries);
  const runs = entries.map((entry) => entry.run);
  const perLayer = layers.map((layer) => entries.map((entry) => (entry.snapshot ? layerValues(entry.snapshot, layer, options.kind) : null)));
  const ranges = overlayRanges(perLayer, options);
  const apart = zerosApart(options.kind, perLayer.flat().flatMap((v) => (v ? [v.histogram] : [])));
  const firstStds = firstLayerStds(entries, layers, options.kind);
  const perLine = apart ? 1 : STDS_PER_LINE;
  // The heading: the layer's name, then the runs' standard deviations, `perLine` to a line.
  const overlayHeading = headingClearance(Math.max(1, Math.ceil(entries.length / perLine)));

  const title = chartTitle(tr.compare(text.overlay));
  const panels = panelLists(title);
  let clipped = false;

  layers.forEach((layer, p) => {
    const box = panelBox(p, columns, COMPARE_PANEL_HEIGHT, HEADER_HEIGHT);
    const values = perLayer[p]!;
    const curves = values.map((v) => {
      if (!v) return null;
      const density = densityOf(v, apart);
      return peak ? peakNormalised(density) : density;
    });
    const peaks = curves.map((curve) => (curve ? Math.max(0, ...curve.map((point) => point.density)) : 0));
    const ceiling = peak ? null : densityCeiling(peaks);
    if (ceiling !== null) clipped = true;
    const spreads = values.map((v, k) => {
      const glyph = runStyleOf(runs[k]!.color).glyph;
      if (!v) return `{r${k}|${glyph}} ${tr.compare('panelMissing')}`;
      const ratio = p === 0 ? '' : ratioText(tr.histogram, v.std, firstStds[k] ?? null);
      const share = zeroShare(v.histogram);
      const zeros = !apart ? '' : ` · ${share === null ? tr.histogram('zeroShareUnknown') : tr.histogram('zeroShare', { percent: formatPercent(share) })}`;
      return `{r${k}|${glyph}} ${formatNumber(v.std)}${ratio ? ` (${ratio})` : ''}${zeros}${ceiling !== null && peaks[k]! > ceiling ? ' ↑' : ''}`;
    });
    panels.title.push(panelTitle(layerHeading(tr, layer, perRun), box, `${tr.compare('panelStd')}  ${inLines(spreads, perLine)}`, rich));
    panels.grid.push(panelGrid(box, overlayHeading, COMPARE_PANEL_HEIGHT));
    panels.xAxis.push(histogramValueAxis(p, ranges[p]!, tr.chart(text.axis), options.range !== 'per-layer'));
    // null, not absent: the chart merges options, and a cut-off top must not outlive its spike.
    panels.yAxis.push({ ...histogramHeightAxis(p, tr.compare(peak ? 'axisPeak' : 'axisDensity'), 40), ...(ceiling !== null ? roundTop(ceiling, 3) : { max: null, interval: null }) } as YAxisOption);
    curves.forEach((curve, k) => {
      if (!curve) return;
      const run = runs[k]!;
      panels.series.push({
        type: 'line',
        id: seriesId(k, `layer${layer}`),
        name: run.name,
        xAxisIndex: p,
        yAxisIndex: p,
        data: outline(curve),
        color: run.color,
        // Steps switching halfway between centres, i.e. at the bin edges: the histogram's outline.
        step: 'middle',
        showSymbol: false,
        lineStyle: { width: 2.25, type: runStyleOf(run.color).dash as 'solid' | number[] },
        areaStyle: { opacity: 0.12 },
        z: 3 + k,
      });
    });
  });

  const notes = layers.length === 0 ? [] : [rangeNote(tr, perLayer.flat().filter((v): v is LayerValues => v !== null), options.kind, options.range ?? 'shared', ranges[0] ?? null, true), apart ? tr.histogram('noteZerosOverlay') : null];
  title.subtext = [distributionSubtitle(tr, options, layers.length === 0), ...notes, clipped ? tr.compare('clippedNote') : ''].filter(Boolean).join(' · ');
  return compareChartOption({
    tr,
    fileName: chartFileName(`compare-${text.file}-overlay`, null, options.step),
    runs,
    trigger: 'axis',
    formatter: (params: unknown) => {
      const list = (Array.isArray(params) ? params : [params]) as AxisParam[];
      return list
        .flatMap((param) => {
          const run = runOfSeries(runs, param);
          const value = param.value as [number, number, number, number] | undefined;
          if (!run || !Array.isArray(value)) return [];
          const reading = tr.compare('tooltipDensity', { value: formatNumber(value[1]), from: formatNumber(value[2]), to: formatNumber(value[3]) });
          return [`${runLabel(param.marker, run.name)}: ${reading}`];
        })
        .join('<br/>');
    },
    ...panels,
  });
}
