import { FontFormatError, searchFields, type FontTables } from './sfnt';

/**
 * A subset of a TrueType font: only the glyphs of the characters asked for (with the components
 * of composite glyphs), numbered afresh, under another family name. Kept: the outlines (glyf,
 * loca), metrics (hmtx, hhea), the limits (maxp), head, OS/2 and any hinting tables (cvt, fpgm,
 * prep, gasp); rebuilt: cmap (the characters kept), name (the new family, the original's copyright
 * and licence) and post (version 3, no glyph names). Left out: kerning and glyph substitution
 * (GPOS, GSUB, GDEF, kern) and the original's signature (DSIG), which no longer apply to the
 * renumbered glyphs. What a printed report needs: every character in the right shape and width.
 */

/** The subset's names: its family and style, as a font menu would list them. */
export interface SubsetNames {
  /** The family name ("NN Lab Report"). The SIL Open Font License asks a modified font not to carry a Reserved Font Name. */
  family: string;
  /** "Regular" or "Bold". */
  style: string;
  /** Where the glyphs come from, for the name table's description (nameID 10). */
  description: string;
}

export interface FontSubset {
  tables: FontTables;
  /** The characters the subset maps, ascending (those of the request the font has). */
  codePoints: number[];
  /** Glyphs in the subset, .notdef and composite components included. */
  glyphCount: number;
}

/** Tables copied as they are (hinting: they refer to no glyph ids). */
const COPIED = ['cvt ', 'fpgm', 'prep', 'gasp'] as const;

/** Composite glyph flags (OpenType glyf). */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

function required(tables: FontTables, tag: string): DataView {
  const data = tables.get(tag);
  if (!data) throw new FontFormatError(`the font has no ${tag} table (a TrueType font with glyf outlines is needed)`);
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

function bytesOf(view: DataView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** The font's character map: code point → glyph id, from its Unicode cmap subtable (format 12, else 4). */
export function readCmap(tables: FontTables): Map<number, number> {
  const cmap = required(tables, 'cmap');
  const count = cmap.getUint16(2);
  const subtables: { platform: number; encoding: number; format: number; offset: number }[] = [];
  for (let i = 0; i < count; i++) {
    const record = 4 + i * 8;
    const offset = cmap.getUint32(record + 4);
    subtables.push({ platform: cmap.getUint16(record), encoding: cmap.getUint16(record + 2), format: cmap.getUint16(offset), offset });
  }
  const unicode = (s: (typeof subtables)[number]) => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10));
  const best = subtables.find((s) => unicode(s) && s.format === 12) ?? subtables.find((s) => unicode(s) && s.format === 4);
  if (!best) throw new FontFormatError('the font has no Unicode character map (cmap format 4 or 12)');
  const map = new Map<number, number>();
  const at = best.offset;
  if (best.format === 12) {
    const groups = cmap.getUint32(at + 12);
    for (let g = 0; g < groups; g++) {
      const group = at + 16 + g * 12;
      const start = cmap.getUint32(group);
      const end = cmap.getUint32(group + 4);
      const glyph = cmap.getUint32(group + 8);
      for (let c = start; c <= end; c++) map.set(c, glyph + (c - start));
    }
    return map;
  }
  const segments = cmap.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const start = cmap.getUint16(starts + s * 2);
    const end = cmap.getUint16(ends + s * 2);
    const delta = cmap.getUint16(deltas + s * 2);
    const rangeOffset = cmap.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const index = cmap.getUint16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
        glyph = index === 0 ? 0 : (index + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

/** Glyph `id`'s bytes in glyf (empty for a glyph without outline). */
function glyphBytes(glyf: Uint8Array, loca: number[], id: number): Uint8Array {
  const start = loca[id];
  const end = loca[id + 1];
  if (start === undefined || end === undefined || end < start || end > glyf.length) throw new FontFormatError(`glyph ${id} lies outside the glyf table`);
  return glyf.subarray(start, end);
}

/** Each component of a composite glyph: the offset of its glyph index within the glyph, and that index. */
function components(glyph: Uint8Array): { at: number; glyph: number }[] {
  if (glyph.length < 10) return [];
  const view = new DataView(glyph.buffer, glyph.byteOffset, glyph.byteLength);
  if (view.getInt16(0) >= 0) return [];
  const found: { at: number; glyph: number }[] = [];
  let offset = 10;
  for (;;) {
    if (offset + 4 > glyph.length) throw new FontFormatError('a composite glyph is cut short');
    const flags = view.getUint16(offset);
    found.push({ at: offset + 2, glyph: view.getUint16(offset + 2) });
    offset += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) offset += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) offset += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) offset += 8;
    if (!(flags & MORE_COMPONENTS)) return found;
  }
}

