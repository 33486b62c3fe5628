import { describe, expect, it } from 'vitest';
import type { EvalSeries, StepSeries } from '../../../engine/api/runs';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { reportMessages } from '../../../renderer/src/lib/i18n/messages/labs';
import { reportAccuracyOption, reportLossOption, type ReportChartRun } from '../../../renderer/src/lib/labs/report-charts';
import { renderSvg, svgTexts } from '../charts/chart-helpers';

const t = translator(reportMessages, 'ko');

function run(name: string, color: string, accuracy: boolean): ReportChartRun {
  const step = [0, 100, 200, 300];
  const steps: StepSeries = { step, epoch: [0, 0, 0, 0], loss: [2.3, 1.2, 0.8, 0.6], dataLoss: [2.3, 1.2, 0.8, 0.6] };
  const evals: EvalSeries = {
    step,
    epoch: [0, 0, 0, 0],
    trainLoss: [2.3, 1.1, 0.7, 0.5],
    testLoss: [2.3, 1.2, 0.9, 0.8],
    trainAccuracy: accuracy ? [0.1, 0.6, 0.8, 0.9] : [null, null, null, null],
    testAccuracy: accuracy ? [0.1, 0.55, 0.7, 0.75] : [null, null, null, null],
  };
  return { name, color, steps, evals };
}

describe('report charts', () => {
  it('overlays every run’s train (solid) and test (dashed) loss in the run’s colour', () => {
    const option = reportLossOption([run('std 0.01', '#0072B2', true), run('He', '#D55E00', true)], t);
    const series = option.series as { name: string; color: string; lineStyle: { type: string } }[];
    expect(series.map((s) => s.name)).toEqual(['std 0.01 · 훈련', 'std 0.01 · 시험', 'He · 훈련', 'He · 시험']);
    expect(series.map((s) => s.lineStyle.type)).toEqual(['solid', 'dashed', 'solid', 'dashed']);
    expect(series[2]!.color).toBe('#D55E00');
    const texts = svgTexts(renderSvg(option));
    expect(texts).toContain('손실 (실선: 훈련, 점선: 시험)');
    expect(texts).toContain('He · 시험');
  });

  it('has no accuracy chart for runs without accuracy', () => {
    expect(reportAccuracyOption([run('regression', '#0072B2', false)], t)).toBeNull();
    const option = reportAccuracyOption([run('a', '#0072B2', true)], t)!;
    expect(svgTexts(renderSvg(option))).toContain('정확도 (%)');
  });
});
