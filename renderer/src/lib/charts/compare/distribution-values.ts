import type { DiagnosticsEvent, Histogram } from '$engine/api/events';
import type { HistogramTranslate } from '../../i18n/messages/histograms';
import type { HistogramRangeMode } from '../histogram-shapes';
import type { ComparedRun, CompareTranslators } from './compared-run';
import type { LayerDescription } from './layer-headings';

/**
 * What the histogram charts read from the runs' diagnostics snapshots: one layer's values of the
 * chosen kind, and the words that go with that kind.
 */

/** What the histogram charts show: activations a = f(z), their inputs z, or the weights W. */
export type DistributionKind = 'activation' | 'preactivation' | 'weight';

/** One run and its diagnostics snapshot at the chosen step (null: none that early). */
export interface RunSnapshot {
  readonly run: ComparedRun;
  readonly snapshot: DiagnosticsEvent | null;
}

/** Options of both histogram charts. */
export interface DistributionOptions {
  kind: DistributionKind;
  /** The step chosen on the slider (for the subtitle and the PNG's name). */
  step?: number | null;
  /** One x range for every layer and run (default) or each layer its own (still shared by the runs). */
  range?: HistogramRangeMode;
}

/** The histogram charts' words: the compare screen's, and the histogram figures' own (shared range, std against layer 1, share at 0). */
export interface DistributionTranslators extends CompareTranslators {
  histogram: HistogramTranslate;
}

/** Per kind: the message keys of the overlay's and the matrix's titles, the value axis's name, and the PNG's name. */
export const KIND_TEXT = {
  activation: { overlay: 'overlayActivation', matrix: 'matrixActivation', axis: 'axisActivation', file: 'activations' },
  preactivation: { overlay: 'overlayPreactivation', matrix: 'matrixPreactivation', axis: 'axisPreactivation', file: 'preactivations' },
  weight: { overlay: 'overlayWeight', matrix: 'matrixWeight', axis: 'axisWeight', file: 'weights' },
} as const;

/** One layer's distribution of one kind in a snapshot. */
export interface LayerValues {
  histogram: Histogram;
  /** The layer's activation function (sigmoid and tanh fix the activations' range). */
  activationName: string;
  mean: number | null;
  std: number | null;
  /** Weights only: the fraction exactly 0 and with |w| < 0.001. */
  zero: number | null;
  nearZero: number | null;
}

/** One layer's values of `kind` in a snapshot; null when the snapshot lacks the layer. */
export function layerValues(snapshot: DiagnosticsEvent, layer: number, kind: DistributionKind): LayerValues | null {
  const info = snapshot.layers.find((l) => l.layer === layer);
  if (!info) return null;
  const activationName = info.activationName;
  if (kind === 'weight') return { histogram: info.weights.histogram, activationName, mean: info.weights.mean, std: info.weights.std, zero: info.weights.zeroFraction, nearZero: info.weights.nearZeroFraction };
  const values = info[kind];
  return { histogram: values.histogram, activationName, mean: values.mean, std: values.std, zero: null, nearZero: null };
}

/** Each run's layers as its snapshot has them (none without a snapshot), for the panel headings. */
export function snapshotLayers(entries: readonly RunSnapshot[]): LayerDescription[][] {
  return entries.map((entry) => entry.snapshot?.layers.map((l) => ({ layer: l.layer, activationName: l.activationName })) ?? []);
}

/** The subtitle: "no data", or the chosen step, or nothing. */
export function distributionSubtitle(tr: CompareTranslators, options: DistributionOptions, empty: boolean): string {
  if (empty) return tr.chart('noData');
  return options.step !== null && options.step !== undefined ? tr.compare('atStep', { step: options.step }) : '';
}

/** Each run's layer-1 std of `kind` (the first layer any run has), for the headings' "층 1의 0.5배". */
export function firstLayerStds(entries: readonly RunSnapshot[], layers: readonly number[], kind: DistributionKind): (number | null)[] {
  const first = layers[0];
  return entries.map((entry) => (entry.snapshot && first !== undefined ? (layerValues(entry.snapshot, first, kind)?.std ?? null) : null));
}
