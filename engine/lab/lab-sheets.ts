import type { LecturePart, LocalizedText } from './presets';

/**
 * The guided lab sheets: one per part of the lecture (LECTURE.md), in Korean (the class language,
 * with the slides' terms) and English. Pure data: the UI shows a sheet's goal, walks its steps
 * (one click runs a step's presets, opens the 2-2-1 walkthrough or an activation-histogram probe),
 * asks each comparison's prediction BEFORE the step that runs it, and keeps the student's
 * predictions and answers in the lab notebook (LabApi getLabNotebook / saveLabNotebookEntry,
 * keys from `notebookKey`). Each comparison's outcome is checked by `checkComparison` with the
 * same id (claim-checks.ts), each run's by `checkClaim`.
 */

/** The four sheets, in lecture order. */
export const LAB_SHEET_IDS = ['backprop', '03-vanishing-gradient', '04-initialization', '05-overfitting'] as const;
export type LabSheetId = (typeof LAB_SHEET_IDS)[number];

/** What a step opens besides runs: the 2-2-1 walkthrough, or the activation-histogram probe of a probe preset. */
export type LabAction = { kind: 'walkthrough' } | { kind: 'probe'; presetId: string };

/** One step of a sheet. */
export interface LabStep {
  text: LocalizedText;
  /** Training presets this step runs with one click (several start together: they share seed, data and batches). */
  presets?: string[];
  action?: LabAction;
  /** The comparison whose prediction is asked before this step's presets run. */
  comparison?: string;
}

/** One answer a student can predict. */
export interface LabChoice {
  id: string;
  text: LocalizedText;
}

/**
 * Predict, then observe: runs compared side by side, a question asked before they run, the
 * choices, the choice the lecture expects and why. `id` is also the id of its machine check
 * (checkComparison).
 */
export interface LabComparison {
  id: string;
  /** The training presets compared (all of them, in the order the lecture names them). */
  presets: string[];
  prompt: LocalizedText;
  choices: LabChoice[];
  /** The id of the choice the lecture expects. */
  expected: string;
  /** Why, shown after the runs (with the check's verdict). */
  explanation: LocalizedText;
}

/** A question for the student's written answer. */
export interface LabQuestion {
  id: string;
  text: LocalizedText;
}

export interface LabSheet {
  id: LabSheetId;
  part: LecturePart;
  /** The lecture's section number ("03"), or null for the review. */
  section: string | null;
  title: LocalizedText;
  /** What the student will have seen and understood at the end (a paragraph). */
  goal: LocalizedText;
  steps: LabStep[];
  comparisons: LabComparison[];
  /** What to look at while the runs go (bullets). */
  observe: LocalizedText[];
  questions: LabQuestion[];
}

/**
 * The notebook key of a prediction (value: a LabPrediction) or of a question's answer (value: the
 * answer's text). Keys are at most 128 characters of [A-Za-z0-9._:-].
 */
export function notebookKey(kind: 'prediction' | 'answer', id: string): string {
  return `${kind}:${id}`;
}

/** What the UI stores under a prediction's notebook key. */
export interface LabPrediction {
  /** The chosen LabChoice id. */
  choice: string;
  /** ISO 8601 time the prediction was made (before the runs). */
  predictedAt: string;
  /** The runs it was checked against, once they exist (their ids), so the outcome is kept with the runs. */
  runIds?: string[];
}

const t = (ko: string, en: string): LocalizedText => ({ ko, en });

// ── Review: backpropagation on the slide's 2-2-1 network ──

