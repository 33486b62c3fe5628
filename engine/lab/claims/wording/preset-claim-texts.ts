import { BATCH_NORM_SCALES, type LocalizedText } from '../../presets';
import { BACKPROP_SLIDE_LOSS, FAST_OPTIMIZERS, OPTIMIZER_END_LOSS, PLAIN_LEARNS_AT, batchNormPresetId } from '../preset-claims';
import { withParticle } from './korean-particles';
import { formatSlideLoss } from './number-words';
import { OPTIMIZER_NAMES } from '../../optimizer-names';

/** The texts of each training preset's claim (preset-claims.ts holds its criteria). */
export interface PresetClaimTexts {
  /** What the lecture claims the run shows. */
  statement: LocalizedText;
  /** What is checked, with its thresholds, in words (to show beside the claim before the run). */
  expects: LocalizedText;
  /** The likely reason when it is not reproduced. */
  hint: LocalizedText;
}

const CHANGED_LR_OR_INIT: LocalizedText = { ko: '학습률이나 초기화를 바꾸었나요?', en: 'did you change the learning rate or the initialization?' };
const CHANGED_ACTIVATION: LocalizedText = { ko: '활성화 함수나 초기화를 바꾸었나요?', en: 'did you change the activation or the initialization?' };
const CHANGED_REGULARIZATION: LocalizedText = { ko: '규제 강도, 학습률이나 데이터 크기를 바꾸었나요?', en: 'did you change the regularization strength, the learning rate or the data size?' };
const CHANGED_OPTIMIZER: LocalizedText = { ko: '최적화 기법이나 학습률을 바꾸었나요?', en: 'did you change the optimizer or its learning rate?' };
const CHANGED_BATCH_NORM: LocalizedText = { ko: '배치 정규화를 끄거나 학습률을 바꾸었나요?', en: 'did you turn batch norm off or change the learning rate?' };

const DEEP_NET_LEARNS_EXPECTS: LocalizedText = {
  ko: '0단계에서 은닉층 기울기의 최대/최소 비가 10배 미만이고, 끝(2,000단계)의 훈련 손실이 0.5 미만',
  en: 'at step 0 the hidden layers’ gradients are within a factor of 10 of each other, and the training loss at step 2,000, the end, is below 0.5',
};


const CHANGED_FEATURES: LocalizedText = { ko: '입력 특성, 은닉층, 잡음이나 학습률을 바꾸었나요?', en: 'did you change the input features, add a hidden layer, or change the noise or the learning rate?' };

