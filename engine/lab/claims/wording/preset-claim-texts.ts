import { BATCH_NORM_SCALES, type LocalizedText } from '../../presets';
import { BACKPROP_SLIDE_LOSS, FAST_OPTIMIZERS, PLAIN_LEARNS_AT, batchNormPresetId } from '../preset-claims';
import { withParticle } from './korean-particles';
import { formatSlideLoss } from './number-words';

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
  ko: '0단계에서 은닉층 기울기의 최대/최소 비가 10배 미만이고, 200단계까지 손실이 1.5 아래로 내려감',
  en: 'at step 0 the hidden layers’ gradients are within a factor of 10 of each other, and the loss falls below 1.5 by step 200',
};

const OPTIMIZER_NAMES: Record<(typeof FAST_OPTIMIZERS)[number], string> = { momentum: 'Momentum', adagrad: 'AdaGrad', rmsprop: 'RMSprop', adam: 'Adam' };

const TEXTS = new Map<string, PresetClaimTexts>([
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
        ko: '0단계에서 1층의 기울기가 마지막 은닉층의 1/100 미만이고, 200단계까지 손실이 2.2 이상(무작위 수준 2.30 근처)에 머묾',
        en: 'at step 0 layer 1’s gradient is below 1/100 of the last hidden layer’s, and the loss stays at or above 2.2 (chance is 2.30) through step 200',
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
      expects: { ko: '300단계까지 손실이 2.2 이상(무작위 수준 2.30 근처)에 머묾', en: 'the loss stays at or above 2.2 (chance is 2.30) through step 300' },
      hint: CHANGED_LR_OR_INIT,
    },
  ],
  [
    'init-mnist-xavier',
    {
      statement: { ko: 'Xavier 초기화는 학습되어야 합니다', en: 'Xavier should learn' },
      expects: { ko: '500단계까지 손실이 1.5 아래로 내려감', en: 'the loss falls below 1.5 by step 500' },
      hint: CHANGED_LR_OR_INIT,
    },
  ],
  [
    'init-mnist-he',
    {
      statement: { ko: 'He 초기화는 ReLU에서 가장 빨리 학습되어야 합니다', en: 'He should learn fastest with ReLU' },
      expects: { ko: '300단계까지 손실이 1.2 아래로 내려감(Xavier는 그때 아직 1.9 근처)', en: 'the loss falls below 1.2 by step 300 (Xavier is still near 1.9 then)' },
      hint: CHANGED_LR_OR_INIT,
    },
  ],
  [
    'overfit-baseline',
    {
      statement: { ko: '규제 없이 300장을 학습하면 과적합되어야 합니다', en: 'Without regularization, 300 images should be overfitted' },
      expects: {
        ko: '150 에폭(450단계)까지 훈련 정확도가 95% 이상, 훈련/시험 정확도 차이가 20%p 이상',
        en: 'by epoch 150 (step 450) training accuracy reaches 95 % and the train/test gap 20 points',
      },
      hint: CHANGED_REGULARIZATION,
    },
  ],
  [
    'overfit-l2',
    {
      statement: { ko: 'L2 규제(λ = 0.1)에서는 훈련 정확도가 100%에 이르지 않아야 합니다', en: 'With L2 (λ = 0.1) training accuracy should stop short of 100 %' },
      expects: {
        ko: '150 에폭(450단계)까지 훈련 정확도가 95% 아래에 머묾(차이가 줄어드는 것은 기준 신경망과 비교: overfit-l2-gap)',
        en: 'training accuracy stays below 95 % through epoch 150 (step 450); the smaller gap is checked against the baseline (overfit-l2-gap)',
      },
      hint: CHANGED_REGULARIZATION,
    },
  ],
  [
    'overfit-l1',
    {
      statement: { ko: 'L1 규제는 작은 가중치를 정확히 0으로 만들어야 합니다', en: 'L1 should drive small weights to exactly 0' },
      expects: { ko: '100 에폭(300단계)까지 1층 가중치의 10% 이상이 정확히 0', en: 'by epoch 100 (step 300) at least 10 % of layer 1’s weights are exactly 0' },
      hint: { ko: 'L1 강도나 방식(l1Method: proximal)을 바꾸었나요?', en: 'did you change the L1 strength or its method (l1Method: proximal)?' },
    },
  ],
  [
    'overfit-dropout',
    {
      statement: { ko: '드롭아웃에서는 훈련과 시험 정확도가 가깝게 유지되고 천천히 학습되어야 합니다', en: 'With dropout, train and test accuracy should stay close, and learning be slow' },
      expects: {
        ko: '100 에폭(300단계)까지 훈련 정확도가 90% 아래(기준 신경망은 96%), 200 에폭(600단계)까지 훈련/시험 차이가 22%p 이하',
        en: 'training accuracy stays below 90 % through epoch 100 (step 300; the baseline is at 96 %), and the train/test gap at or below 22 points through epoch 200 (step 600)',
      },
      hint: { ko: '드롭아웃 비율이나 학습률을 바꾸었나요?', en: 'did you change the dropout rate or the learning rate?' },
    },
  ],
  [
    'overfit-batchnorm',
    {
      statement: { ko: '배치 정규화는 학습을 빠르게 해야 합니다', en: 'Batch norm should speed learning up' },
      expects: {
        ko: '20 에폭(60단계)까지 훈련 정확도가 80% 이상(기준 신경망은 56%). 과적합 억제는 확인하지 않습니다: 이 300장에서는 배치 정규화의 차이가 기준 신경망보다 작지 않습니다(실습지의 질문)',
        en: 'training accuracy reaches 80 % by epoch 20 (step 60; the baseline is at 56 %). Curbing overfitting is not checked: on these 300 images batch norm’s gap is not smaller than the baseline’s (the lab sheet asks why)',
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
            expects: { ko: '20 에폭(200단계)까지 훈련 정확도가 50% 이상', en: 'training accuracy reaches 50 % by epoch 20 (step 200)' },
            hint: CHANGED_LR_OR_INIT,
          }
        : {
            statement: { ko: `배치 정규화 없이 초기 표준편차 ${scale}에서는 학습되지 않아야 합니다`, en: `Without batch norm, the initial std ${scale} should not learn` },
            expects: { ko: '20 에폭(200단계)까지 훈련 정확도가 30% 아래(무작위 수준 10% 근처)에 머묾', en: 'training accuracy stays below 30 % (chance is 10 %) through epoch 20 (step 200)' },
            hint: CHANGED_LR_OR_INIT,
          },
    ],
    [
      batchNormPresetId(scale, true),
      {
        statement: { ko: `배치 정규화를 쓰면 초기 표준편차 ${scale}에서도 학습되어야 합니다`, en: `With batch norm, the initial std ${scale} should learn` },
        expects: { ko: '20 에폭(200단계)까지 훈련 정확도가 30% 이상(무작위 수준의 3배)', en: 'training accuracy reaches 30 % (three times chance) by epoch 20 (step 200)' },
        hint: CHANGED_BATCH_NORM,
      },
    ],
  ]),
  [
    'optimizer-sgd',
    {
      statement: { ko: 'SGD가 가장 느리게 학습되어야 합니다', en: 'SGD should be the slowest' },
      expects: { ko: '200단계까지 손실이 0.8 이상에 머묾(다른 기법들은 그때 0.6 아래)', en: 'the loss stays at or above 0.8 through step 200 (the others are below 0.6 by then)' },
      hint: CHANGED_OPTIMIZER,
    },
  ],
  ...FAST_OPTIMIZERS.map((name): [string, PresetClaimTexts] => [
    `optimizer-${name}`,
    {
      statement: { ko: `${withParticle(OPTIMIZER_NAMES[name], '은/는')} SGD보다 빨리 학습되어야 합니다`, en: `${OPTIMIZER_NAMES[name]} should learn faster than SGD` },
      expects: { ko: '200단계까지 손실이 0.6 아래로 내려감(SGD는 그때 아직 1.1 근처)', en: 'the loss falls below 0.6 by step 200 (SGD is still near 1.1 then)' },
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
