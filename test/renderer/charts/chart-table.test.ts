import { describe, expect, it } from 'vitest';
import { chartCsvFileName, chartSummary, chartTable, chartTableCsv, MAX_SHOWN_ROWS, shownCell } from '../../../renderer/src/lib/charts/chart-table';
import { confusionChartOption } from '../../../renderer/src/lib/charts/confusion-chart';
import { gradientFlowOption } from '../../../renderer/src/lib/charts/gradient-flow-chart';
import { legendEntries, withoutCanvasLegend } from '../../../renderer/src/lib/charts/html-legend';
import { layerHealthOption } from '../../../renderer/src/lib/charts/layer-health-chart';
import { groupLossChartOption, lossChartOption } from '../../../renderer/src/lib/charts/training-curves';
import { compareEvalLossOption } from '../../../renderer/src/lib/charts/compare/train-test-curves';
import { compareBatchLossOption } from '../../../renderer/src/lib/charts/compare/batch-loss-chart';
import { compareGapOption } from '../../../renderer/src/lib/charts/compare/train-test-gap-chart';
import { compareGradientOption } from '../../../renderer/src/lib/charts/compare/gradient-panels';
import { runColor, runStyle } from '../../../renderer/src/lib/compare/run-colors';
import { circleSpec, eventsOf, train } from '../../engine/train/run-helpers';
import { deepSigmoidSpec, en, ko, list, seriesOf } from './chart-helpers';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { compareMessages } from '../../../renderer/src/lib/i18n/messages/compare';

const run = train(circleSpec({ name: 'tanh circle' })).events;
const curves = seriesOf(run).curves();
const evals = eventsOf(run, 'eval');
const steps = eventsOf(run, 'step');
const deep = seriesOf(train(deepSigmoidSpec()).events);

describe("a chart's data table", () => {
  it('has a row per step with the batch loss and the evaluated losses exactly as recorded, thinned on screen with a summary', () => {
    const table = chartTable(lossChartOption(curves, ko, { runName: 'tanh circle' }));
    expect(table.caption).toBe('손실 · tanh circle');
    expect(table.sections).toHaveLength(1);
    const [loss] = table.sections;
    // The steps carry their times (this trainer's clock stood still: 0 s), so a time column follows the step.
    expect(loss!.columns).toEqual(['단계 (가중치 갱신 횟수)', '시간(초)', '배치 손실', '훈련 손실', '시험 손실']);
    const row = (step: number) => loss!.rows.find((r) => r[0] === step)!;
    for (const e of evals) expect([row(e.step)[3], row(e.step)[4]]).toEqual([e.train.loss, e.test!.loss]);
    for (const s of steps) expect([row(s.step)[1], row(s.step)[2]]).toEqual([s.elapsedMs! / 1000, s.loss]);
    expect(loss!.rows.map((r) => r[0])).toEqual([...new Set([...steps.map((s) => s.step), ...evals.map((e) => e.step)])].sort((a, b) => a - b));

    // 46 rows: every 2nd on screen, the last always, and each series' ends and extremes.
    expect(loss!.rows.length).toBeGreaterThan(MAX_SHOWN_ROWS);
    expect(loss!.every).toBe(Math.ceil(loss!.rows.length / MAX_SHOWN_ROWS));
    expect(loss!.shown.at(-1)).toBe(loss!.rows.length - 1);
    // Every evaluation stays on screen, whichever rows the thinning keeps.
    const shownSteps = loss!.shown.map((i) => loss!.rows[i]![0]);
    for (const e of evals) expect(shownSteps).toContain(e.step);
    expect(loss!.shown.length).toBeLessThanOrEqual(MAX_SHOWN_ROWS + 1 + evals.length);
    const testLosses = evals.map((e) => e.test!.loss);
    expect(loss!.summary.find((s) => s.name === '시험 손실')).toEqual({
      name: '시험 손실',
      first: testLosses[0],
      last: testLosses.at(-1),
      min: Math.min(...testLosses),
      max: Math.max(...testLosses),
    });
  });

  it('has a row per layer for bars over layers, and one column per layer for per-layer lines', () => {
    const snapshot = deep.latestDiagnostics!;
    const health = chartTable(layerHealthOption(snapshot, ko)).sections[0]!;
    expect(health.columns).toEqual(['층 (입력 쪽 → 출력 쪽)', '포화 비율', '죽은 뉴런 비율']);
    expect(health.rows).toHaveLength(snapshot.layers.length);
    expect(health.rows.map((r) => r[1])).toEqual(snapshot.layers.map((l) => l.saturatedFraction * 100));
    expect(health.rows.at(-1)![0]).toBe('출력층');
    expect(health.summary).toEqual([]);

    const gradients = chartTable(gradientFlowOption(deep.gradientNorms(), en)).sections[0]!;
    expect(gradients.columns.slice(1)).toEqual([...Array.from({ length: 10 }, (_, i) => `Hidden layer ${i + 1}`), 'Output layer']);
  });

  it('is the confusion matrix itself: true classes down, predicted across', () => {
    const confusion = seriesOf(run).latestConfusion!;
    const matrix = chartTable(confusionChartOption(confusion, en)).sections[0]!;
    expect(matrix.columns).toHaveLength(confusion.counts.length + 1);
    expect(matrix.rows.map((r) => r.slice(1))).toEqual(confusion.counts);
  });

  it("leaves out a band's edges and faint members: one column per group, its median", () => {
    const members = [1, 2, 3].map((seed) => seriesOf(train(circleSpec({ seed })).events).curves());
    const table = chartTable(groupLossChartOption(members, ko));
    expect(table.sections[0]!.columns).toEqual(['단계 (가중치 갱신 횟수)', '훈련 손실', '시험 손실']);
  });

  it('saves every row as CSV with exact numbers', () => {
    const option = lossChartOption(curves, en, { runName: 'tanh circle' });
    const table = chartTable(option);
    const lines = chartTableCsv(table).trimEnd().split('\r\n');
    expect(lines).toHaveLength(table.sections[0]!.rows.length + 1);
    expect(lines[0]).toBe('Step (weight updates),Time (s),Batch loss,Train loss,Test loss');
    const last = evals.at(-1)!;
    const lastStep = steps.find((s) => s.step === last.step);
    expect(lines.at(-1)).toBe(`${last.step},${lastStep ? lastStep.elapsedMs! / 1000 : ''},${lastStep?.loss ?? ''},${last.train.loss},${last.test!.loss}`);
    expect(chartCsvFileName(option)).toBe('nnlab-loss-tanh-circle.csv');
    expect(shownCell(0.123456)).toBe('0.1235');
    expect(shownCell(null)).toBe('–');
  });

  it('names the canvas with a summary of what it shows', () => {
    const option = lossChartOption(curves, ko);
    const last = evals.at(-1)!;
    const fmt = (v: number) => String(Number(v.toPrecision(3)));
    expect(chartSummary(option, ko, '')).toBe(`손실: 계열 3개, 마지막 값 배치 손실 ${fmt(steps.at(-1)!.loss)}, 훈련 손실 ${fmt(last.train.loss)}, 시험 손실 ${fmt(last.test!.loss)}`);
    expect(chartSummary(gradientFlowOption(deep.gradientNorms(), en), en, '')).toMatch(/^Gradient flow: gradient size per layer: 11 series, last values [\d.e-]+–[\d.e-]+$/);
    expect(chartSummary(lossChartOption(seriesOf([]).curves(), en), en, '')).toBe('Loss: no data yet');
  });
});