const TEXTS = new Map<string, PresetClaimTexts>([
  [
    'features-circle-xy',
    {
      statement: { ko: 'x₁, x₂만 보는 출력층 하나로는 원 데이터를 나누지 못해야 합니다', en: 'One output layer on x₁, x₂ should fail to separate the circle' },
      expects: { ko: '끝(300단계)의 훈련 정확도가 80% 이하', en: 'the training accuracy at step 300, the end, is at most 80 %' },
      hint: CHANGED_FEATURES,
    },
  ],
  [
    'features-circle-squares',
    {
      statement: { ko: 'x₁², x₂²를 보는 출력층 하나로 원 데이터를 나눌 수 있어야 합니다', en: 'One output layer on x₁², x₂² should separate the circle' },
      expects: { ko: '끝(300단계)의 훈련 정확도가 95% 이상', en: 'the training accuracy at step 300, the end, is at least 95 %' },
      hint: CHANGED_FEATURES,
    },
  ],
  [
    'backprop-lecture-network',
    {
      statement: { ko: '슬라이드의 2-2-1 신경망에서 한 번의 갱신이 오차를 줄여야 합니다', en: 'One update of the slide’s 2-2-1 network should reduce the error' },
      expects: {
        ko: `갱신 전 손실이 슬라이드의 출력 0.55(목표값 1)에 해당하는 ${formatSlideLoss(BACKPROP_SLIDE_LOSS)}이고, 갱신 후 손실이 그보다 작음`,
        en: `the loss before the update is ${formatSlideLoss(BACKPROP_SLIDE_LOSS)}, the slide’s output 0.55 for target 1, and the loss after it is smaller`,
      },
      hint: { ko: '입력, 가중치, 목표값이나 학습률을 바꾸었나요?', en: 'did you change the inputs, the weights, the target or the learning rate?' },
    },
  ],
  [
    'vanishing-sigmoid',
    {
      statement: { ko: 'sigmoid 10층에서는 기울기가 소실되어 학습이 멈춰야 합니다', en: 'With 10 sigmoid layers the gradient should vanish and learning stall' },
      expects: {
        ko: '0단계에서 1층의 기울기가 마지막 은닉층의 1/1,000 미만이고(측정값 1/330,000~1/220,000), 끝(2,000단계)까지 모든 평가에서 훈련 손실이 2.2 이상(무작위 수준 2.30 근처)에 머묾',
        en: 'at step 0 layer 1’s gradient is below 1/1,000 of the last hidden layer’s (measured: 1/330,000 to 1/220,000), and the training loss stays at or above 2.2 (chance is 2.30) at every evaluation through step 2,000, the end',
      },
      hint: CHANGED_ACTIVATION,
    },
  ],
  [
    'vanishing-relu',
    {
      statement: { ko: 'ReLU 10층에서는 기울기가 모든 층에 전달되어 학습되어야 합니다', en: 'With 10 ReLU layers the gradient should reach every layer and the network learn' },
      expects: DEEP_NET_LEARNS_EXPECTS,
      hint: CHANGED_ACTIVATION,
    },
  ],
  [
    'vanishing-tanh',
    {
      statement: { ko: 'tanh 10층에서는 sigmoid보다 기울기가 훨씬 잘 전달되어 학습되어야 합니다', en: 'With 10 tanh layers the gradient should travel far better than with sigmoid, and the network learn' },
      expects: DEEP_NET_LEARNS_EXPECTS,
      hint: CHANGED_ACTIVATION,
    },
  ],
  [
    'init-mnist-std001',
    {
      statement: { ko: '표준편차 0.01 초기화는 학습되지 않아야 합니다', en: 'std 0.01 should not learn' },
      expects: { ko: '끝(2,000단계)까지 모든 평가에서 훈련 손실이 2.2 이상(무작위 수준 2.30 근처)에 머묾', en: 'the training loss stays at or above 2.2 (chance is 2.30) at every evaluation through step 2,000, the end' },
      hint: CHANGED_LR_OR_INIT,
    },
  ],
  [
    'init-mnist-xavier',
    {
      statement: { ko: 'Xavier 초기화는 학습되어야 합니다', en: 'Xavier should learn' },
      expects: { ko: '끝(2,000단계)의 훈련 손실이 0.5 미만', en: 'the training loss at step 2,000, the end, is below 0.5' },
      hint: CHANGED_LR_OR_INIT,
    },
  ],
  [
    'init-mnist-he',
    {
      statement: { ko: 'He 초기화는 ReLU에서 가장 빨리 학습되어야 합니다', en: 'He should learn fastest with ReLU' },
      expects: {
        ko: '끝(2,000단계)의 훈련 손실이 0.27 미만(같은 단계에서 Xavier는 0.29~0.31)',
        en: 'the training loss at step 2,000, the end, is below 0.27 (Xavier ends at 0.29–0.31)',
      },
      hint: CHANGED_LR_OR_INIT,
    },
  ],
  [
    'overfit-baseline',
    {
      statement: { ko: '규제 없이 300장을 학습하면 과적합되어야 합니다', en: 'Without regularization, 300 images should be overfitted' },
      expects: {
        ko: '끝(201 에폭, 603단계)에 훈련 정확도가 95% 이상이고 훈련/시험 정확도 차이가 20%p 이상',
        en: 'at the end (epoch 201, step 603) training accuracy is at least 95 % and the train/test gap at least 20 points',
      },
      hint: CHANGED_REGULARIZATION,
    },
  ],
  [
    'overfit-l2',
    {
      statement: { ko: 'L2 규제(λ = 0.1)에서는 훈련 정확도가 100%에 이르지 않아야 합니다', en: 'With L2 (λ = 0.1) training accuracy should stop short of 100 %' },
      expects: {
        ko: '끝(603단계)의 훈련 정확도가 95% 미만(차이가 줄어드는 것은 기준 신경망과의 비교에서 확인합니다). 시험 정확도는 확인하지 않습니다: 이 300장에서는 L2의 시험 정확도가 기준 신경망보다 낮습니다(56~70% 대 74~76%)',
        en: 'training accuracy at the end (step 603) is below 95 %; the smaller gap is checked against the baseline (overfit-l2-gap). Test accuracy is not checked: on these 300 images L2’s is below the baseline’s (56–70 % against 74–76 %)',
      },
      hint: CHANGED_REGULARIZATION,
    },
  ],
  [
    'overfit-l1',
    {
      statement: { ko: 'L1 규제는 작은 가중치를 정확히 0으로 만들어야 합니다', en: 'L1 should drive small weights to exactly 0' },
      expects: { ko: '끝(603단계)에 1층 가중치의 10% 이상이 정확히 0', en: 'at the end (step 603) at least 10 % of layer 1’s weights are exactly 0' },
      hint: { ko: 'L1 강도나 적용 방식(근접 방식)을 바꾸었나요?', en: 'did you change the L1 strength or its method (l1Method: proximal)?' },
    },
  ],
  [
    'overfit-dropout',
    {
      statement: { ko: '드롭아웃에서는 훈련과 시험 정확도가 가깝게 유지되고 천천히 학습되어야 합니다', en: 'With dropout, train and test accuracy should stay close, and learning be slow' },
      expects: {
        ko: '끝(301 에폭, 903단계)에 훈련 정확도가 90% 미만(측정값 48~72%; 기준 신경망은 100%)이고 훈련/시험 정확도 차이가 20%p 미만(9~13%p; 기준 신경망은 24~26%p)',
        en: 'at the end (epoch 301, step 903) training accuracy is below 90 % (measured 48–72 %; the baseline reaches 100 %) and the train/test gap below 20 points (9–13; the baseline’s is 24–26)',
      },
      hint: { ko: '드롭아웃 비율이나 학습률을 바꾸었나요?', en: 'did you change the dropout rate or the learning rate?' },
    },
  ],
  [
    'overfit-batchnorm',
    {
      statement: { ko: '배치 정규화는 학습을 빠르게 해야 합니다', en: 'Batch norm should speed learning up' },
      expects: {
        ko: '20 에폭(60단계)에 훈련 정확도가 80% 이상(기준 신경망은 39~59%). 과적합 억제는 확인하지 않습니다: 이 300장에서는 배치 정규화의 차이가 기준 신경망보다 작지 않고, 끝의 시험 정확도는 오히려 낮습니다(58~63% 대 74~76%; 실습지의 질문)',
        en: 'training accuracy is at least 80 % at epoch 20 (step 60; the baseline is at 39–59 %). Curbing overfitting is not checked: on these 300 images batch norm’s gap is not smaller than the baseline’s, and its test accuracy at the end is lower (58–63 % against 74–76 %; the lab sheet asks why)',
      },
      hint: CHANGED_BATCH_NORM,
    },
  ],
  ...BATCH_NORM_SCALES.flatMap((scale): [string, PresetClaimTexts][] => [
    [
      batchNormPresetId(scale, false),
      scale === PLAIN_LEARNS_AT
        ? {
            statement: { ko: `배치 정규화 없이도 He에 가까운 초기 표준편차 ${scale}에서는 학습되어야 합니다`, en: `Without batch norm, the initial std ${scale}, near He’s, should learn` },
            expects: { ko: '끝(20 에폭, 200단계)의 훈련 정확도가 50% 이상', en: 'training accuracy at the end (epoch 20, step 200) is at least 50 %' },
            hint: CHANGED_LR_OR_INIT,
          }
        : {
            statement: { ko: `배치 정규화 없이 초기 표준편차 ${scale}에서는 학습되지 않아야 합니다`, en: `Without batch norm, the initial std ${scale} should not learn` },
            expects: {
              ko: '끝(20 에폭, 200단계)까지 모든 평가에서 훈련 정확도가 30% 미만(무작위 수준 10% 근처)에 머묾',
              en: 'training accuracy stays below 30 % (chance is 10 %) at every evaluation through the end (epoch 20, step 200)',
            },
            hint: CHANGED_LR_OR_INIT,
          },
    ],
    [
      batchNormPresetId(scale, true),
      {
        statement: { ko: `배치 정규화를 쓰면 초기 표준편차 ${scale}에서도 학습되어야 합니다`, en: `With batch norm, the initial std ${scale} should learn` },
        expects: { ko: '끝(20 에폭, 200단계)의 훈련 정확도가 30% 이상(무작위 수준의 3배)', en: 'training accuracy at the end (epoch 20, step 200) is at least 30 % (three times chance)' },
        hint: CHANGED_BATCH_NORM,
      },
    ],
  ]),
  [
    'optimizer-sgd',
    {
      statement: { ko: 'SGD가 가장 느리게 학습되어야 합니다', en: 'SGD should be the slowest' },
      expects: {
        ko: '끝(2,000단계)의 훈련 손실이 0.2 이상(측정값 0.23~0.24; 모멘텀, AdaGrad, Adam은 0.05~0.07, RMSprop은 0.16~0.19)',
        en: 'the training loss at step 2,000, the end, is still at least 0.2 (measured 0.23–0.24; Momentum, AdaGrad and Adam end at 0.05–0.07, RMSprop at 0.16–0.19)',
      },
      hint: CHANGED_OPTIMIZER,
    },
  ],
  ...FAST_OPTIMIZERS.map((name): [string, PresetClaimTexts] => [
    `optimizer-${name}`,
    {
      statement: { ko: `${withParticle(OPTIMIZER_NAMES[name].ko, '은/는')} SGD보다 빨리 학습되어야 합니다`, en: `${OPTIMIZER_NAMES[name].en} should learn faster than SGD` },
      expects: {
        ko: `끝(2,000단계)의 훈련 손실이 ${OPTIMIZER_END_LOSS[name]} 미만(SGD는 0.23~0.24)`,
        en: `the training loss at step 2,000, the end, is below ${OPTIMIZER_END_LOSS[name]} (SGD ends at 0.23–0.24)`,
      },
      hint: CHANGED_OPTIMIZER,
    },
  ]),
]);

/** The texts of a training preset's claim; throws for a preset without one. */
export function presetClaimTexts(presetId: string): PresetClaimTexts {
  const found = TEXTS.get(presetId);
  if (found === undefined) throw new Error(`no claim texts for preset "${presetId}"`);
  return found;
}
