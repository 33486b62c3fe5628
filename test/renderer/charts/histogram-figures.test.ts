import { describe, expect, it } from 'vitest';
import type { DiagnosticsEvent, Histogram } from '../../../engine/api/events';
import { figureRange, niceRange, withoutZeros, zeroShare } from '../../../engine/api/histogram-range';
import { findPreset } from '../../../engine/lab/presets';
import { runProbe, type ProbeOptionsInput } from '../../../engine/lab/probe';
import type { ChartOption, SeriesOption } from '../../../renderer/src/lib/charts/chart-option';
import { histogramGridOption, smallMultiplesHeight, type HistogramPanel, type HistogramRangeMode } from '../../../renderer/src/lib/charts/histogram-charts';
import { RIDGELINE_HEIGHT, defaultRidgeLayer, histogramRidgelineOption, ridgeRows } from '../../../renderer/src/lib/charts/histogram-ridgeline';
import { outlinePoints, type OutlinePoint } from '../../../renderer/src/lib/charts/histogram-shapes';
import { circleSpec, train } from '../../engine/train/run-helpers';
import { expectChartBasics } from './chart-basics';
import { list, renderSvg, seriesOf, svgTexts, trEn, trKo } from './chart-helpers';

/** The probe preset's options, on 300 samples (fast; the shapes are the same). */
function probeOf(id: string, override: Partial<ProbeOptionsInput> = {}) {
  const preset = findPreset(id);
  if (preset?.kind !== 'probe') throw new Error(`no probe preset ${id}`);
  return { options: { ...preset.probe, samples: 300, ...override }, result: runProbe({ ...preset.probe, samples: 300, ...override }) };
}

/** The probe's layers as the dialog's panels. */
function probePanels(id: string, override: Partial<ProbeOptionsInput> = {}): HistogramPanel[] {
  const { options, result } = probeOf(id, override);
  return result.layers.map((layer) => ({ label: `은닉층 ${layer.layer} (${options.activation})`, histogram: layer.histogram, mean: layer.mean, std: layer.std, activationName: options.activation }));
}

function figure(id: string, range: HistogramRangeMode = 'shared', override: Partial<ProbeOptionsInput> = {}): { panels: HistogramPanel[]; option: ChartOption } {
  const panels = probePanels(id, override);
  return { panels, option: histogramGridOption(panels, trKo, 'activation', { runName: id, columns: 5, range }) };
}

type Axis = { type?: string; min?: number; max?: number; name?: string };
const valueAxes = (option: ChartOption) => (list(option.xAxis) as Axis[]).filter((axis) => axis.type === 'value');
const outlines = (option: ChartOption) => (list(option.series) as SeriesOption[]).filter((s) => s.type === 'line');
const zeroBars = (option: ChartOption) => (list(option.series) as SeriesOption[]).filter((s) => s.type === 'bar');
/** Where an outline has height: from its first non-empty bin's start to its last one's end. */
function filledSpan(series: SeriesOption): { from: number; to: number } {
  const filled = (series.data as OutlinePoint[]).filter(([, height]) => height > 0);
  return { from: Math.min(...filled.map((point) => point[2])), to: Math.max(...filled.map((point) => point[3])) };
}

