import { counted } from '../../engine/lab/counted-words';
import type { DoctorFinding } from '../../engine/api/doctor-findings';
import type { DiagnosticsEvent } from '../../engine/api/events';
import {
  DOCTOR_TITLES,
  findingPlace,
  findingWords,
  HEALTHY_WORDS,
  patchWords,
  SHORT_WORDS,
  remedyLabel,
  remedyWords,
  sheetTitle,
  type Lang,
} from '../../engine/lab/doctor/training-doctor';
import { formatNumber } from './number-text';

/**
 * The end of `nnlab train`'s readable report: each layer's gradient norm in the last diagnostics
 * snapshot, then the training doctor's findings (the end event's `findings`) with their evidence,
 * remedy, lab sheet and spec patch, in Korean or English.
 */

const HEADINGS = {
  ko: {
    gradients: (step: number) => `층별 기울기 크기 ‖∂L/∂W‖ (마지막 진단, ${step}단계)`,
    columns: ['층', '뉴런', '활성화', '기울기 크기'],
    doctor: (count: number) => (count === 0 ? '학습 진단' : `학습 진단: ${counted(count, 'finding', 'ko')}`),
    sheet: '실습지',
    patch: '바꿀 설정',
  },
  en: {
    gradients: (step: number) => `gradient norm ‖∂L/∂W‖ per layer (last diagnostics, step ${step})`,
    columns: ['layer', 'units', 'activation', 'gradNorm'],
    doctor: (count: number) => (count === 0 ? 'training doctor' : `training doctor: ${counted(count, 'finding', 'en')}`),
    sheet: 'lab sheet',
    patch: 'spec change',
  },
} as const;

/** A short table: layer (from 1), units, activation, gradient norm. */
export function gradientTable(diagnostics: DiagnosticsEvent, lang: Lang): string[] {
  const words = HEADINGS[lang];
  const rows = diagnostics.layers.map((l) => [String(l.layer + 1), String(l.units), l.activationName, formatNumber(l.gradNorm, 2)]);
  const table = [[...words.columns], ...rows];
  const widths = words.columns.map((_, c) => Math.max(...table.map((row) => displayWidth(row[c]!))));
  // Numbers right-aligned, names left-aligned.
  const line = (row: string[]) => `  ${row.map((cell, c) => (c === 2 ? padEnd(cell, widths[c]!) : padStart(cell, widths[c]!))).join('  ')}`.trimEnd();
  return [words.gradients(diagnostics.step), ...table.map(line)];
}

/** The findings, or the line that says there are none (`layerCount`: the network's weight layers, to name the output layer; `short`: the run was too short to tell). */
export function doctorLines(findings: readonly DoctorFinding[], lang: Lang, layerCount: number | null, short = false): string[] {
  const words = HEADINGS[lang];
  if (findings.length === 0) return [`${words.doctor(0)}: ${(short ? SHORT_WORDS : HEALTHY_WORDS)[lang]}`];
  const lines = [words.doctor(findings.length)];
  for (const finding of findings) {
    const place = findingPlace(finding, layerCount)[lang];
    lines.push(`  ✗ ${DOCTOR_TITLES[finding.code][lang]}${place ? ` (${place})` : ''}`);
    lines.push(`    ${findingWords(finding, layerCount)[lang]}`);
    lines.push(`    → ${remedyLabel(finding.remedy)[lang]}: ${remedyWords(finding.remedy)[lang]}`);
    lines.push(`      ${words.sheet}: ${sheetTitle(finding.remedy.sheet)[lang]} (${finding.remedy.sheet})`);
    if (finding.remedy.patch.length > 0) lines.push(`      ${words.patch}: ${patchWords(finding.remedy.patch, lang, layerCount)}`);
  }
  return lines;
}

/** Columns as a terminal shows them: Hangul takes two cells. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/u.test(char) ? 2 : 1;
  return width;
}

const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
