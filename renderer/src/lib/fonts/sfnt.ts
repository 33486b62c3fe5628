/**
 * The containers of an OpenType font: the plain sfnt (a TrueType or OpenType file: a table
 * directory, then 4-byte-aligned tables, each with its checksum) and WOFF 1.0 (the same tables,
 * each zlib-compressed where that pays). Pure TypeScript over the platform's zlib streams
 * (CompressionStream / DecompressionStream 'deflate', i.e. RFC 1950 zlib, which is what WOFF 1.0
 * uses): they exist in every browser and in Node ≥ 18, and need no WebAssembly (the page's CSP
 * forbids compiling it).
 */

/** A font as its tables: tag ("glyf", "OS/2"…) → the table's bytes, uncompressed. */
export type FontTables = Map<string, Uint8Array>;

/** The sfnt version of TrueType outlines (glyf), the one the subsetter reads and writes. */
export const TRUETYPE_FLAVOR = 0x00010000;

/** Thrown for bytes that are not a font this module reads. */
export class FontFormatError extends Error {
  override name = 'FontFormatError';
}

/** A table tag from its four bytes. */
function tagAt(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

/** A table's bytes, checked to lie inside the file. */
function slice(bytes: Uint8Array, offset: number, length: number, tag: string): Uint8Array {
  if (offset + length > bytes.length) throw new FontFormatError(`the font's ${tag} table runs past the end of the file`);
  return bytes.subarray(offset, offset + length);
}

/** Bytes through a (de)compression stream. */
async function throughStream(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** zlib's inflate (RFC 1950), as WOFF 1.0 compresses its tables. */
export function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  return throughStream(bytes, new DecompressionStream('deflate'));
}

/** zlib's deflate (RFC 1950). */
export function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return throughStream(bytes, new CompressionStream('deflate'));
}

/**
 * The tables of a TrueType font, from a plain sfnt file or a WOFF 1.0 file. Refuses other
 * formats (WOFF2, CFF outlines) and damaged files with a FontFormatError.
 */
export async function readFontTables(bytes: Uint8Array): Promise<FontTables> {
  if (bytes.length < 12) throw new FontFormatError('not a font: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = view.getUint32(0);
  const tables: FontTables = new Map();
  if (signature === 0x774f4646 /* wOFF */) {
    if (bytes.length < 44) throw new FontFormatError('not a font: a WOFF header is 44 bytes');
    if (view.getUint32(4) !== TRUETYPE_FLAVOR) throw new FontFormatError('the WOFF file does not hold TrueType outlines');
    const count = view.getUint16(12);
    const pending: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 44 + i * 20;
      const tag = tagAt(view, entry);
      const offset = view.getUint32(entry + 4);
      const compressed = view.getUint32(entry + 8);
      const original = view.getUint32(entry + 12);
      const data = slice(bytes, offset, compressed, tag);
      if (compressed === original) tables.set(tag, data);
      else
        pending.push(
          inflate(data).then((inflated) => {
            if (inflated.length !== original) throw new FontFormatError(`the font's ${tag} table does not inflate to its stated size`);
            tables.set(tag, inflated);
          }),
        );
    }
    await Promise.all(pending);
    return tables;
  }
  if (signature === TRUETYPE_FLAVOR) {
    const count = view.getUint16(4);
    if (bytes.length < 12 + count * 16) throw new FontFormatError('not a font: the table directory is cut short');
    for (let i = 0; i < count; i++) {
      const entry = 12 + i * 16;
      const tag = tagAt(view, entry);
      tables.set(tag, slice(bytes, view.getUint32(entry + 8), view.getUint32(entry + 12), tag));
    }
    return tables;
  }
  throw new FontFormatError('not a TrueType or WOFF 1.0 font');
}

