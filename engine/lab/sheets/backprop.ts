import { AFTER_FIRST_PREDICTION, afterPrediction, localizedText as t, revealedText as shown, type LabSheet } from './lab-sheet';

/**
 * The review sheet: backpropagation step by step on the slide's 2-2-1 network (the walkthrough's
 * forward and backward passes), then predict what one update does to the error, observe it in the
 * same network as a one-step run, and explain it with the walkthrough's update phase, which this
 * sheet holds back until the prediction is recorded (walkthroughUpdate).
 */
export const BACKPROP_SHEET: LabSheet = {
  id: 'backprop',
  part: 'backprop',
  section: null,
  title: t('역전파 되짚어보기: 2-2-1 신경망', 'Backprop review: the 2-2-1 network'),
  goal: t(
    '강의 슬라이드의 2-2-1 신경망(입력 x1 = 1, x2 = −1, sigmoid 퍼셉트론)을 한 단계씩 따라갑니다. 순전파로 은닉 뉴런 값 0.73과 0.5, 출력 0.23 → 0.55가 어떻게 나오는지 확인하고, 목표값과 출력의 차이(오차)를 뒤로 전파하며 연쇄 법칙의 인수를 하나씩 곱해 각 가중치의 기울기를 구합니다. 그 기울기로 가중치를 학습률만큼 갱신하면 오차가 어떻게 될지 먼저 예측한 뒤, 한 단계 학습 실행과 따라가기 화면의 갱신 단계로 확인합니다. 앞쪽 층의 기울기는 뒤쪽 층에서 온 인수들의 곱이라는 것, 그리고 sigmoid의 미분값은 0.25를 넘지 못한다는 것이 다음 실습(기울기 소실, 가중치 초기화)의 출발점입니다.',
    'Step through the slide’s 2-2-1 network (inputs x1 = 1, x2 = −1, sigmoid perceptrons). See how the forward pass gives the hidden values 0.73 and 0.5 and the output 0.23 → 0.55; then propagate the error (output minus target) backwards, multiplying one chain-rule factor at a time to get each weight’s gradient. Predict what updating the weights by the learning rate along those gradients does to the error, then check it with a one-step training run and the walkthrough’s update phase. That an early layer’s gradient is a product of factors from the layers after it, and that sigmoid’s derivative never exceeds 0.25, is where the next labs (vanishing gradient, initialization) start.',
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
        '역전파를 인수 하나씩 진행합니다(목표값 1, 손실 L = ½(y − t)²). w6의 기울기 ∂L/∂w6 = (y − t) · σ′(z) · h2 에서 h2 = 0.5는 바로 앞 층이 계산한 값입니다. 슬라이드의 "w6의 기울기를 구하기 위해선 그 전단의 계산 값이 필요"가 이 뜻입니다.',
        'Run the backward pass one factor at a time (target 1, loss L = ½(y − t)²). In w6’s gradient ∂L/∂w6 = (y − t) · σ′(z) · h2, the factor h2 = 0.5 is what the layer before computed: this is the slide’s “to get w6’s gradient you need the values computed in the layer before it”.',
      ),
      action: { kind: 'walkthrough', phase: 'backward' },
    },
    {
      text: t(
        '계속 진행해 w1의 기울기를 봅니다. 출력 쪽 인수에 w5와 은닉 뉴런의 σ′(z)가 더 곱해집니다. 곱해지는 σ′ 값을 적어 두세요. 역전파가 끝나면 따라가기 화면은 가중치 갱신 앞에서 멈춥니다: 갱신은 다음 단계에서 예측을 기록한 뒤에 봅니다.',
        'Go on to w1’s gradient: the output’s factors are multiplied further by w5 and the hidden neuron’s σ′(z). Write down the σ′ values that get multiplied in. After the backward pass the walkthrough stops before the weight update: you see the update once you have recorded your prediction in the next step.',
      ),
      action: { kind: 'walkthrough', phase: 'backward' },
    },
    {
      text: t(
        '이제 구한 기울기로 가중치를 갱신할 차례입니다. 먼저 예측을 기록한 뒤, 같은 신경망을 한 단계 학습 실행(프리셋)으로 돌립니다. 실행의 갱신 전 손실이 따라가기 화면의 손실과 같은지, 갱신 후 손실은 어떻게 되었는지 확인하세요.',
        'Now the weights are updated with those gradients. Record your prediction first, then run the same network as a one-step training run (the preset). Check that the run’s loss before the update equals the walkthrough’s, and what the loss is after it.',
      ),
      presets: ['backprop-lecture-network'],
      comparison: 'backprop-one-update',
    },
    {
      text: t(
        '따라가기 화면의 ‘가중치 갱신’ 단계에서 실행이 한 계산을 한 줄씩 봅니다(예측을 기록하면 열립니다). 각 가중치가 w − η × ∂L/∂w(η = 0.5)로 옮겨 간 뒤 같은 입력을 다시 넣습니다. 그 손실을 실행의 갱신 후 손실과 비교하고, 각 가중치가 어느 쪽으로 움직였는지 기울기의 부호와 함께 보세요.',
        'In the walkthrough’s weight update phase, see the run’s computation line by line (it opens once your prediction is recorded). Each weight moves to w − η × ∂L/∂w (η = 0.5), then the same input goes through again. Compare that loss with the run’s loss after the update, and see which way each weight moved, next to its gradient’s sign.',
      ),
      action: { kind: 'walkthrough', phase: 'update' },
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
        { id: 'same', text: t('변하지 않는다', 'It stays the same') },
        { id: 'larger', text: t('커진다', 'It gets larger') },
      ],
      expected: 'smaller',
      explanation: t(
        '경사 하강법은 각 가중치를 기울기의 반대 방향으로 옮기므로, 학습률이 너무 크지 않다면 한 번의 갱신으로 출력이 목표값 쪽으로 움직이고 오차가 줄어듭니다. 따라가기 화면의 ‘갱신 후’ 단계가 같은 계산입니다: 갱신한 가중치로 같은 입력을 다시 넣으니 출력이 커지고 오차가 줄었습니다.',
        'Gradient descent moves every weight against its gradient, so unless the learning rate is too large, one update moves the output toward the target and the error shrinks. The walkthrough’s last step is the same computation: with the updated weights the same input gives a larger output, and the error went down.',
      ),
      // The walkthrough's last step says "오차가 줄었습니다" / "The error went down" (walkthroughUpdate holds it back).
      outcomePhrases: { ko: ['오차가 줄어듭니다', '오차가 줄었', '목표값 1 쪽으로 움직', '목표값 쪽으로 움직'], en: ['the error shrinks', 'error went down', 'moves toward the target'] },
    },
  ],
  observe: [
    shown(AFTER_FIRST_PREDICTION, '노드의 순전파 값: 0.73, 0.5, 그리고 출력 0.23 → 0.55', 'The forward values on the nodes: 0.73, 0.5, and the output 0.23 → 0.55'),
    shown(AFTER_FIRST_PREDICTION, '출력층 가중치의 기울기에는 앞 층의 값(h1, h2)이 인수로 들어갑니다', 'The output weights’ gradients have the previous layer’s values (h1, h2) as a factor'),
    shown(AFTER_FIRST_PREDICTION, '첫 층 가중치의 기울기는 더 많은 인수의 곱이며, 그중 σ′(z)는 항상 0.25 이하입니다', 'A first-layer weight’s gradient is a product of more factors, and σ′(z) among them is never above 0.25'),
    shown(afterPrediction('backprop-one-update'), '갱신 후 출력이 목표값 1 쪽으로 움직입니다', 'After the update the output moves toward the target 1'),
  ],
  walkthroughUpdate: afterPrediction('backprop-one-update'),
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
