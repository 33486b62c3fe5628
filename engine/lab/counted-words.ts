import type { LocalizedText } from './presets';

/** A language of the texts. */
type Lang = keyof LocalizedText;

/**
 * How the lab's texts count things, in both languages, with the counter words the app uses
 * (renderer/src/lib/i18n/messages: "실행 2개", "3단계", "시드 5개", "2 에폭"). English takes the
 * singular for exactly 1 ("1 step", "0 steps"); Korean counts never change form.
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
  spec: { en: ['spec', 'specs'], ko: 'RunSpec {n}개' },
  claim: { en: ['claim', 'claims'], ko: '주장 {n}개' },
  finding: { en: ['finding', 'findings'], ko: '발견 {n}개' },
  entry: { en: ['entry', 'entries'], ko: '항목 {n}개' },
  notebookEntry: { en: ['notebook entry', 'notebook entries'], ko: '노트 항목 {n}개' },
  student: { en: ['student', 'students'], ko: '학생 {n}명' },
  byte: { en: ['byte', 'bytes'], ko: '{n}바이트' },
} as const satisfies Record<string, { en: readonly [string, string]; ko: string }>;

/** What the texts count. */
export type CountedNoun = keyof typeof NOUNS;

const ENGLISH_PLURALS = new Intl.PluralRules('en');

/** A count with its noun as `lang` writes it: counted(1, 'step', 'en') → "1 step", counted(2, 'run', 'ko') → "실행 2개". */
export function counted(count: number, noun: CountedNoun, lang: Lang): string {
  const words = NOUNS[noun];
  if (lang === 'ko') return words.ko.replace('{n}', String(count));
  return `${count} ${ENGLISH_PLURALS.select(count) === 'one' ? words.en[0] : words.en[1]}`;
}
