import { describe, expect, it } from 'vitest';
import type { DiagnosticsEvent, TrainingEvent } from '../../../engine/api/events';
import type { ChartOption, SeriesOption } from '../../../renderer/src/lib/charts/chart-option';
import { compareBatchLossOption } from '../../../renderer/src/lib/charts/compare/batch-loss-chart';
import type { ComparedRun } from '../../../renderer/src/lib/charts/compare/compared-run';
import type { DistributionTranslators } from '../../../renderer/src/lib/charts/compare/distribution-values';
import { CLIP_RATIO, densityCeiling } from '../../../renderer/src/lib/charts/compare/density-scale';
import { compareGradientOption, logRange } from '../../../renderer/src/lib/charts/compare/gradient-panels';
import { compareHistogramMatrixOption, histogramMatrixHeight, matrixCellHeight } from '../../../renderer/src/lib/charts/compare/histogram-matrix';
import { compareHistogramOverlayOption, outline } from '../../../renderer/src/lib/charts/compare/histogram-overlay';
import { TOP_TICK_ROOM, panelChartHeight } from '../../../renderer/src/lib/charts/compare/panel-skeleton';
import { SMALL_FONT_SIZE } from '../../../renderer/src/lib/charts/chart-style';
import type { GridOption, TitleOption } from '../../../renderer/src/lib/charts/chart-option';
import { compareAccuracyOption, compareEvalLossOption } from '../../../renderer/src/lib/charts/compare/train-test-curves';
import { compareGapOption, gapChartHeight } from '../../../renderer/src/lib/charts/compare/train-test-gap-chart';
import { MAX_DISPLAY_POINTS, thinIndices } from '../../../renderer/src/lib/charts/run-series';
import { extremeIndices } from '../../../renderer/src/lib/charts/extreme-decimation';
import { histogramDensity, snapshotAtOrBefore } from '../../../renderer/src/lib/compare/histogram-density';
import { RUN_COLORS, runColor } from '../../../renderer/src/lib/compare/run-colors';
import { emaSmooth } from '../../../renderer/src/lib/compare/smoothing';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { chartMessages } from '../../../renderer/src/lib/i18n/messages/charts';
import { compareMessages } from '../../../renderer/src/lib/i18n/messages/compare';
import { histogramMessages } from '../../../renderer/src/lib/i18n/messages/histograms';
import { circleSpec, eventsOf, train } from '../../engine/train/run-helpers';
import { expectChartBasics } from '../charts/chart-basics';
import { fontSizes, list, renderSvg, seriesOf, svgTexts } from '../charts/chart-helpers';

const ko: DistributionTranslators = { chart: translator(chartMessages, 'ko'), compare: translator(compareMessages, 'ko'), histogram: translator(histogramMessages, 'ko') };
const en: DistributionTranslators = { chart: translator(chartMessages, 'en'), compare: translator(compareMessages, 'en'), histogram: translator(histogramMessages, 'en') };

/** The lecture's initialization comparison in small: three hidden layers, tanh vs sigmoid vs sigmoid with std 0.01. */
function layers(activation: 'tanh' | 'sigmoid', init?: { name: 'normal'; std: number }) {
  const hidden = { units: 8, activation, ...(init ? { init } : {}) };
  return [hidden, hidden, hidden, { units: 2, activation: 'softmax' as const }];
}
const specs = [
  circleSpec({ name: 'tanh', layers: layers('tanh'), training: { batchSize: 10, epochs: 4 } }),
  circleSpec({ name: 'sigmoid', layers: layers('sigmoid'), training: { batchSize: 10, epochs: 4 } }),
  circleSpec({ name: 'sigmoid std 0.01', layers: layers('sigmoid', { name: 'normal', std: 0.01 }), training: { batchSize: 10, epochs: 4 } }),
];
const trained = specs.map((spec) => train(spec).events);
const runs: ComparedRun[] = trained.map((events, k) => ({ id: `run-${k}`, name: specs[k]!.name!, color: runColor(k), series: seriesOf(events) }));
const diagnostics = trained.map((events) => eventsOf(events, 'diagnostics'));
const LAYERS = 4;

type Data = [number, number | null, ...number[]][];
const seriesList = (option: ChartOption) => list(option.series) as SeriesOption[];
const dataOf = (series: SeriesOption) => series.data as Data;
const lineStyleOf = (series: SeriesOption) => (series as { lineStyle?: { opacity?: number; type?: string } }).lineStyle;
/** The runs' own series (the style key's grey entries left out). */
const runSeries = (option: ChartOption) => seriesList(option).filter((s) => runs.some((run) => run.name === s.name));

