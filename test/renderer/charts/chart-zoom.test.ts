import { describe, expect, it } from 'vitest';
import { FULL_WINDOW, curveZoom, isZoomable, isZoomed, panWindow, scaleWindow, withZoom } from '../../../renderer/src/lib/charts/chart-zoom';
import { gradientFlowOption } from '../../../renderer/src/lib/charts/gradient-flow-chart';
import { accuracyChartOption, groupAccuracyChartOption, groupLossChartOption, lossChartOption } from '../../../renderer/src/lib/charts/training-curves';
import { circleSpec, train } from '../../engine/train/run-helpers';
import { en, ko, list, renderSvg, seriesOf } from './chart-helpers';

const series = seriesOf(train(circleSpec()).events);
const curves = series.curves();

describe('zoom on every curve chart', () => {
  it('gives the loss, accuracy, group and gradient-flow charts an inside DataZoom on the x axis', () => {
    const options = [
      lossChartOption(curves, ko),
      lossChartOption(curves, ko, { xAxis: 'epoch', logScale: true }),
      accuracyChartOption(curves, en),
      groupLossChartOption([curves, curves], ko),
      groupAccuracyChartOption([curves, curves], ko),
      gradientFlowOption(series.gradientNorms(), ko),
    ];
    for (const option of options) {
      expect(isZoomable(option)).toBe(true);
      expect(list(option.dataZoom)).toEqual([expect.objectContaining({ type: 'inside', xAxisIndex: 0, filterMode: 'filter' })]);
    }
  });

  it('zooms panels side by side together', () => {
    expect(curveZoom(3)[0]).toMatchObject({ xAxisIndex: [0, 1, 2] });
  });

  it('draws a zoomed window: fewer x ticks past the window are shown', () => {
    const option = withZoom(lossChartOption(curves, en), { start: 0, end: 20 });
    expect(list(option.dataZoom)[0]).toMatchObject({ type: 'inside', start: 0, end: 20 });
    // 45 steps on the axis; a fifth of it ends at 9.
    const svg = renderSvg(option);
    expect(svg).not.toContain('>40<');
    expect(renderSvg(lossChartOption(curves, en))).toContain('>40<');
  });
});

describe('zoom window arithmetic', () => {
  it('zooms in and out around the centre and stays inside the axis', () => {
    expect(scaleWindow(FULL_WINDOW, 0.5)).toEqual({ start: 25, end: 75 });
    expect(scaleWindow({ start: 25, end: 75 }, 2)).toEqual(FULL_WINDOW);
    expect(scaleWindow({ start: 80, end: 100 }, 4)).toEqual({ start: 20, end: 100 });
    expect(scaleWindow(FULL_WINDOW, 8)).toEqual(FULL_WINDOW);
    const narrow = scaleWindow({ start: 50, end: 50.2 }, 0.1);
    expect(narrow.end - narrow.start).toBeCloseTo(0.5, 10);
  });

  it('pans by a share of the window and stops at the ends', () => {
    expect(panWindow({ start: 25, end: 75 }, 0.25)).toEqual({ start: 37.5, end: 87.5 });
    expect(panWindow({ start: 25, end: 75 }, -1)).toEqual({ start: 0, end: 50 });
    expect(panWindow({ start: 60, end: 90 }, 1)).toEqual({ start: 70, end: 100 });
  });

  it('knows a zoomed window from the whole axis, and leaves a chart without zoom alone', () => {
    expect(isZoomed(FULL_WINDOW)).toBe(false);
    expect(isZoomed({ start: 0, end: 99 })).toBe(true);
    const plain = { series: [] };
    expect(withZoom(plain, { start: 10, end: 20 })).toBe(plain);
    expect(isZoomable(plain)).toBe(false);
  });
});
