import { readFontTables, writeSfnt, writeWoff, type FontTables } from '../fonts/sfnt';
import { subsetTrueType } from '../fonts/truetype-subset';

/**
 * The font a lab report carries inside itself: a subset of Pretendard (the app's font) holding the
 * characters the report uses, in its two weights, as WOFF data URLs in @font-face rules. So the
 * report reads in Korean on a PC without a Korean font, and the desktop app's PDF (printed in a
 * window without JavaScript that may load nothing but the report) is the same. Made in the page,
 * in TypeScript (no WebAssembly: the page's CSP forbids compiling it), from the WOFF 1.0 files of
 * the `pretendard` package (pretendard-source.ts).
 */

/** The CSS family of the embedded faces (not "Pretendard": the SIL OFL keeps a Reserved Font Name off modified copies). */
export const REPORT_FONT_FAMILY = 'NN Lab Report';

/**
 * Most characters a report's font holds: a report's text is a few thousand distinct characters at
 * most (every Hangul syllable of a long answer included); past this, the rest is left to the
 * reader's own fonts. About 80 bytes of WOFF per Hangul glyph and weight: ~25–30 KB a weight for a
 * sheet's report (200–300 syllables), ~0.3 MB a weight at the cap.
 */
export const MAX_FONT_CHARACTERS = 4000;

/** One embedded face: its CSS weight and its WOFF file as a data URL. */
export interface ReportFontFace {
  weight: 400 | 700;
  /** data:font/woff;base64,… */
  source: string;
}

/** Pretendard's Regular and Bold WOFF 1.0 files (TrueType outlines). */
export interface FontSources {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** Printable ASCII: always in the font (a "<" that the HTML writes as "&lt;" is still drawn). */
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);

/** Characters that need no glyph: controls, white space that is not drawn, the variation selectors. */
function isDrawn(code: number): boolean {
  return code > 0x20 && !(code >= 0x7f && code <= 0xa0) && !(code >= 0xfe00 && code <= 0xfe0f) && code !== 0xfeff;
}

/**
 * The characters the report's font must hold: printable ASCII, then every other drawn character
 * of `text` in order of first appearance, `max` at most in all.
 */
export function reportCharacters(text: string, max = MAX_FONT_CHARACTERS): number[] {
  const seen = new Set<number>(ASCII);
  for (const char of text) {
    if (seen.size >= max) break;
    const code = char.codePointAt(0)!;
    if (isDrawn(code)) seen.add(code);
  }
  return [...seen].slice(0, max);
}

/** A data URL of WOFF bytes. */
function woffDataUrl(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return `data:font/woff;base64,${btoa(binary)}`;
}

const DESCRIPTION = 'Subset of Pretendard (Kil Hyung-jin, SIL Open Font License 1.1) with the characters of one NN Lab report';

/** One weight's subset as a WOFF data URL. */
async function face(tables: FontTables, characters: readonly number[], weight: 400 | 700): Promise<ReportFontFace> {
  const subset = subsetTrueType(tables, characters, { family: REPORT_FONT_FAMILY, style: weight === 700 ? 'Bold' : 'Regular', description: DESCRIPTION });
  return { weight, source: woffDataUrl(await writeWoff(writeSfnt(subset.tables))) };
}

/** Parsed sources, kept for the next report of the session (parsing inflates ~6 MB of tables). */
let parsed: { sources: FontSources; tables: Promise<[FontTables, FontTables]> } | null = null;

/**
 * The report's faces for `text` (Regular and Bold, each with the same characters: headings,
 * labels and names are bold, answers regular, and one character set keeps this simple).
 */
export async function reportFontFaces(text: string, sources: FontSources): Promise<ReportFontFace[]> {
  if (parsed?.sources !== sources) parsed = { sources, tables: Promise.all([readFontTables(sources.regular), readFontTables(sources.bold)]) };
  const [regular, bold] = await parsed.tables;
  const characters = reportCharacters(text);
  return Promise.all([face(regular, characters, 400), face(bold, characters, 700)]);
}