/** Every run's series carries the run's colour, and the run legend lists the runs in order. */
function expectRunColours(option: ChartOption): void {
  const series = runSeries(option);
  expect(series.length).toBeGreaterThan(0);
  for (const s of series) expect(s.color, `${String(s.name)}'s colour`).toBe(runs.find((run) => run.name === s.name)!.color);
  expect(list(option.legend)[0]!.data).toEqual(runs.map((run) => run.name));
  const svg = renderSvg(option, 1400, 900).toLowerCase();
  for (const run of runs) expect(svg).toContain(run.color.toLowerCase());
}

describe('run colours', () => {
  it('are the colour-blind-safe run palette, one per run in order, the same whichever chart draws them', () => {
    expect(RUN_COLORS).toEqual(['#332288', '#999900', '#663300', '#009999', '#CC3366', '#9900FF']);
    expect(runs.map((run) => run.color)).toEqual(RUN_COLORS.slice(0, 3));
    expect(runColor(6)).toBe(RUN_COLORS[0]);
    const entries = runs.map((run, k) => ({ run, snapshot: diagnostics[k]![0]! }));
    for (const option of [
      compareBatchLossOption(runs, ko, { smoothing: 0.6 }),
      compareEvalLossOption(runs, ko),
      compareAccuracyOption(runs, ko),
      compareGapOption(runs, ko),
      compareGradientOption(runs, ko),
      compareHistogramOverlayOption(entries, ko, { kind: 'activation', step: 0 }),
      compareHistogramMatrixOption(entries, ko, { kind: 'weight', step: 0 }),
    ]) {
      expectRunColours(option);
    }
  });
});

describe('batch loss', () => {
  it('draws each run’s TensorBoard-smoothed loss over its raw loss, faint, in the run’s colour', () => {
    const option = compareBatchLossOption(runs, ko, { smoothing: 0.6 });
    expectChartBasics(option, 'nnlab-compare-batch-loss');
    const series = seriesList(option);
    expect(series.map((s) => s.id)).toEqual(['0:smoothed', '0:raw', '1:smoothed', '1:raw', '2:smoothed', '2:raw']);
    const steps = runs[0]!.series.steps;
    expect(dataOf(series[0]!)).toEqual(steps.step.map((step, i) => [step, emaSmooth(steps.loss, 0.6)[i]]));
    expect(dataOf(series[1]!)).toEqual(steps.step.map((step, i) => [step, steps.loss[i]]));
    expect(lineStyleOf(series[1]!)?.opacity).toBeLessThan(0.5);
    expect(list(option.title)[0]!.subtext).toContain('평활 0.60');
    const texts = svgTexts(renderSvg(option));
    for (const text of ['배치 손실', '단계 (가중치 갱신 횟수)', '손실 (샘플당 평균)', 'tanh', 'sigmoid std 0.01']) expect(texts).toContain(text);
  });

  it('draws only the raw losses at full strength without smoothing; epochs and a log axis on request', () => {
    const option = compareBatchLossOption(runs, en, { smoothing: 0, xAxis: 'epoch', logScale: true });
    expect(seriesList(option).map((s) => s.id)).toEqual(['0:raw', '1:raw', '2:raw']);
    expect(lineStyleOf(seriesList(option)[0]!)).not.toHaveProperty('opacity');
    expect(list(option.yAxis)[0]).toMatchObject({ type: 'log' });
    // 15 steps per epoch, 4 epochs: the axis ends at the final evaluation, after step 60 = epoch 4.
    expect(list(option.xAxis)[0]).toMatchObject({ name: 'Epoch (passes over the training data)', min: 0, max: 4 });
    expect(dataOf(seriesList(option)[0]!).at(-1)![0]).toBeCloseTo(59 / 15, 12);
    expect(list(option.title)[0]!.subtext).toBe('Raw values (no smoothing)');
  });

  it('smooths a long run at full resolution, then thins it to MAX_DISPLAY_POINTS', () => {
    const loss = Array.from({ length: 7000 }, (_, step) => 1 / (1 + step / 100) + (step % 2 ? 0.2 : -0.2));
    const events: TrainingEvent[] = loss.map((value, step) => ({ type: 'step', step, epoch: 0, loss: value, dataLoss: value }));
    const long: ComparedRun = { id: 'long', name: 'long', color: runColor(0), series: seriesOf(events) };
    const [smoothed, raw] = seriesList(compareBatchLossOption([long], en, { smoothing: 0.9 }));
    const full = emaSmooth(loss, 0.9);
    const kept = extremeIndices(7000, [loss], MAX_DISPLAY_POINTS);
    expect(kept.length).toBeLessThanOrEqual(MAX_DISPLAY_POINTS);
    expect(dataOf(smoothed!)).toEqual(kept.map((i) => [i, full[i]]));
    expect(dataOf(raw!).at(-1)).toEqual([6999, loss[6999]]);
  });

  it('keeps a single loss spike of a long run in the comparison (keeping every n-th step dropped it)', () => {
    const loss = Array.from({ length: 30_000 }, (_, step) => 1 / (1 + step / 100));
    loss[12_345] = 40;
    expect(thinIndices(loss.length, MAX_DISPLAY_POINTS)).not.toContain(12_345);
    const events: TrainingEvent[] = loss.map((value, step) => ({ type: 'step', step, epoch: 0, loss: value, dataLoss: value }));
    const long: ComparedRun = { id: 'long', name: 'long', color: runColor(0), series: seriesOf(events) };
    const [raw] = seriesList(compareBatchLossOption([long], en));
    expect(dataOf(raw!)).toContainEqual([12_345, 40]);
  });
});

