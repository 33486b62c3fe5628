import type { Histogram } from '../../engine/api/events';
import { activationRange, figureRange, ownRange, withoutZeros, zeroShare, zerosApart, type HistogramRangeMode, type ValueRange } from '../../engine/api/histogram-range';
import type { Initializer } from '../../engine/nn/initializers';
import { gradientAgainstRuleOfThumb, type ProbeLayer, type ProbeOptions, type ProbeResult } from '../../engine/lab/probe';
import { counted, countText } from '../../engine/lab/counted-words';
import { activationListText, initListText } from '../../engine/lab/run-names';
import type { Lang } from '../cli-language';
import { formatNumber, percentText } from './number-text';
import { displayWidth } from './runs/run-text';

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

/** "xavier", "normal(std 0.01)", "uniform(±0.5)"; in Korean the lecture's names, "정규분포(표준편차 0.01)". */
export function describeInit(init: Initializer, lang: Lang = 'en'): string {
  const ko = lang === 'ko';
  switch (init.name) {
    case 'normal':
      return ko ? `정규분포(표준편차 ${formatNumber(init.std)})` : `normal(std ${formatNumber(init.std)})`;
    case 'uniform':
      return ko ? `균등분포(±${formatNumber(init.limit)})` : `uniform(±${formatNumber(init.limit)})`;
    case 'constant':
      return ko ? `상수(${formatNumber(init.value)})` : `constant(${formatNumber(init.value)})`;
    default:
      return ko ? initListText(init.name, 'ko') : init.name;
  }
}

/**
 * The probe as a student reads it in a terminal: what was run, a table per layer (mean, std,
 * saturated %, dead %, ‖∂L/∂W‖), what the gradient does from the last layer to the first, and
 * one histogram line per layer (the textbook figure's panels), every layer on ONE range by default
 * (see histogramLines).
 */
export function renderProbe(options: ProbeOptions, result: ProbeResult, range: HistogramRangeMode = 'shared', lang: Lang = 'en'): string[] {
  const ko = lang === 'ko';
  const activation = ko ? activationListText(options.activation, 'ko') : options.activation;
  const header = ko ? ['은닉층', '평균', '표준편차', '포화', '죽은 뉴런', '‖∂L/∂W‖'] : ['layer', 'mean', 'std', 'saturated', 'dead', '‖∂L/∂W‖'];
  // Right-aligned by terminal columns (a Hangul syllable takes two).
  const widths = [5, 10, 10, 10, 8, 10].map((width, i) => Math.max(width, displayWidth(header[i]!)));
  const row = (cells: string[]) => cells.map((cell, i) => ' '.repeat(Math.max(0, widths[i]! - displayWidth(cell))) + cell).join(' ');
  const lines: string[] = [
    ko ? `가중치 초기화 실험: ${activation}, 초기화 ${describeInit(options.init, 'ko')}` : `Activation probe (weight initialization): ${options.activation}, init ${describeInit(options.init)}`,
    ko
      ? `뉴런 ${countText('ko', options.units)}개짜리 ${counted(options.layers, 'hiddenLayer', 'ko')}, a = ${options.activation}(x·W), 편향 없음; 표준정규분포 ${counted(options.samples, 'inputSample', 'ko')}; 시드 ${options.seed}`
      : `${counted(options.layers, 'hiddenLayer', 'en')} × ${counted(options.units, 'unit', 'en')}, a = ${options.activation}(x·W), no bias; ` +
        `standard-normal ${counted(options.samples, 'inputSample', 'en')}; seed ${options.seed}`,
    '',
    row(header),
  ];
  for (const layer of result.layers) {
    lines.push(
      row([
        String(layer.layer),
        formatNumber(layer.mean),
        formatNumber(layer.std),
        percentText(layer.saturatedFraction, PROBE_PERCENT),
        percentText(layer.deadFraction, PROBE_PERCENT),
        formatNumber(layer.gradNorm, 3),
      ]),
    );
  }
  lines.push(
    '',
    ko ? '포화: 함수의 평평한 부분에 있는 값 (sigmoid < 0.01 또는 > 0.99, tanh |a| > 0.99)' : 'saturated: values in a flat part of the function (sigmoid < 0.01 or > 0.99, tanh |a| > 0.99)',
    ko ? '죽은 뉴런: 어떤 샘플에서도 기울기를 전하지 않는 뉴런 (ReLU z ≤ 0, 또는 어디서나 포화)' : 'dead: units that pass no gradient for any sample (ReLU z ≤ 0, or saturated, everywhere)',
    ko ? '‖∂L/∂W‖: 마지막 은닉층에 무작위 기울기를 넣어 역전파한 가중치 기울기의 크기 (기울기 보기)' : '‖∂L/∂W‖: weight-gradient norm for a random gradient fed in at the last layer (gradient view)',
    ...gradientSummary(options, result, lang).split('\n'),
    '',
    ...histogramLines(options.activation, result.layers, range, lang),
  );
  return lines;
}