describe('the figure’s one shared x range', () => {
  it('is 0 … 1 for sigmoid and −1 … 1 for tanh, in every panel, as in the textbook', () => {
    for (const id of ['probe-sigmoid-std001', 'probe-sigmoid-xavier', 'probe-sigmoid-std1']) {
      const { option } = figure(id);
      expect(valueAxes(option)).toHaveLength(5);
      for (const axis of valueAxes(option)) expect(axis).toMatchObject({ min: 0, max: 1 });
      expect(list(option.title)[0]!.subtext).toContain('가로축: 모든 층 0 ~ 1 (sigmoid의 출력 범위)');
    }
    const { option: tanh } = figure('probe-sigmoid-xavier', 'shared', { activation: 'tanh' });
    for (const axis of valueAxes(tanh)) expect(axis).toMatchObject({ min: -1, max: 1 });
  });

  it('is one range over all layers for ReLU: from 0 to past the largest value of any layer', () => {
    for (const id of ['probe-relu-std001', 'probe-relu-he']) {
      const { panels, option } = figure(id);
      const largest = Math.max(...panels.map((panel) => panel.histogram.edges.at(-1)!));
      const axes = valueAxes(option);
      expect(axes).toHaveLength(5);
      for (const axis of axes) {
        expect(axis.min).toBe(0);
        expect(axis.max).toBe(axes[0]!.max);
        expect(axis.max).toBeGreaterThanOrEqual(largest);
        expect(axis.max).toBeLessThan(largest * 1.5);
      }
    }
  });

  it('gives each panel its own range in per-layer mode (the auto-ranged edges)', () => {
    const { panels, option } = figure('probe-relu-std001', 'per-layer');
    const axes = valueAxes(option);
    axes.forEach((axis, k) => {
      const edges = withoutZeros(panels[k]!.histogram).edges;
      expect(axis).toMatchObject({ min: edges[0], max: edges.at(-1) });
    });
    // Layer 5's values are a millionth of layer 1's: per layer, the axes differ by orders of magnitude.
    expect(axes[0]!.max! / axes[4]!.max!).toBeGreaterThan(1000);
    expect(list(option.title)[0]!.subtext).toContain('가로축: 층마다 자기 범위');
  });

  it('puts a std-0.01 sigmoid layer in a narrow part of 0 … 1, so it cannot look like Xavier’s', () => {
    const narrow = outlines(figure('probe-sigmoid-std001').option);
    const wide = outlines(figure('probe-sigmoid-xavier').option);
    narrow.forEach((series, k) => {
      const span = filledSpan(series);
      expect(span.from).toBeGreaterThan(0.35);
      expect(span.to).toBeLessThan(0.65);
      // From layer 2 on, all values within 0.45 … 0.55: a tenth of the axis at most.
      if (k > 0) expect(span.to - span.from).toBeLessThan(0.1);
      const xavier = filledSpan(wide[k]!);
      expect(xavier.to - xavier.from).toBeGreaterThan(4 * (span.to - span.from));
    });
    // Per layer, the same std-0.01 layers fill their whole axis: the look the shared range prevents.
    const perLayer = figure('probe-sigmoid-std001', 'per-layer').option;
    outlines(perLayer).forEach((series, k) => {
      const axis = valueAxes(perLayer)[k]!;
      const span = filledSpan(series);
      expect((span.to - span.from) / (axis.max! - axis.min!)).toBeGreaterThan(0.9);
    });
  });

  it('draws the outline at the histogram’s true edges, however narrow (no re-binning)', () => {
    const histogram: Histogram = { edges: [0.499, 0.5, 0.501], counts: [3, 5] };
    expect(outlinePoints(histogram, [3, 5])).toEqual([
      [0.499, 0, 0.499, 0.5, 3],
      [0.499, 3, 0.499, 0.5, 3],
      [0.4995, 3, 0.499, 0.5, 3],
      [0.5005, 5, 0.5, 0.501, 5],
      [0.501, 5, 0.5, 0.501, 5],
      [0.501, 0, 0.5, 0.501, 5],
    ]);
    expect(outlinePoints({ edges: [], counts: [] }, [])).toEqual([]);
    expect(outlinePoints(histogram, [3, 5], 2)[0]).toEqual([0.499, 2, 0.499, 0.5, 3]);
  });

  it('is computed from bounds and values alike (range rule)', () => {
    const h = (min: number, max: number): Histogram => ({ edges: [min, (min + max) / 2, max], counts: [1, 1] });
    expect(figureRange([{ histogram: h(0.48, 0.52), bounds: { min: 0, max: 1 } }])).toEqual({ min: 0, max: 1 });
    expect(figureRange([{ histogram: h(0, 0.41), bounds: null }, { histogram: h(0, 1e-6), bounds: null }])).toEqual({ min: 0, max: 0.45 });
    expect(figureRange([{ histogram: h(-2.3, 1.7), bounds: null }])).toEqual({ min: -2.5, max: 2 });
    expect(figureRange([{ histogram: h(-0.93, 0.88), bounds: null }])).toEqual({ min: -1, max: 1 });
    // Empty histograms (a live view's thinned snapshot) are left out; with nothing, 0 … 1.
    expect(figureRange([{ histogram: { edges: [], counts: [] }, bounds: null }])).toEqual({ min: 0, max: 1 });
    expect(niceRange({ min: 0, max: 9.3 })).toEqual({ min: 0, max: 10 });
  });
});

