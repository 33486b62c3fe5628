import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import type { ConfigDifference, RunDetail } from '../../../engine/api/runs';
import { findLabSheet, type LabPrediction, type LabSheetId } from '../../../engine/lab/lab-sheets';
import { findPreset } from '../../../engine/lab/presets';
import type { ChartOption, LegendOption, SeriesOption, TitleOption, YAxisOption } from '../../../renderer/src/lib/charts/chart-option';
import type { ComparedRun } from '../../../renderer/src/lib/charts/compare/compared-run';
import { gapChartHeight } from '../../../renderer/src/lib/charts/compare/train-test-gap-chart';
import { RUN_COLORS } from '../../../renderer/src/lib/compare/run-colors';
import { translator, type Locale } from '../../../renderer/src/lib/i18n/locale';
import { compareMessages } from '../../../renderer/src/lib/i18n/messages/compare';
import { reportMessages } from '../../../renderer/src/lib/i18n/messages/labs';
import { reportLessonMessages } from '../../../renderer/src/lib/i18n/messages/report-lesson';
import { buildLabReportHtml, type LabReport } from '../../../renderer/src/lib/labs/lab-report';
import { REPORT_CHART_WIDTH, SMALL_CHART_WIDTH } from '../../../renderer/src/lib/labs/report-charts';
import { assembleReport, reportConfigRows, reportRunName, type ReportApi, type ReportSource } from '../../../renderer/src/lib/labs/report-data';
import { reportPlan } from '../../../renderer/src/lib/labs/report-plan';
import { circleSpec, train } from '../../engine/train/run-helpers';
import { list, renderSvg, svgTexts } from '../charts/chart-helpers';

const PNG = 'data:image/png;base64,AAAA';
const lessonKo = translator(reportLessonMessages, 'ko');
const compareKo = translator(compareMessages, 'ko');

/**
 * Small stand-ins for the presets' runs (the circle set, a few layers, real training): what the
 * report draws depends on the preset a run was started from and on its recorded events.
 */
function smallSpec(presetId: string): RunSpecInput {
  const hidden = (activation: 'sigmoid' | 'relu' | 'tanh', extra: Record<string, unknown> = {}) => Array.from({ length: 3 }, () => ({ units: 6, activation, ...extra }));
  const output = { units: 2, activation: 'softmax' as const };
  const training = { batchSize: 10, epochs: 3 };
  if (presetId.startsWith('vanishing-')) return circleSpec({ layers: [...hidden(presetId.slice('vanishing-'.length) as 'sigmoid'), output], training });
  if (presetId === 'init-mnist-std001') return circleSpec({ layers: [...hidden('relu', { init: { name: 'normal', std: 0.01 } }), output], training });
  if (presetId.startsWith('init-mnist-')) return circleSpec({ layers: [...hidden('relu', { init: presetId.slice('init-mnist-'.length) }), output], training });
  const batchNorm = presetId === 'overfit-batchnorm' || presetId.startsWith('bn-on-');
  return circleSpec({
    layers: [...hidden('relu', { batchNorm, dropout: presetId === 'overfit-dropout' ? 0.2 : 0 }), output],
    regularization: { l1: presetId === 'overfit-l1' ? 0.005 : 0, l2: presetId === 'overfit-l2' ? 0.1 : 0 },
    training,
  });
}

const trained = new Map<string, TrainingEvent[]>();
function eventsOf(presetId: string): TrainingEvent[] {
  if (!trained.has(presetId)) trained.set(presetId, train(smallSpec(presetId)).events);
  return trained.get(presetId)!;
}

/** A stored run of a preset, named as the preset names its runs (its spec's name), unless `name` says otherwise. */
function detail(presetId: string, index: number, name?: string): RunDetail {
  const preset = findPreset(presetId)!;
  if (preset.kind !== 'train') throw new Error(`${presetId} is not a training preset`);
  return {
    id: `11111111-0000-4000-8000-${String(index).padStart(12, '0')}`,
    name: name ?? preset.spec.name!,
    status: 'completed',
    architecture: '2-6×3-2',
    activation: 'relu',
    init: 'he',
    regularization: '',
    final: { train: { loss: 0.2, accuracy: 0.95 }, test: { loss: 0.25, accuracy: 0.9 } },
    durationMs: 90_000,
    spec: { layers: [{}, {}, {}, {}] },
  } as unknown as RunDetail;
}

interface Assembled {
  report: LabReport;
  /** Every chart drawn, with the size it was drawn at. */
  drawn: { option: ChartOption; width: number; height: number }[];
  compared: string[][];
}

