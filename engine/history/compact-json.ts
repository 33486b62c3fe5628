import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import { shortestFloat32 } from '../api/weights-file';

/**
 * The binary form the history stores big JSON values in (weights, diagnostics snapshots, network
 * snapshots): the value's JSON text with every array of numbers taken out into a typed column,
 * the narrowest that gives back the same numbers, compressed when that pays.
 *
 * decodeCompactJson(encodeCompactJson(v)) deep-equals JSON.parse(JSON.stringify(v)): the numbers
 * read back are exactly those the JSON text held (NaN and ±Infinity become null and −0 becomes 0,
 * as JSON writes them), so rows converted from the old JSON text read back identical.
 *
 * Layout (little-endian):
 *   "NNLJ" · version (1 byte) · compression (1 byte: 0 none, 1 brotli) · body (compressed or not)
 *   body: skeleton length (u32) · skeleton (UTF-8 JSON; a column appears as the string "\0<index>",
 *         a real string starting with "\0" gets one more "\0") · column count (u32) ·
 *         per column: kind (u8) · length (u32) · values, byte-planar (byte 0 of every value, then
 *         byte 1, …: the sign and exponent bytes of floats lie together and compress well).
 */

export const COMPACT_MAGIC = 'NNLJ';
const VERSION = 1;
const HEADER_BYTES = 6;
const NONE = 0;
const BROTLI = 1;
/** Arrays shorter than this stay in the skeleton: a column's header would cost more than it saves. */
const MIN_COLUMN = 4;
const MARK = '\u0000';

/** How a column's numbers are kept. Floats' NaN stands for null (JSON has no NaN, so nothing else is lost). */
enum Kind {
  U8 = 1,
  U16 = 2,
  U32 = 3,
  I32 = 4,
  /** float32 values exactly. */
  F32 = 5,
  /** Shortest decimals of float32 values (how weights files write float32 weights): the float32 stored, the decimal recomputed. */
  F32_SHORTEST = 6,
  F64 = 7,
  /**
   * Evenly spaced values, as histograms' edges are made (min + ((max − min)·i)/bins, the last
   * one max): only min and max are kept (float64), and only when every value comes back exactly.
   */
  EVEN = 8,
}

const BYTES: Record<Kind, number> = { [Kind.U8]: 1, [Kind.U16]: 2, [Kind.U32]: 4, [Kind.I32]: 4, [Kind.F32]: 4, [Kind.F32_SHORTEST]: 4, [Kind.F64]: 8, [Kind.EVEN]: 0 };
const EVEN_BYTES = 16;
/** Longest evenly spaced column: far more edges than any histogram has, and a bound on what a damaged value can make us allocate. */
const EVEN_MAX = 65_536;

interface Column {
  kind: Kind;
  values: (number | null)[];
}

/** Whether `bytes` is in the compact form (not JSON text). */
export function isCompactJson(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_BYTES && String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) === COMPACT_MAGIC;
}

