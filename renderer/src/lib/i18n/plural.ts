import { countText, pluralForm } from '$engine/lab/counted-words';
import type { Locale, Translate } from './locale';

/**
 * Counted messages come in pairs of keys, `fooOne` and `fooOther`; which one a count takes and how
 * the count is written are the engine's (engine/lab/counted-words.ts), so the screens and the CLI
 * count alike. Catalogues take the pairs of nouns that table has from it (countedMessages).
 */
export { countText, pluralForm };

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