interface AssembleOptions {
  /** The presets that have a run (default: every preset of the sheet). */
  presets?: string[];
  /** Runs the student renamed, by preset. */
  names?: Record<string, string>;
  /** Comparisons without a recorded prediction (default: none). */
  unpredicted?: string[];
  /** compareRuns fails. */
  failCompare?: boolean;
  /** Presets whose run is one of a seed group, with the group's other runs' events. */
  groups?: Record<string, TrainingEvent[][]>;
}

/** A sheet's report over runs of its presets, with the student's predictions. */
async function assemble(sheetId: LabSheetId, locale: Locale, { presets, names = {}, unpredicted = [], failCompare = false, groups = {} }: AssembleOptions = {}): Promise<Assembled> {
  const sheet = findLabSheet(sheetId)!;
  const ids = presets ?? [...new Set(sheet.steps.flatMap((step) => step.presets ?? []))];
  const runs = new Map(ids.map((presetId, i) => [presetId, { ...detail(presetId, i, names[presetId]), groupId: groups[presetId] ? `5eed0000-0000-4000-8000-${String(i).padStart(12, '0')}` : null }]));
  const byId = new Map([...runs].map(([presetId, run]) => [run.id, { presetId, run }]));
  /** A seed group's other runs: their ids and events. */
  const mates = new Map<string, { groupId: string; events: TrainingEvent[] }>([...runs].flatMap(([presetId, run]) => (groups[presetId] ?? []).map((events, k) => [`${run.id.slice(0, -2)}9${k}`, { groupId: run.groupId!, events }] as const)));
  const predictions: Record<string, LabPrediction> = Object.fromEntries(
    sheet.comparisons.filter((c) => !unpredicted.includes(c.id)).map((c) => [c.id, { choice: c.choices[0]!.id, predictedAt: '2025-03-04T05:00:00.000Z' }]),
  );
  const source: ReportSource = {
    sheet,
    studentName: '이학생',
    prediction: (id) => predictions[id] ?? null,
    answer: () => '',
    comparisonCheck: () => null,
    presetCheck: () => ({ verdict: 'reproduced', message: { ko: '재현됨', en: 'reproduced' }, judged: [] }),
    runOf: (id) => (runs.has(id) ? { id: runs.get(id)!.id, name: runs.get(id)!.name } : null),
  };
  const compared: string[][] = [];
  const api: ReportApi = {
    appInfo: async () => ({ appVersion: '9.9.9', engineVersion: 'e', dbPath: '', transport: 'browser', poolSize: 2, notices: [] }),
    getRun: async (id) => byId.get(id)!.run,
    recordedEvents: async (id) => mates.get(id)?.events ?? eventsOf(byId.get(id)!.presetId),
    listRuns: async (query) => [
      ...[...byId.values()].filter(({ run }) => run.groupId !== null && run.groupId === query?.groupId).map(({ run }) => run),
      ...[...mates].filter(([, mate]) => mate.groupId === query?.groupId).map(([id]) => ({ id }) as RunDetail),
    ],
    compareRuns: async (runIds) => {
      if (failCompare) throw new Error('no run with id …');
      compared.push(runIds);
      const differences: ConfigDifference[] = [{ field: 'regularization.l2', values: runIds.map((_, i) => i / 10) }];
      return { runs: [], differences };
    },
  };
  const drawn: Assembled['drawn'] = [];
  const report = await assembleReport(source, api, locale, async (option, size) => (drawn.push({ option, ...size }), PNG), new Date('2025-03-04T06:00:00.000Z'));
  return { report, drawn, compared };
}

const legendsOf = (option: ChartOption) => list(option.legend) as LegendOption[];
const titleOf = (option: ChartOption) => (list(option.title) as TitleOption[])[0]!.text;
const seriesOf = (option: ChartOption) => list(option.series) as SeriesOption[];

/** Every chart a report draws is a still image's: plain legends (no "1/3" pages), no download or tooltip. */
function expectPrintable(drawn: Assembled['drawn']): void {
  expect(drawn.length).toBeGreaterThan(0);
  for (const { option } of drawn) {
    expect(legendsOf(option).length).toBeGreaterThan(0);
    for (const legend of legendsOf(option)) expect(legend.type, String(titleOf(option))).toBe('plain');
    expect(option.toolbox).toBeUndefined();
    expect(option.download).toBeUndefined();
    expect(option.tooltip).toBeUndefined();
  }
}

