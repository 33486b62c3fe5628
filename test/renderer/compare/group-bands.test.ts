import { describe, expect, it } from 'vitest';
import { quantileOfSorted } from '../../../engine/api/quantiles';
import type { ChartOption } from '../../../renderer/src/lib/charts/chart-option';
import { compareBatchLossOption } from '../../../renderer/src/lib/charts/compare/batch-loss-chart';
import type { ComparedRun, CompareTranslators } from '../../../renderer/src/lib/charts/compare/compared-run';
import { compareGradientOption } from '../../../renderer/src/lib/charts/compare/gradient-panels';
import { compareAccuracyOption, compareEvalLossOption } from '../../../renderer/src/lib/charts/compare/train-test-curves';
import { compareGapOption } from '../../../renderer/src/lib/charts/compare/train-test-gap-chart';
import { BAND_OPACITY, MEDIAN_WIDTH, MEMBER_OPACITY } from '../../../renderer/src/lib/charts/curve-bands';
import { runColor } from '../../../renderer/src/lib/compare/run-colors';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { chartMessages } from '../../../renderer/src/lib/i18n/messages/charts';
import { compareMessages } from '../../../renderer/src/lib/i18n/messages/compare';
import { circleSpec, train } from '../../engine/train/run-helpers';
import { list, renderSvg, seriesOf } from '../charts/chart-helpers';

const tr: CompareTranslators = { chart: translator(chartMessages, 'ko'), compare: translator(compareMessages, 'ko') };

/** He vs normal(0.01) in a deep ReLU net: the lecture's initialization comparison, three seeds each, and one run alone. */
const hidden = (init: 'he' | { name: 'normal'; std: number }) => Array.from({ length: 3 }, () => ({ units: 8, activation: 'relu' as const, init }));
const spec = (init: 'he' | { name: 'normal'; std: number }, seed: number) =>
  circleSpec({ seed, layers: [...hidden(init), { units: 2, activation: 'softmax' }], training: { batchSize: 10, epochs: 3 } });
const he = [1, 2, 3].map((seed) => seriesOf(train(spec('he', seed)).events));
const small = [1, 2, 3].map((seed) => seriesOf(train(spec({ name: 'normal', std: 0.01 }, seed)).events));
const single = seriesOf(train(spec('he', 9)).events);
const runs: ComparedRun[] = [
  { id: 'he', name: 'He · 시드 3개', color: runColor(0), series: he[0]!, members: he },
  { id: 'small', name: 'std 0.01 · 시드 3개', color: runColor(1), series: small[0]!, members: small },
  { id: 'one', name: 'He, seed 9', color: runColor(2), series: single },
];

interface Line { id: string; name?: unknown; color?: unknown; data: [number, number | null][]; lineStyle?: { width?: number; opacity?: number; type?: string }; areaStyle?: { opacity?: number }; stack?: string; silent?: boolean }
const seriesById = (option: ChartOption) => new Map((list(option.series) as unknown as Line[]).map((s) => [s.id, s]));

/** A group's band, median and faint members for one role, as every curve chart draws them. */
function expectBand(option: ChartOption, group: number, role: string, members: number): Line {
  const byId = seriesById(option);
  const median = byId.get(`${group}:${role}`)!;
  const lower = byId.get(`${group}:${role}~q1`)!;
  const width = byId.get(`${group}:${role}~iqr`)!;
  expect(median, `${group}:${role} median`).toBeDefined();
  expect(median.lineStyle?.width).toBe(MEDIAN_WIDTH);
  expect(lower.stack).toBe(width.stack);
  expect(lower.areaStyle).toBeUndefined();
  expect(width.areaStyle?.opacity).toBe(BAND_OPACITY);
  for (let m = 0; m < members; m++) {
    const member = byId.get(`${group}:${role}~member${m}`)!;
    expect(member.lineStyle?.opacity).toBe(MEMBER_OPACITY);
    expect(member.lineStyle?.width).toBe(1);
    expect(member.silent).toBe(true);
  }
  expect(byId.has(`${group}:${role}~member${members}`)).toBe(false);
  // Everything of the group carries its name (one legend entry) and its colour.
  for (const s of [median, lower, width]) {
    expect(s.name).toBe(runs[group]!.name);
    expect(s.color).toBe(runs[group]!.color);
  }
  // q1 ≤ median ≤ q1 + width everywhere.
  median.data.forEach(([, y], i) => {
    const q1 = lower.data[i]![1]!;
    expect(y!).toBeGreaterThanOrEqual(q1 - 1e-12);
    expect(y!).toBeLessThanOrEqual(q1 + width.data[i]![1]! + 1e-12);
  });
  return median;
}

