import { describe, expect, it } from 'vitest';
import type { ChartOption } from '../../../renderer/src/lib/charts/chart-option';
import { compactChart } from '../../../renderer/src/lib/charts/compact-chart';
import { decisionBoundaryOption } from '../../../renderer/src/lib/charts/decision-boundary-chart';
import { accuracyChartOption, lossChartOption } from '../../../renderer/src/lib/charts/training-curves';
import { circleSpec, train } from '../../engine/train/run-helpers';
import { ko, renderSvg, seriesOf, trainWithPoints } from './chart-helpers';

const curves = seriesOf(train(circleSpec({ name: 'tanh circle' })).events).curves();
const stuck = seriesOf(Array.from({ length: 50 }, (_, step) => ({ type: 'step' as const, step, epoch: 0, loss: 0.72 - step * 0.0006, dataLoss: 0.72 - step * 0.0006 }))).curves();

/** The y axis's labels as drawn: right-aligned left of the plot, with their heights on the canvas. */
function yLabels(option: ChartOption, width: number, height: number): { text: string; y: number }[] {
  const svg = renderSvg(option, width, height);
  return [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>([^<]*)<\/text>/g)]
    .filter((m) => Number(m[1]) < 40)
    .map((m) => ({ text: m[3]!, y: Number(m[2]) }));
}

/** The training screen's curve heights: 110 px (smallest) to 260 px (largest), 1366 × 768 gives about 140. */
const HEIGHTS = [110, 140, 180, 260];

describe('compact curves beside the boundary', () => {
  const charts: [string, ChartOption][] = [
    ['loss', lossChartOption(curves, ko)],
    ['loss near 0.7 (a deep net that barely learns)', lossChartOption(stuck, ko)],
    ['loss on a log axis', lossChartOption(curves, ko, { logScale: true })],
    ['accuracy', accuracyChartOption(curves, ko)],
  ];
  for (const [name, option] of charts) {
    it(`${name}: at most 4 y labels, each two label heights from the next, at every height of the screen`, () => {
      for (const height of HEIGHTS) {
        const labels = yLabels(compactChart(option, height), 330, height);
        expect(labels.length, `${name} at ${height} px: ${labels.map((l) => l.text).join(', ')}`).toBeGreaterThanOrEqual(2);
        expect(labels.length, `${name} at ${height} px: ${labels.map((l) => l.text).join(', ')}`).toBeLessThanOrEqual(4);
        const ys = labels.map((l) => l.y).sort((a, b) => a - b);
        for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!, `${name} at ${height} px: gap between labels`).toBeGreaterThanOrEqual(18);
        // One step between every two labels (no label at the data's own end, 0, 0.5, 0.9).
        for (let i = 2; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!, `${name} at ${height} px: even steps`).toBeCloseTo(ys[1]! - ys[0]!, 0);
      }
    });
  }
});

describe('a compact plane', () => {
  it('keeps ECharts’ labels on the boundary’s axis, whose ends are the data’s (no step counted from an odd end: 4.3, -0.67)', () => {
    const circle = trainWithPoints(circleSpec({ name: 'circle tanh' }));
    const network = seriesOf(circle.events).latestNetwork!;
    const option = decisionBoundaryOption(network, circle.points, ko, { numClasses: 2 });
    const labels = yLabels(compactChart(option, 290), 330, 290).map((l) => Number(l.text));
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (const value of labels) expect(Number.isInteger(value), `label ${value} of ${labels.join(', ')}`).toBe(true);
  });
});
