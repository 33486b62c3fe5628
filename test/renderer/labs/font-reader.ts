import { inflateSync } from 'node:zlib';

/**
 * A font reader for the tests, written apart from the app's (renderer/src/lib/fonts) so that the
 * subset is checked by a second reading: WOFF 1.0 with node:zlib, the cmap, loca and glyf.
 */

export interface ReadFont {
  tables: Map<string, Buffer>;
  /** code point → glyph id. */
  cmap: Map<number, number>;
  /** Outline bytes of a glyph (0 for an empty glyph). */
  glyphLength(glyph: number): number;
  numGlyphs: number;
  /** The family name (name id 1, Windows Unicode). */
  family: string;
}

/** Tables of a WOFF 1.0 file, inflated. */
export function woffTables(woff: Buffer): Map<string, Buffer> {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF file');
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < woff.readUInt16BE(12); i++) {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const original = woff.readUInt32BE(entry + 12);
    const data = woff.subarray(offset, offset + compressed);
    tables.set(woff.toString('latin1', entry, entry + 4), compressed < original ? inflateSync(data) : data);
  }
  return tables;
}

export function readFont(woff: Buffer): ReadFont {
  const tables = woffTables(woff);
  const table = (tag: string) => {
    const t = tables.get(tag);
    if (!t) throw new Error(`no ${tag} table`);
    return t;
  };
  const cmapTable = table('cmap');
  const cmap = new Map<number, number>();
  for (let i = 0; i < cmapTable.readUInt16BE(2); i++) {
    const offset = cmapTable.readUInt32BE(4 + i * 8 + 4);
    if (cmapTable.readUInt16BE(offset) !== 4) continue;
    const segments = cmapTable.readUInt16BE(offset + 6) / 2;
    for (let s = 0; s < segments; s++) {
      const end = cmapTable.readUInt16BE(offset + 14 + s * 2);
      const start = cmapTable.readUInt16BE(offset + 16 + segments * 2 + s * 2);
      const delta = cmapTable.readUInt16BE(offset + 16 + segments * 4 + s * 2);
      const rangeOffset = cmapTable.readUInt16BE(offset + 16 + segments * 6 + s * 2);
      if (rangeOffset !== 0) throw new Error('the subset writes no glyph arrays');
      for (let c = start; c <= end && c !== 0xffff; c++) cmap.set(c, (c + delta) & 0xffff);
    }
  }
  const numGlyphs = table('maxp').readUInt16BE(4);
  const longLoca = table('head').readInt16BE(50) === 1;
  const loca = table('loca');
  const at = (g: number) => (longLoca ? loca.readUInt32BE(g * 4) : loca.readUInt16BE(g * 2) * 2);
  const name = table('name');
  let family = '';
  for (let i = 0; i < name.readUInt16BE(2); i++) {
    const record = 6 + i * 12;
    if (name.readUInt16BE(record) === 3 && name.readUInt16BE(record + 6) === 1) {
      const start = name.readUInt16BE(4) + name.readUInt16BE(record + 10);
      family = Buffer.from(name.subarray(start, start + name.readUInt16BE(record + 8))).swap16().toString('utf16le');
    }
  }
  return { tables, cmap, numGlyphs, family, glyphLength: (g) => at(g + 1) - at(g) };
}

/** The @font-face rules' fonts in a report's HTML: weight → WOFF bytes. */
export function embeddedFonts(html: string): Map<number, Buffer> {
  const fonts = new Map<number, Buffer>();
  for (const match of html.matchAll(/@font-face \{[^}]*font-weight: (\d+);[^}]*src: url\(data:font\/woff;base64,([A-Za-z0-9+/=]+)\)/g)) {
    fonts.set(Number(match[1]), Buffer.from(match[2]!, 'base64'));
  }
  return fonts;
}