describe('a group of runs as a band on the compare charts', () => {
  it('evaluated loss: a train and a test band per group, the median of its members at each step; a single run stays a line', () => {
    const option = compareEvalLossOption(runs, tr);
    const median = expectBand(option, 0, 'train', 3);
    expectBand(option, 0, 'test', 3);
    expectBand(option, 1, 'train', 3);
    expect(seriesById(option).get('1:test')!.lineStyle?.type).toBe('dashed');
    // The median at the last evaluation is the median of the three runs' last train losses.
    const last = he.map((s) => s.evals.trainLoss.at(-1)!).sort((a, b) => a - b);
    expect(median.data.at(-1)![1]).toBeCloseTo(quantileOfSorted(last, 0.5), 12);
    // The single run: its own line, no band.
    const byId = seriesById(option);
    expect(byId.get('2:train')!.lineStyle?.width).toBe(2.5);
    expect(byId.has('2:train~q1')).toBe(false);
    // One legend entry per group.
    expect(list(option.legend)[0]!.data).toEqual(runs.map((run) => run.name));
    // It draws: each group's shading in its colour.
    const svg = renderSvg(option, 1200, 500).toLowerCase();
    for (const run of runs.slice(0, 2)) expect(svg).toMatch(new RegExp(`fill="${run.color.toLowerCase()}"[^>]*fill-opacity="${BAND_OPACITY}"`));
  });

  it('accuracy, batch loss (smoothed or raw), the gap and the gradients (log axis) draw bands too', () => {
    expectBand(compareAccuracyOption(runs, tr), 1, 'test', 3);
    expectBand(compareBatchLossOption(runs, tr, { smoothing: 0.6 }), 0, 'smoothed', 3);
    expectBand(compareBatchLossOption(runs, tr, { smoothing: 0 }), 1, 'raw', 3);
    const gap = compareGapOption(runs, tr);
    expectBand(gap, 0, 'accuracy', 3);
    expectBand(gap, 0, 'loss', 3);
    const gradients = compareGradientOption(runs, tr);
    expectBand(gradients, 1, 'layer0', 3);
    expect(() => renderSvg(gradients, 1200, 600)).not.toThrow();
  });

  it('the tooltip reads a group\'s median, not its shading or members', () => {
    const formatterOf = (option: ChartOption) => (list(option.tooltip)[0] as { formatter: (params: unknown) => string }).formatter;
    const text = formatterOf(compareEvalLossOption(runs, tr))([
      { seriesId: '0:train~member0', value: [10, 99], marker: '', axisValue: 10 },
      { seriesId: '0:train~q1', value: [10, 98], marker: '', axisValue: 10 },
      { seriesId: '0:train', value: [10, 0.5], marker: '', axisValue: 10 },
      { seriesId: '0:test', value: [10, 0.6], marker: '', axisValue: 10 },
    ]);
    expect(text).toBe('<b>10단계</b><br/>He · 시드 3개: 훈련 0.5 · 시험 0.6');
    // The gradient panels' tooltip takes a run's one value: the median's, whatever comes first.
    const gradient = formatterOf(compareGradientOption(runs, tr))([
      { seriesId: '1:layer0~member0', value: [10, 99], marker: '', axisValue: 10 },
      { seriesId: '1:layer0~iqr', value: [10, 98], marker: '', axisValue: 10 },
      { seriesId: '1:layer0', value: [10, 0.25], marker: '', axisValue: 10 },
    ]);
    expect(gradient).toBe('<b>10단계</b><br/>std 0.01 · 시드 3개: 0.25');
  });

  it('a student sees He below std 0.01: He\'s loss band ends below std 0.01\'s', () => {
    const byId = seriesById(compareEvalLossOption(runs, tr));
    const top = (group: number) => byId.get(`${group}:train~q1`)!.data.at(-1)![1]! + byId.get(`${group}:train~iqr`)!.data.at(-1)![1]!;
    expect(top(0)).toBeLessThan(byId.get('1:train~q1')!.data.at(-1)![1]!);
  });
});
