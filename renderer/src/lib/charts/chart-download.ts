import type { ChartOption } from './chart-option';

/**
 * The on-screen charts' "save as PNG" as an HTML button beside the legend and the data-table
 * button, instead of ECharts' toolbox icon: drawn on the canvas's top right, the icon sat on
 * small charts' legends and plots (issue 15), and a canvas icon cannot be laid out with the HTML
 * around it. The file name and the button's name are the toolbox's; ECharts keeps the toolbox
 * hidden. Reports draw no toolbox at all.
 */
export interface PngDownload {
  /** The file's name without `.png`. */
  readonly fileName: string;
  /** What the button says it does ("PNG로 저장"). */
  readonly title: string;
}

type Loose = Record<string, unknown>;
const list = (slot: unknown): Loose[] => (Array.isArray(slot) ? (slot as Loose[]) : slot ? [slot as Loose] : []);

/** The option's PNG download, or null when it offers none. */
export function pngDownload(option: ChartOption): PngDownload | null {
  for (const toolbox of list(option.toolbox)) {
    if (toolbox.show === false) continue;
    const save = ((toolbox.feature ?? {}) as Loose).saveAsImage as Loose | undefined;
    if (save && save.show !== false) return { fileName: String(save.name ?? 'chart'), title: String(save.title ?? 'PNG') };
  }
  return null;
}

/** The option without a drawn toolbox (the page shows the download as a button). */
export function withoutCanvasToolbox(option: ChartOption): ChartOption {
  return option.toolbox === undefined ? option : { ...option, toolbox: { show: false } };
}