const BACKPROP_SHEET: LabSheet = {
  id: 'backprop',
  part: 'backprop',
  section: null,
  title: t('역전파 되짚어보기: 2-2-1 신경망', 'Backprop review: the 2-2-1 network'),
  goal: t(
    '강의 슬라이드의 2-2-1 신경망(입력 x1 = 1, x2 = −1, sigmoid 퍼셉트론)을 한 단계씩 따라갑니다. 순전파로 은닉 뉴런 값 0.73과 0.5, 출력 0.23 → 0.55가 어떻게 나오는지 확인하고, 목표값과 출력의 차이(오차)를 뒤로 전파하며 연쇄 법칙의 인수를 하나씩 곱해 각 가중치의 기울기(gradient)를 구한 뒤, 학습률만큼 가중치를 갱신합니다. 앞쪽 층의 기울기는 뒤쪽 층에서 온 인수들의 곱이라는 것, 그리고 sigmoid의 미분값은 0.25를 넘지 못한다는 것이 다음 실습(기울기 소실, 가중치 초기화)의 출발점입니다.',
    'Step through the slide’s 2-2-1 network (inputs x1 = 1, x2 = −1, sigmoid perceptrons). See how the forward pass gives the hidden values 0.73 and 0.5 and the output 0.23 → 0.55; then propagate the error (output minus target) backwards, multiplying one chain-rule factor at a time to get each weight’s gradient, and update the weights by the learning rate. That an early layer’s gradient is a product of factors from the layers after it, and that sigmoid’s derivative never exceeds 0.25, is where the next labs (vanishing gradient, initialization) start.',
  ),
  steps: [
    {
      text: t(
        '역전파 따라가기 화면을 엽니다. 슬라이드의 값(w1 = 2, w2 = 1, w5 = 1, w6 = −1)이 들어 있습니다. 노드마다 순전파 값을 확인하세요: 은닉 뉴런 0.73(z = 2·1 + 1·(−1) = 1)과 0.5(z = 0), 출력의 가중합 0.23과 sigmoid(0.23) = 0.55.',
        'Open the walkthrough: it starts with the slide’s numbers (w1 = 2, w2 = 1, w5 = 1, w6 = −1). Check the forward value on every node: hidden 0.73 (z = 2·1 + 1·(−1) = 1) and 0.5 (z = 0), the output’s weighted sum 0.23 and sigmoid(0.23) = 0.55.',
      ),
      action: { kind: 'walkthrough' },
    },
    {
      text: t(
        '역전파를 인수 하나씩 진행합니다(목표값 1, 손실 L = ½(y − t)²). w6의 기울기 ∂L/∂w6 = (y − t) · σ′(z) · h2 에서 h2 = 0.5는 바로 앞 층이 계산한 값입니다. 슬라이드의 "w6의 gradient를 구하기 위해선 그 전단의 계산 값이 필요"가 이 뜻입니다.',
        'Run the backward pass one factor at a time (target 1, loss L = ½(y − t)²). In w6’s gradient ∂L/∂w6 = (y − t) · σ′(z) · h2, the factor h2 = 0.5 is what the layer before computed: this is the slide’s “to get w6’s gradient you need the values computed in the layer before it”.',
      ),
      action: { kind: 'walkthrough' },
    },
    {
      text: t(
        '계속 진행해 w1의 기울기를 봅니다. 출력 쪽 인수에 w5와 은닉 뉴런의 σ′(z)가 더 곱해집니다. 곱해지는 σ′ 값을 적어 두세요.',
        'Go on to w1’s gradient: the output’s factors are multiplied further by w5 and the hidden neuron’s σ′(z). Write down the σ′ values that get multiplied in.',
      ),
      action: { kind: 'walkthrough' },
    },
    {
      text: t(
        '먼저 예측을 기록한 뒤, 같은 신경망을 한 단계 학습 실행(프리셋)으로 돌립니다. 실행의 손실이 따라가기 화면의 손실과 같은지, 갱신 후 오차가 어떻게 되었는지 확인하세요.',
        'Record your prediction first, then run the same network as a one-step training run (the preset). Check that the run’s loss equals the walkthrough’s, and what the update did to the error.',
      ),
      presets: ['backprop-lecture-network'],
      comparison: 'backprop-one-update',
    },
    {
      text: t(
        '따라가기 화면에서 w1을 10으로 바꾸고(또는 x1을 크게) 은닉 뉴런 h1의 σ′(z)와 w1에 도달하는 기울기를 다시 봅니다. 입력이 커진 sigmoid가 기울기를 얼마나 줄이는지가 다음 실습의 주제입니다.',
        'In the walkthrough, set w1 to 10 (or make x1 large) and look again at h1’s σ′(z) and the gradient reaching w1. How much a sigmoid with a large input shrinks the gradient is the next lab’s subject.',
      ),
      action: { kind: 'walkthrough' },
    },
  ],
  comparisons: [
    {
      id: 'backprop-one-update',
      presets: ['backprop-lecture-network'],
      prompt: t('학습률 0.5로 가중치를 한 번 갱신하면 오차(목표값 1과 출력의 차이)는 어떻게 될까요?', 'After one update with learning rate 0.5, what happens to the error (target 1 minus the output)?'),
      choices: [
        { id: 'smaller', text: t('줄어든다', 'It gets smaller') },
        { id: 'same', text: t('그대로다', 'It stays the same') },
        { id: 'larger', text: t('커진다', 'It gets larger') },
      ],
      expected: 'smaller',
      explanation: t(
        '경사 하강법은 각 가중치를 기울기의 반대 방향으로 옮기므로, 학습률이 너무 크지 않다면 한 번의 갱신으로 출력이 목표값 쪽으로 움직이고 오차가 줄어듭니다.',
        'Gradient descent moves every weight against its gradient, so unless the learning rate is too large, one update moves the output toward the target and the error shrinks.',
      ),
    },
  ],
  observe: [
    t('노드의 순전파 값: 0.73, 0.5, 그리고 출력 0.23 → 0.55', 'The forward values on the nodes: 0.73, 0.5, and the output 0.23 → 0.55'),
    t('출력층 가중치의 기울기에는 앞 층의 값(h1, h2)이 인수로 들어갑니다', 'The output weights’ gradients have the previous layer’s values (h1, h2) as a factor'),
    t('첫 층 가중치의 기울기는 더 많은 인수의 곱이며, 그중 σ′(z)는 항상 0.25 이하입니다', 'A first-layer weight’s gradient is a product of more factors, and σ′(z) among them is never above 0.25'),
    t('갱신 후 출력이 목표값 1 쪽으로 움직입니다', 'After the update the output moves toward the target 1'),
  ],
  questions: [
    { id: 'w6-needs', text: t('w6의 기울기를 구할 때 왜 은닉 뉴런의 값(0.73, 0.5)이 필요한가요?', 'Why do you need the hidden neurons’ values (0.73, 0.5) to compute w6’s gradient?') },
    {
      id: 'w1-factors',
      text: t('∂L/∂w1을 인수들의 곱으로 써 보세요. 그중 0.25를 넘을 수 없는 인수는 무엇인가요?', 'Write ∂L/∂w1 as a product of factors. Which of them can never exceed 0.25?'),
    },
    {
      id: 'deeper',
      text: t(
        '은닉층이 1개가 아니라 sigmoid 10층이라면 첫 층에 도달하는 기울기는 어떻게 될까요? (다음 실습에서 확인합니다)',
        'If the network had 10 sigmoid layers instead of one hidden layer, what would happen to the gradient reaching the first layer? (The next lab checks.)',
      ),
    },
  ],
};

