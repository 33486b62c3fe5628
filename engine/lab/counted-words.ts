import type { LocalizedText } from './presets';

/** A language of the texts. */
type Lang = keyof LocalizedText;

/**
 * How the lab's texts count things, in both languages, with the counter words the app uses: the
 * one table for the CLI and the renderer's catalogues ("실행 2개", "3단계", "시드 5개", "2 에폭").
 * English takes the singular for exactly 1 ("1 step", "0 steps"); Korean counts never change form.
 */
const NOUNS = {
  step: { en: ['step', 'steps'], ko: '{n}단계' },
  epoch: { en: ['epoch', 'epochs'], ko: '{n} 에폭' },
  run: { en: ['run', 'runs'], ko: '실행 {n}개' },
  seed: { en: ['seed', 'seeds'], ko: '시드 {n}개' },
  sample: { en: ['sample', 'samples'], ko: '샘플 {n}개' },
  trainingSample: { en: ['training sample', 'training samples'], ko: '훈련 샘플 {n}개' },
  input: { en: ['input', 'inputs'], ko: '입력 {n}개' },
  class: { en: ['class', 'classes'], ko: '클래스 {n}개' },
  file: { en: ['file', 'files'], ko: '파일 {n}개' },
  sheet: { en: ['sheet', 'sheets'], ko: '실습지 {n}개' },
  preset: { en: ['preset', 'presets'], ko: '프리셋 {n}개' },
  spec: { en: ['spec', 'specs'], ko: '설정 {n}개' },
  claim: { en: ['claim', 'claims'], ko: '주장 {n}개' },
  finding: { en: ['finding', 'findings'], ko: '발견 {n}개' },
  entry: { en: ['entry', 'entries'], ko: '항목 {n}개' },
  notebookEntry: { en: ['notebook entry', 'notebook entries'], ko: '노트 항목 {n}개' },
  student: { en: ['student', 'students'], ko: '학생 {n}명' },
  byte: { en: ['byte', 'bytes'], ko: '{n}바이트' },
  neuron: { en: ['neuron', 'neurons'], ko: '뉴런 {n}개' },
  pixel: { en: ['pixel', 'pixels'], ko: '픽셀 {n}개' },
  hiddenLayer: { en: ['layer', 'layers'], ko: '은닉층 {n}개' },
  unit: { en: ['unit', 'units'], ko: '뉴런 {n}개' },
  inputSample: { en: ['input sample', 'input samples'], ko: '입력 샘플 {n}개' },
} as const satisfies Record<string, { en: readonly [string, string]; ko: string }>;

/** What the texts count. */
export type CountedNoun = keyof typeof NOUNS;

/** Every noun of the table (for the glossary's test, which reads every Korean text). */
export const COUNTED_NOUNS = Object.keys(NOUNS) as CountedNoun[];

const PLURALS: Record<Lang, Intl.PluralRules> = { ko: new Intl.PluralRules('ko'), en: new Intl.PluralRules('en') };
const NUMBERS: Record<Lang, Intl.NumberFormat> = { ko: new Intl.NumberFormat('ko-KR'), en: new Intl.NumberFormat('en-US') };

/**
 * Which of a message's two forms a count takes: `One` for English 1, `Other` for the rest (Korean
 * counts never change their counter word: "파일 1개", "파일 2개").
 */
export function pluralForm(lang: Lang, count: number): 'One' | 'Other' {
  return PLURALS[lang].select(count) === 'one' ? 'One' : 'Other';
}

/** A count as this language writes it: 60,000 (both languages group thousands with a comma). */
export function countText(lang: Lang, count: number): string {
  return NUMBERS[lang].format(count);
}

/** A count with its noun as `lang` writes it: counted(1, 'step', 'en') → "1 step", counted(60000, 'step', 'ko') → "60,000단계". */
export function counted(count: number, noun: CountedNoun, lang: Lang): string {
  const forms = countedForms(noun);
  return forms[lang][pluralForm(lang, count)].replace('{n}', countText(lang, count));
}

/** The two forms of a counted noun in each language, with `{n}` where the count goes. */
function countedForms(noun: CountedNoun): Record<Lang, Record<'One' | 'Other', string>> {
  const words = NOUNS[noun];
  return { ko: { One: words.ko, Other: words.ko }, en: { One: `{n} ${words.en[0]}`, Other: `{n} ${words.en[1]}` } };
}

/** A catalogue's pair of counted messages, `{stem}One` and `{stem}Other`. */
export type CountedPair<S extends string> = Record<`${S}One` | `${S}Other`, string>;

/**
 * The renderer catalogue's counted messages for a noun of this table, so the screens and the CLI
 * count with the same words: `...countedMessages('runCount', 'run').ko` gives
 * { runCountOne: '실행 {n}개', runCountOther: '실행 {n}개' }.
 */
export function countedMessages<S extends string>(stem: S, noun: CountedNoun): Record<Lang, CountedPair<S>> {
  const forms = countedForms(noun);
  const pair = (lang: Lang) => ({ [`${stem}One`]: forms[lang].One, [`${stem}Other`]: forms[lang].Other }) as CountedPair<S>;
  return { ko: pair('ko'), en: pair('en') };
}
