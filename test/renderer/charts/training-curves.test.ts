import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { CURVE_POINT_CAP } from '../../../renderer/src/lib/charts/extreme-decimation';
import { accuracyChartOption, lossChartOption, secondsPerStep } from '../../../renderer/src/lib/charts/training-curves';
import { circleSpec, eventsOf, train } from '../../engine/train/run-helpers';
import { expectChartBasics } from './chart-basics';
import { en, ko, list, renderSvg, seriesOf, svgTexts } from './chart-helpers';

const run = train(circleSpec({ name: 'tanh circle' })).events;
const curves = seriesOf(run).curves();
const evals = eventsOf(run, 'eval');

type LineData = [number, number | null][];
const dataOf = (option: ReturnType<typeof lossChartOption>, name: string): LineData => {
  const series = list(option.series).find((s) => s.name === name);
  if (!series) throw new Error(`no series ${name}`);
  return series.data as LineData;
};
const hangul = /[\uac00-\ud7a3]/;

describe('loss chart', () => {
  it('draws the batch loss and the evaluated train/test losses over steps, with named axes and a PNG download', () => {
    const option = lossChartOption(curves, ko, { runName: 'tanh circle' });
    expectChartBasics(option, 'nnlab-loss-tanh-circle');
    expect(list(option.series).map((s) => s.name)).toEqual(['배치 손실', '훈련 손실', '시험 손실']);
    expect(dataOf(option, '배치 손실')).toHaveLength(45);
    expect(dataOf(option, '시험 손실')).toEqual(evals.map((e) => [e.step, e.test!.loss]));
    expect(list(option.xAxis)[0]).toMatchObject({ min: 0, max: 45 });

    const texts = svgTexts(renderSvg(option));
    for (const text of ['손실', '단계 (가중치 갱신 횟수)', '손실 (샘플당 평균)', '배치 손실', '훈련 손실', '시험 손실', 'tanh circle']) expect(texts).toContain(text);
  });

  it('switches to a log y axis and to epochs on request', () => {
    const option = lossChartOption(curves, ko, { logScale: true, xAxis: 'epoch' });
    expect(list(option.yAxis)[0]).toMatchObject({ type: 'log', name: '손실 (샘플당 평균, 로그 눈금)' });
    expect(list(option.xAxis)[0]).toMatchObject({ name: '에폭 (훈련 데이터를 한 번 다 본 횟수)', max: 3 });
    // Steps sit at fractional epochs (15 steps per epoch); evaluations at whole ones.
    expect(dataOf(option, '배치 손실').at(-1)![0]).toBeCloseTo(44 / 15, 12);
    expect(dataOf(option, '훈련 손실').map(([x]) => x)).toEqual([0, 1, 2, 3]);
    const svg = renderSvg(option);
    expect(svgTexts(svg)).toContain('에폭 (훈련 데이터를 한 번 다 본 횟수)');
    expect(svg).toContain('<path');
  });

  it('switches to time: for a run recorded without step times, an estimate that says so (its training time spread over its steps)', () => {
    // As NN Lab recorded runs before steps carried their time.
    const curves = seriesOf(run.map((e) => (e.type === 'step' ? { ...e, elapsedMs: undefined } : e))).curves();
    expect(curves.steps.time).toBeUndefined();
    const pace = secondsPerStep(9000, 45)!;
    expect(pace).toBe(0.2);
    const option = lossChartOption(curves, ko, { xAxis: 'time', secondsPerStep: pace });
    expect(list(option.xAxis)[0]).toMatchObject({ name: '추정 시간 (초: 단계별 시간이 없는 이전 기록이라 학습 시간을 단계마다 고르게 나눔)', min: 0, max: 9 });
    expect(dataOf(option, '배치 손실').at(-1)![0]).toBeCloseTo(44 * 0.2, 12);
    expect(dataOf(option, '시험 손실').map(([x]) => x)).toEqual(evals.map((e) => e.step * 0.2));
    const accuracy = accuracyChartOption(curves, en, { xAxis: 'time', secondsPerStep: pace });
    expect(list(accuracy.xAxis)[0]).toMatchObject({ name: 'Estimated time (s: an older record without step times, so the training time is shared evenly by the steps)', max: 9 });
    expect(svgTexts(renderSvg(option))).toContain('추정 시간 (초: 단계별 시간이 없는 이전 기록이라 학습 시간을 단계마다 고르게 나눔)');
    // Without a pace (nothing timed yet) the chart stays on steps, and says so.
    expect(list(lossChartOption(curves, ko, { xAxis: 'time', secondsPerStep: null }).xAxis)[0]).toMatchObject({ name: '단계 (가중치 갱신 횟수)', max: 45 });
    expect([secondsPerStep(0, 10), secondsPerStep(100, 0), secondsPerStep(null, 5), secondsPerStep(Number.NaN, 5)]).toEqual([null, null, null, null]);
  });

  it('switches to time: a run whose steps carry their times is drawn at them, unevenly paced as it ran, in seconds', () => {
    // A deliberately uneven pace: the first 20 steps take 10 ms each, the rest 200 ms each.
    const ms = (step: number) => (step < 20 ? 10 * step : 200 + 200 * (step - 20));
    const timed = run.map((e) => (e.type === 'step' ? { ...e, elapsedMs: ms(e.step) } : e.type === 'end' ? { ...e, elapsedMs: ms(45) } : e));
    const data = seriesOf(timed).curves();
    const option = lossChartOption(data, ko, { xAxis: 'time', secondsPerStep: 1 });
    expect(list(option.xAxis)[0]).toMatchObject({ name: '시간(초)', min: 0, max: ms(45) / 1000 });
    expect(dataOf(option, '배치 손실').map(([x]) => x)).toEqual(eventsOf(run, 'step').map((e) => ms(e.step) / 1000));
    // Evaluations sit at the time of their step (the last one at the run's end).
    expect(dataOf(option, '시험 손실').map(([x]) => x)).toEqual(evals.map((e) => ms(e.step) / 1000));
    expect(svgTexts(renderSvg(option))).toContain('시간(초)');
    expect(list(accuracyChartOption(data, en, { xAxis: 'time' }).xAxis)[0]).toMatchObject({ name: 'Time (s)' });
    // On steps, each batch loss point carries its time: the data table and CSV get a time column.
    const onSteps = list(lossChartOption(data, ko).series).find((s) => s.name === '배치 손실')!;
    expect(onSteps).toMatchObject({ dimensions: ['x', 'y', '시간(초)'], encode: { x: 0, y: 1, tooltip: [1] } });
    expect((onSteps.data as number[][])[25]).toEqual([25, eventsOf(run, 'step')[25]!.loss, ms(25) / 1000]);
  });

  it('adds the batch data loss when a penalty is on, so the penalty’s share shows', () => {
    const penalised = seriesOf(train(circleSpec({ regularization: { l1: 0, l2: 0.05 } })).events).curves();
    const option = lossChartOption(penalised, en);
    const [loss, dataLoss] = [dataOf(option, 'Batch loss'), dataOf(option, 'Batch data loss (without penalty)')];
    expect(dataLoss).toHaveLength(loss.length);
    loss.forEach(([, value], i) => expect(value!).toBeGreaterThan(dataLoss[i]![1]!));
  });

  it('hands ECharts every batch loss of a 20,000-step run, to sample by LTTB itself', () => {
    const events: TrainingEvent[] = Array.from({ length: 20_000 }, (_, step) => ({ type: 'step', step, epoch: 0, loss: 2 / (1 + step), dataLoss: 2 / (1 + step) }));
    const option = lossChartOption(seriesOf(events).curves(), en, { logScale: true });
    const batch = dataOf(option, 'Batch loss');
    expect(batch).toHaveLength(CURVE_POINT_CAP);
    expect(list(option.series).map((s) => (s as { sampling?: string }).sampling)).toEqual(['lttb', 'lttb']);
    expect(batch[0]).toEqual([0, 2]);
    expect(batch.at(-1)).toEqual([19_999, 2 / 20_000]);
    expect(svgTexts(renderSvg(option))).toContain('Loss (mean per sample, log scale)');
  });

  it('speaks Korean or English', () => {
    const english = svgTexts(renderSvg(lossChartOption(curves, en, { runName: 'tanh circle' })));
    for (const text of ['Loss', 'Step (weight updates)', 'Loss (mean per sample)', 'Batch loss', 'Train loss', 'Test loss']) expect(english).toContain(text);
    expect(english.filter((text) => hangul.test(text))).toEqual([]);
    const korean = svgTexts(renderSvg(lossChartOption(curves, ko)));
    expect(korean).not.toContain('Step (weight updates)');
  });
});

