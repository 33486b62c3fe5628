import type { ChartOption, DataZoomOption } from './chart-option';

/**
 * Zoom and pan on a curve chart's x axis. The wheel and a drag on the plot (ECharts' inside
 * DataZoom) zoom and pan; the buttons under Chart.svelte do the same from the keyboard. The window
 * is kept in percent of the x axis, whose end is the run's planned length: an unzoomed live chart
 * shows all of it and so keeps the newest point in view, a zoomed one stays where the student put it.
 */

/** The part of the x axis shown, in percent (0–100). */
export interface ZoomWindow {
  readonly start: number;
  readonly end: number;
}

export const FULL_WINDOW: ZoomWindow = { start: 0, end: 100 };

/** The narrowest window the buttons zoom to (ECharts' own minimum is finer; wheel zoom may go further). */
const MIN_SPAN = 0.5;

/**
 * The DataZoom of every curve chart: its x axes (`xAxes` panels side by side zoom together), zoomed
 * by wheel or pinch and panned by dragging. Filtering to the window lets ECharts' LTTB sample only
 * what is shown, so zooming in shows the steps themselves.
 */
export function curveZoom(xAxes = 1): DataZoomOption[] {
  const xAxisIndex = xAxes <= 1 ? 0 : Array.from({ length: xAxes }, (_, i) => i);
  return [{ type: 'inside', xAxisIndex, filterMode: 'filter', zoomOnMouseWheel: true, moveOnMouseMove: true, moveOnMouseWheel: false }];
}

/** Whether a chart's option can be zoomed (it has a DataZoom). */
export function isZoomable(option: ChartOption): boolean {
  const slot = option.dataZoom;
  return Array.isArray(slot) ? slot.length > 0 : slot !== undefined;
}

/** Whether a window shows less than the whole axis. */
export function isZoomed(window: ZoomWindow): boolean {
  return window.start > 0 || window.end < 100;
}

function clamp(start: number, span: number): ZoomWindow {
  const width = Math.min(100, Math.max(MIN_SPAN, span));
  const from = Math.min(100 - width, Math.max(0, start));
  return { start: from, end: from + width };
}

/** The window `factor` times as wide around the same centre (factor < 1 zooms in), kept inside the axis. */
export function scaleWindow(window: ZoomWindow, factor: number): ZoomWindow {
  const span = (window.end - window.start) * factor;
  const centre = (window.start + window.end) / 2;
  return clamp(centre - Math.min(100, Math.max(MIN_SPAN, span)) / 2, span);
}

/** The window moved by `fraction` of its own width (negative: towards the start), kept inside the axis. */
export function panWindow(window: ZoomWindow, fraction: number): ZoomWindow {
  const span = window.end - window.start;
  return clamp(window.start + span * fraction, span);
}

/** The option with its DataZoom showing `window` (an option without one is returned as it is). */
export function withZoom(option: ChartOption, window: ZoomWindow): ChartOption {
  if (!isZoomable(option)) return option;
  const slot = option.dataZoom!;
  const zooms = (Array.isArray(slot) ? slot : [slot]).map((zoom) => ({ ...zoom, start: window.start, end: window.end }));
  return { ...option, dataZoom: zooms };
}
