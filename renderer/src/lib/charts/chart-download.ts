/**
 * The on-screen charts' "save as PNG" as an HTML button beside the legend and the data-table
 * button, not ECharts' toolbox icon: drawn on the canvas's top right, the icon sat on small
 * charts' legends and plots (issue 15), and a canvas icon cannot be laid out with the HTML around
 * it. Each builder states the file's name in its option's `download` (chartDownload); the CSV of
 * the chart's numbers takes the same name.
 */
export interface PngDownload {
  /** The file's name without `.png`. */
  readonly fileName: string;
  /** What the button says it does ("PNG로 저장"). */
  readonly title: string;
}