/** The loca table as glyph offsets into glyf (numGlyphs + 1 of them). */
function readLoca(tables: FontTables, numGlyphs: number, longOffsets: boolean): number[] {
  const loca = required(tables, 'loca');
  const offsets = new Array<number>(numGlyphs + 1);
  if (loca.byteLength < (numGlyphs + 1) * (longOffsets ? 4 : 2)) throw new FontFormatError('the loca table is too short for the glyph count');
  for (let i = 0; i <= numGlyphs; i++) offsets[i] = longOffsets ? loca.getUint32(i * 4) : loca.getUint16(i * 2) * 2;
  return offsets;
}

/** A cmap with a format 4 subtable (3, 1) for the BMP and, when needed, a format 12 one (3, 10) for everything. */
function buildCmap(mapping: readonly [number, number][]): Uint8Array {
  // Runs of consecutive characters with consecutive glyph ids (the subset numbers glyphs in character order).
  const runs: { start: number; end: number; glyph: number }[] = [];
  for (const [code, glyph] of mapping) {
    const last = runs[runs.length - 1];
    if (last && code === last.end + 1 && glyph === last.glyph + (code - last.start)) last.end = code;
    else runs.push({ start: code, end: code, glyph });
  }
  const bmp = runs.filter((run) => run.end < 0xffff);
  const needs12 = mapping.some(([code]) => code > 0xffff);

  // Format 4: one segment per run (idDelta, no glyph array), then the closing 0xFFFF segment.
  const segments = [...bmp.map((run) => ({ start: run.start, end: run.end, delta: (run.glyph - run.start) & 0xffff })), { start: 0xffff, end: 0xffff, delta: 1 }];
  const format4Length = 16 + segments.length * 8;
  if (format4Length > 0xffff) throw new FontFormatError('too many characters for one cmap subtable');
  const format12Length = needs12 ? 16 + runs.length * 12 : 0;
  const subtableCount = needs12 ? 2 : 1;
  const header = 4 + subtableCount * 8;
  const out = new Uint8Array(header + format4Length + format12Length);
  const view = new DataView(out.buffer);
  view.setUint16(2, subtableCount);
  view.setUint16(4, 3);
  view.setUint16(6, 1);
  view.setUint32(8, header);
  if (needs12) {
    view.setUint16(12, 3);
    view.setUint16(14, 10);
    view.setUint32(16, header + format4Length);
  }

  let at = header;
  const search = searchFields(segments.length, 2);
  view.setUint16(at, 4);
  view.setUint16(at + 2, format4Length);
  view.setUint16(at + 6, segments.length * 2);
  view.setUint16(at + 8, search.searchRange);
  view.setUint16(at + 10, search.entrySelector);
  view.setUint16(at + 12, search.rangeShift);
  const ends = at + 14;
  const starts = ends + segments.length * 2 + 2;
  const deltas = starts + segments.length * 2;
  segments.forEach((segment, s) => {
    view.setUint16(ends + s * 2, segment.end);
    view.setUint16(starts + s * 2, segment.start);
    view.setUint16(deltas + s * 2, segment.delta);
    // idRangeOffset stays 0.
  });

  if (needs12) {
    at = header + format4Length;
    view.setUint16(at, 12);
    view.setUint32(at + 4, format12Length);
    view.setUint32(at + 12, runs.length);
    runs.forEach((run, g) => {
      view.setUint32(at + 16 + g * 12, run.start);
      view.setUint32(at + 20 + g * 12, run.end);
      view.setUint32(at + 24 + g * 12, run.glyph);
    });
  }
  return out;
}

