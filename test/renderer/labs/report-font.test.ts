import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLabSheet } from '../../../engine/lab/lab-sheets';
import { FontFormatError, readFontTables, writeSfnt } from '../../../renderer/src/lib/fonts/sfnt';
import { subsetTrueType } from '../../../renderer/src/lib/fonts/truetype-subset';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { reportMessages } from '../../../renderer/src/lib/i18n/messages/labs';
import { buildEmbeddedLabReportHtml, buildLabReportHtml, safeFontSource, type LabReport } from '../../../renderer/src/lib/labs/lab-report';
import { MAX_FONT_CHARACTERS, REPORT_FONT_FAMILY, reportCharacters, reportFontFaces, type FontSources } from '../../../renderer/src/lib/labs/report-font';
import { embeddedFonts, readFont, woffTables } from './font-reader';

/** The WOFF files the app's report font is cut from (pretendard-source.ts loads the same two). */
const sources: FontSources = {
  regular: new Uint8Array(readFileSync('node_modules/pretendard/dist/web/static/woff/Pretendard-Regular.woff')),
  bold: new Uint8Array(readFileSync('node_modules/pretendard/dist/web/static/woff/Pretendard-Bold.woff')),
};

const sheet = findLabSheet('05-overfitting')!;
/** A long answer with syllables the sheet does not use, jamo and a few symbols. */
const ANSWER = '드롭아웃은 뉴런을 무작위로 끄므로 특정 조합에 의존하지 못합니다. 똠양꿍 뷁 ㅋㅋ ㅠㅠ — σ′(z) ≤ 0.25, ‖∂L/∂W‖ ≈ 1e-6 → 과적합 ✔';

/** The overfitting sheet's report in Korean, with an answer of the student's. */
function report(): LabReport {
  return {
    locale: 'ko',
    studentName: '홍길동',
    createdAt: '2025-03-04T05:06:07.000Z',
    appVersion: '0.1.0',
    sheetTitle: sheet.title.ko,
    goal: sheet.goal.ko,
    observe: sheet.observe.map((o) => o.ko),
    comparisons: sheet.comparisons.map((c) => ({ prompt: c.prompt.ko, prediction: c.choices[0]!.text.ko, predictedAt: null, expected: c.choices[0]!.text.ko, explanation: c.explanation.ko, outcome: null, runs: [] })),
    questions: sheet.questions.map((q, i) => ({ question: q.text.ko, answer: i === 0 ? ANSWER : '' })),
    groups: [{ title: '과적합과 방지 기법', runs: [], configRows: null, charts: [{ title: '과적합: 규제 없음 (300장): 정확도', image: 'data:image/png;base64,AAAA' }] }],
  };
}

const ko = translator(reportMessages, 'ko');
const HANGUL = /[\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]/gu;