// ── 03 Vanishing gradient ──

const VANISHING_SHEET: LabSheet = {
  id: '03-vanishing-gradient',
  part: 'vanishing-gradient',
  section: '03',
  title: t('03 기울기 소실 문제와 방지 기법', '03 Vanishing gradient and how to prevent it'),
  goal: t(
    '은닉층 10개(각 100개 뉴런)인 깊은 신경망을 MNIST로 학습하며, 활성화 함수가 sigmoid일 때 첫 층에 도달하는 기울기가 마지막 층보다 수백~수천 배 작아지는 기울기 소실(Vanishing Gradient)을 층별 기울기 크기 차트로 직접 확인합니다. 같은 신경망의 활성화 함수를 ReLU와 tanh로 바꾸면 기울기가 모든 층에 비슷한 크기로 전달되고 학습이 진행된다는 것, 즉 슬라이드의 해결 방법을 실험으로 확인하는 것이 목표입니다.',
    'Train a deep network (10 hidden layers of 100 neurons) on MNIST and watch, in the per-layer gradient chart, the vanishing gradient: with sigmoid, the gradient reaching the first layer is hundreds to thousands of times smaller than at the last layer. Then change the activation to ReLU and to tanh and see the gradient reach every layer at a similar size, and the network learn: the slides’ fixes, checked by experiment.',
  ),
  steps: [
    {
      text: t(
        '예측을 기록한 뒤 sigmoid 10층 신경망과 같은 구조의 ReLU 신경망을 함께 실행합니다(같은 시드, 같은 데이터와 배치). 전체 실행(2,000단계, 60,000장)은 실습실 PC에서 몇 분(sigmoid와 ReLU를 함께 돌리면 5분 이상) 걸립니다. 층별 기울기는 첫 진단(0단계)부터 보이고 학습 여부는 200단계쯤이면 분명하므로, 그쯤에서 멈춰도 됩니다.',
        'Record your prediction, then run the 10-layer sigmoid network and the same network with ReLU together (same seed, same data and batches). The full runs (2,000 steps on 60,000 images) take several minutes on a lab PC (five or more for the two together); the per-layer gradients show from the first snapshot (step 0) and whether a network learns is clear by about step 200, so you may stop there.',
      ),
      presets: ['vanishing-sigmoid', 'vanishing-relu'],
      comparison: 'vanishing-gradient-size',
    },
    {
      text: t(
        '각 실행의 "층별 기울기 크기" 차트를 로그 축으로 봅니다. sigmoid에서 1층과 10층의 기울기를 비교하고, ReLU에서도 비교하세요.',
        'Open each run’s per-layer gradient chart on a log axis. Compare layer 1 with layer 10 for sigmoid, then for ReLU.',
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
        'sigmoid 10층 신경망에서 첫 층의 기울기는 마지막 은닉층의 기울기와 비교해 어떨까요? ReLU에서는요?',
        'In the 10-layer sigmoid network, how will the first layer’s gradient compare with the last hidden layer’s? And with ReLU?',
      ),
      choices: [
        { id: 'sigmoid-vanishes', text: t('sigmoid에서만 첫 층 기울기가 훨씬(100배 이상) 작다', 'Only with sigmoid is the first layer’s gradient far (100× or more) smaller') },
        { id: 'both-vanish', text: t('둘 다 첫 층 기울기가 훨씬 작다', 'Both have a far smaller first-layer gradient') },
        { id: 'neither', text: t('둘 다 층마다 비슷하다', 'Both are about the same in every layer') },
        { id: 'relu-vanishes', text: t('ReLU에서만 첫 층 기울기가 훨씬 작다', 'Only with ReLU is the first layer’s gradient far smaller') },
      ],
      expected: 'sigmoid-vanishes',
      explanation: t(
        'sigmoid의 미분값은 최대 0.25이고, 역전파에서 층마다 이 값이 곱해지므로 10층을 지나면 기울기가 수백~수천 배 작아집니다. ReLU의 미분값은 활성 구간에서 1이라 기울기가 층을 지나도 크기를 유지합니다.',
        'Sigmoid’s derivative is at most 0.25 and backpropagation multiplies one such factor per layer, so after 10 layers the gradient is hundreds to thousands of times smaller. ReLU’s derivative is 1 where it is active, so the gradient keeps its size through the layers.',
      ),
    },
    {
      id: 'vanishing-which-learns',
      presets: ['vanishing-sigmoid', 'vanishing-relu', 'vanishing-tanh'],
      prompt: t('몇 백 단계 뒤, 어느 신경망이 학습될까요(손실이 2.3보다 확실히 낮아짐)?', 'After a few hundred steps, which networks will have learned (loss clearly below 2.3)?'),
      choices: [
        { id: 'relu-and-tanh', text: t('ReLU와 tanh', 'ReLU and tanh') },
        { id: 'relu-only', text: t('ReLU만', 'ReLU only') },
        { id: 'all', text: t('셋 모두', 'All three') },
        { id: 'none', text: t('하나도 없다', 'None') },
      ],
      expected: 'relu-and-tanh',
      explanation: t(
        '기울기가 첫 층까지 전달되지 않는 sigmoid 신경망은 손실이 2.3(10개 클래스를 무작위로 찍는 수준) 근처에 머뭅니다. ReLU와, 0을 중심으로 하고 미분값이 최대 1인 tanh는 기울기가 잘 전달되어 학습됩니다.',
        'The sigmoid network, whose gradient does not reach its first layers, stays near loss 2.3 (guessing among 10 classes). ReLU, and tanh (zero-centred, derivative up to 1), pass the gradient on and learn.',
      ),
    },
  ],
  observe: [
    t('sigmoid: 층별 기울기 크기가 출력 쪽에서 입력 쪽으로 갈수록 계속 작아집니다(로그 축에서 계단처럼)', 'Sigmoid: the per-layer gradient shrinks steadily from the output toward the input (a staircase on a log axis)'),
    t('ReLU, tanh: 모든 층의 기울기가 비슷한 크기입니다', 'ReLU, tanh: every layer’s gradient is of a similar size'),
    t('sigmoid 신경망의 손실은 2.30(= ln 10) 근처에 머물고 정확도는 10% 안팎입니다', 'The sigmoid network’s loss stays near 2.30 (= ln 10) and its accuracy near 10 %'),
    t('ReLU와 tanh 신경망의 손실은 몇 백 단계 안에 내려갑니다', 'The ReLU and tanh networks’ losses go down within a few hundred steps'),
  ],
  questions: [
    {
      id: 'why-vanish',
      text: t('sigmoid 신경망에서 첫 층의 기울기가 작아지는 이유를 역전파의 곱셈으로 설명해 보세요.', 'Explain, with the products of backpropagation, why the first layer’s gradient is small in the sigmoid network.'),
    },
    {
      id: 'ratio',
      text: t('측정한 sigmoid 신경망의 (1층 기울기) ÷ (10층 기울기)는 얼마였나요? ReLU는요?', 'What ratio (layer 1’s gradient) ÷ (layer 10’s gradient) did you measure for sigmoid? For ReLU?'),
    },
    {
      id: 'tanh-output',
      text: t(
        '슬라이드는 "은닉층에는 ReLU, 출력층에만 tanh"를 권합니다. tanh 10층 실행 결과를 보고, tanh가 sigmoid보다 나은 점과 ReLU에 비해 부족한 점을 적어 보세요.',
        'The slides recommend “ReLU in the hidden layers, tanh only in the output layer”. From the 10-layer tanh run, what does tanh do better than sigmoid, and where does it fall short of ReLU?',
      ),
    },
  ],
};

