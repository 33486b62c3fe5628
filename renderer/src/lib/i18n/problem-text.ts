import type { FieldProblem } from '$engine/api/spec-error';
import { configFieldLabel } from '../compare/config-diff-format';
import { translator, type Locale } from './locale';
import { compareMessages } from './messages/compare';
import { translateMessage } from './message-rules';
import { END_KOREAN_RULES, PROBLEM_KOREAN_RULES } from '$engine/lab/problem-words';

export { END_KOREAN_RULES, PROBLEM_KOREAN_RULES };

const FIELD_LABELS: { pattern: RegExp; ko: (m: RegExpExecArray) => string; en: (m: RegExpExecArray) => string }[] = [
  { pattern: /^dataset\.features/, ko: () => '입력 특성', en: () => 'Input features' },
  { pattern: /^training\.batchSize$/, ko: () => '배치 크기', en: () => 'Batch size' },
  { pattern: /^training\.epochs$/, ko: () => '에폭', en: () => 'Epochs' },
  { pattern: /^training\.iterations$/, ko: () => '반복 횟수', en: () => 'Iterations' },
  { pattern: /^training\.targetLoss$/, ko: () => '목표 손실', en: () => 'Target loss' },
  { pattern: /^training$/, ko: () => '학습 길이', en: () => 'Training length' },
  { pattern: /^optimizer\.lr$/, ko: () => '학습률', en: () => 'Learning rate' },
  { pattern: /^regularization\.l1$/, ko: () => 'L1 규제', en: () => 'L1' },
  { pattern: /^regularization\.l2$/, ko: () => 'L2 규제', en: () => 'L2' },
  { pattern: /^seed$/, ko: () => '시드', en: () => 'Seed' },
  { pattern: /^loss$/, ko: () => '손실 함수', en: () => 'Loss' },
  { pattern: /^diagnostics\.every$/, ko: () => '진단 간격', en: () => 'Diagnostics interval' },
];

/** A problem's message in the UI's language (without its field). */
export function problemMessage(message: string, locale: Locale): string {
  return translateMessage(message, locale, PROBLEM_KOREAN_RULES);
}

/** "배치 크기: 1 이상이어야 합니다": a problem with its field named for people. */
export function problemText(problem: FieldProblem, locale: Locale): string {
  const message = problemMessage(problem.message, locale);
  if (!problem.field) return message;
  for (const label of FIELD_LABELS) {
    const match = label.pattern.exec(problem.field);
    if (match) return `${label[locale](match)}: ${message}`;
  }
  // Every other field as the compare screen's table names it ("층 1 가중치 초기화", "Adam β₁"): one name per setting.
  return `${configFieldLabel(problem.field, translator(compareMessages, locale))}: ${message}`;
}

/** Why a run ended (the trainer's message) in the UI's language. */
export function endMessage(message: string, locale: Locale): string {
  return translateMessage(message, locale, END_KOREAN_RULES);
}
