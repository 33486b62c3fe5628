import type { LocalizedText } from '../../presets';
import { presetClaimTexts } from './preset-claim-texts';

/** The texts of each comparison's claim (comparison-claims.ts holds its criteria). */
export interface ComparisonClaimTexts {
  /** What the lecture claims the runs show side by side. */
  statement: LocalizedText;
  /** What is checked, with its thresholds, in words. */
  expects: LocalizedText;
}

const TEXTS = new Map<string, ComparisonClaimTexts>([
  [
    'backprop-one-update',
    {
      statement: { ko: '한 번의 갱신으로 오차가 줄어야 합니다', en: 'One update should reduce the error' },
      expects: { ko: '갱신 후 손실이 갱신 전보다 작음', en: 'the loss after the update is below the loss before it' },
    },
  ],
  [
    'vanishing-gradient-size',
    {
      statement: { ko: 'sigmoid에서만 첫 층의 기울기가 소실되어야 합니다', en: 'Only with sigmoid should the first layer’s gradient vanish' },
      expects: {
        ko: '0단계(첫 진단)에서 sigmoid의 1층 기울기가 마지막 은닉층의 1/1,000 미만, ReLU는 은닉층 기울기의 최대/최소 비가 10배 미만',
        en: 'at step 0 (the first snapshot), sigmoid’s layer-1 gradient is below 1/1,000 of its last hidden layer’s, and ReLU’s hidden layers are within a factor of 10',
      },
    },
  ],
  [
    'vanishing-which-learns',
    {
      statement: { ko: 'ReLU와 tanh는 학습되고 sigmoid는 학습되지 않아야 합니다', en: 'ReLU and tanh should learn, sigmoid should not' },
      expects: {
        ko: '끝(2,000단계)까지 sigmoid의 훈련 손실이 모든 평가에서 2.2 이상, 끝에서 ReLU와 tanh의 훈련 손실이 0.5 미만',
        en: 'sigmoid’s training loss stays at or above 2.2 at every evaluation through step 2,000, the end; ReLU’s and tanh’s are below 0.5 at the end',
      },
    },
  ],
  [
    'init-which-learns',
    {
      statement: { ko: 'Xavier와 He는 학습되고 표준편차 0.01은 학습되지 않아야 합니다', en: 'Xavier and He should learn, std 0.01 should not' },
      expects: {
        ko: '끝(2,000단계)까지 표준편차 0.01의 훈련 손실이 모든 평가에서 2.2 이상, 끝에서 Xavier와 He의 훈련 손실이 0.5 미만',
        en: 'std 0.01’s training loss stays at or above 2.2 at every evaluation through step 2,000, the end; Xavier’s and He’s are below 0.5 at the end',
      },
    },
  ],
  [
    'init-fastest',
    {
      statement: { ko: 'ReLU에서는 He가 Xavier보다 빨리 학습되어야 합니다', en: 'With ReLU, He should learn faster than Xavier' },
      expects: {
        ko: '끝(2,000단계)에서 He의 훈련 손실이 Xavier의 0.9배 미만(측정값은 0.77~0.80배)',
        en: 'at step 2,000, the end, He’s training loss is below 0.9 × Xavier’s (measured: 0.77–0.80 ×)',
      },
    },
  ],
  [
    'overfit-gap',
    {
      statement: { ko: '300장으로 학습하면 훈련과 시험 정확도가 벌어져야 합니다', en: 'Trained on 300 images, train and test accuracy should drift apart' },
      expects: presetClaimTexts('overfit-baseline').expects,
    },
  ],
  [
    'overfit-l2-gap',
    {
      statement: { ko: 'L2 규제는 훈련/시험 정확도 차이를 줄여야 합니다', en: 'L2 should shrink the train/test accuracy gap' },
      expects: {
        ko: '끝(603단계)에서 L2의 훈련/시험 차이가 기준 신경망 차이의 0.85배 미만(측정값 0.49~0.76배)이고, L2의 훈련 정확도가 95% 미만',
        en: 'at the end (step 603) L2’s train/test gap is below 0.85 × the baseline’s (measured 0.49–0.76 ×), and L2’s training accuracy is below 95 %',
      },
    },
  ],
  [
    'overfit-l1-zeros',
    {
      statement: { ko: 'L1만 정확히 0인 가중치를 많이 남겨야 합니다', en: 'Only L1 should leave many weights exactly 0' },
      expects: {
        ko: '끝(603단계)의 가중치에서 L1은 1층 가중치의 10% 이상이 정확히 0, L2는 어느 층도 1% 이하',
        en: 'in the weights at the end (step 603), at least 10 % of L1’s layer-1 weights are exactly 0, and at most 1 % of any L2 layer’s',
      },
    },
  ],
  [
    'overfit-dropout-gap',
    {
      statement: { ko: '드롭아웃은 훈련/시험 정확도 차이를 줄여야 합니다', en: 'Dropout should shrink the train/test accuracy gap' },
      expects: {
        ko: '각 실행의 끝(드롭아웃 903단계, 기준 신경망 603단계)에서 드롭아웃의 훈련/시험 차이가 기준 신경망 차이의 0.8배 미만(측정값 0.34~0.53배)',
        en: 'at each run’s end (dropout step 903, baseline step 603) dropout’s train/test gap is below 0.8 × the baseline’s (measured 0.34–0.53 ×)',
      },
    },
  ],
  [
    'overfit-batchnorm-speed',
    {
      statement: { ko: '배치 정규화는 기준 신경망보다 빨리 학습되어야 합니다', en: 'Batch norm should learn faster than the baseline' },
      expects: { ko: '20 에폭(60단계)에서 배치 정규화의 훈련 정확도가 기준 신경망보다 15%p 이상 높음', en: 'at epoch 20 (step 60) batch norm’s training accuracy is at least 15 points above the baseline’s' },
    },
  ],
  [
    'batchnorm-small-init',
    {
      statement: { ko: '초기 표준편차 0.00736에서는 배치 정규화가 있는 신경망만 학습되어야 합니다', en: 'At an initial std of 0.00736 only the network with batch norm should learn' },
      expects: {
        ko: '끝(20 에폭, 200단계)까지 배치 정규화 없음은 모든 평가에서 훈련 정확도 30% 미만, 배치 정규화 있음은 끝에서 30% 이상',
        en: 'without batch norm training accuracy stays below 30 % at every evaluation through the end (epoch 20, step 200); with it, it is at least 30 % at the end',
      },
    },
  ],
  [
    'batchnorm-he-scale',
    {
      statement: { ko: 'He에 가까운 초기 표준편차 0.293에서는 둘 다 학습되어야 합니다', en: 'At an initial std of 0.293, near He’s, both should learn' },
      expects: {
        ko: '끝(20 에폭, 200단계)의 훈련 정확도가 배치 정규화 없음은 50% 이상, 있음은 30% 이상',
        en: 'at the end (epoch 20, step 200) training accuracy is at least 50 % without batch norm and at least 30 % with it',
      },
    },
  ],
  [
    'optimizers-sgd-slowest',
    {
      statement: { ko: 'SGD가 가장 느려야 합니다', en: 'SGD should be the slowest' },
      expects: {
        ko: '끝(2,000단계)의 훈련 손실에서 모멘텀, AdaGrad, Adam은 SGD의 0.5배 미만, RMSprop(학습률 0.01에서 흔들림)은 0.9배 미만',
        en: 'at step 2,000, the end, Momentum’s, AdaGrad’s and Adam’s training losses are below 0.5 × SGD’s, and RMSprop’s (noisy at lr 0.01) below 0.9 ×',
      },
    },
  ],
]);

/** The texts of a comparison's claim; throws for a comparison without them. */
export function comparisonClaimTexts(comparisonId: string): ComparisonClaimTexts {
  const found = TEXTS.get(comparisonId);
  if (found === undefined) throw new Error(`no claim texts for comparison "${comparisonId}"`);
  return found;
}