// ── 04 Initialization ──

const INITIALIZATION_SHEET: LabSheet = {
  id: '04-initialization',
  part: 'initialization',
  section: '04',
  title: t('04 초기값 설정 문제와 방지 기법 (가중치 초기화)', '04 Initialization and how to prevent its problems'),
  goal: t(
    '가중치 초기화의 핵심은 활성화 함수의 입력값이 너무 커지거나 작아지지 않게 하는 것입니다. 무작위 입력을 5개 층(각 100개 뉴런)에 통과시킨 활성화 분포(히스토그램)로 표준편차 1, 0.01, Xavier, He 초기화를 sigmoid와 ReLU에서 비교하고, MNIST에서 표준편차 0.01 초기화는 학습되지 않고 Xavier와 He는 학습되며 ReLU에는 He가 가장 빠르다는 것을 확인합니다.',
    'The point of weight initialization is to keep each activation function’s input neither too large nor too small. Compare std 1, std 0.01, Xavier and He with sigmoid and with ReLU in the activation histograms of random inputs passed through 5 layers of 100 neurons; then, on MNIST, see that std 0.01 does not learn while Xavier and He do, and that with ReLU He learns fastest.',
  ),
  steps: [
    {
      text: t(
        '잘못된 초기값: 표준편차 100(슬라이드의 w = 100, z = 51인 뉴런)으로 sigmoid 활성화 분포를 엽니다. 거의 모든 값이 0과 1에 붙어 있고, 그곳의 기울기는 "0.00…01"입니다.',
        'A bad initial value: open the sigmoid activation histograms at std 100 (the slide’s neuron with w = 100, z = 51). Almost every value sticks to 0 or 1, where the gradient is “0.00…01”.',
      ),
      action: { kind: 'probe', presetId: 'probe-sigmoid-std100' },
    },
    {
      text: t('sigmoid, 표준편차 1: 층마다 활성화 값이 0과 1 양쪽에 몰립니다(포화).', 'Sigmoid, std 1: in every layer the activations pile up at 0 and 1 (saturation).'),
      action: { kind: 'probe', presetId: 'probe-sigmoid-std1' },
    },
    {
      text: t(
        'sigmoid, 표준편차 0.01(Naïve한 방법): 값이 모두 0.5 근처에 모입니다. 뉴런들이 같은 값을 내면 여러 개를 둔 의미가 없습니다(표현력 저하).',
        'Sigmoid, std 0.01 (the naive method): every value gathers near 0.5. Neurons that all say the same thing might as well be one (lost expressiveness).',
      ),
      action: { kind: 'probe', presetId: 'probe-sigmoid-std001' },
    },
    {
      text: t('sigmoid, Xavier(표준 정규분포 ÷ √입력 개수): 모든 층에서 값이 고르게 퍼집니다.', 'Sigmoid, Xavier (standard normal ÷ √inputs): values stay spread out in every layer.'),
      action: { kind: 'probe', presetId: 'probe-sigmoid-xavier' },
    },
    {
      text: t('ReLU, Xavier: 층을 거칠수록 분포가 0 쪽으로 좁아집니다. ReLU에는 Xavier가 부적합합니다.', 'ReLU, Xavier: the distribution narrows toward 0 layer after layer. Xavier does not suit ReLU.'),
      action: { kind: 'probe', presetId: 'probe-relu-xavier' },
    },
    {
      text: t(
        'ReLU, He(표준 정규분포 ÷ √(입력 개수/2)): 깊은 층에서도 평균과 표준편차가 0으로 수렴하지 않습니다. 층 수를 10으로 늘려서도 확인해 보세요.',
        'ReLU, He (standard normal ÷ √(inputs/2)): the mean and standard deviation do not collapse to 0 even in deep layers. Try it with 10 layers too.',
      ),
      action: { kind: 'probe', presetId: 'probe-relu-he' },
    },
    {
      text: t(
        '예측을 기록한 뒤 MNIST에서 세 가지 초기화(표준편차 0.01, Xavier, He; 모두 ReLU, 은닉층 4개)를 함께 실행합니다. 같은 배치가 세 신경망에 들어갑니다. 전체 실행(2,000단계, 60,000장)은 실습실 PC에서 몇 분 걸리며, 차이는 500단계쯤이면 분명하므로 그쯤에서 멈춰도 됩니다.',
        'Record your predictions, then run the three initializations on MNIST together (std 0.01, Xavier, He; all ReLU, 4 hidden layers). The same batches feed all three. The full runs (2,000 steps on 60,000 images) take a few minutes on a lab PC; the difference is clear by about step 500, so you may stop there.',
      ),
      presets: ['init-mnist-std001', 'init-mnist-xavier', 'init-mnist-he'],
      comparison: 'init-which-learns',
    },
    {
      text: t(
        '비교 화면에서 세 실행의 손실 곡선과 층별 활성화 분포(같은 단계)를 나란히 봅니다. 예측과 결과를 비교해 보세요.',
        'In the compare view, put the three runs’ loss curves and per-layer activation histograms (at the same step) side by side, and compare them with your predictions.',
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
        { id: 'xavier-and-he', text: t('Xavier와 He (표준편차 0.01은 학습되지 않음)', 'Xavier and He (std 0.01 does not learn)') },
        { id: 'all', text: t('셋 모두', 'All three') },
        { id: 'he-only', text: t('He만', 'He only') },
        { id: 'std001-only', text: t('표준편차 0.01만', 'Std 0.01 only') },
      ],
      expected: 'xavier-and-he',
      explanation: t(
        '표준편차 0.01이면 ReLU 층을 지날 때마다 활성화 값이 줄어 0에 가까워지고, 기울기도 사라져 손실이 2.30에 머뭅니다. Xavier와 He는 층을 지나도 값의 크기가 유지되어 학습됩니다.',
        'With std 0.01 the activations shrink toward 0 at every ReLU layer, the gradients vanish with them, and the loss stays at 2.30. Xavier and He keep the values’ size through the layers, so they learn.',
      ),
    },
    {
      id: 'init-fastest',
      presets: ['init-mnist-xavier', 'init-mnist-he'],
      prompt: t('학습되는 것 중에서 어느 초기화가 더 빨리 학습될까요?', 'Of those that learn, which initialization learns faster?'),
      choices: [
        { id: 'he', text: t('He', 'He') },
        { id: 'xavier', text: t('Xavier', 'Xavier') },
        { id: 'same', text: t('차이가 없다', 'No difference') },
      ],
      expected: 'he',
      explanation: t(
        'ReLU는 입력의 절반(음수)을 0으로 만들므로 분산이 층마다 절반으로 줄어듭니다. He 초기화는 표준편차를 √2배 크게 잡아 이를 보상하므로 ReLU에서 가장 빠르게 학습됩니다. 차이는 크지 않아 Xavier가 바로 뒤를 따릅니다.',
        'ReLU zeroes half its inputs (the negative ones), halving the variance at every layer; He’s √2-times larger std makes up for it, so with ReLU it learns fastest. The difference is small: Xavier follows close behind.',
      ),
    },
  ],
  observe: [
    t('sigmoid, 표준편차 1: 포화(0과 1에 몰림) → 기울기 소실', 'Sigmoid, std 1: saturation (piled at 0 and 1) → vanishing gradients'),
    t('sigmoid, 표준편차 0.01: 모두 0.5 근처 → 표현력 저하', 'Sigmoid, std 0.01: everything near 0.5 → lost expressiveness'),
    t('ReLU, 표준편차 0.01과 Xavier: 깊은 층일수록 활성화 값이 0으로 수렴', 'ReLU, std 0.01 and Xavier: activations collapse toward 0 in deeper layers'),
    t('ReLU, He: 모든 층에서 분포의 폭이 유지됨', 'ReLU, He: the spread holds in every layer'),
    t('MNIST: 표준편차 0.01은 손실 2.30에서 움직이지 않음; He가 가장 빨리, Xavier가 바로 뒤에서 학습', 'MNIST: std 0.01 never leaves loss 2.30; He learns fastest, Xavier close behind'),
  ],
  questions: [
    {
      id: 'goal-of-init',
      text: t('가중치 초기화의 목표를 활성화 함수의 입력값과 기울기의 관점에서 한두 문장으로 설명해 보세요.', 'In one or two sentences, state the goal of weight initialization in terms of the activation functions’ inputs and the gradients.'),
    },
    {
      id: 'xavier-relu',
      text: t('ReLU에 Xavier보다 He가 맞는 이유는 무엇인가요? 측정한 활성화 분포를 근거로 답하세요.', 'Why does He suit ReLU better than Xavier? Answer from the activation histograms you measured.'),
    },
    {
      id: 'rule-of-thumb',
      text: t('sigmoid/tanh 신경망과 ReLU 신경망에 각각 어떤 초기화를 고르겠습니까? 그 이유는요?', 'Which initialization would you choose for a sigmoid/tanh network, and which for a ReLU network? Why?'),
    },
  ],
};

