import type { Histogram } from '../../engine/api/events';
import { activationRange, figureRange, ownRange, withoutZeros, zeroShare, zerosApart, type HistogramRangeMode, type ValueRange } from '../../engine/api/histogram-range';
import type { Initializer } from '../../engine/nn/initializers';
import { gradientAgainstRuleOfThumb, type ProbeLayer, type ProbeOptions, type ProbeResult } from '../../engine/lab/probe';
import { formatNumber, percentText } from './number-text';

/** The probe table's saturated and dead columns: "12.5 %". */
const PROBE_PERCENT = { digits: 1, spaced: true } as const;

/** Eight bar heights, lowest first; an empty bin prints as a space. */
const BARS = '▁▂▃▄▅▆▇█';

/**
 * Counts as one line of bars, one character per column, heights relative to the fullest column
 * (any non-empty column gets at least ▁, so a thin tail stays visible).
 */
export function bars(counts: readonly number[]): string {
  const max = Math.max(0, ...counts);
  return counts
    .map((count) => {
      if (count === 0 || max === 0) return ' ';
      return BARS[Math.max(0, Math.ceil((count / max) * BARS.length) - 1)]!;
    })
    .join('');
}

/** A histogram as one line of bars, one character per bin, over the histogram's own range. */
export function sparkline(histogram: Histogram): string {
  return bars(histogram.counts);
}

/**
 * A histogram's counts in `columns` equal columns over `range` (a terminal cannot draw a bin at its
 * true edges): each bin's count is shared among the columns it overlaps, in proportion to the
 * overlap, so a narrow spike stays in one or two columns, tall, and a wide bell spreads over many.
 * A bin of no width goes whole into its column; values outside the range go to the end columns.
 */
export function columnCounts(histogram: Histogram, range: ValueRange, columns: number): number[] {
  const out = new Array<number>(columns).fill(0);
  const width = (range.max - range.min) / columns;
  if (!(width > 0)) return out;
  const columnOf = (x: number) => Math.max(0, Math.min(columns - 1, Math.floor((x - range.min) / width)));
  histogram.counts.forEach((count, i) => {
    const from = histogram.edges[i]!;
    const to = histogram.edges[i + 1]!;
    if (count === 0) return;
    if (!(to > from)) {
      out[columnOf(from)]! += count;
      return;
    }
    const low = Math.max(from, range.min);
    const high = Math.min(to, range.max);
    if (!(high > low)) {
      out[columnOf(from)]! += count;
      return;
    }
    for (let c = columnOf(low); c <= columnOf(high) && c < columns; c++) {
      const start = range.min + c * width;
      const overlap = Math.min(high, start + width) - Math.max(low, start);
      if (overlap > 0) out[c]! += (count * overlap) / (to - from);
    }
  });
  return out;
}

/** "xavier", "normal(std 0.01)", "uniform(±0.5)". */
export function describeInit(init: Initializer): string {
  switch (init.name) {
    case 'normal':
      return `normal(std ${formatNumber(init.std)})`;
    case 'uniform':
      return `uniform(±${formatNumber(init.limit)})`;
    case 'constant':
      return `constant(${formatNumber(init.value)})`;
    default:
      return init.name;
  }
}

/**
 * The probe as a student reads it in a terminal: what was run, a table per layer (mean, std,
 * saturated %, dead %, ‖∂L/∂W‖), what the gradient does from the last layer to the first, and
 * one histogram line per layer (the textbook figure's panels), every layer on ONE range by default
 * (see histogramLines).
 */
export function renderProbe(options: ProbeOptions, result: ProbeResult, range: HistogramRangeMode = 'shared'): string[] {
  const lines: string[] = [
    `Activation probe (가중치 초기화): ${options.activation}, init ${describeInit(options.init)}`,
    `${options.layers} layers × ${options.units} units, a = ${options.activation}(x·W), no bias; ` +
      `${options.samples} standard-normal input samples; seed ${options.seed}`,
    '',
    `${'layer'.padStart(5)} ${'mean'.padStart(10)} ${'std'.padStart(10)} ${'saturated'.padStart(10)} ${'dead'.padStart(8)} ${'‖∂L/∂W‖'.padStart(10)}`,
  ];
  for (const layer of result.layers) {
    lines.push(
      `${String(layer.layer).padStart(5)} ${formatNumber(layer.mean).padStart(10)} ${formatNumber(layer.std).padStart(10)} ` +
        `${percentText(layer.saturatedFraction, PROBE_PERCENT).padStart(10)} ${percentText(layer.deadFraction, PROBE_PERCENT).padStart(8)} ${formatNumber(layer.gradNorm, 3).padStart(10)}`,
    );
  }
  lines.push(
    '',
    'saturated: values in a flat part of the function (sigmoid < 0.01 or > 0.99, tanh |a| > 0.99)',
    'dead: units that pass no gradient for any sample (ReLU z ≤ 0, or saturated, everywhere)',
    '‖∂L/∂W‖: weight-gradient norm for a random gradient fed in at the last layer (gradient view)',
    ...gradientSummary(options, result).split('\n'),
    '',
    ...histogramLines(options.activation, result.layers, range),
  );
  return lines;
}

/** Width of the "layer N " label before a histogram line's bars. */
const LABEL_WIDTH = 9;

/** "0.025× layer 1", or '' for layer 1 itself or when it cannot be said. */
function ratioToFirst(layer: ProbeLayer, first: ProbeLayer | undefined): string {
  if (!first || layer === first || layer.std === null || first.std === null || !(first.std > 0)) return '';
  return ` (${formatNumber(layer.std / first.std, 2)}× layer 1)`;
}

