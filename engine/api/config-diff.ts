import type { ConfigDifference } from './runs';

/**
 * The spec fields whose values differ between runs, each with every run's value (undefined where
 * a run's spec has no such field), in the order the fields first appear.
 *
 * Objects are compared field by field and arrays of objects (layers) element by element, so a
 * path reads `layers[0].activation` or `optimizer.lr`; a layer present in one spec and not in
 * another shows each of its fields with undefined for the shorter spec. Arrays of plain values
 * (inline data, explicit weights) and values whose kind differs between runs ("he" against
 * { "name": "normal", "std": 0.1 }) are compared whole, as one field.
 */
export function configDiff(specs: readonly unknown[]): ConfigDifference[] {
  const differences: ConfigDifference[] = [];
  compare('', specs, differences);
  return differences;
}

function compare(path: string, values: readonly unknown[], out: ConfigDifference[]): void {
  const present = values.filter((v) => v !== undefined);
  if (present.length > 0 && present.every(isPlainObject)) {
    const keys: string[] = [];
    for (const value of present) for (const key of Object.keys(value)) if (!keys.includes(key)) keys.push(key);
    for (const key of keys) {
      compare(path === '' ? key : `${path}.${key}`, values.map((v) => (v === undefined ? undefined : (v as Record<string, unknown>)[key])), out);
    }
    return;
  }
  if (present.length > 0 && present.every((v) => Array.isArray(v) && v.some(isPlainObject))) {
    const length = Math.max(...present.map((v) => (v as unknown[]).length));
    for (let i = 0; i < length; i++) compare(`${path}[${i}]`, values.map((v) => (v === undefined ? undefined : (v as unknown[])[i])), out);
    return;
  }
  const texts = values.map(canonical);
  if (texts.some((t) => t !== texts[0])) out.push({ field: path, values: [...values] });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON text with object keys sorted, so key order does not count as a difference; undefined stays distinct. */
function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}