/** The Windows-Unicode (3, 1, en-US) strings of a name table, by name id. */
function readNames(tables: FontTables): Map<number, string> {
  const names = new Map<number, string>();
  const name = tables.get('name');
  if (!name) return names;
  const view = new DataView(name.buffer, name.byteOffset, name.byteLength);
  const count = view.getUint16(2);
  const strings = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const record = 6 + i * 12;
    if (view.getUint16(record) !== 3 || view.getUint16(record + 2) !== 1 || view.getUint16(record + 4) !== 0x409) continue;
    const length = view.getUint16(record + 8);
    const offset = strings + view.getUint16(record + 10);
    let text = '';
    for (let k = 0; k + 1 < length && offset + k + 1 < name.length; k += 2) text += String.fromCharCode(view.getUint16(offset + k));
    names.set(view.getUint16(record + 6), text);
  }
  return names;
}

/** A name table (format 0) of Windows-Unicode English records, in name id order. */
function buildName(records: Map<number, string>): Uint8Array {
  const ids = [...records.keys()].sort((a, b) => a - b);
  const header = 6 + ids.length * 12;
  let size = header;
  for (const id of ids) size += records.get(id)!.length * 2;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint16(2, ids.length);
  view.setUint16(4, header);
  let offset = 0;
  ids.forEach((id, i) => {
    const text = records.get(id)!;
    const record = 6 + i * 12;
    view.setUint16(record, 3);
    view.setUint16(record + 2, 1);
    view.setUint16(record + 4, 0x409);
    view.setUint16(record + 6, id);
    view.setUint16(record + 8, text.length * 2);
    view.setUint16(record + 10, offset);
    for (let k = 0; k < text.length; k++) view.setUint16(header + offset + k * 2, text.charCodeAt(k));
    offset += text.length * 2;
  });
  return out;
}

/**
 * The subset of a TrueType font (its tables, as readFontTables gives them) holding the glyphs of
 * `codePoints` that it has; characters it lacks are left to the reader's other fonts. Glyphs are
 * numbered in character order after .notdef (so the cmap's segments are long runs), composite
 * glyphs' components after them.
 */