describe('each sheet’s report carries its lesson', () => {
  it('03 vanishing gradient: the gradient size of every layer on one log scale, the runs compared, then the loss', async () => {
    const { report, drawn } = await assemble('03-vanishing-gradient', 'ko');
    expect(report.groups).toHaveLength(1);
    const [group] = report.groups;
    expect(group!.runs.map((run) => run.name)).toEqual(['기울기 소실: sigmoid 10층', '기울기 소실 해결: ReLU 10층', '기울기 소실 완화: tanh 10층']);
    expect(group!.charts.map((chart) => chart.title)).toEqual([lessonKo('gradientCaption'), lessonKo('batchLossCaption', { smoothing: '0.90' })]);
    expect(group!.charts.every((chart) => chart.wide)).toBe(true);

    const gradient = drawn[0]!;
    expect(titleOf(gradient.option)).toBe(compareKo('gradientTitle'));
    expect(gradient.width).toBe(REPORT_CHART_WIDTH);
    const axes = list(gradient.option.yAxis) as YAxisOption[];
    expect(axes).toHaveLength(4);
    for (const axis of axes) expect(axis.type).toBe('log');
    // One panel per layer, one line per run in each, named and coloured as in the runs table.
    const series = seriesOf(gradient.option);
    expect(series).toHaveLength(3 * 4);
    expect(new Set(series.map((s) => s.name))).toEqual(new Set(group!.runs.map((run) => run.name)));
    expect(series.map((s) => s.color)).toEqual(Array.from({ length: 4 }, () => RUN_COLORS.slice(0, 3)).flat());
    expect(group!.runs.map((run) => run.color)).toEqual(RUN_COLORS.slice(0, 3));
    expectPrintable(drawn);
    // It draws, with the runs' Korean names on its legend.
    const texts = svgTexts(renderSvg(gradient.option, gradient.width, gradient.height));
    for (const run of group!.runs) expect(texts).toContain(run.name);
  });

  it('04 initialization: the activation histograms of every layer at the initial weights, a column per run', async () => {
    const { report, drawn } = await assemble('04-initialization', 'ko');
    const [group] = report.groups;
    expect(group!.runs.map((run) => run.name)).toEqual(['MNIST 초기화 비교: 표준편차 0.01', 'MNIST 초기화 비교: Xavier', 'MNIST 초기화 비교: He']);
    expect(group!.charts[0]!.title).toBe(lessonKo('activationCaption', { step: 0 }));
    const histograms = drawn[0]!.option;
    expect(titleOf(histograms)).toBe(compareKo('matrixActivation'));
    // Each run's distribution in each layer (ReLU's share at exactly 0 drawn apart, unnamed in the legend)…
    const names = new Set(group!.runs.map((run) => run.name));
    const distributions = seriesOf(histograms).filter((s) => names.has(String(s.name)));
    expect(distributions).toHaveLength(3 * 4);
    expect(distributions.map((s) => s.color)).toEqual(Array.from({ length: 4 }, () => RUN_COLORS.slice(0, 3)).flat());
    // …on ONE value range: std 0.01's collapse toward 0 shows against Xavier and He.
    const ranges = (list(histograms.xAxis) as { type?: string; min?: number; max?: number }[]).filter((axis) => axis.type === 'value').map((axis) => [axis.min, axis.max]);
    expect(ranges).toHaveLength(3 * 4);
    expect(new Set(ranges.map((range) => range.join('…'))).size).toBe(1);
    expect(drawn[0]!.height).toBeGreaterThan(4 * 150);
    expect(titleOf(drawn[1]!.option)).toBe(compareKo('batchLossTitle'));
    expectPrintable(drawn);
  });

  it('05 overfitting: train and test curves of each remedy and their gap; batch norm’s runs in pairs by initial scale', async () => {
    const { report, drawn, compared } = await assemble('05-overfitting', 'ko');
    expect(report.groups.map((group) => group.title)).toEqual([lessonKo('groupOverfitting'), lessonKo('groupBatchNormScales')]);
    const [remedies, batchNorm] = report.groups;

    // Remedies: one small chart per run (its name on top), then the gap of all five.
    expect(remedies!.runs.map((run) => run.name)).toEqual(['과적합: 규제 없음 (300장)', '과적합 방지: L2 규제 (가중치 감소 λ = 0.1)', '과적합 방지: L1 규제 (λ = 0.005)', '과적합 방지: 드롭아웃 0.3', '과적합 억제: 배치 정규화']);
    expect(remedies!.charts.map((chart) => chart.wide)).toEqual([false, false, false, false, false, true]);
    expect(remedies!.charts[5]!.title).toBe(lessonKo('gapCaption'));
    const small = drawn.slice(0, 5);
    expect(small.map(({ option }) => titleOf(option))).toEqual(remedies!.runs.map((run) => run.name));
    for (const { option, width } of small) {
      expect(width).toBe(SMALL_CHART_WIDTH);
      const lines = seriesOf(option).filter((s) => s.type === 'line' && (s.data as unknown[]).length > 0) as { lineStyle: { type: string } }[];
      // The run's train (solid) and test (dashed) accuracy.
      expect(lines.map((s) => s.lineStyle.type)).toEqual(['solid', 'dashed']);
    }
    const gap = drawn[5]!.option;
    expect(titleOf(gap)).toBe(compareKo('gapTitle'));
    expect(list(gap.grid)).toHaveLength(2);
    expect(new Set(seriesOf(gap).map((s) => s.name))).toEqual(new Set(remedies!.runs.map((run) => run.name)));
    expect(remedies!.configRows).not.toBeNull();

    // Batch norm: a chart per initial scale with its two runs; without batch norm always one colour, with it another.
    expect(batchNorm!.runs).toHaveLength(10);
    expect(batchNorm!.runs.map((run) => run.color)).toEqual(Array.from({ length: 5 }, () => RUN_COLORS.slice(0, 2)).flat());
    expect(batchNorm!.charts.map((chart) => chart.title)).toEqual(['1', '0.293', '0.0464', '0.00736', '0.00117'].map((std) => lessonKo('panelTrainTestCaption', { panel: lessonKo('panelInitialStd', { std }) })));
    expect(titleOf(drawn[6]!.option)).toBe('초기 표준편차 1');
    // Its legend says what differs; the heading says the scale they share.
    expect(legendsOf(drawn[6]!.option)[0]!.data).toEqual(['배치 정규화 없음', '배치 정규화 사용']);
    // Ten runs are too many for the settings table's columns: their names tell them apart.
    expect(batchNorm!.configRows).toBeNull();
    expect(compared).toHaveLength(1);
    // Five long names need two lines of legend under the gap chart: it grows rather than cover its axis.
    expect(drawn[5]!.height).toBeGreaterThan(gapChartHeight(remedies!.runs.map(() => ({ series: { evals: { testAccuracy: [0.5] } } }) as unknown as ComparedRun)));
    // No chart has more runs than its legend can show on paper.
    for (const { option } of drawn) expect(legendsOf(option)[0]!.data!.length).toBeLessThanOrEqual(6);
    expectPrintable(drawn);
  });

  it('draws only the runs there are, and leaves out a group without runs (and a settings table it could not get)', async () => {
    const { report, drawn } = await assemble('05-overfitting', 'ko', { presets: ['overfit-baseline', 'overfit-l2'], failCompare: true });
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]!.configRows).toBeNull();
    expect(report.groups[0]!.charts).toHaveLength(3);
    expect(drawn.map(({ option }) => titleOf(option))).toEqual(['과적합: 규제 없음 (300장)', '과적합 방지: L2 규제 (가중치 감소 λ = 0.1)', compareKo('gapTitle')]);
  });

  it('the backprop review (no lesson figure of its own): its run’s loss', async () => {
    expect(reportPlan(findLabSheet('backprop')!)).toEqual([{ title: null, presets: ['backprop-lecture-network'], figures: [{ kind: 'loss' }] }]);
  });
});

