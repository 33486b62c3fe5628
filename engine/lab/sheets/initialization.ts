import { AFTER_FIRST_PREDICTION, AFTER_PROBE, afterPrediction, localizedText as t, revealedText as shown, type LabSheet } from './lab-sheet';

/** Sheet 04: weight initialization (std 0.01, Xavier, He) seen in the activation histograms and the loss. */
export const INITIALIZATION_SHEET: LabSheet = {
  id: '04-initialization',
  part: 'initialization',
  section: '04',
  title: t('04 초기값 설정 문제와 방지 기법 (가중치 초기화)', '04 Initialization and how to prevent its problems'),
  goal: t(
    '가중치 초기화의 핵심은 활성화 함수의 입력값이 너무 커지거나 작아지지 않게 하는 것입니다. 무작위 입력을 5개 층(각 100개 뉴런)에 통과시킨 활성화 분포(히스토그램)로 표준편차 1, 0.01, Xavier, He 초기화를 sigmoid와 ReLU에서 비교한 뒤, MNIST의 ReLU 신경망에서 세 가지 초기화(표준편차 0.01, Xavier, He) 중 어느 것이 학습되고 어느 것이 더 빠른지 예측하고 확인합니다.',
    'The point of weight initialization is to keep each activation function’s input neither too large nor too small. Compare std 1, std 0.01, Xavier and He with sigmoid and with ReLU in the activation histograms of random inputs passed through 5 layers of 100 neurons; then predict, and check on a ReLU network trained on MNIST, which of three initializations (std 0.01, Xavier, He) learn and which learns faster.',
  ),
  steps: [
    {
      text: t(
        '잘못된 초기값: 표준편차 100(슬라이드의 w = 100, z = 51인 뉴런)으로 sigmoid 활성화 분포를 엽니다. 값들이 어디에 있는지 보세요.',
        'A bad initial value: open the sigmoid activation histograms at std 100 (the slide’s neuron with w = 100, z = 51). Where are the values?',
      ),
      revealed: shown(AFTER_PROBE, '거의 모든 값이 0과 1에 붙어 있고, 그곳의 기울기는 "0.00…01"입니다.', 'Almost every value sticks to 0 or 1, where the gradient is “0.00…01”.'),
      action: { kind: 'probe', presetId: 'probe-sigmoid-std100' },
    },
    {
      text: t('sigmoid, 표준편차 1: 층마다 활성화 값이 어디에 몰리는지 보세요.', 'Sigmoid, std 1: where do the activations gather in each layer?'),
      revealed: shown(AFTER_PROBE, '층마다 활성화 값이 0과 1 양쪽에 몰립니다(포화).', 'In every layer the activations pile up at 0 and 1 (saturation).'),
      action: { kind: 'probe', presetId: 'probe-sigmoid-std1' },
    },
    {
      text: t('sigmoid, 표준편차 0.01(단순한 방법): 값들이 얼마나 넓게 퍼져 있는지 보세요.', 'Sigmoid, std 0.01 (the naive method): how widely are the values spread?'),
      revealed: shown(
        AFTER_PROBE,
        '값이 모두 0.5 근처에 모입니다. 뉴런들이 같은 값을 내면 여러 개를 둔 의미가 없습니다(표현력 저하).',
        'Every value gathers near 0.5. Neurons that all say the same thing might as well be one (lost expressiveness).',
      ),
      action: { kind: 'probe', presetId: 'probe-sigmoid-std001' },
    },
    {
      text: t('sigmoid, Xavier(표준 정규분포 ÷ √입력 개수): 층마다 분포의 모양을 앞의 두 경우와 비교하세요.', 'Sigmoid, Xavier (standard normal ÷ √inputs): compare each layer’s distribution with the two before.'),
      revealed: shown(AFTER_PROBE, '모든 층에서 값이 고르게 퍼집니다.', 'Values stay spread out in every layer.'),
      action: { kind: 'probe', presetId: 'probe-sigmoid-xavier' },
    },
    {
      text: t('ReLU, Xavier: 층을 거치며 분포의 폭이 어떻게 변하는지 보세요.', 'ReLU, Xavier: how does the spread of the distribution change from layer to layer?'),
      revealed: shown(AFTER_PROBE, '층을 거칠수록 분포가 0 쪽으로 좁아집니다.', 'The distribution narrows toward 0 layer after layer.'),
      action: { kind: 'probe', presetId: 'probe-relu-xavier' },
    },
    {
      text: t(
        'ReLU, He(표준 정규분포 ÷ √(입력 개수/2)): 깊은 층의 평균과 표준편차를 Xavier의 경우와 비교하세요. 층 수를 10으로 늘려서도 확인해 보세요.',
        'ReLU, He (standard normal ÷ √(inputs/2)): compare the mean and standard deviation of the deep layers with Xavier’s. Try it with 10 layers too.',
      ),
      revealed: shown(AFTER_PROBE, '깊은 층에서도 평균과 표준편차가 0으로 수렴하지 않습니다.', 'The mean and standard deviation do not collapse to 0 even in deep layers.'),
      action: { kind: 'probe', presetId: 'probe-relu-he' },
    },
    {
      text: t(
        '예측을 기록한 뒤 MNIST에서 세 가지 초기화(표준편차 0.01, Xavier, He; 모두 ReLU, 은닉층 4개)를 함께 실행합니다. 같은 배치가 세 신경망에 들어갑니다(2,000단계, 60,000장). 판정은 끝(2,000단계)의 훈련 손실로 합니다.',
        'Record your predictions, then run the three initializations on MNIST together (std 0.01, Xavier, He; all ReLU, 4 hidden layers). The same batches feed all three (2,000 steps on 60,000 images). They are judged by their training loss at the end (step 2,000).',
      ),
      presets: ['init-mnist-std001', 'init-mnist-xavier', 'init-mnist-he'],
      comparison: 'init-which-learns',
    },
    {
      text: t(
        '비교 화면에서 세 실행의 손실 곡선과 층별 활성화 분포(같은 단계)를 나란히 봅니다. 예측과 결과를 비교해 보세요. 어느 쪽이 빠른지는 끝(2,000단계)의 훈련 손실로 판정합니다.',
        'In the compare view, put the three runs’ loss curves and per-layer activation histograms (at the same step) side by side, and compare them with your predictions. Which is faster is judged by the training loss at the end (step 2,000).',
      ),
      comparison: 'init-fastest',
    },
  ],
  comparisons: [
    {
      id: 'init-which-learns',
      presets: ['init-mnist-std001', 'init-mnist-xavier', 'init-mnist-he'],
      prompt: t('ReLU 신경망(은닉층 4개)에서 어느 초기화가 학습될까요?', 'With a ReLU network (4 hidden layers), which initializations will learn?'),
      choices: [
        { id: 'xavier-and-he', text: t('Xavier와 He', 'Xavier and He') },
        { id: 'all', text: t('셋 모두', 'All three') },
        { id: 'he-only', text: t('He만', 'Only He') },
        { id: 'std001-only', text: t('표준편차 0.01만', 'Only std 0.01') },
      ],
      expected: 'xavier-and-he',
      explanation: t(
        '표준편차 0.01이면 ReLU 층을 지날 때마다 활성화 값이 줄어 0에 가까워지고, 기울기도 사라져 손실이 2.30에 머뭅니다. Xavier와 He는 층을 지나도 값의 크기가 유지되어 학습됩니다.',
        'With std 0.01 the activations shrink toward 0 at every ReLU layer, the gradients vanish with them, and the loss stays at 2.30. Xavier and He keep the values’ size through the layers, so they learn.',
      ),
      outcomePhrases: {
        ko: ['2.30에 머뭅니다', '2.30에서 움직이지 않', '크기가 유지되어 학습'],
        en: ['the loss stays at 2.30', 'never leaves loss 2.30', 'keep the values’ size through the layers, so they learn'],
      },
    },
    {
      id: 'init-fastest',
      presets: ['init-mnist-xavier', 'init-mnist-he'],
      prompt: t(
        'Xavier와 He의 손실을 같은 단계(300단계 이후)에서 비교하면 어느 쪽이 더 낮을까요?',
        'Compared at the same step (from step 300 on), whose loss will be lower: Xavier’s or He’s?',
      ),
      choices: [
        { id: 'he', text: t('He', 'He') },
        { id: 'xavier', text: t('Xavier', 'Xavier') },
        { id: 'same', text: t('차이가 없다', 'No difference') },
      ],
      expected: 'he',
      explanation: t(
        'ReLU는 입력의 절반(음수)을 0으로 만들므로 분산이 층마다 절반으로 줄어듭니다. He 초기화는 표준편차를 √2배 크게 잡아 이를 보상하므로 ReLU에서 가장 빠르게 학습됩니다. 차이는 크지 않아 Xavier가 바로 뒤를 따릅니다(끝의 훈련 손실: He 0.23~0.24, Xavier 0.29~0.31, 표준편차 0.01은 2.30).',
        'ReLU zeroes half its inputs (the negative ones), halving the variance at every layer; He’s √2-times larger std makes up for it, so with ReLU it learns fastest. The difference is small: Xavier follows close behind (training loss at the end: He 0.23–0.24, Xavier 0.29–0.31, std 0.01 2.30).',
      ),
      outcomePhrases: {
        ko: ['가장 빠르게 학습', '가장 빨리', 'Xavier가 바로 뒤', 'Xavier가 부적합'],
        en: ['learns fastest', 'Xavier follows close behind', 'Xavier close behind', 'Xavier does not suit ReLU'],
      },
    },
  ],
  observe: [
    shown(AFTER_FIRST_PREDICTION, 'sigmoid, 표준편차 1: 포화(0과 1에 몰림) → 기울기 소실', 'Sigmoid, std 1: saturation (piled at 0 and 1) → vanishing gradients'),
    shown(AFTER_FIRST_PREDICTION, 'sigmoid, 표준편차 0.01: 모두 0.5 근처 → 표현력 저하', 'Sigmoid, std 0.01: everything near 0.5 → lost expressiveness'),
    shown(
      afterPrediction('init-which-learns'),
      'ReLU, 표준편차 0.01: 깊은 층일수록 활성화 값이 0으로 수렴(기울기도 모든 층에서 He의 약 1/40,000)',
      'ReLU, std 0.01: activations collapse toward 0 in deeper layers (every layer’s gradient is also about 1/40,000 of He’s)',
    ),
    shown(afterPrediction('init-fastest'), 'ReLU, Xavier: 깊은 층일수록 분포가 0 쪽으로 좁아짐 → ReLU에는 Xavier가 부적합', 'ReLU, Xavier: the distribution narrows toward 0 in deeper layers → Xavier does not suit ReLU'),
    shown(afterPrediction('init-fastest'), 'ReLU, He: 모든 층에서 분포의 폭이 유지됨', 'ReLU, He: the spread holds in every layer'),
    shown(afterPrediction('init-which-learns'), 'MNIST: 표준편차 0.01은 손실 2.30에서 움직이지 않음', 'MNIST: std 0.01 never leaves loss 2.30'),
    shown(afterPrediction('init-which-learns', 'init-fastest'), 'MNIST: He가 가장 빨리, Xavier가 바로 뒤에서 학습', 'MNIST: He learns fastest, Xavier close behind'),
  ],
  questions: [
    {
      id: 'goal-of-init',
      text: t('가중치 초기화의 목표를 활성화 함수의 입력값과 기울기의 관점에서 한두 문장으로 설명해 보세요.', 'In one or two sentences, state the goal of weight initialization in terms of the activation functions’ inputs and the gradients.'),
    },
    {
      id: 'xavier-relu',
      text: t('ReLU 신경망에는 Xavier와 He 중 어느 쪽이 맞나요? 측정한 활성화 분포와 손실 곡선을 근거로 답하세요.', 'Which suits a ReLU network, Xavier or He? Answer from the activation histograms and loss curves you measured.'),
    },
    {
      id: 'rule-of-thumb',
      text: t('sigmoid/tanh 신경망과 ReLU 신경망에 각각 어떤 초기화를 고르겠습니까? 그 이유는요?', 'Which initialization would you choose for a sigmoid/tanh network, and which for a ReLU network? Why?'),
    },
  ],
};