/** The OpenType checksum of a table: the sum of its big-endian 32-bit words (zero-padded), mod 2³². */
export function tableChecksum(data: Uint8Array): number {
  let sum = 0;
  const whole = data.length & ~3;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < data.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.length ? data[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

const padded = (length: number): number => (length + 3) & ~3;

/** Tags in the order a table directory lists them (ascending byte order). */
function sortedTags(tables: FontTables): string[] {
  return [...tables.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The binary-search fields of a directory or cmap segment list of `count` entries of `size` bytes. */
export function searchFields(count: number, size: number): { searchRange: number; entrySelector: number; rangeShift: number } {
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= count) entrySelector++;
  const searchRange = 2 ** entrySelector * size;
  return { searchRange, entrySelector, rangeShift: count * size - searchRange };
}

/**
 * A TrueType file of these tables: the directory in tag order, each table 4-byte aligned with its
 * checksum, and head's checkSumAdjustment set so the whole file sums to 0xB1B0AFBA.
 */
export function writeSfnt(tables: FontTables): Uint8Array {
  const tags = sortedTags(tables);
  const head = tables.get('head');
  if (head) {
    // checkSumAdjustment is computed with itself at 0.
    const copy = head.slice();
    new DataView(copy.buffer).setUint32(8, 0);
    tables = new Map(tables).set('head', copy);
  }
  const directory = 12 + tags.length * 16;
  let size = directory;
  for (const tag of tags) size += padded(tables.get(tag)!.length);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const search = searchFields(tags.length, 16);
  view.setUint32(0, TRUETYPE_FLAVOR);
  view.setUint16(4, tags.length);
  view.setUint16(6, search.searchRange);
  view.setUint16(8, search.entrySelector);
  view.setUint16(10, search.rangeShift);
  let offset = directory;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const entry = 12 + i * 16;
    for (let k = 0; k < 4; k++) view.setUint8(entry + k, tag.charCodeAt(k));
    view.setUint32(entry + 4, tableChecksum(data));
    view.setUint32(entry + 8, offset);
    view.setUint32(entry + 12, data.length);
    out.set(data, offset);
    if (tag === 'head') headOffset = offset;
    offset += padded(data.length);
  });
  if (headOffset >= 0) view.setUint32(headOffset + 8, (0xb1b0afba - tableChecksum(out)) >>> 0);
  return out;
}

/**
 * A WOFF 1.0 file of a TrueType file: each table zlib-compressed where that makes it smaller,
 * stored as it is otherwise (the format's rule), with the sfnt's own checksums.
 */
export async function writeWoff(sfnt: Uint8Array): Promise<Uint8Array> {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const count = view.getUint16(4);
  const entries = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const entry = 12 + i * 16;
      const original = sfnt.subarray(view.getUint32(entry + 8), view.getUint32(entry + 8) + view.getUint32(entry + 12));
      const compressed = await deflate(original);
      return { tag: tagAt(view, entry), checksum: view.getUint32(entry + 4), original, stored: compressed.length < original.length ? compressed : original };
    }),
  );
  const header = 44 + count * 20;
  let size = header;
  for (const entry of entries) size += padded(entry.stored.length);
  const out = new Uint8Array(size);
  const woff = new DataView(out.buffer);
  woff.setUint32(0, 0x774f4646);
  woff.setUint32(4, TRUETYPE_FLAVOR);
  woff.setUint32(8, size);
  woff.setUint16(12, count);
  woff.setUint32(16, sfnt.length);
  woff.setUint16(20, 1);
  let offset = header;
  entries.forEach((entry, i) => {
    const at = 44 + i * 20;
    for (let k = 0; k < 4; k++) woff.setUint8(at + k, entry.tag.charCodeAt(k));
    woff.setUint32(at + 4, offset);
    woff.setUint32(at + 8, entry.stored.length);
    woff.setUint32(at + 12, entry.original.length);
    woff.setUint32(at + 16, entry.checksum);
    out.set(entry.stored, offset);
    offset += padded(entry.stored.length);
  });
  return out;
}