describe('run names in the report’s language', () => {
  it('names a preset’s run by the preset’s title in the report’s language; a run the student renamed keeps its name', async () => {
    const { report, drawn } = await assemble('03-vanishing-gradient', 'en', { names: { 'vanishing-tanh': '내 tanh 실험' } });
    expect(report.groups[0]!.runs.map((run) => run.name)).toEqual(['Vanishing gradient: 10 sigmoid layers', 'Fix: 10 ReLU layers', '내 tanh 실험']);
    expect(new Set(seriesOf(drawn[0]!.option).map((s) => s.name))).toEqual(new Set(['Vanishing gradient: 10 sigmoid layers', 'Fix: 10 ReLU layers', '내 tanh 실험']));
    expect(report.comparisons[1]!.runs.map((run) => run.name)).toEqual(['Vanishing gradient: 10 sigmoid layers', 'Fix: 10 ReLU layers', '내 tanh 실험']);

    expect(reportRunName('Lecture 2-2-1 network', 'backprop-lecture-network', 'ko')).toBe('역전파 되짚어보기: 강의의 2-2-1 신경망');
    expect(reportRunName('MNIST 초기화 비교: He', 'init-mnist-he', 'en')).toBe('MNIST init comparison: He');
    expect(reportRunName('no BN, std 1', 'bn-off-std-1', 'ko')).toBe('배치 정규화 없음: 초기 표준편차 1');
    expect(reportRunName('He, 두 번째', 'init-mnist-he', 'ko')).toBe('He, 두 번째');
    expect(reportRunName('x', 'no-such-preset', 'ko')).toBe('x');
  });

  it('puts the predictions beside the checks and the settings that differ in the HTML', async () => {
    const { report } = await assemble('04-initialization', 'ko', { unpredicted: ['init-fastest'] });
    const html = buildLabReportHtml(report, translator(reportMessages, 'ko'));
    expect(report.appVersion).toBe('9.9.9');
    expect(html).toContain('이학생');
    const predicted = findLabSheet('04-initialization')!.comparisons[0]!.choices[0]!.text.ko;
    expect(html).toContain(`<strong>내 예측:</strong> ${predicted}`);
    expect(html).toContain('<span class="run-name">MNIST 초기화 비교: 표준편차 0.01</span>');
    expect(html).toContain('<td class="num">95.0%</td>');
    expect(html).toContain('L2');
    expect(html).toContain('<figure class="wide"><img src="data:image/png;base64,AAAA"');

    // The comparison still without a prediction: its question only, as on the sheet; the
    // observations likewise only those its recorded prediction reveals.
    const sheet = findLabSheet('04-initialization')!;
    const [recorded, open] = sheet.comparisons;
    expect(report.comparisons[1]).toEqual({ prompt: open!.prompt.ko, prediction: null, predictedAt: null, expected: null, explanation: null, outcome: null, runs: [] });
    expect(html).toContain(open!.prompt.ko);
    expect(html).not.toContain(open!.explanation.ko);
    expect(html).toContain(recorded!.explanation.ko);
    const shown = sheet.observe.filter((o) => o.reveal.after === 'first-prediction' || o.reveal.comparisons.every((id) => id === recorded!.id));
    expect(report.observe).toEqual(shown.map((o) => o.ko));
    expect(report.observe.length).toBeLessThan(sheet.observe.length);
  });
});

