import type { Locale, Translate } from './locale';

const RULES: Record<Locale, Intl.PluralRules> = { ko: new Intl.PluralRules('ko'), en: new Intl.PluralRules('en') };
const NUMBERS: Record<Locale, Intl.NumberFormat> = { ko: new Intl.NumberFormat('ko-KR'), en: new Intl.NumberFormat('en-US') };

/**
 * Which of a message's two forms a count takes: `One` for English 1, `Other` for the rest (Korean
 * counts never change their counter word: "파일 1개", "파일 2개"). Messages that count come in
 * pairs of keys, `fooOne` and `fooOther`.
 */
export function pluralForm(locale: Locale, count: number): 'One' | 'Other' {
  return RULES[locale].select(count) === 'one' ? 'One' : 'Other';
}

/** A count as this language writes it: 1,234. */
export function countText(locale: Locale, count: number): string {
  return NUMBERS[locale].format(count);
}

/** The stems of a namespace's counted messages: `units` when both `unitsOne` and `unitsOther` exist. */
export type CountedKey<K extends string> = { [Key in K]: Key extends `${infer Stem}One` ? (`${Stem}Other` extends K ? Stem : never) : never }[K];

/** A counted message in the form `n` takes: "1 neuron", "2 neurons", "1,234 runs" ({n} is the count as this language writes it). */
export function counted<K extends string>(t: Translate<K>, locale: Locale, stem: CountedKey<NoInfer<K>>, n: number, params: Record<string, string | number> = {}): string {
  return t(`${stem}${pluralForm(locale, n)}` as K, { ...params, n: countText(locale, n) });
}

/**
 * `counted` for helpers that get a translator but not its language (chart builders): Korean's two
 * forms are the same text and both languages write 1,234 alike, so the English rule serves both.
 */
export function countedForEither<K extends string>(t: Translate<K>, stem: CountedKey<NoInfer<K>>, n: number, params: Record<string, string | number> = {}): string {
  return counted(t, 'en', stem, n, params);
}
