import { DEFAULT_INPUT_FEATURES, INPUT_FEATURES, type InputFeature } from '$engine/api/input-features';
import type { Draft } from './spec-draft';

/** Whether the draft's data are 2-D points, the only data input features apply to. */
export function hasPlaneInputs(dataset: Draft['dataset']): boolean {
  if (dataset.name === 'mnist') return false;
  if (dataset.name === 'inline') return dataset.inline?.x[0]?.length === 2;
  return true;
}

/** The features the network reads: the draft's choice, else x1 and x2. */
export function chosenFeatures(dataset: Draft['dataset']): readonly InputFeature[] {
  return dataset.features ?? DEFAULT_INPUT_FEATURES;
}

/**
 * The choice after turning `feature` on or off, in the spec's order. The last feature stays on (a
 * network needs an input), and x1, x2 alone is null: the spec then has no `features`, so it keeps
 * the key, the stored form and the replays of a spec written before features existed.
 */
export function toggledFeatures(current: readonly InputFeature[], feature: InputFeature): InputFeature[] | null {
  const on = current.includes(feature);
  if (on && current.length === 1) return [...current];
  const next = INPUT_FEATURES.filter((f) => (f === feature ? !on : current.includes(f)));
  return next.length === DEFAULT_INPUT_FEATURES.length && next.every((f, i) => f === DEFAULT_INPUT_FEATURES[i]) ? null : next;
}

/** The features as the lecture writes them: mathematics, the same in every language. */
export const FEATURE_SYMBOLS: Readonly<Record<InputFeature, string>> = {
  x1: 'x₁',
  x2: 'x₂',
  x1_squared: 'x₁²',
  x2_squared: 'x₂²',
  x1_x2: 'x₁x₂',
  sin_x1: 'sin x₁',
  sin_x2: 'sin x₂',
};
