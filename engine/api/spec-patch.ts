import type { SpecPatchOp } from './doctor-findings';

/**
 * Applies a spec patch (JSON Patch's `replace` and `add` on object members, RFC 6902) to a copy of
 * `spec`; the input is left as it was. The result is not validated: parse it (parseRunSpec) before
 * running it. Throws SpecPatchError when a path does not lead into the spec (a missing layer, a
 * `replace` of a member that is not there).
 */
export function applySpecPatch<T>(spec: T, patch: readonly SpecPatchOp[]): T {
  const copy = jsonCopy(spec);
  for (const op of patch) {
    const tokens = op.path.split('/').slice(1).map(unescapeToken);
    const last = tokens.pop();
    if (last === undefined) throw new SpecPatchError(`"${op.path}" does not name a member`);
    let target: unknown = copy;
    for (const token of tokens) {
      target = isContainer(target) ? (target as Record<string, unknown>)[token] : undefined;
      if (!isContainer(target)) throw new SpecPatchError(`"${op.path}": nothing at "${token}"`);
    }
    const parent = target as Record<string, unknown>;
    if (Array.isArray(parent)) throw new SpecPatchError(`"${op.path}": only object members can be set, not array items`);
    if (op.op === 'replace' && !Object.hasOwn(parent, last)) throw new SpecPatchError(`"${op.path}": no member "${last}" to replace`);
    parent[last] = jsonCopy(op.value);
  }
  return copy;
}

/** A deep copy of JSON data (a spec is JSON: the contract allows no NaN, no functions). */
function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** A JSON Pointer token: ~1 is "/", ~0 is "~". */
function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/** A patch that does not fit the spec it is applied to. */
export class SpecPatchError extends Error {
  override readonly name = 'SpecPatchError';
}
