import { parse, stringify } from 'devalue';

/**
 * The browser host's codec, used by both ends of its WebSocket (cli/serve and the renderer's
 * socket client). Pure: no Node, no DOM.
 *
 * Two forms on the wire, told apart by the first character. A message that is plain JSON data
 * (plain objects, arrays, strings, booleans, null, finite numbers other than −0) goes as JSON text,
 * which always starts with `{` since every message is an object. Anything else goes as devalue,
 * whose text starts with `[` or `-`. Why two: devalue walks and indexes every value, and pushed
 * run events are thousands of plain numbers (a 2-D run's network snapshot: ~5,000), so encoding
 * them with devalue costs 3–4 times JSON's time on the host's main thread, which training shares;
 * the check that picks the form is a tenth of that.
 */

/** Deeper than this, a message goes as devalue (which also handles cycles, which JSON cannot). */
const MAX_JSON_DEPTH = 64;

/**
 * Encodes one message: as JSON when it is plain JSON data, else with devalue (NaN, ±Infinity,
 * undefined, −0, Uint8Array, Map survive; no code is ever evaluated on parse). Typed arrays are
 * sent as exactly their bytes: devalue would otherwise send the whole buffer behind a view (a
 * subarray of MNIST, a slice of Node's Buffer pool).
 */
export function encodeMessage(value: unknown): string {
  if (isPlainObject(value) && isPlainJson(value, 0)) return JSON.stringify(value);
  return stringify(value, undefined, {
    operations: {
      viewInfo: (view: ArrayBufferView & { length?: number }) => {
        const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
        return { buffer: bytes.buffer, byteOffset: 0, byteLength: bytes.byteLength, length: view.length ?? bytes.byteLength, bufferByteLength: bytes.byteLength };
      },
    },
  });
}

/**
 * Decodes a message made by encodeMessage; throws on anything else. Sparse arrays are refused (no
 * huge allocations from a short message), and so are `__proto__` keys in either form (devalue
 * refuses them; the encoder never writes them as JSON).
 */
export function decodeMessage(text: string): unknown {
  if (text.startsWith('{')) {
    if (text.includes('"__proto__"')) throw new Error('__proto__ keys are not accepted');
    return JSON.parse(text) as unknown;
  }
  return parse(text, undefined, {
    operations: {
      createSparseArray: () => {
        throw new Error('sparse arrays are not accepted');
      },
    },
  });
}

/** An object literal's kind of object (JSON.parse makes no other; devalue keeps null prototypes). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * True when JSON.stringify then JSON.parse gives the value back as devalue would: no undefined
 * (JSON drops the key), no NaN, ±Infinity or −0 (JSON writes null or 0), no holes, no typed
 * arrays, Maps, Dates, class instances or null-prototype objects, no `__proto__` key or string
 * (decodeMessage refuses the text), not nested deeper than MAX_JSON_DEPTH. Shared references
 * arrive as copies, which no message relies on.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
      return value !== '__proto__';
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && (value !== 0 || 1 / value > 0);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_JSON_DEPTH) return false;
      if (Array.isArray(value)) {
        // A hole reads as undefined, which is refused.
        for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1)) return false;
        return true;
      }
      if (!isPlainObject(value)) return false;
      for (const key in value) if (key === '__proto__' || !isPlainJson(value[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** UTF-8 length of a string without encoding it (for the size cap). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
