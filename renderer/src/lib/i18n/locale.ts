/** The UI's languages: Korean (the class language, default) and English. */
export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A namespace of UI strings in both languages. Korean is the reference: English must have exactly
 * the same keys (a missing translation is a type error). `{name}` placeholders are filled by `t`.
 */
export type Messages<K extends string> = { ko: Record<K, string>; en: Record<K, string> };

/** Defines a namespace; the type checks that both languages have the same keys. */
export function defineMessages<K extends string>(messages: { ko: Record<K, string>; en: Record<NoInfer<K>, string> }): Messages<K> {
  return messages;
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so they are noticed. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** A translator bound to one namespace and language (what pure helpers such as chart builders receive). */
export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

export function translator<K extends string>(messages: Messages<K>, locale: Locale): Translate<K> {
  return (key, params) => format(messages[locale][key], params);
}
