import type { Locale } from './locale';

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