describe('the share of values exactly 0 (ReLU)', () => {
  it('stands apart as a grey bar per panel, the outline counting only the other values', () => {
    const { panels, option } = figure('probe-relu-he');
    const bars = zeroBars(option);
    expect(bars).toHaveLength(5);
    bars.forEach((bar, k) => {
      const histogram = panels[k]!.histogram;
      const share = zeroShare(histogram)!;
      expect(share).toBeGreaterThan(0.4);
      expect(bar.data).toEqual([share * 100]);
      // The outline's counts: everything but the zeros.
      const counts = (outlines(option)[k]!.data as OutlinePoint[]).slice(2, -2).map((point) => point[1]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(histogram.counts.reduce((a, b) => a + b, 0) - histogram.zeroCount!);
    });
    expect(list(option.title)[0]!.subtext).toContain('회색 막대: 정확히 0인 값의 비율');
    const texts = svgTexts(renderSvg(option, 1200, smallMultiplesHeight(5, 5)));
    expect(texts).toContain('0인 값');
    expect(texts).toContain(`${Math.round(zeroShare(panels[0]!.histogram)! * 100)}%`);
  });

  it('is not taken apart for sigmoid (no exact zeros) nor for runs recorded without zeroCount', () => {
    expect(zeroBars(figure('probe-sigmoid-xavier').option)).toHaveLength(0);
    const old = probePanels('probe-relu-he').map((panel) => ({ ...panel, histogram: { edges: panel.histogram.edges, counts: panel.histogram.counts } }));
    const option = histogramGridOption(old, trKo, 'activation', { columns: 5 });
    expect(zeroBars(option)).toHaveLength(0);
    expect(outlines(option)).toHaveLength(5);
  });
});

describe('each panel’s heading', () => {
  it('states its std and how it compares with layer 1', () => {
    const { panels, option } = figure('probe-relu-std001');
    const headings = list(option.title).slice(1);
    expect(headings.map((title) => title.text)).toEqual(panels.map((panel) => panel.label));
    const first = panels[0]!.std!;
    expect(headings[0]!.subtext).toContain(`표준편차 ${Number(first.toPrecision(3))}\n`);
    expect(headings[0]!.subtext).not.toContain('은닉층 1의');
    panels.slice(1).forEach((panel, k) => {
      const ratio = panel.std! / first;
      const written = ratio < 1e-3 ? ratio.toExponential(1).replace('e+', 'e') : String(Number(ratio.toPrecision(2)));
      expect(headings[k + 1]!.subtext).toMatch(new RegExp(`^표준편차 \\S+ \\(은닉층 1의 ${written.replace('.', '\\.')}배\\)\\n평균 `));
    });
    const english = histogramGridOption(panels, trEn, 'activation');
    expect(list(english.title)[2]!.subtext).toMatch(/^std \S+ \(\S+× hidden layer 1\)\nmean /);
  });

  it('keeps the basics of every chart (title, legend, tooltip, PNG, axis names, readable text)', () => {
    expectChartBasics(figure('probe-relu-he').option, 'nnlab-activations-probe-relu-he');
  });
});

describe('the distribution over training (ridgeline)', () => {
  // A deep ReLU network on the small circle set, a snapshot every 5 steps.
  const relu = { units: 16, activation: 'relu' as const, init: { name: 'normal' as const, std: 0.3 } };
  const events = train(circleSpec({ layers: [relu, relu, relu, { units: 2, activation: 'softmax' }], training: { batchSize: 10, epochs: 5 }, diagnostics: { every: 5, bins: 20 } })).events;
  const series = seriesOf(events);
  const snapshots = series.histogramSnapshots;

  it('keeps every snapshot with histograms, in step order, and skips the live view’s summaries', () => {
    expect(snapshots.length).toBeGreaterThan(12);
    const steps = snapshots.map((s) => s.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    const summary: DiagnosticsEvent = { ...snapshots.at(-1)!, step: 10_000, layers: snapshots.at(-1)!.layers.map((l) => ({ ...l, activation: { ...l.activation, histogram: { edges: [], counts: [] } } })) };
    series.push(summary);
    expect(series.histogramSnapshots.at(-1)!.step).not.toBe(10_000);
    expect(series.latestDiagnostics!.step).toBe(10_000);
  });

  it('has one series per shown snapshot, in time order, the newest in front at the bottom', () => {
    const layer = defaultRidgeLayer(series.layers);
    expect(layer).toBe(2);
    const option = histogramRidgelineOption(snapshots, layer, trKo, 'activation', { runName: 'relu' });
    expectChartBasics(option, 'nnlab-activations-over-time-layer3-relu');
    const rows = ridgeRows(snapshots, layer, 'activation');
    const lines = list(option.series) as (SeriesOption & { z: number; areaStyle: { origin: number } })[];
    expect(lines).toHaveLength(12);
    expect(rows).toHaveLength(12);
    expect(rows[0]!.step).toBe(snapshots[0]!.step);
    expect(rows.at(-1)!.step).toBe(snapshots.at(-1)!.step);
    expect(lines.map((s) => Number(s.name))).toEqual(rows.map((row) => row.step));
    expect(lines.map((s) => Number(s.name))).toEqual([...lines.map((s) => Number(s.name))].sort((a, b) => a - b));
    // The oldest row highest (at the back), the newest at 0 (in front).
    expect(lines.map((s) => s.areaStyle.origin)).toEqual(rows.map((_, i) => rows.length - 1 - i));
    expect(lines.map((s) => s.z)).toEqual([...lines.map((s) => s.z)].sort((a, b) => a - b));
    // Every row on one x range, from 0 for ReLU, the same whichever layer is shown (unless per layer).
    const axis = list(option.xAxis)[0] as Axis;
    expect(axis.min).toBe(0);
    for (const line of lines) expect(filledSpan(line).to).toBeLessThanOrEqual(axis.max!);
    const ranges = [0, 1, 2].map((l) => list(histogramRidgelineOption(snapshots, l, trKo, 'activation').xAxis)[0] as Axis);
    for (const other of ranges) expect(other).toMatchObject({ min: axis.min, max: axis.max });
    const own = [0, 2].map((l) => list(histogramRidgelineOption(snapshots, l, trKo, 'activation', { range: 'per-layer' }).xAxis)[0] as Axis);
    expect(own[0]!.max).not.toBe(own[1]!.max);
    // ReLU's zeros apart: the right-hand axis gives each row's share at 0.
    expect(list(option.yAxis)).toHaveLength(2);
    const texts = svgTexts(renderSvg(option, 1200, RIDGELINE_HEIGHT));
    expect(texts.some((text) => text.startsWith('단계별 분포 변화: 은닉층 3 (ReLU) 활성화 값'))).toBe(true);
    expect(texts).toContain(String(rows.at(-1)!.step));
    expect(texts.some((text) => /^\d+\.\d%$/.test(text))).toBe(true);
  });

  it('is drawn on sigmoid’s 0 … 1, and in replay only up to the replayed step', () => {
    const sigmoid = { units: 8, activation: 'sigmoid' as const };
    const run = train(circleSpec({ layers: [sigmoid, sigmoid, { units: 2, activation: 'softmax' }], training: { batchSize: 10, epochs: 1 }, diagnostics: { every: 5, bins: 20 } })).events;
    const upTo = run.filter((event) => !('step' in event) || event.step <= 20);
    const replayed = seriesOf(upTo).histogramSnapshots;
    expect(Math.max(...replayed.map((s) => s.step))).toBeLessThanOrEqual(20);
    const option = histogramRidgelineOption(replayed, 0, trEn, 'activation');
    expect(list(option.xAxis)[0]).toMatchObject({ min: 0, max: 1 });
    expect(list(option.series)).toHaveLength(replayed.length);
    expect(list(option.yAxis)).toHaveLength(1);
    expect(svgTexts(renderSvg(option, 1000, RIDGELINE_HEIGHT)).some((text) => text.startsWith('Distribution over training: Hidden layer 1 (sigmoid), activations'))).toBe(true);
  });

  it('says there is no data before the first snapshot', () => {
    const option = histogramRidgelineOption([], 0, trKo, 'activation');
    expect(list(option.series)).toHaveLength(0);
    expect(svgTexts(renderSvg(option))).toContain('아직 데이터가 없습니다');
  });
});
