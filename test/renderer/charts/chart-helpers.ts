import type { TrainingEvent } from '../../../engine/api/events';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import type { DataSplit } from '../../../engine/data/types';
import { findPreset } from '../../../engine/lab/presets';
import type { Trainer } from '../../../engine/train/trainer';
import type { ChartOption } from '../../../renderer/src/lib/charts/chart-option';
import type { PlanePoint } from '../../../renderer/src/lib/charts/decision-boundary-chart';
import { initChart } from '../../../renderer/src/lib/charts/echarts-setup';
import { RunSeries } from '../../../renderer/src/lib/charts/run-series';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { chartMessages } from '../../../renderer/src/lib/i18n/messages/charts';
import { histogramMessages, type HistogramTranslators } from '../../../renderer/src/lib/i18n/messages/histograms';
import { circleSpec, train } from '../../engine/train/run-helpers';

export const ko = translator(chartMessages, 'ko');
export const en = translator(chartMessages, 'en');
/** What the histogram figures' builders take, in either language. */
export const trKo: HistogramTranslators = { chart: ko, histogram: translator(histogramMessages, 'ko') };
export const trEn: HistogramTranslators = { chart: en, histogram: translator(histogramMessages, 'en') };

/** Renders an option to an SVG string with ECharts' server-side renderer (no DOM). */
export function renderSvg(option: ChartOption, width = 960, height = 420): string {
  const chart = initChart(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    // Undisposed charts keep an animation loop alive.
    chart.dispose();
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text drawn in an SVG (each <text> element's content, entities decoded). */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name] ?? whole;
    }),
  );
}

/** Number of drawn data elements (bars, heatmap cells, symbols) of series `index`, legend icons excluded. */
export function elementsOfSeries(svg: string, index: number): number {
  const elements = svg.match(/<path[^>]*>/g) ?? [];
  return elements.filter((element) => element.includes(`ecmeta_series_index="${index}"`) && element.includes('ecmeta_ssr_type="chart"')).length;
}

/** Arrays of a single-or-array option slot. */
export function list<T>(slot: T | T[] | undefined): T[] {
  return slot === undefined ? [] : Array.isArray(slot) ? slot : [slot];
}

/** A trained run's events fed into a RunSeries. */
export function seriesOf(events: TrainingEvent[]): RunSeries {
  const series = new RunSeries();
  series.apply(events);
  return series;
}

/** The lecture's vanishing-gradient network (10 sigmoid layers of 100, Xavier) on the small circle set. */
export function deepSigmoidSpec(): RunSpecInput {
  const preset = findPreset('vanishing-sigmoid');
  if (preset?.kind !== 'train') throw new Error('preset vanishing-sigmoid is missing');
  const hidden = preset.spec.layers.slice(0, -1);
  return circleSpec({
    name: 'sigmoid 10층',
    layers: [...hidden, { units: 2, activation: 'softmax', init: 'xavier' }],
    optimizer: { name: 'sgd', lr: 0.1 },
    training: { batchSize: 10, epochs: 2 },
    diagnostics: { every: 10, bins: 20 },
  });
}

/** Trains a spec; returns the events, the trainer and the dataset's points as the boundary chart takes them. */
export function trainWithPoints(spec: RunSpecInput): { events: TrainingEvent[]; trainer: Trainer; points: PlanePoint[] } {
  const { events, trainer } = train(spec);
  const points: PlanePoint[] = [...pointsOf(trainer.dataset.train, 'train'), ...(trainer.dataset.test ? pointsOf(trainer.dataset.test, 'test') : [])];
  return { events, trainer, points };
}

function pointsOf(split: DataSplit, name: 'train' | 'test'): PlanePoint[] {
  const { values, rows, cols, scale } = split.x;
  const labels = split.y.kind === 'classes' ? split.y.labels : null;
  return Array.from({ length: rows }, (_, r) => ({ x1: values[r * cols]! * scale, x2: values[r * cols + 1]! * scale, label: labels ? labels[r]! : 0, split: name }));
}

/** Every `fontSize` anywhere in an option. */
export function fontSizes(value: unknown, found: number[] = []): number[] {
  if (Array.isArray(value)) for (const item of value) fontSizes(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'fontSize' && typeof inner === 'number') found.push(inner);
      else fontSizes(inner, found);
    }
  }
  return found;
}