describe('accuracy chart', () => {
  it('draws train and test accuracy in percent on a 0–100 axis', () => {
    const option = accuracyChartOption(curves, ko, { runName: 'tanh circle' });
    expectChartBasics(option, 'nnlab-accuracy-tanh-circle');
    expect(list(option.yAxis)[0]).toMatchObject({ name: '정확도 (%)', min: 0, max: 100 });
    expect(dataOf(option, '훈련 정확도').map(([, v]) => v)).toEqual(evals.map((e) => e.train.accuracy! * 100));
    expect(dataOf(option, '시험 정확도').map(([, v]) => v)).toEqual(evals.map((e) => e.test!.accuracy! * 100));
    const texts = svgTexts(renderSvg(option));
    for (const text of ['정확도', '정확도 (%)', '단계 (가중치 갱신 횟수)', '훈련 정확도', '시험 정확도', '100']) expect(texts).toContain(text);

    const byEpoch = accuracyChartOption(curves, en, { xAxis: 'epoch' });
    expect(dataOf(byEpoch, 'Train accuracy').map(([x]) => x)).toEqual([0, 1, 2, 3]);
    expect(svgTexts(renderSvg(byEpoch))).toContain('Epoch (passes over the training data)');
  });

  it('says so when the task is regression and has no accuracy', () => {
    const regression = train({
      version: 1,
      dataset: { name: 'inline', x: [[0], [1], [2], [3]], y: [[0], [2], [4], [6]] },
      layers: [{ units: 1, activation: 'linear' }],
      optimizer: { name: 'sgd', lr: 0.05 },
      training: { batchSize: 4, epochs: 3 },
    }).events;
    const option = accuracyChartOption(seriesOf(regression).curves(), ko);
    expect(list(option.series)).toHaveLength(1);
    expect(svgTexts(renderSvg(option))).toContain('회귀 문제에는 정확도가 없습니다');
  });
});
