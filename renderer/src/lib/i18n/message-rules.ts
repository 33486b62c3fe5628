import type { Locale } from './locale';

/**
 * The engine writes its messages in English (the CLI shows them as they are); the UI shows them in
 * Korean through rules, one per message template of the engine.
 */

/** One message template of the engine and its Korean text, built from the template's match. */
export type KoreanRule = readonly [pattern: RegExp, korean: (match: RegExpExecArray) => string];

/** `message` in the UI's language: in Korean by the first rule that matches; else (or in English) as the engine wrote it. */
export function translateMessage(message: string, locale: Locale, rules: readonly KoreanRule[]): string {
  if (locale === 'en') return message;
  for (const [pattern, korean] of rules) {
    const match = pattern.exec(message);
    if (match) return korean(match);
  }
  return message;
}