describe('evaluated loss and accuracy', () => {
  it('draw train solid and test dashed per run, with a key to the line styles that cannot hide anything', () => {
    const option = compareEvalLossOption(runs, ko);
    const legends = list(option.legend);
    expect(legends).toHaveLength(2);
    expect(legends[1]).toMatchObject({ data: ['훈련', '시험'], selectedMode: false });
    const series = runSeries(option);
    expect(series.map((s) => s.id)).toEqual(['0:train', '0:test', '1:train', '1:test', '2:train', '2:test']);
    expect(series.map((s) => lineStyleOf(s)?.type)).toEqual(['solid', 'dashed', 'solid', 'dashed', 'solid', 'dashed']);
    const evals = eventsOf(trained[1]!, 'eval');
    expect(dataOf(series[3]!)).toEqual(evals.map((e) => [e.step, e.test!.loss]));
    const texts = svgTexts(renderSvg(option));
    for (const text of ['평가 손실: 훈련과 시험', '실선: 훈련 데이터 · 점선: 시험 데이터', '훈련', '시험']) expect(texts).toContain(text);
  });

  it('show accuracy in % from 0 to 100', () => {
    const option = compareAccuracyOption(runs, en);
    expect(list(option.yAxis)[0]).toMatchObject({ name: 'Accuracy (%)', min: 0, max: 100 });
    const evals = eventsOf(trained[0]!, 'eval');
    const train = runSeries(option)[0]!;
    dataOf(train).forEach(([, value], i) => expect(value).toBeCloseTo(evals[i]!.train.accuracy! * 100, 10));
  });

  it('tooltips put each run on one line with its train and test values, names escaped', () => {
    const option = compareEvalLossOption([{ ...runs[0]!, name: '<b>tanh</b>' }], en);
    const formatter = (list(option.tooltip)[0] as { formatter: (params: unknown) => string }).formatter;
    const html = formatter([
      { seriesId: '0:train', value: [15, 0.61234], marker: '●', axisValue: 15 },
      { seriesId: '0:test', value: [15, 0.65], marker: '●', axisValue: 15 },
    ]);
    expect(html).toBe('<b>step 15</b><br/>●&#60;b&#62;tanh&#60;/b&#62;: train 0.6123 · test 0.65');
  });
});

describe('train/test gap', () => {
  it('plots train − test accuracy (percentage points) above test − train loss, per run', () => {
    const option = compareGapOption(runs, ko);
    expect(list(option.grid)).toHaveLength(2);
    expect(list(option.yAxis).map((axis) => axis.name)).toEqual(['격차 (%p)', '격차 (손실)']);
    const evals = eventsOf(trained[0]!, 'eval');
    const [accuracyGap, lossGap] = [runSeries(option).find((s) => s.id === '0:accuracy')!, runSeries(option).find((s) => s.id === '0:loss')!];
    dataOf(accuracyGap).forEach(([step, value], i) => {
      expect(step).toBe(evals[i]!.step);
      expect(value).toBeCloseTo((evals[i]!.train.accuracy! - evals[i]!.test!.accuracy!) * 100, 10);
    });
    dataOf(lossGap).forEach(([, value], i) => expect(value).toBeCloseTo(evals[i]!.test!.loss - evals[i]!.train.loss, 12));
    const texts = svgTexts(renderSvg(option, 740, gapChartHeight(runs)));
    for (const text of ['훈련–시험 격차', '정확도 격차 = 훈련 − 시험', '손실 격차 = 시험 − 훈련']) expect(texts).toContain(text);
  });
});

