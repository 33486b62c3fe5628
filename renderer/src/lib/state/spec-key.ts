import type { RunSpecInput } from '$engine/api/run-spec';

/**
 * A string that is equal for two specs exactly when they describe the same run: the spec's JSON,
 * with a file's points named by the identity of their arrays instead of written out. The builder
 * keys its service check and its "edited" mark by it on every edit; 50,000 points written out
 * each time was one long task of the page (issue 15). Points are never edited in place (a file's
 * InlineData is replaced as a whole), so the same arrays are the same points.
 */

const arrayIds = new WeakMap<object, number>();
let nextId = 1;

function idOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  let id = arrayIds.get(value);
  if (id === undefined) {
    id = nextId++;
    arrayIds.set(value, id);
  }
  return { points: id };
}

/** A dataset spec's key, as specKey keys a whole spec (a file's points by identity). */
export function datasetKey(dataset: unknown): string {
  return specKey({ dataset } as RunSpecInput);
}

/** The spec's key (see above); a spec without inline points gives its JSON. */
export function specKey(spec: RunSpecInput): string {
  const dataset = spec.dataset as { name?: unknown; x?: unknown; y?: unknown; test?: { x?: unknown; y?: unknown } };
  if (dataset.name !== 'inline') return JSON.stringify(spec);
  const test = dataset.test === undefined ? {} : { test: typeof dataset.test === 'object' && dataset.test !== null ? { x: idOf(dataset.test.x), y: idOf(dataset.test.y) } : dataset.test };
  return JSON.stringify({ ...spec, dataset: { ...dataset, x: idOf(dataset.x), y: idOf(dataset.y), ...test } });
}

/**
 * The spec as plain data to send: a JSON copy (no Svelte proxies: Electron's bridge cannot clone
 * them), except a file's points, which are plain arrays already and are passed as they are rather
 * than copied twice.
 */
export function plainSpec(spec: RunSpecInput): RunSpecInput {
  const dataset = spec.dataset as { name?: unknown; x?: unknown; y?: unknown; test?: unknown };
  if (dataset.name !== 'inline') return JSON.parse(JSON.stringify(spec)) as RunSpecInput;
  const { x, y, test, ...rest } = dataset;
  const copy = JSON.parse(JSON.stringify({ ...spec, dataset: rest })) as RunSpecInput;
  return { ...copy, dataset: { ...(copy.dataset as object), x, y, ...(test === undefined ? {} : { test }) } as RunSpecInput['dataset'] };
}
