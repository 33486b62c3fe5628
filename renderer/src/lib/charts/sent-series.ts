import type { ChartOption } from './chart-option';

type SeriesLike = { id?: unknown };

/**
 * What a chart hands ECharts on an update: series it has already sent, the same object under the
 * same id, are left out. ECharts' merge keeps a series the new option does not name, without
 * rebuilding its data; named again, even unchanged, it rebuilds all of it (the decision boundary's
 * 50,000 data points, several hundred milliseconds on every snapshot, issue 15).
 */
export class SentSeries {
  #sent = new Map<unknown, unknown>();

  /** The option to send; `replacing` (ECharts' notMerge) sends every series. */
  next(option: ChartOption, replacing: boolean): ChartOption {
    const all = option.series;
    if (!Array.isArray(all)) {
      this.#sent.clear();
      return option;
    }
    const list = all as SeriesLike[];
    const changed = replacing ? list : list.filter((s) => s.id === undefined || this.#sent.get(s.id) !== s);
    this.#sent = new Map(list.filter((s) => s.id !== undefined).map((s) => [s.id, s]));
    return changed.length === list.length ? option : { ...option, series: changed as ChartOption['series'] };
  }
}
