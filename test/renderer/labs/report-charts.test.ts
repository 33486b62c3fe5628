import { describe, expect, it } from 'vitest';
import { chartDownload, chartLegend, chartTooltip } from '../../../renderer/src/lib/charts/chart-style';
import type { ChartOption, LegendOption } from '../../../renderer/src/lib/charts/chart-option';
import { REPORT_CHART_WIDTH, SMALL_CHART_WIDTH, legendLines, panelNames, printable } from '../../../renderer/src/lib/labs/report-charts';
import { ko, list } from '../charts/chart-helpers';

describe('report charts', () => {
  it('are still images: every legend plain, whatever the builder gave, no download, tooltip or animation', () => {
    const option: ChartOption = {
      legend: [chartLegend(['a', 'b']), { type: 'scroll', data: ['c'] }],
      download: chartDownload(ko, 'x'),
      tooltip: chartTooltip('axis'),
      series: [{ type: 'line', name: 'a', data: [[0, 1]] }],
    };
    expect((list(option.legend)[0] as LegendOption).type).toBe('scroll');
    const still = printable(option);
    expect((list(still.legend) as LegendOption[]).map((legend) => [legend.type, legend.data])).toEqual([
      ['plain', ['a', 'b']],
      ['plain', ['c']],
    ]);
    expect(still.download).toBeUndefined();
    expect(still.tooltip).toBeUndefined();
    expect(still.animation).toBe(false);
    expect(still.series).toBe(option.series);
  });

  it('know how many lines a legend takes, to make room for it', () => {
    const remedies = ['과적합: 규제 없음 (300장)', '과적합 방지: L2 규제 (가중치 감소 λ = 0.1)', '과적합 방지: L1 규제 (λ = 0.005)', '과적합 방지: 드롭아웃 0.2', '과적합 억제: 배치 정규화'];
    const legend = { itemWidth: 14, itemGap: 16 };
    expect(legendLines(remedies.slice(0, 1), REPORT_CHART_WIDTH, legend)).toBe(1);
    expect(legendLines(remedies, REPORT_CHART_WIDTH, legend)).toBe(2);
    expect(legendLines(remedies, SMALL_CHART_WIDTH, legend)).toBeGreaterThanOrEqual(4);
  });

  it('name a panel’s runs by what tells them apart when the panel’s heading says what they share', () => {
    expect(panelNames(['배치 정규화 없음: 초기 표준편차 1', '배치 정규화 사용: 초기 표준편차 1'])).toEqual(['배치 정규화 없음', '배치 정규화 사용']);
    expect(panelNames(['no BN: initial std 0.293', 'BN: initial std 0.293'])).toEqual(['no BN', 'BN']);
    // A run the student renamed, or names that would become the same: whole names.
    expect(panelNames(['배치 정규화 없음: 초기 표준편차 1', '내 실험'])).toEqual(['배치 정규화 없음: 초기 표준편차 1', '내 실험']);
    expect(panelNames(['a: x', 'a: x'])).toEqual(['a: x', 'a: x']);
  });
});
