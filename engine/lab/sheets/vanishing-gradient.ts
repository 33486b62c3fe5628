import { afterPrediction, localizedText as t, revealedText as shown, type LabSheet } from './lab-sheet';

/** Sheet 03: the vanishing gradient of a deep sigmoid network, and ReLU and tanh as the remedy. */
export const VANISHING_SHEET: LabSheet = {
  id: '03-vanishing-gradient',
  part: 'vanishing-gradient',
  section: '03',
  title: t('03 기울기 소실 문제와 방지 기법', '03 Vanishing gradient and how to prevent it'),
  goal: t(
    '은닉층 10개(각 100개 뉴런)인 깊은 신경망을 MNIST로 학습하며, 활성화 함수가 sigmoid, ReLU, tanh일 때 첫 층과 마지막 층에 도달하는 기울기의 크기를 층별 기울기 크기 차트로 비교하고, 어느 신경망이 학습되는지 봅니다. 슬라이드의 기울기 소실과 그 해결 방법을 먼저 예측하고 실험으로 확인하는 것이 목표입니다.',
    'Train a deep network (10 hidden layers of 100 neurons) on MNIST with sigmoid, ReLU and tanh, compare the size of the gradient reaching the first and the last layer in the per-layer gradient chart, and see which networks learn. The goal: predict, then check by experiment, the slides’ vanishing gradient and its fixes.',
  ),
  steps: [
    {
      text: t(
        '예측을 기록한 뒤 sigmoid 10층 신경망과 같은 구조의 ReLU 신경망을 함께 실행합니다(같은 시드, 같은 데이터와 배치; 2,000단계, 60,000장). 층별 기울기는 첫 진단(0단계)에서, 학습 여부는 끝(2,000단계)의 훈련 손실로 판정합니다. 차트에 두 단계가 표시됩니다.',
        'Record your prediction, then run the 10-layer sigmoid network and the same network with ReLU together (same seed, same data and batches; 2,000 steps on 60,000 images). The per-layer gradients are judged at the first snapshot (step 0), and whether a network learns by its training loss at the end (step 2,000); the charts mark both steps.',
      ),
      presets: ['vanishing-sigmoid', 'vanishing-relu'],
      comparison: 'vanishing-gradient-size',
    },
    {
      text: t(
        '각 실행의 "층별 기울기 크기" 차트를 로그 축으로 봅니다. 0단계에서 sigmoid의 1층과 10층의 기울기를 비교하고, ReLU에서도 비교하세요.',
        'Open each run’s per-layer gradient chart on a log axis. At step 0, compare layer 1 with layer 10 for sigmoid, then for ReLU.',
      ),
    },
    {
      text: t(
        '예측을 기록한 뒤 tanh 10층 신경망을 실행합니다. 세 실행의 손실 곡선을 비교 화면에 겹쳐 봅니다.',
        'Record your prediction, then run the 10-layer tanh network. Overlay the three runs’ loss curves in the compare view.',
      ),
      presets: ['vanishing-tanh'],
      comparison: 'vanishing-which-learns',
    },
    {
      text: t(
        '(선택) sigmoid 실행의 활성화 분포에서 포화 비율(0 또는 1 근처 값의 비율)을 보고, 역전파 실습의 σ′(z) ≤ 0.25와 연결해 보세요.',
        '(Optional) In the sigmoid run’s activation histograms, look at the saturated fraction (values near 0 or 1) and connect it with σ′(z) ≤ 0.25 from the backprop review.',
      ),
    },
  ],
  comparisons: [
    {
      id: 'vanishing-gradient-size',
      presets: ['vanishing-sigmoid', 'vanishing-relu'],
      prompt: t(
        'sigmoid 10층 신경망과 ReLU 10층 신경망에서, 첫 층의 기울기는 마지막 은닉층의 기울기와 비교해 어떨까요? (“훨씬 작다” = 100배 이상 작음)',
        'In the 10-layer sigmoid network and the 10-layer ReLU network, how will the first layer’s gradient compare with the last hidden layer’s? (“far smaller” = 100× or more)',
      ),
      choices: [
        { id: 'sigmoid-vanishes', text: t('sigmoid만 첫 층이 훨씬 작다', 'Only sigmoid’s first layer is far smaller') },
        { id: 'both-vanish', text: t('sigmoid와 ReLU 모두 첫 층이 훨씬 작다', 'Both networks’ first layers are far smaller') },
        { id: 'neither', text: t('둘 다 층마다 비슷하다', 'Both are about the same in every layer') },
        { id: 'relu-vanishes', text: t('ReLU만 첫 층이 훨씬 작다', 'Only ReLU’s first layer is far smaller') },
      ],
      expected: 'sigmoid-vanishes',
      explanation: t(
        'sigmoid의 미분값은 최대 0.25이고, 역전파에서 층마다 이 값이 곱해집니다. 10층에서 1층까지 9번 곱해지면 0.25⁹ ≈ 1/260,000이므로, 0단계에서 잰 1층의 기울기는 10층의 약 1/330,000 ~ 1/220,000입니다(시드 5개). ReLU의 미분값은 활성 구간에서 1이라 기울기가 층을 지나도 크기를 유지합니다(층 사이 차이 2~3배).',
        'Sigmoid’s derivative is at most 0.25 and backpropagation multiplies one such factor per layer. From layer 10 back to layer 1 that is 9 factors, 0.25⁹ ≈ 1/260,000: measured at step 0, layer 1’s gradient is about 1/330,000 to 1/220,000 of layer 10’s (5 seeds). ReLU’s derivative is 1 where it is active, so the gradient keeps its size through the layers (within a factor of 2–3).',
      ),
      outcomePhrases: {
        ko: ['1/330,000 ~ 1/220,000', '크기를 유지', '입력 쪽으로 갈수록 계속 작아', 'ReLU: 모든 층의 기울기가 비슷'],
        en: ['1/330,000 to 1/220,000', 'keeps its size', 'shrinks steadily from the output toward the input', 'ReLU: every layer’s gradient is of a similar size'],
      },
    },
    {
      id: 'vanishing-which-learns',
      presets: ['vanishing-sigmoid', 'vanishing-relu', 'vanishing-tanh'],
      prompt: t('끝(2,000단계)에서 어느 신경망이 학습되어 있을까요(훈련 손실이 2.3보다 확실히 낮음)?', 'At the end (step 2,000), which networks will have learned (training loss clearly below 2.3)?'),
      choices: [
        { id: 'relu-and-tanh', text: t('ReLU와 tanh', 'ReLU and tanh') },
        { id: 'relu-only', text: t('ReLU만', 'Only ReLU') },
        { id: 'all', text: t('sigmoid, ReLU, tanh 셋 모두', 'All three: sigmoid, ReLU and tanh') },
        { id: 'none', text: t('셋 다 학습되지 않는다', 'None of the three') },
      ],
      expected: 'relu-and-tanh',
      explanation: t(
        '기울기가 첫 층까지 전달되지 않는 sigmoid 신경망은 끝까지 손실이 2.3(10개 클래스를 무작위로 찍는 수준) 근처에 머뭅니다(2.30~2.31). ReLU와, 0을 중심으로 하고 미분값이 최대 1인 tanh는 기울기가 잘 전달되어 학습됩니다(끝의 훈련 손실 ReLU 0.06~0.08, tanh 0.08~0.10).',
        'The sigmoid network, whose gradient does not reach its first layers, stays near loss 2.3 (guessing among 10 classes) to the end (2.30–2.31). ReLU, and tanh (zero-centred, derivative up to 1), pass the gradient on and learn (training loss at the end: ReLU 0.06–0.08, tanh 0.08–0.10).',
      ),
      outcomePhrases: {
        ko: ['근처에 머뭅니다', '근처에 머물고', '잘 전달되어 학습', '몇 백 단계 안에 내려갑니다'],
        en: ['stays near loss 2.3', 'stays near 2.30', 'pass the gradient on and learn', 'go down within a few hundred steps'],
      },
    },
  ],
  observe: [
    shown(
      afterPrediction('vanishing-gradient-size'),
      'sigmoid: 층별 기울기 크기가 출력 쪽에서 입력 쪽으로 갈수록 계속 작아집니다(로그 축에서 계단처럼)',
      'Sigmoid: the per-layer gradient shrinks steadily from the output toward the input (a staircase on a log axis)',
    ),
    shown(afterPrediction('vanishing-gradient-size'), 'ReLU: 모든 층의 기울기가 비슷한 크기입니다', 'ReLU: every layer’s gradient is of a similar size'),
    shown(afterPrediction('vanishing-gradient-size', 'vanishing-which-learns'), 'tanh: 모든 층의 기울기가 비슷한 크기입니다', 'Tanh: every layer’s gradient is of a similar size'),
    shown(afterPrediction('vanishing-which-learns'), 'sigmoid 신경망의 손실은 2.30(= ln 10) 근처에 머물고 정확도는 10% 안팎입니다', 'The sigmoid network’s loss stays near 2.30 (= ln 10) and its accuracy near 10 %'),
    shown(afterPrediction('vanishing-which-learns'), 'ReLU와 tanh 신경망의 손실은 몇 백 단계 안에 내려갑니다', 'The ReLU and tanh networks’ losses go down within a few hundred steps'),
  ],
  questions: [
    {
      id: 'why-vanish',
      text: t(
        'sigmoid 신경망에서 첫 층과 마지막 층의 기울기 크기는 어떻게 달랐나요? 그 까닭을 역전파의 곱셈으로 설명해 보세요.',
        'In the sigmoid network, how did the first layer’s gradient compare with the last layer’s? Explain why with the products of backpropagation.',
      ),
    },
    {
      id: 'ratio',
      text: t('측정한 sigmoid 신경망의 (1층 기울기) ÷ (10층 기울기)는 얼마였나요? ReLU는요?', 'What ratio (layer 1’s gradient) ÷ (layer 10’s gradient) did you measure for sigmoid? For ReLU?'),
    },
    {
      id: 'tanh-output',
      text: t(
        '슬라이드는 "은닉층에는 ReLU, 출력층에만 tanh"를 권합니다. tanh 10층 실행 결과를 sigmoid, ReLU 실행과 비교해, 이 권고를 뒷받침하는 점과 그렇지 않은 점을 적어 보세요.',
        'The slides recommend “ReLU in the hidden layers, tanh only in the output layer”. Compare the 10-layer tanh run with the sigmoid and ReLU runs: what in it supports this advice, and what does not?',
      ),
    },
  ],
};