describe('the report’s embedded font', () => {
  it('is a subset of Pretendard in two weights that has every Hangul character of the report, each with its outline', async () => {
    const html = await buildEmbeddedLabReportHtml(report(), ko, (text) => reportFontFaces(text, sources));
    const fonts = embeddedFonts(html);
    expect([...fonts.keys()].sort()).toEqual([400, 700]);
    expect(html).toContain(`font-family: '${REPORT_FONT_FAMILY}'`);
    expect(html).toMatch(new RegExp(`body, :host \\{[^}]*font: 15px/1.6 '${REPORT_FONT_FAMILY}'`));

    const hangul = new Set(html.match(HANGUL));
    // The sheet's text, the answer's rarer syllables (똠, 뷁) and jamo (ㅋ) are all in the report.
    expect(hangul.size).toBeGreaterThan(200);
    for (const char of ['똠', '뷁', 'ㅋ', '과', '적', '합']) expect(hangul.has(char)).toBe(true);
    for (const [weight, woff] of fonts) {
      const font = readFont(woff);
      expect(font.family).toBe(REPORT_FONT_FAMILY);
      const missing = [...hangul].filter((char) => {
        const glyph = font.cmap.get(char.codePointAt(0)!);
        return glyph === undefined || glyph === 0 || font.glyphLength(glyph) === 0;
      });
      expect(missing, `weight ${weight}: Hangul without a glyph`).toEqual([]);
      // Also the symbols Pretendard has, and ASCII (a "<" the HTML writes as &lt; too).
      for (const char of 'σ′≤‖∂≈→<>&"\'aZ09') expect(font.cmap.has(char.codePointAt(0)!), `weight ${weight}: ${char}`).toBe(true);
      // A subset, not the whole font (Pretendard has ~15,000 glyphs; ~1.1 MB as WOFF): ~100 bytes a Hangul glyph.
      expect(font.numGlyphs).toBeLessThan(hangul.size + 250);
      expect(woff.length).toBeLessThan(80_000);
    }
  });

  it('keeps every table’s checksum and the whole file’s (head.checkSumAdjustment)', async () => {
    const tables = await readFontTables(sources.regular);
    const subset = subsetTrueType(tables, [...'실습 보고서 NN Lab'].map((c) => c.codePointAt(0)!), { family: 'T', style: 'Regular', description: 'd' });
    const sfnt = Buffer.from(writeSfnt(subset.tables));
    const sum = (data: Buffer) => {
      let total = 0;
      const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
      for (let i = 0; i < padded.length; i += 4) total = (total + padded.readUInt32BE(i)) >>> 0;
      return total;
    };
    expect(sum(sfnt)).toBe(0xb1b0afba);
    for (let i = 0; i < sfnt.readUInt16BE(4); i++) {
      const entry = 12 + i * 16;
      const data = Buffer.from(sfnt.subarray(sfnt.readUInt32BE(entry + 8), sfnt.readUInt32BE(entry + 8) + sfnt.readUInt32BE(entry + 12)));
      if (sfnt.toString('latin1', entry, entry + 4) === 'head') data.writeUInt32BE(0, 8);
      expect(sum(data), sfnt.toString('latin1', entry, entry + 4)).toBe(sfnt.readUInt32BE(entry + 4));
    }
    // Kerning and substitution refer to the old glyph ids: they are left out, as is the signature.
    expect([...woffTables(Buffer.from(sources.regular)).keys()]).toContain('GPOS');
    expect([...subset.tables.keys()].sort()).toEqual(['OS/2', 'cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post']);
    expect(subset.codePoints).toEqual([...new Set([...'실습 보고서 NN Lab'].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b));
  });

  it('holds at most MAX_FONT_CHARACTERS characters, ASCII always among them', () => {
    const everySyllable = Array.from({ length: 11_172 }, (_, i) => String.fromCodePoint(0xac00 + i)).join('');
    const characters = reportCharacters(everySyllable);
    expect(characters).toHaveLength(MAX_FONT_CHARACTERS);
    expect(characters).toContain('<'.codePointAt(0));
    expect(characters).toContain(0xac00);
    expect(characters).not.toContain(0xac00 + MAX_FONT_CHARACTERS);
    // Controls and undrawn spaces need no glyph.
    expect(reportCharacters('\n\t\u00a0\ufe0f가')).toEqual([...Array.from({ length: 95 }, (_, i) => 0x20 + i), 0xac00]);
  });

  it('refuses what is not a TrueType or WOFF 1.0 font', async () => {
    await expect(readFontTables(new Uint8Array(100))).rejects.toThrow(FontFormatError);
    await expect(readFontTables(new Uint8Array(readFileSync('node_modules/pretendard/dist/web/static/woff2/Pretendard-Regular.woff2')))).rejects.toThrow(/not a TrueType or WOFF 1.0 font/);
  });

  it('goes into the HTML only as a base64 WOFF data URL', () => {
    const attack = 'data:font/woff;base64,AAAA) format("woff"); } body { background: url(https://x)';
    expect(safeFontSource(attack)).toBeNull();
    expect(safeFontSource('https://example.com/font.woff')).toBeNull();
    const html = buildLabReportHtml({ ...report(), fonts: [{ weight: 400, source: attack }, { weight: 700, source: 'data:font/woff;base64,AAAA' }] }, ko);
    expect(html).not.toContain('https://x');
    expect(html.match(/@font-face/g)).toHaveLength(1);
    expect(html).toContain('font-weight: 700; font-display: block; src: url(data:font/woff;base64,AAAA)');
  });
});