/**
 * The activation histograms as text bars, one line per layer. By default every layer is drawn on
 * ONE range, the textbook's figure: sigmoid's 0 … 1 and tanh's −1 … 1, else one range over all
 * layers (ReLU: 0 to the largest value of any layer), in as many columns as the histograms have
 * bins, with a ruler giving the ends; a layer whose values collapse is one tall column. When ReLU
 * puts values at exactly 0, their share is printed apart ("at 0") and the bars show the rest.
 * With `per-layer` each layer is on its own range (min … max printed after it).
 */
export function histogramLines(activation: string, layers: readonly ProbeLayer[], range: HistogramRangeMode = 'shared'): string[] {
  const columns = layers[0]?.histogram.counts.length ?? 0;
  const apart = zerosApart('activation', layers.map((layer) => layer.histogram));
  const first = layers[0];
  const zeroWidth = apart ? 12 : 0;
  const zeroText = (layer: ProbeLayer) => (apart ? `at 0 ${percentText(zeroShare(layer.histogram), PROBE_PERCENT)}`.padEnd(zeroWidth) : '');
  const apartNote = apart ? '; values exactly 0 apart ("at 0"), the bars show the rest' : '';
  const shown = (layer: ProbeLayer) => (apart ? withoutZeros(layer.histogram) : layer.histogram);

  if (range === 'per-layer') {
    const lines = [`Activation histograms, each layer on its own range (${columns} bins from the layer's min to its max${apartNote})`];
    for (const layer of layers) {
      const own = ownRange(shown(layer));
      lines.push(`${`layer ${layer.layer}`.padEnd(LABEL_WIDTH)}${zeroText(layer)}|${sparkline(shown(layer))}|  ${formatNumber(own.min, 3)} … ${formatNumber(own.max, 3)}`);
    }
    return lines;
  }

  const bounds = activationRange('activation', activation);
  const shared = figureRange(layers.map((layer) => ({ histogram: layer.histogram, bounds })));
  const ends = `${formatNumber(shared.min, 3)} … ${formatNumber(shared.max, 3)}`;
  const fixed = bounds !== null && bounds.min === shared.min && bounds.max === shared.max;
  const lines = [
    `Activation histograms, every layer on one range ${ends}${fixed ? ` (${activation}'s output range)` : ''}: ` +
      `${columns} columns of ${formatNumber((shared.max - shared.min) / Math.max(1, columns), 3)}${apartNote}`,
  ];
  for (const layer of layers) {
    lines.push(`${`layer ${layer.layer}`.padEnd(LABEL_WIDTH)}${zeroText(layer)}|${bars(columnCounts(shown(layer), shared, columns))}|  std ${formatNumber(layer.std, 3)}${ratioToFirst(layer, first)}`);
  }
  // The ruler: the range's ends under the bars' first and last columns.
  const low = formatNumber(shared.min, 3);
  const high = formatNumber(shared.max, 3);
  lines.push(`${' '.repeat(LABEL_WIDTH + zeroWidth + 1)}${low}${' '.repeat(Math.max(1, columns - low.length - high.length))}${high}`);
  return lines;
}

/**
 * One sentence on how the gradient norm changes from the last layer back to the first, and one
 * on how it compares with the same probe under the rule-of-thumb initializer (He for ReLU, Xavier
 * otherwise) when every layer's is far (10× or more) from it: ReLU with std 0.01 passes the
 * gradient on evenly, at 1/40,000 of He's.
 */
function gradientSummary(options: ProbeOptions, result: ProbeResult): string {
  const own = gradientShape(result);
  const against = gradientAgainstRuleOfThumb(options, result);
  if (against === null || against.ratios.some((r) => r === null)) return own;
  const ratios = against.ratios as number[];
  const name = against.reference === 'he' ? 'He' : 'Xavier';
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  const range = (a: number, b: number) => (formatNumber(a, 2) === formatNumber(b, 2) ? formatNumber(a, 2) : `${formatNumber(a, 2)}–${formatNumber(b, 2)}`);
  if (high < 0.1) return `${own}\nagainst the same probe with ${name} init: every layer's gradient is 1/${range(1 / high, 1 / low)} of ${name}'s → too small to learn from`;
  if (low > 10) return `${own}\nagainst the same probe with ${name} init: every layer's gradient is ${range(low, high)}× ${name}'s → too large`;
  return own;
}

/** One sentence on how the gradient norm changes from the last layer back to the first. */
function gradientShape(result: ProbeResult): string {
  const norms = result.layers.map((l) => l.gradNorm);
  const n = norms.length;
  if (n < 2) return 'gradient view: one layer only, nothing to compare';
  if (norms.some((g) => g === null || g === 0)) return 'gradient view: some layers get no gradient at all (0) or a non-finite one';
  const values = norms as number[];
  const ratio = values[0]! / values[n - 1]!;
  const spread = Math.max(...values) / Math.min(...values);
  if (ratio < 0.1) return `gradient view: layer 1 gets 1/${formatNumber(1 / ratio, 2)} of layer ${n}'s gradient → vanishing gradient (기울기 소실)`;
  if (ratio > 10) return `gradient view: layer 1 gets ${formatNumber(ratio, 2)}× layer ${n}'s gradient → exploding gradient`;
  if (spread < 10) return `gradient view: layer 1 gets ${formatNumber(ratio, 2)}× layer ${n}'s gradient → the same order of magnitude in every layer`;
  return `gradient view: layer 1 gets ${formatNumber(ratio, 2)}× layer ${n}'s gradient, but the layers between differ by up to ${formatNumber(spread, 2)}×`;
}
