/**
 * A pass over JSON text's bytes, before JSON.parse, that refuses structure no export file has.
 * JSON.parse's cost is not the text's size but what it builds: 100 MB of `[{},{},…]` is 33
 * million objects, 5.4 GB of heap and a minute of work, from a 101 KB gzip file. Counting
 * containers, values and nesting on the bytes costs one loop and no allocation, and stops at the
 * first limit passed.
 */

export interface JsonShapeLimits {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Arrays and objects in all. */
  maxContainers: number;
  /** Values in all (array elements and object members, counted by their separators). */
  maxValues: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Why `bytes` (UTF-8 JSON text) has more structure than `limits` allow, or null. Only counts:
 * text that is not JSON at all is left to JSON.parse to refuse.
 */
export function jsonShapeProblem(bytes: Uint8Array, limits: JsonShapeLimits): string | null {
  let depth = 0;
  let containers = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_BRACE:
      case OPEN_BRACKET:
        if (++depth > limits.maxDepth) return `its content is nested more than ${limits.maxDepth} levels deep`;
        if (++containers > limits.maxContainers) return `its content has more than ${count(limits.maxContainers)} arrays and objects`;
        break;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        depth--;
        break;
      case COMMA:
        if (++values > limits.maxValues) return `its content has more than ${count(limits.maxValues)} values`;
        break;
    }
  }
  return null;
}

function count(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000} million` : n.toLocaleString('en-US');
}
