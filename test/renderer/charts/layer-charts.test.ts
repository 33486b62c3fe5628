import { describe, expect, it } from 'vitest';
import type { ChartOption } from '../../../renderer/src/lib/charts/chart-option';
import { layerColor, viridis } from '../../../renderer/src/lib/charts/chart-style';
import { gradientFlowOption } from '../../../renderer/src/lib/charts/gradient-flow-chart';
import { activationHistogramsOption, smallMultiplesHeight, weightHistogramsOption } from '../../../renderer/src/lib/charts/histogram-charts';
import type { OutlinePoint } from '../../../renderer/src/lib/charts/histogram-shapes';
import { layerFractionOverTimeOption, layerHealthOption } from '../../../renderer/src/lib/charts/layer-health-chart';
import { circleSpec, eventsOf, train } from '../../engine/train/run-helpers';
import { expectChartBasics } from './chart-basics';
import { deepSigmoidSpec, en, ko, list, renderSvg, seriesOf, svgTexts, trEn, trKo } from './chart-helpers';

// The lecture's vanishing-gradient network: 10 sigmoid layers of 100 (Xavier), a softmax output.
const deep = train(deepSigmoidSpec()).events;
const deepSeries = seriesOf(deep);
const snapshot = deepSeries.latestDiagnostics!;
const LAYERS = 11;
const BINS = 20;

type LineData = [number, number | null][];

describe('gradient flow chart', () => {
  const option = gradientFlowOption(deepSeries.gradientNorms(), ko, { runName: 'sigmoid 10층' });

  it('draws one line per layer on a log axis, coloured from the first layer to the last', () => {
    expectChartBasics(option, 'nnlab-gradient-flow-sigmoid-10층');
    const series = list(option.series);
    expect(series).toHaveLength(LAYERS);
    expect(series.map((s) => s.name)).toEqual([...Array.from({ length: 10 }, (_, i) => `은닉층 ${i + 1}`), '출력층']);
    expect(list(option.yAxis)[0]).toMatchObject({ type: 'log' });
    const colors = series.map((s) => s.color);
    expect(new Set(colors).size).toBe(LAYERS);
    expect(colors[0]).toBe(viridis(0));
    expect(colors[10]).toBe(layerColor(10, LAYERS));
  });

  it('shows the vanishing gradient: the first sigmoid layer’s norm is orders of magnitude below the last’s', () => {
    const series = list(option.series);
    const first = series[0]!.data as LineData;
    const last = series[LAYERS - 1]!.data as LineData;
    expect(first.map(([step]) => step)).toEqual(eventsOf(deep, 'diagnostics').map((d) => d.step));
    first.forEach(([, norm], i) => expect(norm!).toBeLessThan(last[i]![1]! / 1000));
  });

  it('renders its axis names and layer names, in either language', () => {
    const svg = renderSvg(option);
    const texts = svgTexts(svg);
    for (const text of ['기울기 흐름: 층별 기울기 크기', '기울기 크기 ‖∂L/∂W‖ (L2 노름, 로그 눈금)', '단계 (가중치 갱신 횟수)', '은닉층 1', '출력층']) expect(texts).toContain(text);
    // Log ticks span the decades between the layers.
    expect(texts).toContain('1e-5');
    const english = svgTexts(renderSvg(gradientFlowOption(deepSeries.gradientNorms(), en)));
    for (const text of ['Gradient size ‖∂L/∂W‖ (L2 norm, log scale)', 'Hidden layer 1', 'Output layer']) expect(english).toContain(text);
  });
});

/** A histogram figure's panels' outlines (each panel also has its zero bar and its narrow-spike label). */
const outlines = (option: ChartOption) => list(option.series).filter((s) => s.type === 'line');