export function subsetTrueType(tables: FontTables, codePoints: Iterable<number>, names: SubsetNames): FontSubset {
  const head = required(tables, 'head');
  const maxp = required(tables, 'maxp');
  const hhea = required(tables, 'hhea');
  const hmtx = required(tables, 'hmtx');
  const glyf = bytesOf(required(tables, 'glyf'));
  const numGlyphs = maxp.getUint16(4);
  const longMetrics = hhea.getUint16(34);
  const loca = readLoca(tables, numGlyphs, head.getInt16(50) === 1);
  const cmap = readCmap(tables);

  const mapped = [...new Set(codePoints)]
    .filter((code) => Number.isInteger(code) && code >= 0 && code <= 0x10ffff)
    .sort((a, b) => a - b)
    .flatMap((code): [number, number][] => {
      const glyph = cmap.get(code);
      return glyph !== undefined && glyph > 0 && glyph < numGlyphs ? [[code, glyph]] : [];
    });

  // New glyph ids: .notdef, then each character's glyph (in character order), then components.
  const order = [0];
  const newId = new Map<number, number>([[0, 0]]);
  const add = (old: number) => {
    if (newId.has(old)) return;
    if (old >= numGlyphs) throw new FontFormatError(`a composite glyph names glyph ${old}, past the font's ${numGlyphs}`);
    newId.set(old, order.length);
    order.push(old);
  };
  for (const [, glyph] of mapped) add(glyph);
  for (let i = 0; i < order.length; i++) for (const component of components(glyphBytes(glyf, loca, order[i]!))) add(component.glyph);

  // glyf and loca (long offsets), components renumbered.
  const glyphs = order.map((old) => {
    const source = glyphBytes(glyf, loca, old);
    const parts = components(source);
    if (parts.length === 0) return source;
    const copy = source.slice();
    const view = new DataView(copy.buffer);
    for (const part of parts) view.setUint16(part.at, newId.get(part.glyph)!);
    return copy;
  });
  const glyfSize = glyphs.reduce((sum, g) => sum + ((g.length + 3) & ~3), 0);
  const newGlyf = new Uint8Array(glyfSize);
  const newLoca = new Uint8Array((order.length + 1) * 4);
  const locaView = new DataView(newLoca.buffer);
  let offset = 0;
  glyphs.forEach((g, i) => {
    locaView.setUint32(i * 4, offset);
    newGlyf.set(g, offset);
    offset += (g.length + 3) & ~3;
  });
  locaView.setUint32(order.length * 4, offset);

  // hmtx: a full metric per glyph.
  const newHmtx = new Uint8Array(order.length * 4);
  const hmtxView = new DataView(newHmtx.buffer);
  const lastAdvance = hmtx.getUint16((longMetrics - 1) * 4);
  order.forEach((old, i) => {
    const advance = old < longMetrics ? hmtx.getUint16(old * 4) : lastAdvance;
    const lsb = old < longMetrics ? hmtx.getInt16(old * 4 + 2) : hmtx.getInt16(longMetrics * 4 + (old - longMetrics) * 2);
    hmtxView.setUint16(i * 4, advance);
    hmtxView.setInt16(i * 4 + 2, lsb);
  });

  const newHead = bytesOf(head).slice();
  new DataView(newHead.buffer).setInt16(50, 1);
  const newHhea = bytesOf(hhea).slice();
  new DataView(newHhea.buffer).setUint16(34, order.length);
  const newMaxp = bytesOf(maxp).slice();
  new DataView(newMaxp.buffer).setUint16(4, order.length);

  const newMapping = mapped.map(([code, glyph]): [number, number] => [code, newId.get(glyph)!]);
  const out: FontTables = new Map([
    ['head', newHead],
    ['hhea', newHhea],
    ['maxp', newMaxp],
    ['hmtx', newHmtx],
    ['loca', newLoca],
    ['glyf', newGlyf],
    ['cmap', buildCmap(newMapping)],
    ['post', buildPost(tables)],
    ['name', buildName(subsetNames(tables, names))],
  ]);
  const os2 = tables.get('OS/2');
  if (os2) {
    const copy = os2.slice();
    const view = new DataView(copy.buffer);
    const bmp = newMapping.map(([code]) => code).filter((code) => code <= 0xffff);
    if (copy.length >= 68 && bmp.length > 0) {
      view.setUint16(64, bmp[0]!);
      view.setUint16(66, bmp[bmp.length - 1]!);
    }
    out.set('OS/2', copy);
  }
  for (const tag of COPIED) {
    const table = tables.get(tag);
    if (table) out.set(tag, table);
  }
  return { tables: out, codePoints: newMapping.map(([code]) => code), glyphCount: order.length };
}

/** post version 3 (no glyph names): the original's angle, underline and pitch, nothing else. */
function buildPost(tables: FontTables): Uint8Array {
  const out = new Uint8Array(32);
  const post = tables.get('post');
  if (post && post.length >= 16) out.set(post.subarray(4, 16), 4);
  new DataView(out.buffer).setUint32(0, 0x00030000);
  return out;
}

/** The subset's name records: its own family, style and description; the original's copyright, version and licence. */
function subsetNames(tables: FontTables, names: SubsetNames): Map<number, string> {
  const original = readNames(tables);
  const postscript = `${names.family}-${names.style}`.replace(/[^A-Za-z0-9-]/g, '');
  const records = new Map<number, string>([
    [1, names.family],
    [2, names.style],
    [3, `${postscript};subset`],
    [4, `${names.family} ${names.style}`],
    [6, postscript],
    [10, names.description],
  ]);
  for (const id of [0, 5, 13, 14]) {
    const text = original.get(id);
    if (text) records.set(id, text);
  }
  return records;
}