describe('gradient size per layer', () => {
  const option = compareGradientOption(runs, ko);

  it('gives each layer a panel with a line per run, on one log range shared by every panel', () => {
    expect(list(option.grid)).toHaveLength(LAYERS);
    const yAxes = list(option.yAxis);
    expect(new Set(yAxes.map((axis) => `${axis.type}:${String(axis.min)}:${String(axis.max)}`)).size).toBe(1);
    expect(yAxes[0]).toMatchObject({ type: 'log', name: '‖∂L/∂W‖ (로그)' });
    const norms = runs.flatMap((run) => run.series.gradientNorms().values.flat());
    expect(yAxes[0]).toMatchObject(logRange(norms)!);
    const series = seriesList(option);
    expect(series).toHaveLength(LAYERS * runs.length);
    const first = series.find((s) => s.id === '2:layer0')!;
    expect(first.xAxisIndex).toBe(0);
    expect(dataOf(first).map(([, norm]) => norm)).toEqual(diagnostics[2]!.map((d) => d.layers[0]!.gradNorm));
  });

  it('shows the vanishing gradient: std 0.01 sigmoid’s first layer is far below tanh’s', () => {
    const tanh = dataOf(seriesList(option).find((s) => s.id === '0:layer0')!);
    const tiny = dataOf(seriesList(option).find((s) => s.id === '2:layer0')!);
    tiny.forEach(([, norm], i) => expect(norm!).toBeLessThan(tanh[i]![1]! / 100));
    const texts = svgTexts(renderSvg(option, 1500, panelChartHeight(LAYERS)));
    for (const text of ['층별 기울기 크기 ‖∂L/∂W‖', '은닉층 1', '출력층 (softmax)', '단계']) expect(texts).toContain(text);
  });

  it('names its log range by whole decades', () => {
    expect(logRange([0.003, 0.2, null, 0, Number.NaN])).toEqual({ min: 0.001, max: 1, interval: 1 });
    expect(logRange([1])).toEqual({ min: 1, max: 10, interval: 1 });
    // Twelve decades: a tick every third.
    expect(logRange([3e-12, 0.5])).toEqual({ min: 1e-12, max: 1, interval: 3 });
    expect(logRange([null])).toBeNull();
  });
});

