/**
 * One word per idea, in both languages: the terms every Korean and English text of the app uses
 * (UI messages, lab sheets, presets, claims, doctor). Only ideas that had competing words are listed;
 * a student who reads 정규화 for L2 in one place and for batch normalization in another cannot tell
 * they are different things. test/renderer/text/glossary.test.ts reads every Korean text and fails on
 * a `forbidden` variant.
 */

export interface GlossaryTerm {
  /** The idea, in English, for people reading this file. */
  idea: string;
  ko: string;
  en: string;
  /** Korean variants that mean this idea but must not be written; each with the reason. */
  forbidden: readonly { pattern: RegExp; why: string }[];
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    idea: 'regularization (L1, L2, dropout: holding memorizing back)',
    ko: '규제',
    en: 'regularization',
    // 정규화 is normalization; it stays only as part of 배치 정규화, the name of the layer.
    forbidden: [{ pattern: /(?<!배치 )정규화/u, why: '정규화 appears only inside "배치 정규화"; regularization is 규제' }],
  },
  { idea: 'batch normalization', ko: '배치 정규화', en: 'batch normalization (batch norm)', forbidden: [{ pattern: /배치정규화|배치 노멀/u, why: 'write 배치 정규화' }] },
  {
    idea: 'stop a run (the action) and a run that was stopped (the state)',
    ko: '중지 / 중지됨',
    en: 'Stop / stopped',
    forbidden: [
      { pattern: /멈춤|멈추기|(?:하고|오고) 멈춥니다/u, why: 'stopping is 중지 (action) and 중지됨 (state)' },
      { pattern: /(?<!일시)정지/u, why: 'stopping is 중지; 정지 appears only in 일시정지 (pause)' },
    ],
  },
  { idea: 'pause', ko: '일시정지', en: 'Pause / paused', forbidden: [{ pattern: /일시 정지|일시중지/u, why: 'pause is 일시정지' }] },
  {
    idea: 'waiting for its turn (a queued run, a result not there yet)',
    ko: '대기 중',
    en: 'queued / waiting',
    forbidden: [{ pattern: /대기(?! 중)/u, why: 'the waiting state is 대기 중' }],
  },
];

/** A Korean text that breaks the glossary: which variant, and why. */
export interface GlossaryBreach {
  found: string;
  why: string;
}

/** Every forbidden variant in one Korean text. */
export function glossaryBreaches(text: string): GlossaryBreach[] {
  const breaches: GlossaryBreach[] = [];
  for (const term of GLOSSARY) {
    for (const { pattern, why } of term.forbidden) {
      const match = new RegExp(pattern.source, `${pattern.flags}g`);
      for (const m of text.matchAll(match)) breaches.push({ found: m[0], why });
    }
  }
  return breaches;
}
