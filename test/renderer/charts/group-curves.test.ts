import { describe, expect, it } from 'vitest';
import { quantileOfSorted } from '../../../engine/api/quantiles';
import { BAND_OPACITY, MEDIAN_WIDTH, MEMBER_OPACITY } from '../../../renderer/src/lib/charts/curve-bands';
import { groupAccuracyChartOption, groupLossChartOption } from '../../../renderer/src/lib/charts/training-curves';
import { COLORS } from '../../../renderer/src/lib/charts/chart-style';
import { circleSpec, train } from '../../engine/train/run-helpers';
import { en, ko, list, renderSvg, seriesOf, svgTexts } from './chart-helpers';

/** A seed group of four, one of them behind (still training: half its evaluations so far). */
const full = [1, 2, 3].map((seed) => seriesOf(train(circleSpec({ seed })).events).curves());
const behindEvents = train(circleSpec({ seed: 4 })).events;
const behind = seriesOf(behindEvents.slice(0, Math.floor(behindEvents.length / 2))).curves();
const members = [...full, behind];

interface Line {
  id: string;
  name: string;
  color: string;
  data: [number, number | null][];
  lineStyle?: { width?: number; opacity?: number; type?: string };
  areaStyle?: { opacity?: number };
  silent?: boolean;
}
const byId = (option: ReturnType<typeof groupLossChartOption>) => new Map((list(option.series) as unknown as Line[]).map((s) => [s.id, s]));

describe('a live seed group as a band', () => {
  it('loss: a train and a test median over their inter-quartile bands, each run a faint line', () => {
    const option = groupLossChartOption(members, ko, { runName: 'He' });
    const series = byId(option);
    const train = series.get('group:train')!;
    expect(train).toMatchObject({ name: '훈련 손실', color: COLORS.train, lineStyle: { width: MEDIAN_WIDTH } });
    expect(series.get('group:test')).toMatchObject({ name: '시험 손실', color: COLORS.test, lineStyle: { width: MEDIAN_WIDTH, type: 'dashed' } });
    expect(series.get('group:train~iqr')!.areaStyle?.opacity).toBe(BAND_OPACITY);
    for (let m = 0; m < 4; m++) expect(series.get(`group:train~member${m}`)).toMatchObject({ silent: true, lineStyle: { width: 1, opacity: MEMBER_OPACITY } });
    // At the first evaluation all four runs count; at the last only the three that got there.
    const firstValues = members.map((m) => m.evals.trainLoss[0]!).sort((a, b) => a - b);
    expect(train.data[0]![1]).toBeCloseTo(quantileOfSorted(firstValues, 0.5), 12);
    const lastValues = full.map((m) => m.evals.trainLoss.at(-1)!).sort((a, b) => a - b);
    expect(train.data.at(-1)![1]).toBeCloseTo(quantileOfSorted(lastValues, 0.5), 12);
    // The legend: train and test once each; the subtitle says what the picture is.
    const texts = svgTexts(renderSvg(option));
    expect(texts.filter((text) => text === '훈련 손실')).toHaveLength(1);
    expect(texts.join(' ')).toContain('시드 4개: 굵은 선은 중앙값');
  });

  it('accuracy in %, in English too', () => {
    const option = groupAccuracyChartOption(members, en);
    const median = byId(option).get('group:test')!;
    expect(median.name).toBe('Test accuracy');
    for (const [, y] of median.data) expect(y!).toBeGreaterThan(1);
    expect(svgTexts(renderSvg(option)).join(' ')).toContain('4 seeds: thick line the median');
  });
});