/** Width of the "layer N " label before a histogram line's bars. */
const LABEL_WIDTH = 9;

/** "0.025× layer 1" (은닉층 1의 0.025배), or '' for layer 1 itself or when it cannot be said. */
function ratioToFirst(layer: ProbeLayer, first: ProbeLayer | undefined, lang: Lang): string {
  if (!first || layer === first || layer.std === null || first.std === null || !(first.std > 0)) return '';
  const ratio = formatNumber(layer.std / first.std, 2);
  return lang === 'ko' ? ` (은닉층 1의 ${ratio}배)` : ` (${ratio}× layer 1)`;
}

/**
 * The activation histograms as text bars, one line per layer. By default every layer is drawn on
 * ONE range, the textbook's figure: sigmoid's 0 … 1 and tanh's −1 … 1, else one range over all
 * layers (ReLU: 0 to the largest value of any layer), in as many columns as the histograms have
 * bins, with a ruler giving the ends; a layer whose values collapse is one tall column. When ReLU
 * puts values at exactly 0, their share is printed apart ("at 0") and the bars show the rest.
 * With `per-layer` each layer is on its own range (min … max printed after it).
 */
export function histogramLines(activation: string, layers: readonly ProbeLayer[], range: HistogramRangeMode = 'shared', lang: Lang = 'en'): string[] {
  const ko = lang === 'ko';
  const columns = layers[0]?.histogram.counts.length ?? 0;
  const apart = zerosApart('activation', layers.map((layer) => layer.histogram));
  const first = layers[0];
  const zeroWidth = apart ? 12 : 0;
  const zeroLabel = ko ? '0에' : 'at 0';
  const zeroText = (layer: ProbeLayer) => (apart ? `${zeroLabel} ${percentText(zeroShare(layer.histogram), PROBE_PERCENT)}`.padEnd(zeroWidth - (ko ? 1 : 0)) : '');
  const apartNote = apart ? (ko ? '; 정확히 0인 값은 따로 ("0에"), 막대는 나머지' : '; values exactly 0 apart ("at 0"), the bars show the rest') : '';
  const shown = (layer: ProbeLayer) => (apart ? withoutZeros(layer.histogram) : layer.histogram);
  // Padded by terminal columns: "은닉층 3" takes three more than its length.
  const label = (layer: ProbeLayer) => {
    const text = ko ? `은닉층 ${layer.layer}` : `layer ${layer.layer}`;
    return text + ' '.repeat(Math.max(1, LABEL_WIDTH - displayWidth(text)));
  };

  if (range === 'per-layer') {
    const lines = [
      ko
        ? `활성화 값 히스토그램, 은닉층마다 자기 범위 (은닉층의 최솟값부터 최댓값까지 구간 ${columns}개${apartNote})`
        : `Activation histograms, each layer on its own range (${columns} bins from the layer's min to its max${apartNote})`,
    ];
    for (const layer of layers) {
      const own = ownRange(shown(layer));
      lines.push(`${label(layer)}${zeroText(layer)}|${sparkline(shown(layer))}|  ${formatNumber(own.min, 3)} … ${formatNumber(own.max, 3)}`);
    }
    return lines;
  }

  const bounds = activationRange('activation', activation);
  const shared = figureRange(layers.map((layer) => ({ histogram: layer.histogram, bounds })));
  const ends = `${formatNumber(shared.min, 3)} … ${formatNumber(shared.max, 3)}`;
  const fixed = bounds !== null && bounds.min === shared.min && bounds.max === shared.max;
  const columnWidth = formatNumber((shared.max - shared.min) / Math.max(1, columns), 3);
  const lines = [
    ko
      ? `활성화 값 히스토그램, 모든 은닉층을 한 범위 ${ends}에${fixed ? ` (${activation}의 출력 범위)` : ''}: 폭 ${columnWidth}인 칸 ${columns}개${apartNote}`
      : `Activation histograms, every layer on one range ${ends}${fixed ? ` (${activation}'s output range)` : ''}: ` + `${columns} columns of ${columnWidth}${apartNote}`,
  ];
  const std = ko ? '표준편차' : 'std';
  for (const layer of layers) {
    lines.push(`${label(layer)}${zeroText(layer)}|${bars(columnCounts(shown(layer), shared, columns))}|  ${std} ${formatNumber(layer.std, 3)}${ratioToFirst(layer, first, lang)}`);
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
function gradientSummary(options: ProbeOptions, result: ProbeResult, lang: Lang): string {
  const own = gradientShape(result, lang);
  const against = gradientAgainstRuleOfThumb(options, result);
  if (against === null || against.ratios.some((r) => r === null)) return own;
  const ratios = against.ratios as number[];
  const name = against.reference === 'he' ? 'He' : 'Xavier';
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  const range = (a: number, b: number) => (formatNumber(a, 2) === formatNumber(b, 2) ? formatNumber(a, 2) : `${formatNumber(a, 2)}–${formatNumber(b, 2)}`);
  if (lang === 'ko') {
    if (high < 0.1) return `${own}\n같은 실험을 ${name} 초기화로 하면: 모든 은닉층의 기울기가 ${name}의 ${range(1 / high, 1 / low)}분의 1 → 너무 작아 배우지 못합니다`;
    if (low > 10) return `${own}\n같은 실험을 ${name} 초기화로 하면: 모든 은닉층의 기울기가 ${name}의 ${range(low, high)}배 → 너무 큽니다`;
    return own;
  }
  if (high < 0.1) return `${own}\nagainst the same probe with ${name} init: every layer's gradient is 1/${range(1 / high, 1 / low)} of ${name}'s → too small to learn from`;
  if (low > 10) return `${own}\nagainst the same probe with ${name} init: every layer's gradient is ${range(low, high)}× ${name}'s → too large`;
  return own;
}

/** One sentence on how the gradient norm changes from the last layer back to the first. */
function gradientShape(result: ProbeResult, lang: Lang): string {
  const norms = result.layers.map((l) => l.gradNorm);
  const n = norms.length;
  const ko = lang === 'ko';
  if (n < 2) return ko ? '기울기 보기: 은닉층이 하나뿐이라 비교할 것이 없습니다' : 'gradient view: one layer only, nothing to compare';
  if (norms.some((g) => g === null || g === 0)) return ko ? '기울기 보기: 기울기를 전혀 받지 못하거나(0) 유한하지 않은 기울기를 받는 은닉층이 있습니다' : 'gradient view: some layers get no gradient at all (0) or a non-finite one';
  const values = norms as number[];
  const ratio = values[0]! / values[n - 1]!;
  const spread = Math.max(...values) / Math.min(...values);
  if (ko) {
    if (ratio < 0.1) return `기울기 보기: 은닉층 1의 기울기가 은닉층 ${n}의 ${formatNumber(1 / ratio, 2)}분의 1 → 기울기 소실`;
    if (ratio > 10) return `기울기 보기: 은닉층 1의 기울기가 은닉층 ${n}의 ${formatNumber(ratio, 2)}배 → 기울기 폭주`;
    if (spread < 10) return `기울기 보기: 은닉층 1의 기울기가 은닉층 ${n}의 ${formatNumber(ratio, 2)}배 → 모든 은닉층에서 같은 자릿수`;
    return `기울기 보기: 은닉층 1의 기울기가 은닉층 ${n}의 ${formatNumber(ratio, 2)}배, 하지만 사이의 은닉층들은 최대 ${formatNumber(spread, 2)}배까지 다릅니다`;
  }
  if (ratio < 0.1) return `gradient view: layer 1 gets 1/${formatNumber(1 / ratio, 2)} of layer ${n}'s gradient → vanishing gradient`;
  if (ratio > 10) return `gradient view: layer 1 gets ${formatNumber(ratio, 2)}× layer ${n}'s gradient → exploding gradient`;
  if (spread < 10) return `gradient view: layer 1 gets ${formatNumber(ratio, 2)}× layer ${n}'s gradient → the same order of magnitude in every layer`;
  return `gradient view: layer 1 gets ${formatNumber(ratio, 2)}× layer ${n}'s gradient, but the layers between differ by up to ${formatNumber(spread, 2)}×`;
}
