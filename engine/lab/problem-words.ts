import { withParticle } from './claims/wording/korean-particles';

/** One message template of the engine (English) and its Korean text, built from the template's match. */
export type KoreanRule = readonly [pattern: RegExp, korean: (match: RegExpExecArray) => string];

/** `message` in Korean by the first rule that matches; null when none does. */
export function koreanByRules(message: string, rules: readonly KoreanRule[]): string | null {
  for (const [pattern, korean] of rules) {
    const match = pattern.exec(message);
    if (match) return korean(match);
  }
  return null;
}

/** What an "unknown …" problem names, in Korean. */
const CHOICE_WORDS: Readonly<Record<string, string>> = { activation: '활성화 함수', initializer: '초기화', 'initializer name': '초기화', dataset: '데이터셋', optimizer: '최적화 기법', loss: '손실 함수' };

/**
 * The engine's validation messages (English) in Korean, for the screens and the CLI. Each rule
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
  [/^unknown (activation|initializer name|initializer|dataset|optimizer|loss) \(expected (?:one of )?(.+?)(?:, or an object such as .*)?\)$/, (m) => `알 수 없는 ${CHOICE_WORDS[m[1]!] ?? '값'}입니다 (${m[2]} 중 하나)`],
  [/^unknown fields? (.+)$/, (m) => `알 수 없는 필드 ${m[1]}`],
];

/** Why a run ended (the trainer's English message) in Korean. */
export const END_KOREAN_RULES: readonly KoreanRule[] = [
  [/^stopped by the user$/, () => '사용자가 중지했습니다'],
  [/^training diverged at step (\d+): the loss became (\S+)/, (m) => `${m[1]}단계에서 발산했습니다: 손실이 ${withParticle(m[2]!, '이/가')} 되었습니다. 학습률이나 초기 가중치의 크기를 줄여 보세요`],
  [/^training diverged by step (\d+): the evaluation loss became (\S+)/, (m) => `${m[1]}단계에서 발산했습니다: 평가 손실이 ${withParticle(m[2]!, '이/가')} 되었습니다. 학습률이나 초기 가중치의 크기를 줄여 보세요`],
  [/^reached the target loss (\S+) at step (\d+)$/, (m) => `${m[2]}단계에서 목표 손실 ${m[1]}에 도달했습니다`],
  [/^early stopping at step (\d+): the test loss has not improved for (\d+) evaluations$/, (m) => `조기 종료: 시험 손실이 평가 ${m[2]}번 동안 나아지지 않아 ${m[1]}단계에서 중지했습니다`],
  [/^stopped before it started$/, () => '시작하기 전에 중지했습니다'],
];
