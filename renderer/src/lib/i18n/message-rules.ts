import { koreanByRules, type KoreanRule } from '$engine/lab/problem-words';
import type { Locale } from './locale';

export type { KoreanRule };

/**
 * The engine writes its messages in English (the CLI shows them as they are); the UI shows them in
 * Korean through rules, one per message template of the engine.
 */

/** `message` in the UI's language: in Korean by the first rule that matches; else (or in English) as the engine wrote it. */
export function translateMessage(message: string, locale: Locale, rules: readonly KoreanRule[]): string {
  if (locale === 'en') return message;
  return koreanByRules(message, rules) ?? message;
}
