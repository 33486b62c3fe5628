import { init, use } from 'echarts/core';
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

/**
 * ECharts with only what the chart builders use (see ChartOption): five chart types, six
 * components, and both renderers (canvas in the app, SVG for server-side rendering in tests).
 * Importing this module registers them once.
 */
use([
  LineChart,
  BarChart,
  HeatmapChart,
  ScatterChart,
  CustomChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
]);

/** echarts.init: a chart on an element (or, with `ssr: true`, on nothing, for renderToSVGString). */
export { init as initChart };
/** A chart made by initChart. */
export type { EChartsType as ChartInstance } from 'echarts/core';
