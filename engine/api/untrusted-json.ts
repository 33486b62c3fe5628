/**
 * JSON from someone else (an import file, a WebSocket message, a stored notebook value) must not
 * carry a `__proto__` key. JSON.parse itself makes it an ordinary own property, but the first
 * spread, Object.assign or devalue encoding that meets it either swaps the object's prototype or
 * throws, so a value that went in could never come out again (a lab sheet that failed to load
 * forever). The check looks at the decoded key: `"\u005f_proto__"` is the same key.
 *
 * `constructor` and `prototype` stay ordinary keys: JSON.parse defines them as own data
 * properties, which shadow nothing, and no code here assigns along a key path taken from a file
 * (the pollution pattern `target[a][b] = v` needs one), so refusing them would only refuse real
 * answers such as {"constructor": "…"} in a notebook value.
 */

export const FORBIDDEN_KEY = '__proto__';

/** A `__proto__` key was found; the message says where. */
export class ForbiddenKeyError extends Error {
  constructor(where: string) {
    super(`${where} has a "__proto__" key, which is not accepted`);
    this.name = 'ForbiddenKeyError';
  }
}

/**
 * JSON.parse, refusing `__proto__` keys (ForbiddenKeyError). Text that contains neither the
 * literal key nor any \u escape cannot decode to it, so it is parsed without a reviver (most
 * text: JSON.stringify writes \u only for control characters and lone surrogates).
 */
export function parseUntrustedJson(text: string, where = 'the JSON'): unknown {
  if (!mayHoldForbiddenKey(text)) return JSON.parse(text) as unknown;
  return JSON.parse(text, (key, value: unknown) => {
    if (key === FORBIDDEN_KEY) throw new ForbiddenKeyError(where);
    return value;
  }) as unknown;
}

/** False when JSON text cannot decode to a `__proto__` key: it has neither the key nor a \u escape. */
export function mayHoldForbiddenKey(text: string): boolean {
  return text.includes(FORBIDDEN_KEY) || text.includes('\\u');
}

/**
 * The path of the object holding the first own `__proto__` key inside parsed JSON (`root.a[2]`;
 * with root '', `a[2]`, and '' for the value itself), or null. Iterative, so any depth.
 */
export function forbiddenKeyPath(value: unknown, root = 'value'): string | null {
  const pending: { node: unknown; path: string }[] = [{ node: value, path: root }];
  while (pending.length > 0) {
    const { node, path } = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) pending.push({ node: node[i], path: `${path}[${i}]` });
      continue;
    }
    for (const key of Object.keys(node)) {
      if (key === FORBIDDEN_KEY) return path;
      pending.push({ node: (node as Record<string, unknown>)[key], path: path === '' ? key : `${path}.${key}` });
    }
  }
  return null;
}