describe("a compare chart's data table", () => {
  it("tells a run's train and test lines apart by the style key, and keeps run names from running as spreadsheet formulas", () => {
    const tr = { chart: ko, compare: translator(compareMessages, 'ko') };
    const named = ['=HYPERLINK("http://x")', '+1, "two"'];
    const runs = named.map((name, k) => ({ id: `r${k}`, name, color: runColor(k), series: seriesOf(run) }));
    const table = chartTable(compareEvalLossOption(runs, tr));
    expect(table.sections[0]!.columns.slice(1)).toEqual(named.flatMap((name) => [`${name} (훈련)`, `${name} (시험)`]));
    const last = evals.at(-1)!;
    expect(table.sections[0]!.rows.at(-1)).toEqual([last.step, last.train.loss, last.test!.loss, last.train.loss, last.test!.loss]);
    const header = chartTableCsv(table).split('\r\n')[0];
    expect(header).toBe(`단계 (가중치 갱신 횟수),"'=HYPERLINK(""http://x"") (훈련)","'=HYPERLINK(""http://x"") (시험)","'+1, ""two"" (훈련)","'+1, ""two"" (시험)"`);
  });
});

describe('the HTML legend', () => {
  it('lists every layer of a deep net, and each compared run with its colour, dash and marker', () => {
    const gradients = gradientFlowOption(deep.gradientNorms(), ko);
    expect(legendEntries(gradients).map((e) => e.name)).toEqual([...Array.from({ length: 10 }, (_, i) => `은닉층 ${i + 1}`), '출력층']);

    const tr = { chart: ko, compare: translator(compareMessages, 'ko') };
    const runs = [0, 1, 2].map((k) => ({ id: `r${k}`, name: `run ${k}`, color: runColor(k), series: seriesOf(train(circleSpec({ seed: k + 1 })).events) }));
    const entries = legendEntries(compareEvalLossOption(runs, tr));
    expect(entries.filter((e) => e.toggles).map((e) => [e.name, e.color, e.symbol])).toEqual(runs.map((r, k) => [r.name, r.color, runStyle(k).symbol]));
    expect(entries.filter((e) => !e.toggles).map((e) => e.dash)).toEqual(['solid', 'dashed']);
    // Where one line per run is drawn, each run has its own dash too.
    for (const option of [compareBatchLossOption(runs, tr), compareGapOption(runs, tr), compareGradientOption(runs, tr)]) {
      expect(legendEntries(option).map((e) => e.dash)).toEqual(runs.map((_, k) => runStyle(k).dash));
    }

    const hidden = withoutCanvasLegend(gradients, new Set(['은닉층 2']));
    expect(list(hidden.legend)[0]).toMatchObject({ show: false, selected: { '은닉층 1': true, '은닉층 2': false } });
  });
});