// ── 05 Overfitting (with batch normalization) ──

const OVERFITTING_SHEET: LabSheet = {
  id: '05-overfitting',
  part: 'overfitting',
  section: '05',
  title: t('05 과적합 문제와 방지 기법', '05 Overfitting and how to prevent it'),
  goal: t(
    'MNIST 훈련 이미지 300장만으로 깊은 신경망(은닉층 6개, 각 100개 뉴런)을 학습하면 훈련 정확도는 100%에 이르지만 시험 정확도는 훨씬 낮은 과적합이 일어납니다. 같은 조건에서 정규화(L2, L1), 드롭아웃, 배치 정규화를 하나씩 적용해 훈련/시험 정확도의 차이와 가중치 분포가 어떻게 달라지는지 나란히 비교합니다. 마지막으로 배치 정규화가 가중치 초기값에 크게 의존하지 않는다는 것을 확인합니다.',
    'Trained on only 300 MNIST images, a deep network (6 hidden layers of 100 neurons) reaches 100 % training accuracy while its test accuracy stays far lower: overfitting. Under the same conditions, apply regularization (L2, L1), dropout and batch normalization one at a time and compare, side by side, the gap between train and test accuracy and the weight distributions. Finally, see that batch normalization depends little on the initial weights.',
  ),
  steps: [
    {
      text: t(
        '예측을 기록한 뒤 규제 없는 기준 신경망(300장, 201 에폭)을 실행합니다. 실습실 PC에서 1~2분 걸립니다(그중 절반가량은 시험 이미지 10,000장을 평가하는 시간).',
        'Record your prediction, then run the baseline without regularization (300 images, 201 epochs). It takes a minute or two on a lab PC (about half of it evaluating the 10,000 test images).',
      ),
      presets: ['overfit-baseline'],
      comparison: 'overfit-gap',
    },
    {
      text: t(
        '예측을 기록한 뒤 L2 정규화(가중치 감소 λ = 0.1)를 실행하고, 정확도 차트에서 기준 신경망과 훈련/시험 정확도 차이를 비교합니다.',
        'Record your prediction, then run L2 regularization (weight decay λ = 0.1) and compare its train/test accuracy gap with the baseline’s in the accuracy chart.',
      ),
      presets: ['overfit-l2'],
      comparison: 'overfit-l2-gap',
    },
    {
      text: t(
        '예측을 기록한 뒤 L1 정규화(λ = 0.005)를 실행합니다. 마지막 단계의 가중치 분포(히스토그램)와 "정확히 0인 가중치 비율"을 L2, 기준 신경망과 비교하세요.',
        'Record your prediction, then run L1 regularization (λ = 0.005). Compare the weight histograms and the “fraction of weights exactly 0” at the last step with L2’s and the baseline’s.',
      ),
      presets: ['overfit-l1'],
      comparison: 'overfit-l1-zeros',
    },
    {
      text: t(
        '예측을 기록한 뒤 드롭아웃(0.2)을 실행합니다. 학습률 0.01에서 천천히 배우므로 301 에폭이 필요합니다(실습실 PC에서 2~3분).',
        'Record your prediction, then run dropout (0.2). At learning rate 0.01 it learns slowly and needs 301 epochs (2–3 minutes on a lab PC).',
      ),
      presets: ['overfit-dropout'],
      comparison: 'overfit-dropout-gap',
    },
    {
      text: t(
        '예측을 기록한 뒤 배치 정규화(Fully connected → Batch Normalization → Activation)를 실행합니다. 처음 20 에폭의 훈련 정확도를 기준 신경망과 비교하세요.',
        'Record your prediction, then run batch normalization (fully connected → batch norm → activation). Compare its training accuracy over the first 20 epochs with the baseline’s.',
      ),
      presets: ['overfit-batchnorm'],
      comparison: 'overfit-batchnorm-speed',
    },
    {
      text: t(
        '비교 화면에 다섯 실행을 모두 올리고 "훈련/시험 정확도 차이" 차트로 어느 방법이 과적합을 가장 줄였는지 봅니다.',
        'Put all five runs in the compare view and use the train/test gap chart to see which method reduced overfitting most.',
      ),
    },
    {
      text: t(
        '예측을 기록한 뒤, 배치 정규화와 초기값: 초기 가중치 표준편차 0.00736(He보다 훨씬 작음)에서 배치 정규화가 없는 신경망과 있는 신경망을 함께 실행합니다(1,000장, 20 에폭, 각 30초 안팎).',
        'Record your prediction, then batch norm and the initial scale: run the network without and with batch norm at an initial weight std of 0.00736 (far below He’s) together (1,000 images, 20 epochs, about half a minute each).',
      ),
      presets: ['bn-off-std-0_00736', 'bn-on-std-0_00736'],
      comparison: 'batchnorm-small-init',
    },
    {
      text: t(
        '(선택) 다른 초기 표준편차(1, 0.293, 0.0464, 0.00117)에서도 배치 정규화 없음/있음을 실행해 보세요. 배치 정규화 없이 학습되는 것은 He에 가까운 0.293뿐입니다.',
        '(Optional) Run without and with batch norm at the other initial scales (1, 0.293, 0.0464, 0.00117). Without batch norm only 0.293, near He’s scale, learns.',
      ),
      presets: ['bn-off-std-1', 'bn-on-std-1', 'bn-off-std-0_293', 'bn-on-std-0_293', 'bn-off-std-0_0464', 'bn-on-std-0_0464', 'bn-off-std-0_00117', 'bn-on-std-0_00117'],
      comparison: 'batchnorm-he-scale',
    },
  ],
  comparisons: [
    {
      id: 'overfit-gap',
      presets: ['overfit-baseline'],
      prompt: t('훈련 이미지 300장으로 학습하면 훈련 정확도와 시험 정확도는 어떻게 될까요?', 'Trained on 300 images, what will happen to training and test accuracy?'),
      choices: [
        { id: 'drift-apart', text: t('벌어진다: 훈련은 100% 가까이, 시험은 훨씬 낮게', 'They drift apart: training near 100 %, test far lower') },
        { id: 'together', text: t('함께 오른다: 둘이 비슷하다', 'They rise together and stay close') },
        { id: 'test-higher', text: t('시험 정확도가 더 높다', 'Test accuracy ends higher') },
      ],
      expected: 'drift-apart',
      explanation: t(
        '매개변수가 많은 깊은 신경망은 300장을 통째로 외울 수 있습니다. 훈련 데이터에만 맞춰진(과적합된) 신경망은 처음 보는 시험 이미지에서는 훨씬 못합니다.',
        'A deep network with many parameters can memorize 300 images outright. Fitted to its training data only (overfitted), it does much worse on test images it has never seen.',
      ),
    },
    {
      id: 'overfit-l2-gap',
      presets: ['overfit-baseline', 'overfit-l2'],
      prompt: t('L2 정규화(λ = 0.1)를 쓰면 기준 신경망보다 훈련/시험 정확도 차이가 어떻게 될까요?', 'With L2 (λ = 0.1), how will the train/test accuracy gap compare with the baseline’s?'),
      choices: [
        { id: 'smaller', text: t('작아진다 (훈련 정확도도 100%에 이르지 않음)', 'Smaller (and training accuracy no longer reaches 100 %)') },
        { id: 'same', text: t('같다', 'The same') },
        { id: 'larger', text: t('커진다', 'Larger') },
      ],
      expected: 'smaller',
      explanation: t(
        'L2는 손실에 가중치 제곱의 합을 더해 큰 가중치를 억제합니다. 외우기에 필요한 큰 가중치를 쓰기 어려워져 훈련 정확도가 100%에 이르지 않고, 차이가 줄어듭니다.',
        'L2 adds the sum of squared weights to the loss and holds large weights down. Without the large weights that memorizing needs, training accuracy stops short of 100 % and the gap shrinks.',
      ),
    },
    {
      id: 'overfit-l1-zeros',
      presets: ['overfit-l1', 'overfit-l2'],
      prompt: t('학습이 끝났을 때 어느 정규화가 정확히 0인 가중치를 많이 남길까요?', 'At the end, which regularization leaves many weights exactly 0?'),
      choices: [
        { id: 'l1', text: t('L1', 'L1') },
        { id: 'l2', text: t('L2', 'L2') },
        { id: 'both', text: t('둘 다', 'Both') },
        { id: 'neither', text: t('둘 다 아니다', 'Neither') },
      ],
      expected: 'l1',
      explanation: t(
        'L1은 가중치 절댓값의 합을 규제하므로 작은 가중치를 정확히 0으로 만들고 중요한 가중치 몇 개만 남깁니다. L2는 가중치를 줄이기만 할 뿐 0으로 만드는 경우는 드뭅니다.',
        'L1 penalizes the sum of absolute weights, which drives small weights to exactly 0 and keeps a few important ones. L2 only shrinks weights and rarely makes one exactly 0.',
      ),
    },
    {
      id: 'overfit-dropout-gap',
      presets: ['overfit-baseline', 'overfit-dropout'],
      prompt: t('드롭아웃(0.2)을 쓰면 훈련/시험 정확도 차이는 기준 신경망보다 어떻게 될까요?', 'With dropout (0.2), how will the train/test accuracy gap compare with the baseline’s?'),
      choices: [
        { id: 'smaller', text: t('작아진다 (대신 천천히 학습)', 'Smaller (but it learns more slowly)') },
        { id: 'same', text: t('같다', 'The same') },
        { id: 'larger', text: t('커진다', 'Larger') },
      ],
      expected: 'smaller',
      explanation: t(
        '드롭아웃은 매 단계 뉴런 일부를 무작위로 끄고 학습하므로, 특정 뉴런의 조합에 의존해 외우기 어렵습니다. 시험 때는 모든 뉴런을 사용합니다. 차이는 줄지만 학습은 느려집니다.',
        'Dropout switches a random part of the neurons off at every step, so the network cannot memorize through any one combination of neurons; at test time every neuron is used. The gap shrinks, but learning slows down.',
      ),
    },
    {
      id: 'overfit-batchnorm-speed',
      presets: ['overfit-baseline', 'overfit-batchnorm'],
      prompt: t('배치 정규화를 넣으면 기준 신경망보다 얼마나 빨리 학습될까요?', 'With batch normalization, how fast will the network learn compared with the baseline?'),
      choices: [
        { id: 'faster', text: t('더 빨리 학습된다', 'Faster') },
        { id: 'same', text: t('비슷하다', 'About the same') },
        { id: 'slower', text: t('더 느리다', 'Slower') },
      ],
      expected: 'faster',
      explanation: t(
        '배치 정규화는 매 층의 입력을 정규화해 활성화 함수의 입력을 적당한 범위로 유지하므로, 같은 학습률에서 훨씬 빨리 학습됩니다. 슬라이드가 말하는 배치 정규화의 핵심 장점입니다.',
        'Batch norm normalizes every layer’s input, keeping the activation functions’ inputs in a good range, so at the same learning rate the network learns much faster: the slides’ main benefit of batch norm.',
      ),
    },
    {
      id: 'batchnorm-small-init',
      presets: ['bn-off-std-0_00736', 'bn-on-std-0_00736'],
      prompt: t('초기 가중치 표준편차가 0.00736일 때 어느 신경망이 학습될까요?', 'With initial weights of std 0.00736, which network will learn?'),
      choices: [
        { id: 'bn-only', text: t('배치 정규화가 있는 신경망만', 'Only the one with batch norm') },
        { id: 'plain-only', text: t('배치 정규화가 없는 신경망만', 'Only the one without batch norm') },
        { id: 'both', text: t('둘 다', 'Both') },
        { id: 'neither', text: t('둘 다 아니다', 'Neither') },
      ],
      expected: 'bn-only',
      explanation: t(
        '배치 정규화가 없으면 너무 작은 초기 가중치 때문에 층을 지날수록 값과 기울기가 사라집니다. 배치 정규화는 매 층에서 값을 다시 정규화하므로 초기값에 크게 의존하지 않습니다.',
        'Without batch norm, weights this small make values and gradients vanish layer after layer. Batch norm renormalizes every layer, so it depends little on the initial values.',
      ),
    },
    {
      id: 'batchnorm-he-scale',
      presets: ['bn-off-std-0_293', 'bn-on-std-0_293'],
      prompt: t('He에 가까운 초기 표준편차 0.293에서는 배치 정규화가 없는 신경망도 학습될까요?', 'At an initial std of 0.293, near He’s, will the network without batch norm learn too?'),
      choices: [
        { id: 'yes', text: t('그렇다: 여기서는 둘 다 학습된다', 'Yes: here both learn') },
        { id: 'no', text: t('아니다: 배치 정규화가 있어야만 학습된다', 'No: only batch norm learns') },
      ],
      expected: 'yes',
      explanation: t(
        '초기값이 He에 가까우면 배치 정규화 없이도 잘 학습됩니다(교재에서는 여기서 배치 정규화 없는 쪽이 오히려 앞섭니다). 배치 정규화의 장점은 초기값이 나쁠 때 드러납니다.',
        'Near He’s scale the plain network learns well (in the textbook it is even ahead of batch norm there); batch norm’s advantage shows when the initial values are bad.',
      ),
    },
  ],
  observe: [
    t('기준 신경망: 훈련 정확도 → 100%, 시험 정확도 약 70%에서 멈춤', 'Baseline: training accuracy → 100 %, test accuracy stalls near 70 %'),
    t('L2: 훈련 정확도가 100%에 이르지 않고 차이가 줄어듦', 'L2: training accuracy stops short of 100 % and the gap shrinks'),
    t('L1: 정확히 0인 가중치가 많음(특히 첫 층), L2와 기준 신경망은 0인 가중치가 없음', 'L1: many weights exactly 0 (most in the first layer); L2 and the baseline have none'),
    t('드롭아웃: 훈련과 시험 정확도가 가깝게 함께 오르지만 느림', 'Dropout: train and test accuracy rise close together, but slowly'),
    t('배치 정규화: 처음 몇십 에폭에서 훨씬 빨리 학습; 작은 초기값에서도 학습', 'Batch norm: much faster over the first few dozen epochs; learns even from tiny initial weights'),
  ],
  questions: [
    {
      id: 'which-remedy',
      text: t('네 가지 방법 중 시험 정확도가 가장 높았던 것과 훈련/시험 차이가 가장 작았던 것은 각각 무엇인가요? 숫자와 함께 적어 보세요.', 'Of the four remedies, which reached the highest test accuracy, and which had the smallest train/test gap? Give the numbers.'),
    },
    {
      id: 'l1-vs-l2',
      text: t('L1과 L2의 가중치 분포는 어떻게 달랐나요? 슬라이드의 설명과 연결해 보세요.', 'How did the weight distributions of L1 and L2 differ? Connect it with the slides’ description.'),
    },
    {
      id: 'dropout-test',
      text: t('드롭아웃은 시험 때 모든 뉴런을 사용합니다. 학습 때와 시험 때의 정확도 차트에서 이것이 어떻게 드러나나요?', 'Dropout uses every neuron at test time. How does that show in the accuracy charts of training and test?'),
    },
    {
      id: 'batchnorm-overfit',
      text: t(
        '슬라이드는 배치 정규화가 과적합도 억제한다고 합니다. 300장 실험에서 배치 정규화의 훈련/시험 차이는 기준 신경망보다 작았나요? 결과가 다르다면 이유를 추측해 보세요.',
        'The slides say batch norm also curbs overfitting. On 300 images, was batch norm’s train/test gap smaller than the baseline’s? If not, why might that be?',
      ),
    },
  ],
};

/** Every lab sheet, in lecture order. */
export const LAB_SHEETS: readonly LabSheet[] = [BACKPROP_SHEET, VANISHING_SHEET, INITIALIZATION_SHEET, OVERFITTING_SHEET];

/** The sheet with this id, or undefined. */
export function findLabSheet(id: string): LabSheet | undefined {
  return LAB_SHEETS.find((sheet) => sheet.id === id);
}

/** The comparison with this id on any sheet, with its sheet, or undefined. */
export function findLabComparison(id: string): { sheet: LabSheet; comparison: LabComparison } | undefined {
  for (const sheet of LAB_SHEETS) {
    const comparison = sheet.comparisons.find((c) => c.id === id);
    if (comparison) return { sheet, comparison };
  }
  return undefined;
}
