/**
 * Limits on what a stored run may hold, shared by the writer (so everything stored can be exported)
 * and the import file's schema (so an import cannot store more).
 */
export const HISTORY_LIMITS = {
  /** Characters in a run's name (as the RunSpec's `name`). */
  name: 200,
  notes: 20_000,
  /** Characters in one tag, and tags per run. */
  tag: 64,
  tags: 100,
  /** Characters in an end/failure message (longer failure messages are cut when stored). */
  message: 4_000,
  /** Characters of a version string. */
  version: 64,
  /** Cells per side of a network snapshot's decision-boundary grid (the trainer draws 40). */
  networkResolution: 100,
  /** Cells per side of a neuron's thumbnail (the trainer draws 16). */
  thumbnailResolution: 32,
  /** Neuron thumbnails in one snapshot (the trainer draws at most 64). */
  networkNeurons: 256,
  /** Layers, and weights over all layers, in one snapshot (the trainer sends at most 20,000). */
  networkLayers: 64,
  networkWeights: 100_000,
  /** Classes of an evaluation's confusion matrix (the trainer counts up to 20). */
  confusionClasses: 20,
  /** Sample predictions of one evaluation (the trainer reports 32). */
  evalSamples: 100,
} as const;

/** A uuid in its canonical text form (any version), case-insensitive. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shortest id prefix accepted in place of a full uuid. */
export const MIN_ID_PREFIX = 8;

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
