import type { ChartOption, GridOption, LegendOption, TitleOption, VisualMapOption, XAxisOption, YAxisOption } from './chart-option';

/**
 * A chart redrawn small for the training screen's first view (the boundary, loss and accuracy
 * beside the network, all on one 1366 × 768 screen). The full-size option leaves about 190 px
 * above and below the plot for its title, run name, legend and axis names; here the title is one
 * line, the legend and class key sit in the margins, the axis names go (the toggles above and the
 * panel say what the axes are), so the plot keeps most of the height.
 */
export function compactChart(option: ChartOption): ChartOption {
  return {
    ...option,
    title: mapSlot(option.title, compactTitle),
    legend: mapSlot(option.legend, compactLegend),
    grid: mapSlot(option.grid, compactGrid),
    xAxis: mapSlot(option.xAxis, (axis) => compactAxis(axis) as XAxisOption),
    yAxis: mapSlot(option.yAxis, (axis) => compactAxis(axis) as YAxisOption),
    visualMap: mapSlot(option.visualMap, compactVisualMap),
  };
}

/** Top margin: the title line. Bottom: tick labels and a one-line legend. */
const GRID = { left: 40, right: 12, top: 30, bottom: 44 };
const SMALL_TEXT = 11;

function mapSlot<T>(slot: T | T[] | undefined, map: (value: T) => T): T | T[] | undefined {
  if (slot === undefined) return undefined;
  return Array.isArray(slot) ? slot.map(map) : map(slot);
}

function compactTitle(title: TitleOption): TitleOption {
  return { ...title, subtext: '', left: 4, top: 4, textStyle: { ...title.textStyle, fontSize: 13 } };
}

function compactLegend(legend: LegendOption): LegendOption {
  return { ...legend, bottom: 0, itemGap: 8, itemWidth: 14, itemHeight: 8, textStyle: { ...legend.textStyle, fontSize: SMALL_TEXT } };
}

function compactGrid(grid: GridOption): GridOption {
  return { ...grid, ...GRID };
}

function compactAxis(axis: XAxisOption | YAxisOption): XAxisOption | YAxisOption {
  const label = (axis as { axisLabel?: Record<string, unknown> }).axisLabel;
  return { ...axis, name: '', ...(label ? { axisLabel: { ...label, fontSize: 10 } } : {}) } as XAxisOption | YAxisOption;
}

function compactVisualMap(map: VisualMapOption): VisualMapOption {
  return map.show === false ? map : ({ ...map, top: 6, right: 30, itemWidth: 12, itemHeight: 10, itemGap: 6, textStyle: { ...map.textStyle, fontSize: SMALL_TEXT } } as VisualMapOption);
}
