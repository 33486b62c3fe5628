import { describe, expect, it } from 'vitest';
import { classColor } from '../../../renderer/src/lib/charts/chart-style';
import { chartTable, type CellTable } from '../../../renderer/src/lib/charts/chart-table';
import { confusionChartOption } from '../../../renderer/src/lib/charts/confusion-chart';
import { decisionBoundaryOption, type PlanePoint } from '../../../renderer/src/lib/charts/decision-boundary-chart';
import { circleSpec, eventsOf, train } from '../../engine/train/run-helpers';
import { expectChartBasics } from './chart-basics';
import { elementsOfSeries, en, ko, list, renderSvg, seriesOf, svgTexts, trainWithPoints } from './chart-helpers';

const circle = trainWithPoints(circleSpec({ name: 'circle tanh' }));
const circleSeries = seriesOf(circle.events);
const network = circleSeries.latestNetwork!;
const trainCount = circle.points.filter((p) => p.split === 'train').length;
const testCount = circle.points.length - trainCount;

type Item = { value: number[]; itemStyle?: { color?: string } };

describe('decision boundary', () => {
  it('covers the plane with resolution² cells of the predicted class and draws the data on top', () => {
    expect(network).toBeTruthy();
    const option = decisionBoundaryOption(network, circle.points, ko, { runName: 'circle tanh', numClasses: 2 });
    expectChartBasics(option, 'nnlab-decision-boundary-circle-tanh');
    const [heatmap, trainPoints, testPoints] = list(option.series);
    const cells = network.resolution ** 2;
    // The cells are drawn as one picture (boundary-image.test.ts): ECharts gets one item, whatever
    // the resolution; the cells are the series' cell table, for the data table.
    expect(heatmap).toMatchObject({ type: 'custom' });
    expect(heatmap).not.toHaveProperty('silent');
    expect(heatmap!.data).toHaveLength(1);
    const cellTable = (heatmap as unknown as CellTable).cellTable();
    expect(cellTable).toHaveLength(cells);
    // Row 0 of the snapshot is the top: its first cell sits at the top left (column 0, y index resolution − 1).
    expect(cellTable[0]).toEqual([0, network.resolution - 1, network.predicted[0], network.confidence[0]]);
    // The data table reads every cell: a row per y index, top row last; column 0 holds the row's label.
    const [cellSection] = chartTable(option).sections;
    expect(cellSection!.rows).toHaveLength(network.resolution);
    expect(cellSection!.columns).toHaveLength(network.resolution + 1);
    expect(cellSection!.rows[network.resolution - 1]![1]).toBe(network.predicted[0]);
    expect(cellSection!.rows[0]![network.resolution]).toBe(network.predicted[network.resolution ** 2 - 1]);

    expect(trainPoints).toMatchObject({ type: 'scatter', name: '훈련 데이터', symbol: 'circle' });
    expect(testPoints).toMatchObject({ type: 'scatter', name: '시험 데이터', symbol: 'triangle' });
    expect(trainPoints!.data).toHaveLength(trainCount);
    expect(testPoints!.data).toHaveLength(testCount);
    const firstTest = circle.points.find((p) => p.split === 'test')!;
    expect((testPoints!.data as Item[])[0]).toEqual({ value: [firstTest.x1, firstTest.x2, firstTest.label], itemStyle: { color: classColor(firstTest.label) } });

    // Value axes over the snapshot's extent, named x1 and x2.
    expect(list(option.xAxis)[1]).toMatchObject({ name: 'x₁ (입력 1)', min: network.extent.x1[0], max: network.extent.x1[1] });
    expect(list(option.yAxis)[1]).toMatchObject({ name: 'x₂ (입력 2)', min: network.extent.x2[0], max: network.extent.x2[1] });

    const svg = renderSvg(option, 640, 600);
    expect(elementsOfSeries(svg, 1)).toBe(trainCount);
    expect(elementsOfSeries(svg, 2)).toBe(testCount);
    const texts = svgTexts(svg);
    for (const text of ['결정 경계', 'x₁ (입력 1)', 'x₂ (입력 2)', '훈련 데이터', '시험 데이터', '클래스 0', '클래스 1']) expect(texts).toContain(text);
    // Points take their class's colour.
    expect(svg).toMatch(/fill="rgb\(/);
  });

  it('names the prediction of the cell under the pointer when the colour field is hovered', () => {
    const option = decisionBoundaryOption(network, circle.points, ko, { numClasses: 2 });
    const tooltip = list(option.tooltip)[0] as unknown as {
      formatter: (params: unknown) => string;
      position: (point: number[], params: unknown, dom: unknown, rect: { x: number; y: number; width: number; height: number }) => number[];
    };
    const n = network.resolution;
    const rect = { x: 100, y: 50, width: 400, height: 400 };
    const dom = { innerHTML: '' };
    // The pointer in the top left cell, then in the bottom right one (the picture's row 0 is the top).
    expect(tooltip.position([101, 51], { seriesIndex: 0 }, dom, rect)).toEqual([115, 65]);
    const x1 = (network.extent.x1[0] + (0.5 * (network.extent.x1[1] - network.extent.x1[0])) / n).toFixed(2);
    expect(dom.innerHTML).toContain(`예측: 클래스 ${network.predicted[0]}`);
    expect(dom.innerHTML).toContain(`x₁ ${Number(x1)}`);
    expect(tooltip.formatter({ seriesIndex: 0 })).toBe(dom.innerHTML);
    tooltip.position([499, 449], { seriesIndex: 0 }, dom, rect);
    expect(dom.innerHTML).toContain(`예측: 클래스 ${network.predicted[n * n - 1]}`);
    expect(dom.innerHTML).toContain(`확신도 ${(network.confidence[n * n - 1]! * 100).toFixed(1).replace(/\.0$/, '')}`);
    // A point keeps its own tooltip, and moving over it writes nothing.
    const before = dom.innerHTML;
    tooltip.position([300, 250], { seriesIndex: 1 }, dom, rect);
    expect(dom.innerHTML).toBe(before);
    expect(tooltip.formatter({ seriesIndex: 1, seriesId: 'train', value: [0.5, -0.25, 1] })).toContain('훈련');
  });

  it('shows a regression network’s raw output on a continuous scale', () => {
    const points: PlanePoint[] = circle.points.map((p) => ({ ...p, label: p.x1 * 0.1 }));
    const option = decisionBoundaryOption(network, points, en, { numClasses: null });
    const visualMap = list(option.visualMap);
    expect(visualMap).toHaveLength(1);
    expect(visualMap[0]).toMatchObject({ type: 'continuous', dimension: 2 });
    const cellTable = (list(option.series)[0] as unknown as CellTable).cellTable();
    expect(cellTable[5]).toEqual([5, network.resolution - 1, network.confidence[5]]);
    const svg = renderSvg(option, 640, 600);
    expect(cellTable).toHaveLength(network.resolution ** 2);
    expect(list(option.series)[0]!.data).toHaveLength(1);
    expect(svgTexts(svg)).toContain('x₁ (input 1)');
  });

  it('draws the data alone, with a note, before the first snapshot', () => {
    const option = decisionBoundaryOption(null, circle.points, en);
    expect(list(option.series)[0]!.data).toHaveLength(0);
    const texts = svgTexts(renderSvg(option, 640, 600));
    expect(texts).toContain('No data yet');
    expect(texts).toContain('Training data');
  });
});

describe('confusion matrix', () => {
  it('is a heatmap of counts, true class against predicted class, labelled with the counts', () => {
    const confusion = circleSeries.latestConfusion!;
    const lastEval = eventsOf(circle.events, 'eval').at(-1)!;
    expect(confusion.counts).toEqual(lastEval.confusion);
    const option = confusionChartOption(confusion, ko, { runName: 'circle tanh' });
    expectChartBasics(option, 'nnlab-confusion-matrix-circle-tanh');
    const data = list(option.series)[0]!.data as Item[];
    expect(data).toHaveLength(4);
    expect(data.map((d) => d.value)).toEqual([
      [0, 0, confusion.counts[0]![0]],
      [1, 0, confusion.counts[0]![1]],
      [0, 1, confusion.counts[1]![0]],
      [1, 1, confusion.counts[1]![1]],
    ]);
    const svg = renderSvg(option, 640, 520);
    expect(elementsOfSeries(svg, 0)).toBe(4);
    const texts = svgTexts(svg);
    for (const text of ['혼동 행렬', '실제 클래스', '예측한 클래스', String(confusion.counts[0]![0]), String(confusion.counts[1]![1])]) expect(texts).toContain(text);
    expect(texts.some((text) => text.includes('시험 데이터 50개'))).toBe(true);
  });

  it('counts the train split when there is no test split, for any number of classes', () => {
    const { events } = train({
      version: 1,
      dataset: { name: 'inline', x: [[0, 0], [1, 0], [0, 1], [1, 1], [2, 2], [3, 0], [0, 3]], y: [0, 1, 1, 2, 2, 1, 0] },
      layers: [{ units: 5, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
      optimizer: { name: 'sgd', lr: 0.2 },
      training: { batchSize: 7, iterations: 20, evalEvery: 10 },
    });
    const confusion = seriesOf(events).latestConfusion!;
    expect(confusion.split).toBe('train');
    const option = confusionChartOption(confusion, en, { classNames: ['A', 'B', 'C'] });
    expect(list(option.series)[0]!.data).toHaveLength(9);
    const texts = svgTexts(renderSvg(option, 640, 520));
    for (const text of ['Confusion matrix', 'True class', 'Predicted class', 'A', 'B', 'C']) expect(texts).toContain(text);
    expect(texts.some((text) => text.includes('training data, 7 samples'))).toBe(true);
  });
});
