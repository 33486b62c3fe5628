import type { ChartOption } from '../charts/chart-option';
import { shownOption } from '../charts/chart-text';
import { initChart } from '../charts/echarts-setup';

/**
 * Draws a chart option into an offscreen element with ECharts' canvas renderer and returns it as
 * a PNG data URL (twice the pixels, on white: sharp when printed). Waits for the app's fonts, so
 * Korean titles and legends come out in Pretendard rather than a fallback.
 */
export async function chartPng(option: ChartOption, width = 880, height = 440): Promise<string> {
  await document.fonts.ready;
  const host = document.createElement('div');
  host.style.cssText = `position: fixed; left: -20000px; top: 0; width: ${width}px; height: ${height}px;`;
  host.setAttribute('aria-hidden', 'true');
  document.body.append(host);
  const chart = initChart(host, null, { renderer: 'canvas', width, height });
  try {
    chart.setOption(shownOption(option));
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  } finally {
    chart.dispose();
    host.remove();
  }
}
