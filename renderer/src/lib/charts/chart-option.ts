import type { ComposeOption } from 'echarts/core';
import type { PngDownload } from './chart-download';
import type { BarSeriesOption, CustomSeriesOption, HeatmapSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';

/**
 * An ECharts option made of only the parts registered in `echarts-setup.ts` (line, bar, heatmap,
 * scatter, custom; grid, tooltip, legend, title, visualMap, inside dataZoom), and the PNG download the
 * page offers beside it (ECharts does not read it). Every builder returns one.
 */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | HeatmapSeriesOption
  | ScatterSeriesOption
  | DataZoomComponentOption
  | CustomSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
> & {
  /** The chart's "save as PNG": the page's button beside the legend (Chart.svelte); none in reports. */
  download?: PngDownload;
};

type Single<T> = T extends readonly (infer U)[] ? U : T;

/** One entry of each array-or-single option slot. */
export type XAxisOption = Single<NonNullable<ChartOption['xAxis']>>;
export type YAxisOption = Single<NonNullable<ChartOption['yAxis']>>;
export type TitleOption = Single<NonNullable<ChartOption['title']>>;
export type GridOption = Single<NonNullable<ChartOption['grid']>>;
export type LegendOption = Single<NonNullable<ChartOption['legend']>>;
export type TooltipOption = Single<NonNullable<ChartOption['tooltip']>>;
export type VisualMapOption = Single<NonNullable<ChartOption['visualMap']>>;
export type SeriesOption = Single<NonNullable<ChartOption['series']>>;
export type DataZoomOption = Single<NonNullable<ChartOption['dataZoom']>>;
