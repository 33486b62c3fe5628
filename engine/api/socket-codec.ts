import { stringify, unflatten } from 'devalue';
import { parseUntrustedJson } from './untrusted-json';

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
  if (isPlainObject(value)) {
    const walk: JsonWalk = { metUnchanging: false };
    if (isPlainJson(value, 0, walk)) return walk.metUnchanging ? jsonWithKnownText(value) : JSON.stringify(value);
  }
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
 * huge allocations from a short message), and so are `__proto__` keys in either form, seen as
 * decoded (`"\u005f_proto__"` is the same key: untrusted-json.ts), and devalue messages whose
 * shared references would make a walk of the decoded value far longer than the message
 * (devalueExpansionProblem).
 */
export function decodeMessage(text: string): unknown {
  const raw = parseUntrustedJson(text, 'the message');
  if (text.startsWith('{')) return raw;
  const expansion = devalueExpansionProblem(raw);
  if (expansion !== null) throw new Error(expansion);
  return unflatten(raw as number | unknown[], undefined, {
    operations: {
      createSparseArray: () => {
        throw new Error('sparse arrays are not accepted');
      },
    },
  });
}

/**
 * References a walk of a decoded devalue message may follow beyond the message's own: room for
 * the shared objects a real message may hold, and a walk of about a million steps at most.
 */
export const MAX_DEVALUE_EXPANSION = 1_000_000;

/**
 * Why a devalue message (its parsed JSON: a flat array of values that refer to each other by
 * index) is refused, or null. devalue decodes a value referred to twice once, so decoding is cheap,
 * but whatever walks the result afterwards (argument validation, JSON.stringify, the history)
 * walks every path: a chain of 22 values each referring twice to the next is 257 bytes and 4
 * million paths (a second of validation; two more links, four times that). Counted on the flat
 * array, each value's walk costs memoized, in one pass: a message is refused when walking it
 * follows MAX_DEVALUE_EXPANSION references more than it has. A message without shared objects
 * (all the encoder makes of ordinary data) follows exactly as many as it has. A reference back to
 * a value being walked (a cycle, which devalue supports) counts once.
 */
export function devalueExpansionProblem(raw: unknown): string | null {
  if (!Array.isArray(raw)) return null;
  const values = raw as unknown[];
  const n = values.length;
  const cost = new Float64Array(n);
  // 0 not seen, 1 being walked, 2 done
  const state = new Uint8Array(n);
  let own = 0;
  for (let i = 0; i < n; i++) own += referencesOf(values[i]).length;
  const limit = own + MAX_DEVALUE_EXPANSION;
  const stack: { index: number; children: number[]; next: number; total: number }[] = [];
  const enter = (index: number) => {
    state[index] = 1;
    stack.push({ index, children: referencesOf(values[index]), next: 0, total: 0 });
  };
  if (n > 0) enter(0);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++]!;
      if (child >= n || state[child] === 1) {
        frame.total += 1;
      } else if (state[child] === 2) {
        frame.total += 1 + cost[child]!;
      } else {
        frame.next--;
        enter(child);
      }
      if (frame.total > limit) return `the message refers to shared values so often that reading it would take ${frame.total > 1e12 ? 'practically forever' : `${Math.round(frame.total).toLocaleString('en-US')} steps`} (at most ${limit.toLocaleString('en-US')} for this message)`;
      continue;
    }
    stack.pop();
    cost[frame.index] = frame.total;
    state[frame.index] = 2;
  }
  return null;
}

/** The indices a devalue value refers to (negative numbers are devalue's constants: undefined, NaN, holes…). */
function referencesOf(value: unknown): number[] {
  if (value === null || typeof value !== 'object') return [];
  const indices = (items: readonly unknown[]) => items.filter((item): item is number => typeof item === 'number' && Number.isInteger(item) && item >= 0);
  if (!Array.isArray(value)) return indices(Object.values(value));
  if (typeof value[0] !== 'string') return indices(value);
  switch (value[0]) {
    case 'Set':
    case 'Map':
      return indices(value.slice(1));
    case 'null':
      return indices(value.filter((_, i) => i >= 2 && i % 2 === 0));
    case 'Object':
    case 'Int8Array':
    case 'Uint8Array':
    case 'Uint8ClampedArray':
    case 'Int16Array':
    case 'Uint16Array':
    case 'Float16Array':
    case 'Int32Array':
    case 'Uint32Array':
    case 'Float32Array':
    case 'Float64Array':
    case 'BigInt64Array':
    case 'BigUint64Array':
    case 'DataView':
      return indices(value.slice(1, 2));
    default:
      return [];
  }
}

/**
 * Arrays their owner never changes (a CSV file's points: replaced as a whole, never edited), with
 * their JSON text once it is made (null before). The page sends a file's 50,000 points with every
 * check of the spec, its preview and its start; checking and writing them each time was a task of
 * 60–75 ms on the page's main thread (issue 15). Made once, the text is put into each message.
 */
const unchanging = new WeakMap<object, string | null>();

/**
 * Promises that `array` (and everything in it) is never changed from now on, so encodeMessage
 * checks and writes it once and reuses that text. Changing it afterwards would send stale data.
 */
export function sendsUnchanged(array: readonly unknown[]): void {
  if (!unchanging.has(array)) unchanging.set(array, null);
}

/** What a walk of isPlainJson met. */
interface JsonWalk {
  /** An unchanging array whose text is known (jsonWithKnownText puts it in). */
  metUnchanging: boolean;
}

/** JSON.stringify's text for plain JSON data (isPlainJson), with the known text of unchanging arrays put in. */
function jsonWithKnownText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const known = unchanging.get(value);
  if (typeof known === 'string') return known;
  if (Array.isArray(value)) return `[${value.map(jsonWithKnownText).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .map((key) => `${JSON.stringify(key)}:${jsonWithKnownText(record[key])}`)
    .join(',')}}`;
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
function isPlainJson(value: unknown, depth: number, walk: JsonWalk): boolean {
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
      const known = unchanging.get(value);
      if (typeof known === 'string') {
        walk.metUnchanging = true;
        return true;
      }
      if (Array.isArray(value)) {
        // A hole reads as undefined, which is refused.
        for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1, walk)) return false;
        if (known === null) {
          unchanging.set(value, JSON.stringify(value));
          walk.metUnchanging = true;
        }
        return true;
      }
      if (!isPlainObject(value)) return false;
      for (const key in value) if (key === '__proto__' || !isPlainJson(value[key], depth + 1, walk)) return false;
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
