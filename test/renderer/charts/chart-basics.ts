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
  const toolbox = list(option.toolbox)[0]!;
  const save = (toolbox.feature as { saveAsImage?: { type?: string; name?: string } }).saveAsImage;
  expect(save?.type).toBe('png');
  expect(save?.name?.startsWith(fileNamePrefix)).toBe(true);
  expect(save?.name).not.toMatch(/[<>:"/\\|?*]/);
  for (const axis of [...list(option.xAxis), ...list(option.yAxis)]) {
    if ((axis as { show?: boolean }).show === false) continue;
    expect((axis as { name?: string }).name, 'a visible axis without a name').toBeTruthy();
  }
  const sizes = fontSizes(option);
  expect(sizes.length).toBeGreaterThan(0);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
}