/** `value` (anything JSON.stringify takes, but not undefined) in the compact form. */
export function encodeCompactJson(value: unknown): Buffer {
  const columns: Column[] = [];
  const skeleton = JSON.stringify(value, function (this: unknown, _key: string, v: unknown): unknown {
    if (typeof v === 'string') return v.startsWith(MARK) ? MARK + v : v;
    if (!Array.isArray(v) || v.length < MIN_COLUMN) return v;
    const numbers = jsonNumbers(v);
    if (numbers === null) return v;
    columns.push({ kind: kindOf(numbers), values: numbers });
    return `${MARK}${columns.length - 1}`;
  });
  if (skeleton === undefined) throw new Error('a compact JSON value cannot be undefined');
  const skeletonBytes = Buffer.from(skeleton, 'utf8');
  let size = 4 + skeletonBytes.length + 4;
  for (const c of columns) size += 5 + columnBytes(c.kind, c.values.length);
  const body = Buffer.alloc(size);
  let at = body.writeUInt32LE(skeletonBytes.length, 0);
  at += skeletonBytes.copy(body, at);
  at = body.writeUInt32LE(columns.length, at);
  const scratch = new DataView(new ArrayBuffer(8));
  for (const c of columns) {
    at = body.writeUInt8(c.kind, at);
    at = body.writeUInt32LE(c.values.length, at);
    if (c.kind === Kind.EVEN) {
      at = body.writeDoubleLE(c.values[0]!, at);
      at = body.writeDoubleLE(c.values[c.values.length - 1]!, at);
    } else at = writePlanar(body, at, c, scratch);
  }
  const compressed = brotliCompressSync(body, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  const pays = compressed.length < body.length;
  const header = Buffer.from([...Buffer.from(COMPACT_MAGIC, 'latin1'), VERSION, pays ? BROTLI : NONE]);
  return Buffer.concat([header, pays ? compressed : body]);
}

/** The JSON value `bytes` (encodeCompactJson's output) holds. Throws on bytes that are not one. */
export function decodeCompactJson(bytes: Uint8Array): unknown {
  if (!isCompactJson(bytes)) throw new Error('not a compact JSON value (no NNLJ header)');
  const version = bytes[4]!;
  if (version !== VERSION) throw new Error(`compact JSON version ${version} is newer than this NN Lab reads (${VERSION})`);
  const rest = Buffer.from(bytes.buffer, bytes.byteOffset + HEADER_BYTES, bytes.length - HEADER_BYTES);
  const compression = bytes[5]!;
  if (compression !== NONE && compression !== BROTLI) throw new Error(`unknown compact JSON compression ${compression}`);
  const body = compression === BROTLI ? brotliDecompressSync(rest) : rest;
  const skeletonLength = body.readUInt32LE(0);
  let at = 4;
  const skeleton = body.toString('utf8', at, at + skeletonLength);
  at += skeletonLength;
  const count = body.readUInt32LE(at);
  at += 4;
  const columns: (number | null)[][] = [];
  for (let i = 0; i < count; i++) {
    const kind = body.readUInt8(at) as Kind;
    const length = body.readUInt32LE(at + 1);
    at += 5;
    if (BYTES[kind] === undefined) throw new Error(`unknown compact JSON column kind ${kind}`);
    if (kind === Kind.EVEN && (length < 2 || length > EVEN_MAX)) throw new Error(`an evenly spaced compact JSON column cannot have ${length} values`);
    if (at + columnBytes(kind, length) > body.length) throw new Error('compact JSON column runs past the end of the value');
    columns.push(kind === Kind.EVEN ? evenValues(body.readDoubleLE(at), body.readDoubleLE(at + 8), length) : readPlanar(body, at, kind, length));
    at += columnBytes(kind, length);
  }
  return JSON.parse(skeleton, (_key, v: unknown) => {
    if (typeof v !== 'string' || !v.startsWith(MARK)) return v;
    if (v.startsWith(MARK + MARK)) return v.slice(1);
    const column = columns[Number(v.slice(1))];
    if (column === undefined) throw new Error(`compact JSON names a missing column ${v.slice(1)}`);
    return column;
  });
}

/** The array's numbers as JSON would write them (non-finite → null, −0 → 0), or null when it holds anything else. */
function jsonNumbers(array: readonly unknown[]): (number | null)[] | null {
  const out: (number | null)[] = new Array<number | null>(array.length);
  let numbers = 0;
  for (let i = 0; i < array.length; i++) {
    const v = array[i];
    if (typeof v === 'number') {
      out[i] = Number.isFinite(v) ? v + 0 : null;
      numbers++;
    } else if (v === null) out[i] = null;
    else return null;
  }
  return numbers === 0 ? null : out;
}

function kindOf(values: readonly (number | null)[]): Kind {
  let integers = true;
  let min = 0;
  let max = 0;
  let float32 = true;
  let nulls = false;
  for (const v of values) {
    if (v === null) {
      nulls = true;
      continue;
    }
    if (integers && Number.isInteger(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    } else integers = false;
    if (float32 && Math.fround(v) !== v) float32 = false;
  }
  if (!nulls && !integers && values.length <= EVEN_MAX && isEven(values as number[])) return Kind.EVEN;
  if (!nulls && integers) {
    if (min >= 0 && max <= 0xff) return Kind.U8;
    if (min >= 0 && max <= 0xffff) return Kind.U16;
    if (min >= 0 && max <= 0xffffffff) return Kind.U32;
    if (min >= -0x80000000 && max <= 0x7fffffff) return Kind.I32;
  }
  if (float32) return Kind.F32;
  if (values.every((v) => v === null || isShortestFloat32Decimal(v))) return Kind.F32_SHORTEST;
  return Kind.F64;
}

const float32Scratch = new Float32Array(1);
const float32Bits = new Uint32Array(float32Scratch.buffer);

/** shortestFloat32(v) of a float32 value, the quicker way when it may be taken. */
function shortestDecimal(v: number): number {
  float32Scratch[0] = v;
  return (float32Bits[0]! & 0x7fffff) === 0 ? shortestFloat32(v) : shortestFloat32Search(v);
}

/** Whether `v` is shortestFloat32(fround(v)): the shortest decimal that reads back as its float32, as weights files and exports write float32 values. */
export function isShortestFloat32Decimal(v: number): boolean {
  return shortestDecimal(Math.fround(v)) === v;
}

/**
 * shortestFloat32(v) for a float32 `v` whose mantissa is not all zeros, in few toPrecision calls:
 * v's rounding interval is then symmetric, so once p digits read back as v, so do p + 1 (the
 * nearest (p+1)-digit decimal is at least as close), and the fewest such p can be searched for
 * from any side. From 8 down: most float32 values need 8 digits (2 calls then), 7 (3 calls) or 9
 * (2 calls) — about half the calls of a bisection over 1…9, which matters because every float of
 * every imported run is checked (bench/class-import.ts). (At powers of two the interval below is
 * half as wide: those take the plain loop.)
 */
export function shortestFloat32Search(v: number): number {
  let shortest = Number(v.toPrecision(8));
  if (Math.fround(shortest) !== v) return Number(v.toPrecision(9));
  for (let p = 7; p >= 1; p--) {
    const candidate = Number(v.toPrecision(p));
    if (Math.fround(candidate) !== v) return shortest;
    shortest = candidate;
  }
  return shortest;
}

function columnBytes(kind: Kind, length: number): number {
  return kind === Kind.EVEN ? EVEN_BYTES : length * BYTES[kind];
}

/** n values from min to max, spaced as the engine spaces histogram edges (engine/nn/statistics.ts). */
function evenValues(min: number, max: number, n: number): number[] {
  const bins = n - 1;
  const values = new Array<number>(n);
  for (let i = 0; i < bins; i++) values[i] = min + ((max - min) * i) / bins + 0;
  values[bins] = max;
  return values;
}

function isEven(values: readonly number[]): boolean {
  const even = evenValues(values[0]!, values[values.length - 1]!, values.length);
  return even.every((v, i) => v === values[i]);
}

function writePlanar(out: Buffer, at: number, column: Column, scratch: DataView): number {
  const width = BYTES[column.kind];
  const n = column.values.length;
  for (let i = 0; i < n; i++) {
    const v = column.values[i] ?? Number.NaN;
    switch (column.kind) {
      case Kind.U8:
        scratch.setUint8(0, v);
        break;
      case Kind.U16:
        scratch.setUint16(0, v, true);
        break;
      case Kind.U32:
        scratch.setUint32(0, v, true);
        break;
      case Kind.I32:
        scratch.setInt32(0, v, true);
        break;
      case Kind.F32:
      case Kind.F32_SHORTEST:
        scratch.setFloat32(0, v, true);
        break;
      case Kind.F64:
        scratch.setFloat64(0, v, true);
        break;
    }
    for (let b = 0; b < width; b++) out[at + b * n + i] = scratch.getUint8(b);
  }
  return at + width * n;
}

function readPlanar(body: Buffer, at: number, kind: Kind, n: number): (number | null)[] {
  const width = BYTES[kind];
  const bytes = new Uint8Array(width * n);
  for (let b = 0; b < width; b++) {
    const plane = at + b * n;
    for (let i = 0; i < n; i++) bytes[i * width + b] = body[plane + i]!;
  }
  const view = new DataView(bytes.buffer);
  const out = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    const o = i * width;
    switch (kind) {
      case Kind.U8:
        out[i] = bytes[o]!;
        break;
      case Kind.U16:
        out[i] = view.getUint16(o, true);
        break;
      case Kind.U32:
        out[i] = view.getUint32(o, true);
        break;
      case Kind.I32:
        out[i] = view.getInt32(o, true);
        break;
      case Kind.F32: {
        const v = view.getFloat32(o, true);
        out[i] = Number.isNaN(v) ? null : v;
        break;
      }
      case Kind.F32_SHORTEST: {
        const v = view.getFloat32(o, true);
        out[i] = Number.isNaN(v) ? null : shortestDecimal(v);
        break;
      }
      case Kind.F64: {
        const v = view.getFloat64(o, true);
        out[i] = Number.isNaN(v) ? null : v;
        break;
      }
    }
  }
  return out;
}
