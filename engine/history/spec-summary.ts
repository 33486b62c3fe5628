import type { DatasetSummary } from '../api/events';
import type { InitSpec, RunSpec } from '../api/run-spec';

/**
 * The short descriptions of a spec that the runs list shows and filters on, stored in their own
 * columns so listing never parses specs.
 */
export interface SpecSummary {
  datasetName: string;
  /** null until the input width is known (the run has started). */
  architecture: string | null;
  activation: string;
  init: string;
  regularization: string;
}

/** A run of at least this many equal consecutive layer widths is folded: 100-100-100 → 100×3. */
const FOLD_FROM = 3;

/** Describes `spec`; `dataset` (from the start event) gives the input width for the architecture. */
export function summarizeSpec(spec: RunSpec, dataset: DatasetSummary | null): SpecSummary {
  const hidden = spec.layers.length > 1 ? spec.layers.slice(0, -1) : spec.layers;
  return {
    datasetName: spec.dataset.name,
    architecture: dataset === null ? null : architecture(dataset.inputSize, spec.layers.map((l) => l.units)),
    activation: distinct(hidden.map((l) => l.activation)),
    init: distinct(hidden.map((l) => initName(l.init))),
    regularization: regularization(spec),
  };
}

/** "2-8-8-2", "784-100×5-10": input width, then each layer's units, runs of FOLD_FROM or more folded. */
export function architecture(inputSize: number, units: readonly number[]): string {
  const parts = [String(inputSize)];
  for (let i = 0; i < units.length; ) {
    let j = i;
    while (j < units.length && units[j] === units[i]) j++;
    const repeats = j - i;
    if (repeats >= FOLD_FROM) parts.push(`${units[i]}×${repeats}`);
    else for (let k = i; k < j; k++) parts.push(String(units[k]));
    i = j;
  }
  return parts.join('-');
}

/** The initializer's name: "he", "normal", "values"… */
export function initName(init: InitSpec | undefined): string {
  if (init === undefined) return 'default';
  return typeof init === 'string' ? init : init.name;
}

/** "L1 0.001, L2 0.1, dropout 0.2, batch norm"; "" when the spec uses none. */
export function regularization(spec: RunSpec): string {
  const parts: string[] = [];
  const { l1, l2 } = spec.regularization;
  if (l1 > 0) parts.push(`L1 ${l1}`);
  if (l2 > 0) parts.push(`L2 ${l2}`);
  const dropouts = [...new Set(spec.layers.map((l) => l.dropout).filter((p) => p > 0))];
  if (dropouts.length > 0) parts.push(`dropout ${dropouts.join('/')}`);
  if (spec.layers.some((l) => l.batchNorm)) parts.push('batch norm');
  return parts.join(', ');
}

/** Distinct values in order of first appearance, joined: "relu" or "relu, tanh". */
function distinct(values: readonly string[]): string {
  return [...new Set(values)].join(', ');
}
