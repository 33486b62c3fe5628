import { expect } from 'vitest';
import type { ChartOption } from '../../../renderer/src/lib/charts/chart-option';
import { fontSizes, list } from './chart-helpers';

/**
 * What every chart must have: a title, a legend, a tooltip, a PNG download named after the chart
 * (and the run when given), names on every visible axis, and no text under 12 px.
 */
export function expectChartBasics(option: ChartOption, fileNamePrefix: string): void {
  expect(list(option.title)[0]?.text).toBeTruthy();
  expect(list(option.legend)).toHaveLength(1);
  expect(list(option.tooltip)).toHaveLength(1);
  // The download is the page's button (Chart.svelte), not an ECharts toolbox drawn on the canvas.
  expect(option.toolbox).toBeUndefined();
  expect(option.download?.fileName.startsWith(fileNamePrefix)).toBe(true);
  expect(option.download?.fileName).not.toMatch(/[<>:"/\\|?*]/);
  expect(option.download?.title).toBeTruthy();
  for (const axis of [...list(option.xAxis), ...list(option.yAxis)]) {
    if ((axis as { show?: boolean }).show === false) continue;
    expect((axis as { name?: string }).name, 'a visible axis without a name').toBeTruthy();
  }
  const sizes = fontSizes(option);
  expect(sizes.length).toBeGreaterThan(0);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
}