describe('activation histograms (small multiples)', () => {
  it('give every layer its own panel, on one shared range, and its std and mean in the heading', () => {
    const option = activationHistogramsOption(snapshot, trKo, 'activation', { runName: 'sigmoid 10층' });
    expectChartBasics(option, 'nnlab-activations-sigmoid-10층');
    const series = outlines(option);
    expect(series).toHaveLength(LAYERS);
    expect(list(option.grid)).toHaveLength(LAYERS);
    expect(list(option.yAxis)).toHaveLength(LAYERS);
    // Each panel's outline at its true edges: both ends at 0, then every bin at its centre with its count.
    series.forEach((s, k) => {
      const { edges, counts } = snapshot.layers[k]!.activation.histogram;
      const data = s.data as OutlinePoint[];
      expect(data).toHaveLength(BINS + 4);
      expect(data[0]!.slice(0, 2)).toEqual([edges[0], 0]);
      expect(data.at(-1)!.slice(0, 2)).toEqual([edges[BINS], 0]);
      expect(data.slice(2, -2).map(([x, height]) => [x, height])).toEqual(counts.map((count, i) => [(edges[i]! + edges[i + 1]!) / 2, count]));
    });

    // Sigmoid layers and the softmax output: every panel on 0 … 1.
    for (const axis of list(option.xAxis)) expect(axis).toMatchObject({ type: 'value', min: 0, max: 1, name: '활성화 값 a = f(z)' });

    const svg = renderSvg(option, 1200, smallMultiplesHeight(LAYERS));
    const texts = svgTexts(svg);
    for (const text of ['층별 활성화 값 분포', '은닉층 1 (sigmoid)', '출력층 (softmax)', '활성화 값 a = f(z)', '개수 (값)']) expect(texts).toContain(text);
    const first = snapshot.layers[0]!.activation;
    expect(texts).toContain(`평균 ${Number(first.mean!.toPrecision(3))}`);
    expect(texts).toContain(`표준편차 ${Number(first.std!.toPrecision(3))}`);
    expect(texts.some((text) => text.includes('가로축: 모든 층 0 ~ 1 (sigmoid의 출력 범위)'))).toBe(true);
  });

  it('switch to the pre-activations z', () => {
    const option = activationHistogramsOption(snapshot, trEn, 'preactivation');
    outlines(option).forEach((s, k) => expect((s.data as OutlinePoint[]).slice(2, -2).map((point) => point[1])).toEqual(snapshot.layers[k]!.preactivation.histogram.counts));
    const texts = svgTexts(renderSvg(option, 1200, smallMultiplesHeight(LAYERS)));
    for (const text of ['Pre-activation (z) distribution per layer', 'Pre-activation z', 'Count (values)', 'Hidden layer 1 (sigmoid)']) expect(texts).toContain(text);
  });

  it('say there is no data before the first snapshot', () => {
    const option = activationHistogramsOption(null, trKo, 'activation');
    expect(list(option.series)).toHaveLength(0);
    expect(svgTexts(renderSvg(option))).toContain('아직 데이터가 없습니다');
  });
});

describe('weight histograms', () => {
  it('show the fraction of exact zeros that L1 makes in each heading, the zeros kept in place', () => {
    const l1 = seriesOf(train(circleSpec({ layers: [{ units: 16, activation: 'relu', init: 'he' }, { units: 2, activation: 'softmax' }], regularization: { l1: 0.02, l2: 0 } })).events);
    const latest = l1.latestDiagnostics!;
    const zeros = latest.layers[0]!.weights.zeroFraction;
    expect(zeros).toBeGreaterThan(0);
    const option = weightHistogramsOption(latest, trKo, { runName: 'L1' });
    expectChartBasics(option, 'nnlab-weights-L1');
    // No grey zero bar for weights: L1's spike at 0 is the lesson.
    expect(list(option.series).filter((s) => s.type === 'bar')).toHaveLength(0);
    expect(outlines(option)).toHaveLength(2);
    const { counts } = latest.layers[0]!.weights.histogram;
    expect((outlines(option)[0]!.data as OutlinePoint[]).slice(2, -2).map((point) => point[1])).toEqual(counts);
    const texts = svgTexts(renderSvg(option, 960, smallMultiplesHeight(2)));
    expect(texts).toContain(`정확히 0: ${(zeros * 100).toFixed(1)}% · |w|<0.001: ${(latest.layers[0]!.weights.nearZeroFraction * 100).toFixed(1)}%`);
    for (const text of ['층별 가중치 분포', '가중치 값 w', '개수 (가중치)']) expect(texts).toContain(text);
  });
});

describe('dead and saturated units', () => {
  it('are grouped bars per layer, in percent, for the latest snapshot', () => {
    const option = layerHealthOption(snapshot, ko, { runName: 'sigmoid 10층' });
    expectChartBasics(option, 'nnlab-dead-saturated-sigmoid-10층');
    const [saturated, dead] = list(option.series);
    expect(saturated).toMatchObject({ type: 'bar', name: '포화 비율' });
    expect(saturated!.data).toEqual(snapshot.layers.map((l) => l.saturatedFraction * 100));
    expect(dead!.data).toEqual(snapshot.layers.map((l) => l.deadFraction * 100));
    expect(list(option.yAxis)[0]).toMatchObject({ min: 0, max: 100 });
    const texts = svgTexts(renderSvg(option));
    for (const text of ['비율 (%)', '층 (입력 쪽 → 출력 쪽)', '포화 비율', '죽은 뉴런 비율', '은닉층 1']) expect(texts).toContain(text);
  });

  it('can also be followed over time, one line per layer', () => {
    const option = layerFractionOverTimeOption(deepSeries.saturatedFractions(), en, { metric: 'saturated' });
    expect(list(option.series)).toHaveLength(LAYERS);
    expect(svgTexts(renderSvg(option))).toContain('Saturated (% of activation values)');
    const dead = layerFractionOverTimeOption(deepSeries.deadFractions(), ko, { metric: 'dead' });
    expect((list(dead.series)[0]!.data as LineData).map(([, v]) => v)).toEqual(eventsOf(deep, 'diagnostics').map((d) => d.layers[0]!.deadFraction * 100));
    expect(svgTexts(renderSvg(dead))).toContain('죽은 뉴런 비율 (뉴런의 %)');
  });
});