describe('distributions at a step', () => {
  const at = (step: number) => runs.map((run, k) => ({ run, snapshot: snapshotAtOrBefore(diagnostics[k]!, step) }));

  it('overlay each run’s density, one panel per layer, with each run’s std in the heading', () => {
    const entries = at(0);
    const option = compareHistogramOverlayOption(entries, ko, { kind: 'activation', step: 0 });
    expectChartBasics(option, 'nnlab-compare-activations-overlay');
    expect(list(option.grid)).toHaveLength(LAYERS);
    const series = seriesList(option);
    expect(series).toHaveLength(LAYERS * runs.length);
    const tanhFirst = series.find((s) => s.id === '0:layer0')!;
    const histogram = entries[0]!.snapshot!.layers[0]!.activation.histogram;
    const density = histogramDensity(histogram);
    // Each bin at its centre, and the outer edges, drawn as steps: the histogram's outline.
    expect(tanhFirst).toMatchObject({ step: 'middle' });
    expect(dataOf(tanhFirst)).toEqual([
      [histogram.edges[0], density[0]!.density, density[0]!.from, density[0]!.to],
      ...density.map((p) => [p.x, p.density, p.from, p.to]),
      [histogram.edges.at(-1), density.at(-1)!.density, density.at(-1)!.from, density.at(-1)!.to],
    ]);
    // Density: area 1 whatever the number of values.
    const area = dataOf(tanhFirst).slice(1, -1).reduce((sum, [, height, from, to]) => sum + height! * (to! - from!), 0);
    expect(area).toBeCloseTo(1, 10);
    const heading = list(option.title)[1]!;
    expect(heading.text).toBe('은닉층 1');
    expect(heading.subtext).toContain(`{r0|●} ${Number(entries[0]!.snapshot!.layers[0]!.activation.std!.toPrecision(3))}`);
    const texts = svgTexts(renderSvg(option, 1500, panelChartHeight(LAYERS)));
    for (const text of ['층별 활성화 값 분포: 겹쳐 보기', '활성화 값 a = f(z)', '확률 밀도', '출력층 (softmax)']) expect(texts).toContain(text);
  });

  it('cut the y axis above a spike that dwarfs the other runs (std 0.01), and mark that run', () => {
    const option = compareHistogramOverlayOption(at(0), ko, { kind: 'activation', step: 0 });
    const first = list(option.yAxis)[0] as { max: number | null; interval: number | null };
    const peaks = [0, 1, 2].map((k) => Math.max(...dataOf(seriesList(option).find((s) => s.id === `${k}:layer0`)!).map(([, d]) => d!)));
    expect(peaks[2]).toBeGreaterThan(CLIP_RATIO * Math.min(peaks[0]!, peaks[1]!));
    expect(first.max).toBeGreaterThanOrEqual(2 * Math.max(peaks[0]!, peaks[1]!));
    expect(first.max).toBeLessThan(peaks[2]!);
    expect(list(option.title)[1]!.subtext).toMatch(/\{r2\|▲\} \S+ ↑/);
    expect(list(option.title)[0]!.subtext).toContain('↑');
    expect(outline([])).toEqual([]);
    expect(outline([{ x: 0.5, density: 1, from: 0, to: 1 }])).toEqual([[0, 1, 0, 1], [0.5, 1, 0, 1], [1, 1, 0, 1]]);
    expect(densityCeiling([1, 2, 3])).toBeNull();
    expect(densityCeiling([100, 2, 1])).toBe(4);
    expect(densityCeiling([15, 2, 1])).toBeNull();
    // Two spikes among six runs: both cut, the four broad curves fill the panel.
    expect(densityCeiling([85, 70, 5, 4, 3, 0.3])).toBe(10);
    expect(densityCeiling([53, 1.6])).toBe(3.2);
  });

  it('scale every curve to a peak of 1 to compare shapes, with no cut', () => {
    const option = compareHistogramOverlayOption(at(0), en, { kind: 'weight', step: 0, scale: 'peak' });
    for (const s of seriesList(option)) expect(Math.max(...dataOf(s).map(([, d]) => d!))).toBeCloseTo(1, 12);
    for (const axis of list(option.yAxis)) expect(axis).toMatchObject({ name: 'Relative height', max: null });
  });

  it('put runs side by side: a column per run, a row per layer, bars in % of the values', () => {
    const last = Math.max(...diagnostics.map((d) => d.at(-1)!.step));
    const entries = at(last);
    const option = compareHistogramMatrixOption(entries, ko, { kind: 'weight', step: last });
    expectChartBasics(option, `nnlab-compare-weights-side-by-side-step${last}`);
    expect(list(option.grid)).toHaveLength(LAYERS * runs.length);
    const series = seriesList(option).filter((s) => s.type === 'line');
    const bins = entries[0]!.snapshot!.layers[0]!.weights.histogram.counts.length;
    series.forEach((s) => {
      // Each cell's outline at its true edges, heights in % of the values: they add up to 100.
      expect(s).toMatchObject({ type: 'line', step: 'middle' });
      const heights = dataOf(s).slice(2, -2).map(([, height]) => height!);
      expect(heights).toHaveLength(bins);
      expect(heights.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    });
    const texts = svgTexts(renderSvg(option, 1500, histogramMatrixHeight(LAYERS, 'weight')));
    for (const run of runs) expect(texts).toContain(run.name);
    expect(texts.some((text) => text.startsWith('정확히 0:'))).toBe(true);
    expect(texts).toContain('가중치 값 w');
    // Column headings in the run's colour.
    expect(list(option.title)[1]).toMatchObject({ text: 'tanh', textStyle: { color: runs[0]!.color } });
  });

  it('draw every layer and run on one x range (tanh and sigmoid together: −1 … 1), or per layer shared by the runs', () => {
    const entries = at(0);
    for (const option of [compareHistogramOverlayOption(entries, ko, { kind: 'activation', step: 0 }), compareHistogramMatrixOption(entries, ko, { kind: 'activation', step: 0 })]) {
      const axes = list(option.xAxis) as { min?: number; max?: number }[];
      expect(axes.length).toBeGreaterThanOrEqual(LAYERS);
      for (const axis of axes) expect(axis).toMatchObject({ min: -1, max: 1 });
      expect(list(option.title)[0]!.subtext).toContain('가로축: 모든 층과 실행이 -1 ~ 1');
    }
    // Pre-activations: one range over every layer and run, from their values.
    const pre = compareHistogramMatrixOption(entries, ko, { kind: 'preactivation', step: 0 });
    const preAxes = list(pre.xAxis) as { min: number; max: number }[];
    const lowest = Math.min(...entries.flatMap((e) => e.snapshot!.layers.map((l) => l.preactivation.histogram.edges[0]!)));
    for (const axis of preAxes) {
      expect(axis).toMatchObject({ min: preAxes[0]!.min, max: preAxes[0]!.max });
      expect(axis.min).toBeLessThanOrEqual(lowest);
    }
    // Per layer: the runs of one row share its range, rows differ.
    const perLayer = compareHistogramMatrixOption(entries, ko, { kind: 'preactivation', step: 0, range: 'per-layer' });
    const axes = list(perLayer.xAxis) as { min: number; max: number }[];
    for (let row = 0; row < LAYERS; row++) {
      const cells = axes.slice(row * runs.length, (row + 1) * runs.length);
      for (const cell of cells) expect(cell).toMatchObject({ min: cells[0]!.min, max: cells[0]!.max });
    }
    expect(new Set(axes.map((axis) => axis.max)).size).toBeGreaterThan(1);
    const overlay = compareHistogramOverlayOption(entries, en, { kind: 'preactivation', step: 0, range: 'per-layer' });
    expect(list(overlay.title)[0]!.subtext).toContain('each layer its own range, the same for every run');
  });

  it('give each cell its std against the run’s layer 1', () => {
    const entries = at(0);
    const matrix = compareHistogramMatrixOption(entries, ko, { kind: 'activation', step: 0 });
    const cells = list(matrix.title).slice(1 + runs.length);
    const std = (k: number, layer: number) => entries[k]!.snapshot!.layers[layer]!.activation.std!;
    expect(cells[0]!.subtext).toMatch(/^표준편차 \S+\n평균 /);
    const ratio = String(Number((std(2, 1) / std(2, 0)).toPrecision(2)));
    expect(cells[runs.length + 2]!.subtext).toContain(`(은닉층 1의 ${ratio}배)`);
    const overlay = compareHistogramOverlayOption(entries, ko, { kind: 'activation', step: 0 });
    expect(list(overlay.title)[2]!.subtext).toContain(`{r2|▲} ${Number(std(2, 1).toPrecision(3))} (${ratio}배)`);
  });

  it('show ReLU’s share at exactly 0 apart: a grey bar per cell, the run’s share in each overlay heading', () => {
    const relu = { units: 8, activation: 'relu' as const };
    const reluRun = train(circleSpec({ name: 'relu', layers: [relu, relu, { units: 2, activation: 'softmax' }], training: { batchSize: 10, epochs: 1 } })).events;
    const snapshot = eventsOf(reluRun, 'diagnostics')[0]!;
    const entries = [{ run: runs[0]!, snapshot: diagnostics[0]![0]! }, { run: { ...runs[1]!, name: 'relu' }, snapshot }];
    const matrix = compareHistogramMatrixOption(entries, ko, { kind: 'activation', step: 0 });
    const bars = seriesList(matrix).filter((s) => s.type === 'bar');
    const zeros = snapshot.layers[0]!.activation.histogram.zeroCount! / snapshot.layers[0]!.activation.histogram.counts.reduce((a, b) => a + b, 0);
    expect(zeros).toBeGreaterThan(0.2);
    expect(bars.find((bar) => bar.id === '1:layer0:zero')!.data).toEqual([zeros * 100]);
    expect(list(matrix.title)[0]!.subtext).toContain('회색 막대');
    const overlay = compareHistogramOverlayOption(entries, ko, { kind: 'activation', step: 0 });
    expect(list(overlay.title)[1]!.subtext).toContain(`0인 값 ${(zeros * 100).toFixed(1)}%`);
    // The relu curve's area is the share of values that are not 0.
    const curve = dataOf(seriesList(overlay).find((s) => s.id === '1:layer0')!).slice(1, -1);
    expect(curve.reduce((sum, [, height, from, to]) => sum + height! * (to! - from!), 0)).toBeCloseTo(1 - zeros, 10);
  });

  it('split ReLU’s zeros side by side: each cell’s bars count only the values that are not 0, on the one shared range, beside its share at 0', () => {
    const relu = { units: 8, activation: 'relu' as const };
    const reluRun = train(circleSpec({ name: 'relu', layers: [relu, relu, { units: 2, activation: 'softmax' }], training: { batchSize: 10, epochs: 1 } })).events;
    const snapshot = eventsOf(reluRun, 'diagnostics')[0]!;
    const entries = [{ run: runs[0]!, snapshot: diagnostics[0]![0]! }, { run: { ...runs[1]!, name: 'relu' }, snapshot }];
    const matrix = compareHistogramMatrixOption(entries, ko, { kind: 'activation', step: 0 });
    const series = seriesList(matrix);
    for (const layer of [0, 1]) {
      const histogram = snapshot.layers[layer]!.activation.histogram;
      const zeros = (100 * histogram.zeroCount!) / histogram.counts.reduce((a, b) => a + b, 0);
      expect(zeros, `layer ${layer + 1}`).toBeGreaterThan(20);
      const bar = series.find((s) => s.id === `1:layer${layer}:zero`)!;
      expect((bar.data as number[])[0]).toBeCloseTo(zeros, 10);
      expect((bar as { label: { formatter: () => string } }).label.formatter()).toBe(`${Math.round(zeros)}%`);
      // The bars beside it: the other values only, so bars and share add up to 100 % and no bar at 0 towers over the rest.
      const heights = dataOf(series.find((s) => s.id === `1:layer${layer}`)!).slice(2, -2).map(([, height]) => height!);
      expect(heights.reduce((a, b) => a + b, 0) + zeros).toBeCloseTo(100, 8);
      expect(Math.max(...heights)).toBeLessThan(zeros);
    }
    // Every cell's value axis is the figure's one range (tanh −1…1 and ReLU together), the zero bars on their own category axes.
    const valueAxes = (list(matrix.xAxis) as { type: string; min?: number; max?: number }[]).filter((axis) => axis.type === 'value');
    expect(valueAxes.length).toBe(LAYERS + 3);
    for (const axis of valueAxes) expect(axis).toMatchObject({ min: valueAxes[0]!.min, max: valueAxes[0]!.max });
  });

  it('write the range of a spike too narrow to see beside it (sigmoid at std 0.01 on tanh’s −1 … 1), and nothing beside a wide one', () => {
    const matrix = compareHistogramMatrixOption(at(0), ko, { kind: 'activation', step: 0 });
    const label = (id: string) => seriesList(matrix).find((s) => s.id === id) as SeriesOption & { data: number[][]; label: { formatter: () => string; position: string } };
    // std 0.01's second layer: every value within a few thousandths of 0.5.
    const { edges } = diagnostics[2]![0]!.layers[1]!.activation.histogram;
    expect((edges.at(-1)! - edges[0]!) / 2).toBeLessThan(0.02);
    const narrow = label('2:layer1:narrow');
    expect(narrow.data).toHaveLength(1);
    // Right of the axis's middle: the label on its left, pointing at it.
    const [, from, to] = /^값이 모두 →\n(0\.\d+) ~ (0\.\d+)$/.exec(narrow.label.formatter())!;
    expect(narrow.label.position).toBe('left');
    expect(Number(from)).toBeLessThan(Number(to));
    // tanh's spread-out layer: no label.
    expect(label('0:layer1:narrow').data).toEqual([]);
    // On the drawn chart.
    expect(svgTexts(renderSvg(matrix, 1500, histogramMatrixHeight(LAYERS)))).toContain('값이 모두 →');
  });

  it('draw runs recorded before histograms counted their zeros as before, and say so beside runs that count them', () => {
    const relu = { units: 8, activation: 'relu' as const };
    const reluRun = train(circleSpec({ name: 'relu', layers: [relu, relu, { units: 2, activation: 'softmax' }], training: { batchSize: 10, epochs: 1 } })).events;
    const snapshot = eventsOf(reluRun, 'diagnostics')[0]!;
    const older = structuredClone(snapshot);
    for (const layer of older.layers) for (const histogram of [layer.activation.histogram, layer.preactivation.histogram, layer.weights.histogram]) delete histogram.zeroCount;
    const heightsOf = (option: ChartOption, id: string) => dataOf(seriesList(option).find((s) => s.id === id)!).slice(2, -2).map(([, height]) => height!);
    // Alone: no grey bar, the zeros in the bars (all the values add up to 100 %).
    const alone = compareHistogramMatrixOption([{ run: { ...runs[0]!, name: 'older relu' }, snapshot: older }], ko, { kind: 'activation', step: 0 });
    expect(seriesList(alone).filter((s) => s.type === 'bar')).toEqual([]);
    expect(list(alone.title)[0]!.subtext).not.toContain('회색 막대');
    expect(heightsOf(alone, '0:layer0').reduce((a, b) => a + b, 0)).toBeCloseTo(100, 8);
    // Beside a run that counts them: its grey bar is empty and says "–"; its tooltip says why.
    const mixed = compareHistogramMatrixOption([{ run: { ...runs[0]!, name: 'relu' }, snapshot }, { run: { ...runs[1]!, name: 'older relu' }, snapshot: older }], ko, { kind: 'activation', step: 0 });
    const bar = seriesList(mixed).find((s) => s.id === '1:layer0:zero')!;
    expect(bar.data).toEqual([0]);
    expect((bar as { label: { formatter: () => string } }).label.formatter()).toBe('–');
    expect(heightsOf(mixed, '1:layer0').reduce((a, b) => a + b, 0)).toBeCloseTo(100, 8);
    const tooltip = (list(mixed.tooltip)[0] as { formatter: (params: unknown) => string }).formatter([{ seriesId: '1:layer0:zero', value: 0, marker: '' }]);
    expect(tooltip).toContain('따로 세지 않았습니다');
  });

  it.each(['activation', 'weight'] as const)('leave room under each %s cell’s heading: its statistics end above the plot’s top tick label', (kind) => {
    const entries = at(0);
    const option = compareHistogramMatrixOption(entries, ko, { kind, step: 0 });
    const titles = list(option.title) as TitleOption[];
    const grids = list(option.grid) as (GridOption & { top: number; height: number })[];
    const cells = titles.slice(1 + runs.length);
    expect(cells).toHaveLength(LAYERS * runs.length);
    for (const cell of cells) {
      const top = cell.top as number;
      const text = cell.textStyle as { lineHeight: number };
      const sub = cell.subtextStyle as { lineHeight: number };
      const lines = String(cell.subtext).split('\n').length;
      const bottom = top + text.lineHeight + (cell.itemGap as number) + lines * sub.lineHeight;
      // The plots under this heading: the first row of grids below its top.
      const below = grids.filter((grid) => grid.top > top);
      const plotTop = Math.min(...below.map((grid) => grid.top));
      // The y axis's top label is centred on the plot's top edge: half of it sticks out above.
      expect(plotTop - bottom, `${String(cell.text)}: ${String(cell.subtext)}`).toBeGreaterThanOrEqual(SMALL_FONT_SIZE / 2 + 2);
      expect(plotTop - bottom).toBeGreaterThanOrEqual(TOP_TICK_ROOM);
    }
    // Every cell fits in the chart's height, the last row's axis names included.
    const last = Math.max(...grids.map((grid) => grid.top + grid.height));
    expect(histogramMatrixHeight(LAYERS, kind)).toBeGreaterThanOrEqual(last + 40);
    expect(matrixCellHeight('weight')).toBeGreaterThan(matrixCellHeight('activation'));
  });

  it('say so when a run has no snapshot that early', () => {
    const late = diagnostics.map((d) => d.filter((s) => s.step >= 10));
    const entries = runs.map((run, k) => ({ run, snapshot: k === 1 ? snapshotAtOrBefore(late[k]!, 5) : snapshotAtOrBefore(diagnostics[k]!, 5) }));
    const overlay = compareHistogramOverlayOption(entries, en, { kind: 'activation', step: 5 });
    expect(list(overlay.title)[1]!.subtext).toContain('{r1|■} no snapshot');
    const matrix = compareHistogramMatrixOption(entries, en, { kind: 'activation', step: 5 });
    expect(list(matrix.title)[2]!.subtext).toBe('no snapshot this early');
    expect(list(matrix.grid)).toHaveLength(LAYERS * 2);
  });
});

describe('every compare chart', () => {
  it('has projector-sized text, named axes and a PNG download, and says when there is nothing to draw', () => {
    const empty: ComparedRun[] = [{ id: 'x', name: 'empty', color: runColor(0), series: seriesOf([]) }];
    const none: DiagnosticsEvent | null = null;
    const options = [
      compareBatchLossOption(empty, en),
      compareEvalLossOption(empty, en),
      compareAccuracyOption(empty, en),
      compareGapOption(empty, en),
      compareGradientOption(empty, en),
      compareHistogramOverlayOption([{ run: empty[0]!, snapshot: none }], en, { kind: 'activation' }),
      compareHistogramMatrixOption([{ run: empty[0]!, snapshot: none }], en, { kind: 'weight' }),
    ];
    for (const option of options) {
      expect(Math.min(...fontSizes(option))).toBeGreaterThanOrEqual(12);
      expect(String(list(option.title)[0]!.subtext)).toMatch(/No data yet|test split/);
      expect(() => renderSvg(option)).not.toThrow();
    }
  });
});
