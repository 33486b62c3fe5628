import type { FieldProblem } from '$engine/api/spec-error';
import { translator, type Locale } from './locale';
import { compareMessages } from './messages/compare';
import { translateMessage } from './message-rules';
import { END_KOREAN_RULES, PROBLEM_KOREAN_RULES } from '$engine/lab/problem-words';
import { problemFieldLabel } from '$engine/lab/spec-field-labels';

export { END_KOREAN_RULES, PROBLEM_KOREAN_RULES };

/** A problem's message in the UI's language (without its field). */
export function problemMessage(message: string, locale: Locale): string {
  return translateMessage(message, locale, PROBLEM_KOREAN_RULES);
}

/** "배치 크기: 1 이상이어야 합니다": a problem with its field named for people. */
export function problemText(problem: FieldProblem, locale: Locale): string {
  const message = problemMessage(problem.message, locale);
  if (!problem.field) return message;
  // The builder's name for a field, else the compare table's ("은닉층 1 가중치 초기화", "Adam β₁"): one name per setting, shared with the CLI.
  return `${problemFieldLabel(problem.field, locale, translator(compareMessages, locale))}: ${message}`;
}

/** Why a run ended (the trainer's message) in the UI's language. */
export function endMessage(message: string, locale: Locale): string {
  return translateMessage(message, locale, END_KOREAN_RULES);
}
