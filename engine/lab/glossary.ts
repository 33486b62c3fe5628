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
      { pattern: /멈춤|멈추기|(?:하고|오고) 멈춥니다|멈췄습니다/u, why: 'stopping is 중지 (action) and 중지됨 (state)' },
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
  {
    idea: 'a layer of the network, named by its place',
    ko: '은닉층 N / 출력층',
    en: 'hidden layer N / output layer',
    // "층 3" left the reader to work out whether the output layer counts (the charts called the last one 출력층, the doctor 층 4).
    forbidden: [{ pattern: /(?<!은닉|출력)층 (?:\d+|\{n\})(?!\d*(?:개| ~))/u, why: 'a layer is 은닉층 N (hidden layers counted from 1, as the builder numbers them) or 출력층 (the last one), never 층 N' }],
  },
  {
    idea: "a lecture preset (the builder's menu 강의 프리셋, nnlab presets, a pack's presets)",
    ko: '프리셋',
    en: 'preset',
    // The packs screen said 예제 where the builder, the probe and the CLI said 프리셋 for the same thing.
    forbidden: [{ pattern: /예제/u, why: 'a lecture preset is 프리셋, as the builder\'s menu (강의 프리셋) and nnlab presets name it' }],
  },
  {
    idea: "a run's spec (what the builder makes, a pack carries, nnlab train --spec reads)",
    ko: '설정',
    en: 'spec',
    // The counting table said "RunSpec 2개" where the packs screen said "설정 2개"; RunSpec is the file format's name, not a word of the class.
    forbidden: [{ pattern: /RunSpec/u, why: "a run's spec is 설정 (실험 만들기의 설정, 설정 파일), as the packs screen says" }],
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

/**
 * Latin-script words a Korean text may hold: the terms the lecture itself writes in English
 * (activation, initialization and optimizer names, data sets, L1/L2), names of products, file
 * formats and keys, units, and the math of the lessons (single letters and indexed variables: x,
 * w1, h2, z, e, ln). Anything else in Latin script in Korean text is English the class has to
 * translate in their head (issue 15: "normal", "values", "layers[0].init", "Naïve한 방법").
 */
export const ACCEPTED_LATIN_WORDS: ReadonlySet<string> = new Set([
  // activations, initializations and optimizers as the lecture writes them
  'ReLU', 'Leaky', 'ELU', 'sigmoid', 'tanh', 'softmax', 'Xavier', 'He', 'Glorot', 'SGD', 'AdaGrad', 'RMSprop', 'Adam',
  // data sets, regularization
  'MNIST', 'XOR', 'L1', 'L2',
  // products, file formats, keys and commands
  'NN', 'Lab', 'PyTorch', 'Jupyter', 'TensorBoard', 'CSV', 'JSON', 'PDF', 'HTML', 'PNG', 'USB', 'Enter', 'English', 'nnlab', 'nnlabpack', 'serve', 'token',
  // the column names a CSV file's header may use (x1 and x2 pass as math), written as the file writes them
  'label',
  // units
  'px', 'KB', 'MB', 'GB', 'ms',
  // math of the lessons
  'ln', 'sin',
]);

/** Latin-script words in a Korean text that are not accepted terms ({placeholders} and HTML tags left out). */
export function latinWordsOutsideGlossary(text: string): string[] {
  const words = text.replace(/\{\w+\}/g, ' ').replace(/<\/?[a-z]+[^>]*>/g, ' ').match(/\p{Script=Latin}[\p{Script=Latin}\d]*/gu) ?? [];
  return words.filter((word) => !ACCEPTED_LATIN_WORDS.has(word) && !isMathSymbol(word));
}

/** x, W, L, a single letter with an index (w1, h2, x2) or a number's exponent (7e). */
function isMathSymbol(word: string): boolean {
  return /^\p{Script=Latin}\d*$/u.test(word);
}
