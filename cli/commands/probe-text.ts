import type { Histogram } from '../../engine/api/events';
import type { Initializer } from '../../engine/nn/initializers';
import { gradientAgainstRuleOfThumb, type ProbeOptions, type ProbeResult } from '../../engine/lab/probe';
import { formatNumber, percentText } from './number-text';

/** The probe table's saturated and dead columns: "12.5 %". */
const PROBE_PERCENT = { digits: 1, spaced: true } as const;

/** Eight bar heights, lowest first; an empty bin prints as a space. */
const BARS = '▁▂▃▄▅▆▇█';

/**
 * A histogram as one line of bars, one character per bin, heights relative to the fullest bin
 * (any non-empty bin gets at least ▁, so a thin tail stays visible).
 */
export function sparkline(histogram: Histogram): string {
  const max = Math.max(0, ...histogram.counts);
  return histogram.counts
    .map((count) => {
      if (count === 0 || max === 0) return ' ';
      return BARS[Math.max(0, Math.ceil((count / max) * BARS.length) - 1)]!;
    })
    .join('');
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
 * one histogram line per layer (the textbook figure's panels, auto-ranged).
 */
export function renderProbe(options: ProbeOptions, result: ProbeResult): string[] {
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
    `Activation histograms (${result.layers[0]?.histogram.counts.length ?? 0} bins per layer, from the layer's min to its max)`,
  );
  for (const layer of result.layers) {
    const { edges } = layer.histogram;
    const range = `${formatNumber(edges[0]!, 3)} … ${formatNumber(edges[edges.length - 1]!, 3)}`;
    lines.push(`layer ${String(layer.layer).padEnd(3)} |${sparkline(layer.histogram)}|  ${range}`);
  }
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