describe('the settings that differ', () => {
  it('folds a setting that differs alike in consecutive layers into one row; the output layer keeps its own', () => {
    const values = (...v: unknown[]) => v;
    const differences: ConfigDifference[] = [
      ...Array.from({ length: 10 }, (_, i): ConfigDifference[] => [
        { field: `layers[${i}].activation`, values: values('sigmoid', 'relu') },
        { field: `layers[${i}].init`, values: i < 5 ? values('xavier', 'he') : values('xavier', 'xavier') },
      ]).flat(),
      { field: 'layers[10].init', values: values('xavier', 'he') },
      { field: 'optimizer.lr', values: values(0.1, 0.01) },
    ];
    const rows = reportConfigRows(differences, compareKo, 11);
    expect(rows.map((row) => [row.label, row.field])).toEqual([
      ['은닉층 1–10 활성화 함수', 'layers[0–9].activation'],
      ['은닉층 1–5 가중치 초기화', 'layers[0–4].init'],
      ['은닉층 6–10 가중치 초기화', 'layers[5–9].init'],
      ['출력층 가중치 초기화', 'layers[10].init'],
      ['학습률', 'optimizer.lr'],
    ]);
    expect(rows[0]!.values).toEqual(['sigmoid', 'ReLU']);
  });
});

describe('a seed group in the report', () => {
  it('draws the group as its median and band over its runs, names it with its seeds, and says so in the caption', async () => {
    const sigmoid = 'vanishing-sigmoid';
    const others = [101, 102].map((seed) => train({ ...smallSpec(sigmoid), seed }).events);
    const { report, drawn } = await assemble('03-vanishing-gradient', 'ko', { groups: { [sigmoid]: others } });
    const [group] = report.groups;
    expect(group!.charts.map((chart) => chart.title)).toEqual([
      `${lessonKo('gradientCaption')} ${compareKo('bandCaption')}`,
      `${lessonKo('batchLossCaption', { smoothing: '0.90' })} ${compareKo('bandCaption')}`,
    ]);
    // The runs table keeps the run the sheet ran; the figures draw its group of 3.
    expect(group!.runs[0]!.name).toBe('기울기 소실: sigmoid 10층');
    for (const { option } of drawn) {
      const ids = seriesOf(option).map((s) => String(s.id));
      expect(ids.some((id) => id.startsWith('0:') && id.endsWith('~iqr'))).toBe(true);
      expect(ids.filter((id) => id.startsWith('0:') && id.includes('~member')).length).toBeGreaterThanOrEqual(3);
      expect(ids.some((id) => id.startsWith('1:') && id.includes('~'))).toBe(false);
      expect(legendsOf(option)[0]!.data).toContain('기울기 소실: sigmoid 10층 · 시드 3개');
    }
    expectPrintable(drawn);
  });
});
