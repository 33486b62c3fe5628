import { counted } from '../../engine/lab/counted-words';
import type { ClaimVerdictKind } from '../../engine/lab/claim-checks';
import type { ClaimOverSeeds, VerificationReport } from '../../engine/lab/claim-verification';

/** ✔ reproduced, ✘ not reproduced, … not yet (a run that ended early). */
const MARKS: Record<ClaimVerdictKind, string> = { reproduced: '✔', 'not-reproduced': '✘', 'not-yet': '…' };

/** Columns a text takes in a terminal: Hangul and other wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/**
 * The verification as a table: per preset (then per comparison) a line with its id and "held k/N",
 * then one row per criterion — what it judges and where, the bound, and each seed's number with
 * ✔/✘ — and a last line saying whether every claim held, and how long it took.
 */
export function renderVerification(report: VerificationReport, lang: 'ko' | 'en', elapsedSeconds: number): string[] {
  const claims = [...report.presets, ...report.comparisons];
  const seeds = report.presets[0]?.verdicts.map((v) => v.seed) ?? [];
  const labelWidth = Math.max(20, ...claims.flatMap((c) => [displayWidth(c.id), ...c.rows.map((r) => 2 + displayWidth(r.label[lang]))]));
  const expectedWidth = Math.max(8, ...claims.flatMap((c) => c.rows.map((r) => displayWidth(r.expected[lang]))));
  const cellWidth = Math.max(9, ...claims.flatMap((c) => c.rows.flatMap((r) => r.cells.map((cell) => displayWidth(cell.text[lang]) + 2))));
  const header = `${pad(lang === 'ko' ? '프리셋 / 판정 기준' : 'preset / criterion', labelWidth)}  ${pad(lang === 'ko' ? '기준' : 'bound', expectedWidth)}  ${seeds.map((s) => pad(`seed ${s}`, cellWidth)).join(' ')}`;
  const lines = [header.trimEnd(), '─'.repeat(displayWidth(header.trimEnd()))];
  const section = (title: string, items: ClaimOverSeeds[]) => {
    if (items.length === 0) return;
    lines.push(title);
    for (const claim of items) {
      const verdicts = claim.verdicts.map((v) => pad(MARKS[v.verdict], cellWidth)).join(' ');
      lines.push(`${pad(claim.id, labelWidth)}  ${pad('', expectedWidth)}  ${verdicts}  ${lang === 'ko' ? '재현' : 'held'} ${claim.held}/${claim.verdicts.length}`.trimEnd());
      for (const row of claim.rows) {
        const cells = row.cells.map((cell) => pad(`${cell.text[lang]} ${MARKS[cell.verdict]}`, cellWidth)).join(' ');
        lines.push(`${pad(`  ${row.label[lang]}`, labelWidth)}  ${pad(row.expected[lang], expectedWidth)}  ${cells}`.trimEnd());
      }
    }
  };
  section(lang === 'ko' ? '프리셋' : 'presets', report.presets);
  section(lang === 'ko' ? '비교' : 'comparisons', report.comparisons);
  const failed = claims.filter((c) => c.held < c.verdicts.length).map((c) => c.id);
  const minutes = elapsedSeconds >= 120 ? `${(elapsedSeconds / 60).toFixed(1)}${lang === 'ko' ? '분' : ' min'}` : `${elapsedSeconds.toFixed(0)}${lang === 'ko' ? '초' : ' s'}`;
  lines.push('');
  lines.push(
    failed.length === 0
      ? lang === 'ko'
        ? `모든 주장이 모든 시드에서 재현되었습니다(${counted(claims.length, 'claim', 'ko')} × ${counted(seeds.length, 'seed', 'ko')}, ${minutes}).`
        : `Every claim held on every seed (${counted(claims.length, 'claim', 'en')} × ${counted(seeds.length, 'seed', 'en')}, ${minutes}).`
      : lang === 'ko'
        ? `재현되지 않은 시드가 있는 주장: ${failed.join(', ')} (${minutes}).`
        : `Claims that did not hold on every seed: ${failed.join(', ')} (${minutes}).`,
  );
  for (const claim of claims) {
    for (const { seed, verdict, message } of claim.verdicts) if (verdict !== 'reproduced') lines.push(`  ${claim.id}, seed ${seed}: ${message[lang]}`);
  }
  return lines;
}
