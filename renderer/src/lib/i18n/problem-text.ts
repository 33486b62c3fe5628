import type { FieldProblem } from '$engine/api/spec-error';
import { withParticle } from '$engine/lab/claims/wording/korean-particles';
import { configFieldLabel } from '../compare/config-diff-format';
import { translator, type Locale } from './locale';
import { compareMessages } from './messages/compare';
import { translateMessage, type KoreanRule } from './message-rules';

/**
 * The engine's validation messages (English, shared with the CLI) in the UI's language. Each rule
 * matches one message template of the engine; anything else is shown as the engine wrote it.
 */
export const PROBLEM_KOREAN_RULES: readonly KoreanRule[] = [
  [/^must be at least (.+)$/, (m) => `${m[1]} 이상이어야 합니다`],
  [/^must be at most (.+)$/, (m) => `${m[1]} 이하여야 합니다`],
  [/^must be below 1$/, () => '1보다 작아야 합니다'],
  [/^must be a whole number$/, () => '정수여야 합니다'],
  [/^must be greater than 0$/, () => '0보다 커야 합니다'],
  [/^must be 0 or more$/, () => '0 이상이어야 합니다'],
  [/^must be a finite number$/, () => '유한한 숫자여야 합니다'],
  [/^must be a number, not a .+$/, () => '숫자를 입력하세요'],
  [/^is required$/, () => '값을 입력하세요'],
  [/^(\d+) is larger than the (\d+) training samples$/, (m) => `배치 크기 ${withParticle(m[1]!, '이/가')} 훈련 데이터 ${m[2]}개보다 큽니다`],
  [/^the output layer has (\d+) units but (\S+) has (\d+) classes/, (m) => `출력층 뉴런은 ${m[1]}개인데 ${m[2]} 데이터의 클래스는 ${m[3]}개입니다. 출력층을 ${m[3]}개로 맞추세요`],
  [/^softmax is only allowed on the output layer$/, () => 'softmax는 출력층에서만 쓸 수 있습니다'],
  [/^dropout on the output layer/, () => '출력층에 드롭아웃을 쓰면 예측이 지워집니다. 은닉층에 쓰세요'],
  [/^softmax_cross_entropy needs a softmax output layer/, () => '소프트맥스 교차 엔트로피는 출력층이 softmax일 때만 쓸 수 있습니다'],
  [/^binary_cross_entropy needs a sigmoid output layer/, () => '이진 교차 엔트로피는 출력층이 sigmoid일 때만 쓸 수 있습니다'],
  [/^batch normalization needs batches of at least 2 samples$/, () => '배치 정규화는 배치에 샘플이 2개 이상 있어야 합니다'],
  [/^give exactly one of "epochs" or "iterations"$/, () => '에폭과 반복 횟수 중 하나만 정하세요'],
  [/^softmax over a single unit is always 1/, () => '뉴런 1개짜리 softmax는 항상 1입니다. 클래스마다 뉴런을 하나씩 두세요'],
  [/^needs at least one input feature$/, () => '입력 특성을 하나 이상 켜세요'],
  [/^unknown input feature \(expected one of (.+)\)$/, (m) => `알 수 없는 입력 특성입니다 (${m[1]} 중 하나)`],
  [/^(\S+) is listed twice; list each feature once$/, (m) => `${withParticle(m[1]!, '이/가')} 두 번 있습니다. 특성마다 한 번만 쓰세요`],
  [/^(\S+) must come before (\S+): list features in the order (.+)$/, (m) => `${withParticle(m[1]!, '은/는')} ${m[2]}보다 앞에 와야 합니다 (순서: ${m[3]})`],
  [/^input features are for 2-D points; MNIST/, () => '입력 특성은 2차원 점 데이터에만 쓸 수 있습니다. MNIST의 입력은 784개 픽셀입니다'],
  [/^input features need 2-D points \(x1, x2\), but dataset\.x has (\d+) values per row$/, (m) => `입력 특성은 2차원 점(x1, x2)에만 쓸 수 있는데, 이 데이터는 한 행에 값이 ${m[1]}개입니다`],
];

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

export const END_KOREAN_RULES: readonly KoreanRule[] = [
  [/^stopped by the user$/, () => '사용자가 중지했습니다'],
  [/^training diverged at step (\d+): the loss became (\S+)/, (m) => `${m[1]}단계에서 발산했습니다: 손실이 ${withParticle(m[2]!, '이/가')} 되었습니다. 학습률이나 초기 가중치의 크기를 줄여 보세요`],
  [/^training diverged by step (\d+): the evaluation loss became (\S+)/, (m) => `${m[1]}단계에서 발산했습니다: 평가 손실이 ${withParticle(m[2]!, '이/가')} 되었습니다. 학습률이나 초기 가중치의 크기를 줄여 보세요`],
  [/^reached the target loss (\S+) at step (\d+)$/, (m) => `${m[2]}단계에서 목표 손실 ${m[1]}에 도달했습니다`],
  [/^early stopping at step (\d+): the test loss has not improved for (\d+) evaluations$/, (m) => `조기 종료: 시험 손실이 평가 ${m[2]}번 동안 나아지지 않아 ${m[1]}단계에서 중지했습니다`],
  [/^stopped before it started$/, () => '시작하기 전에 중지했습니다'],
];

/** Why a run ended (the trainer's message) in the UI's language. */
export function endMessage(message: string, locale: Locale): string {
  return translateMessage(message, locale, END_KOREAN_RULES);
}
