import { init, use } from 'echarts/core';
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

/**
 * ECharts with only what the chart builders use (see ChartOption): five chart types, seven
 * components (DataZoom only inside: the zoom buttons are HTML, so the keyboard reaches them), and
 * both renderers (canvas in the app, SVG for server-side rendering in tests).
 * Importing this module registers them once.
 */
use([
  LineChart,
  DataZoomInsideComponent,
  BarChart,
  HeatmapChart,
  ScatterChart,
  CustomChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
]);

/** echarts.init: a chart on an element (or, with `ssr: true`, on nothing, for renderToSVGString). */
export { init as initChart };
/** A chart made by initChart. */
export type { EChartsType as ChartInstance } from 'echarts/core';
