import type { ChartTranslate } from '../i18n/messages/charts';
import { countedForEither } from '../i18n/plural';
import type { ChartOption } from './chart-option';
import { tooltipText } from './chart-text';
import type { ConfusionSnapshot } from './run-series';
import {
  FONT_FAMILY,
  SEQUENTIAL_BLUES,
  SMALL_FONT_SIZE,
  TEXT_COLOR,
  TEXT_STYLE,
  categoryAxis,
  chartFileName,
  chartLegend,
  chartTitle,
  chartDownload,
  chartTooltip,
  subtitle,
  type CommonChartOptions,
} from './chart-style';

export interface ConfusionChartOptions extends CommonChartOptions {
  /** Class names (default: the class indices 0, 1, …). */
  classNames?: readonly string[];
}

/**
 * The confusion matrix as a heatmap: true class down the y axis (class 0 at the top, as in a
 * table), predicted class along x, each cell coloured by its count on a white-to-blue scale and
 * labelled with it. The diagonal holds the correct predictions.
 */
export function confusionChartOption(confusion: ConfusionSnapshot | null, t: ChartTranslate, options: ConfusionChartOptions = {}): ChartOption {
  const counts = confusion?.counts ?? [];
  const size = counts.length;
  const names = Array.from({ length: size }, (_, c) => options.classNames?.[c] ?? String(c));
  let max = 0;
  let total = 0;
  counts.forEach((row) =>
    row.forEach((count) => {
      total += count;
      if (count > max) max = count;
    }),
  );
  // Labels in white on the dark cells, dark on the light ones.
  const data = counts.flatMap((row, actual) =>
    row.map((count, predicted) => ({ value: [predicted, actual, count], label: { color: count > 0.55 * max ? '#ffffff' : TEXT_COLOR } })),
  );

  const note = confusion ? countedForEither(t, 'subtitleConfusion', total, { step: confusion.step, split: t(confusion.split === 'test' ? 'testSplit' : 'trainSplit') }) : t('noData');
  const labelSize = size > 12 ? SMALL_FONT_SIZE : 14;
  return {
    animation: false,
    textStyle: TEXT_STYLE,
    title: chartTitle(t('confusionTitle'), subtitle(t, options.runName, note)),
    download: chartDownload(t, chartFileName('confusion-matrix', options.runName, confusion?.step)),
    legend: chartLegend([t('countSamples')]),
    tooltip: {
      ...chartTooltip('item'),
      formatter: (params: unknown) => {
        const value = (params as { value?: number[] }).value;
        if (!value) return '';
        return t('tooltipConfusion', { actual: tooltipText(names[value[1]!] ?? ''), predicted: tooltipText(names[value[0]!] ?? ''), count: value[2] ?? 0 });
      },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: Math.max(1, max),
      dimension: 2,
      seriesIndex: 0,
      inRange: { color: [...SEQUENTIAL_BLUES] },
      orient: 'vertical',
      right: 12,
      top: 'middle',
      itemHeight: 140,
      itemWidth: 14,
      calculable: false,
      text: [String(Math.max(1, max)), '0'],
      textStyle: { fontFamily: FONT_FAMILY, fontSize: SMALL_FONT_SIZE, color: TEXT_COLOR },
    },
    grid: { left: 84, right: 80, top: 88, bottom: 96, outerBoundsMode: 'none' },
    xAxis: categoryAxis('x', t('axisPredicted'), names, { splitArea: { show: false } }),
    // Class 0 at the top, as a table reads.
    yAxis: categoryAxis('y', t('axisTrue'), names, { inverse: true, nameGap: 36, nameRotate: 90 }),
    series: [
      {
        type: 'heatmap',
        name: t('countSamples'),
        color: SEQUENTIAL_BLUES[3],
        data,
        progressive: 0,
        label: {
          show: size <= 20,
          fontFamily: FONT_FAMILY,
          fontSize: labelSize,
        },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: TEXT_COLOR, borderWidth: 2 } },
      },
    ],
  };
}
