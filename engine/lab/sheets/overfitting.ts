import { afterPrediction, localizedText as t, revealedText as shown, type LabSheet } from './lab-sheet';

/** Sheet 05: overfitting on 300 images and its remedies (L2, L1, dropout), with batch normalization. */
export const OVERFITTING_SHEET: LabSheet = {
  id: '05-overfitting',
  part: 'overfitting',
  section: '05',
  title: t('05 과적합 문제와 방지 기법', '05 Overfitting and how to prevent it'),
  goal: t(
    'MNIST 훈련 이미지 300장만으로 깊은 신경망(은닉층 6개, 각 100개 뉴런)을 학습하며 훈련 정확도와 시험 정확도가 어떻게 움직이는지 봅니다. 같은 조건에서 규제(L2, L1), 드롭아웃, 배치 정규화를 하나씩 적용해 훈련/시험 정확도의 차이와 가중치 분포가 어떻게 달라지는지 나란히 비교합니다. 마지막으로 가중치 초기값의 크기를 바꿔 가며 배치 정규화가 있을 때와 없을 때 학습이 어떻게 달라지는지 확인합니다.',
    'Train a deep network (6 hidden layers of 100 neurons) on only 300 MNIST images and watch how its training and test accuracy move. Under the same conditions, apply regularization (L2, L1), dropout and batch normalization one at a time and compare, side by side, the gap between train and test accuracy and the weight distributions. Finally, vary the initial weights’ scale and see how learning differs with and without batch normalization.',
  ),
  steps: [
    {
      text: t(
        '예측을 기록한 뒤 규제 없는 기준 신경망(300장, 201 에폭 = 603단계)을 실행합니다. 이 실습의 실행들은 끝(마지막 평가)의 훈련/시험 정확도로 판정합니다.',
        'Record your prediction, then run the baseline without regularization (300 images, 201 epochs = 603 steps). The runs of this lab are judged by their train and test accuracy at the end (their last evaluation).',
      ),
      presets: ['overfit-baseline'],
      comparison: 'overfit-gap',
    },
    {
      text: t(
        '예측을 기록한 뒤 L2 규제(가중치 감소 λ = 0.1)를 실행하고, 정확도 차트에서 기준 신경망과 훈련/시험 정확도 차이를 비교합니다. 시험 정확도 자체도 비교해 보세요.',
        'Record your prediction, then run L2 regularization (weight decay λ = 0.1) and compare its train/test accuracy gap with the baseline’s in the accuracy chart. Compare the test accuracy itself too.',
      ),
      presets: ['overfit-l2'],
      comparison: 'overfit-l2-gap',
    },
    {
      text: t(
        '예측을 기록한 뒤 L1 규제(λ = 0.005)를 실행합니다. 마지막 단계의 가중치 분포(히스토그램)와 "정확히 0인 가중치 비율"을 L2, 기준 신경망과 비교하세요.',
        'Record your prediction, then run L1 regularization (λ = 0.005). Compare the weight histograms and the “fraction of weights exactly 0” at the last step with L2’s and the baseline’s.',
      ),
      presets: ['overfit-l1'],
      comparison: 'overfit-l1-zeros',
    },
    {
      text: t(
        '예측을 기록한 뒤 드롭아웃(0.3)을 실행합니다. 학습률 0.01에서 천천히 배우므로 교재처럼 301 에폭(903단계)을 학습하고, 그 끝에서 판정합니다.',
        'Record your prediction, then run dropout (0.3). At learning rate 0.01 it learns slowly, so it trains for 301 epochs (903 steps) as in the textbook, and is judged at that end.',
      ),
      presets: ['overfit-dropout'],
      comparison: 'overfit-dropout-gap',
    },
    {
      text: t(
        '예측을 기록한 뒤 배치 정규화(완전 연결 → 배치 정규화 → 활성화 함수)를 실행합니다. 20 에폭(60단계, 차트에 표시)의 훈련 정확도를 기준 신경망과 비교하세요. 끝의 시험 정확도도 비교해 보세요.',
        'Record your prediction, then run batch normalization (fully connected → batch norm → activation). Compare its training accuracy at epoch 20 (step 60, marked on the chart) with the baseline’s, and its test accuracy at the end too.',
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
        '예측을 기록한 뒤, 배치 정규화와 초기값: 초기 가중치 표준편차 0.00736(He보다 훨씬 작음)에서 배치 정규화가 없는 신경망과 있는 신경망을 함께 실행합니다(1,000장, 20 에폭 = 200단계, 끝에서 판정).',
        'Record your prediction, then batch norm and the initial scale: run the network without and with batch norm at an initial weight std of 0.00736 (far below He’s) together (1,000 images, 20 epochs = 200 steps, judged at the end).',
      ),
      presets: ['bn-off-std-0_00736', 'bn-on-std-0_00736'],
      comparison: 'batchnorm-small-init',
    },
    {
      text: t(
        '(선택) 다른 초기 표준편차(1, 0.293, 0.0464, 0.00117)에서도 배치 정규화 없음/있음을 실행해 보세요. 배치 정규화 없이 학습되는 것은 어느 것인가요?',
        '(Optional) Run without and with batch norm at the other initial scales (1, 0.293, 0.0464, 0.00117). Which of them learn without batch norm?',
      ),
      revealed: shown(
        afterPrediction('batchnorm-small-init', 'batchnorm-he-scale'),
        '배치 정규화 없이 학습되는 것은 He에 가까운 0.293뿐입니다.',
        'Without batch norm only 0.293, near He’s scale, learns.',
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
        { id: 'drift-apart', text: t('훈련은 100% 가까이, 시험은 훨씬 낮다', 'Training near 100 %, test far lower') },
        { id: 'together', text: t('둘 다 100% 가까이 함께 오른다', 'Both rise together to near 100 %') },
        { id: 'test-higher', text: t('시험이 훈련보다 높게 끝난다', 'Test ends above training') },
      ],
      expected: 'drift-apart',
      explanation: t(
        '매개변수가 많은 깊은 신경망은 300장을 통째로 외울 수 있습니다. 훈련 데이터에만 맞춰진(과적합된) 신경망은 처음 보는 시험 이미지에서는 훨씬 못합니다.',
        'A deep network with many parameters can memorize 300 images outright. Fitted to its training data only (overfitted), it does much worse on test images it has never seen.',
      ),
      outcomePhrases: {
        ko: ['통째로 외울', '시험 이미지에서는 훨씬 못', '약 70%에서 정체'],
        en: ['memorize 300 images', 'much worse on test images', 'test accuracy stalls'],
      },
    },
    {
      id: 'overfit-l2-gap',
      presets: ['overfit-baseline', 'overfit-l2'],
      prompt: t('L2 규제(λ = 0.1)를 쓰면 기준 신경망보다 훈련/시험 정확도 차이가 어떻게 될까요?', 'With L2 (λ = 0.1), how will the train/test accuracy gap compare with the baseline’s?'),
      choices: [
        { id: 'smaller', text: t('작아진다', 'Smaller') },
        { id: 'same', text: t('거의 같다', 'About the same') },
        { id: 'larger', text: t('커진다', 'Larger') },
      ],
      expected: 'smaller',
      explanation: t(
        'L2는 손실에 가중치 제곱의 합을 더해 큰 가중치를 억제합니다. 외우기에 필요한 큰 가중치를 쓰기 어려워져 훈련 정확도가 100%에 이르지 않고(71~86%), 차이가 기준 신경망의 0.5~0.8배로 줄어듭니다. 하지만 이 실험에서는 시험 정확도도 기준 신경망보다 낮습니다(56~70% 대 74~76%): 차이가 준 것은 훈련 정확도가 더 많이 내려갔기 때문입니다.',
        'L2 adds the sum of squared weights to the loss and holds large weights down. Without the large weights that memorizing needs, training accuracy stops short of 100 % (71–86 %) and the gap shrinks to 0.5–0.8 × the baseline’s. In this experiment, though, test accuracy is lower than the baseline’s too (56–70 % against 74–76 %): the gap shrinks because training accuracy falls further.',
      ),
      outcomePhrases: { ko: ['100%에 이르지 않', '0.5~0.8배로 줄어듭니다'], en: ['stops short of 100 %', 'the gap shrinks to 0.5–0.8'] },
    },
    {
      id: 'overfit-l1-zeros',
      presets: ['overfit-l1', 'overfit-l2'],
      prompt: t('학습이 끝났을 때 어느 규제가 정확히 0인 가중치를 많이 남길까요?', 'At the end, which regularization leaves many weights exactly 0?'),
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
      outcomePhrases: {
        ko: ['작은 가중치를 정확히 0으로', '0으로 만드는 경우는 드뭅', 'L1: 정확히 0인 가중치가 많음'],
        en: ['drives small weights to exactly 0', 'rarely makes one exactly 0', 'L1: many weights exactly 0'],
      },
    },
    {
      id: 'overfit-dropout-gap',
      presets: ['overfit-baseline', 'overfit-dropout'],
      prompt: t('드롭아웃(0.3)을 쓰면 끝에서 훈련/시험 정확도 차이는 기준 신경망보다 어떻게 될까요?', 'With dropout (0.3), how will the train/test accuracy gap at the end compare with the baseline’s?'),
      choices: [
        { id: 'smaller', text: t('작아진다', 'Smaller') },
        { id: 'same', text: t('거의 같다', 'About the same') },
        { id: 'larger', text: t('커진다', 'Larger') },
      ],
      expected: 'smaller',
      explanation: t(
        '드롭아웃은 매 단계 뉴런 일부를 무작위로 끄고 학습하므로, 특정 뉴런의 조합에 의존해 외우기 어렵습니다. 시험 때는 모든 뉴런을 사용합니다. 끝에서 차이는 기준 신경망의 0.34~0.53배로 줄지만 학습이 느려져, 훈련 정확도(48~72%)도 시험 정확도(39~62%)도 기준 신경망보다 낮습니다. 교재는 드롭아웃 0.2를 학습 때 크기 보정 없이 쓰는데(시험 때 0.8배), 그러면 층마다 값이 0.8배로 줄어 학습이 더 느려집니다. 이 앱의 드롭아웃은 PyTorch처럼 학습 때 보정하므로(역 드롭아웃) 같은 그림을 얻으려고 0.3을 씁니다.',
        'Dropout switches a random part of the neurons off at every step, so the network cannot memorize through any one combination of neurons; at test time every neuron is used. At the end the gap is 0.34–0.53 × the baseline’s, but learning slows down: training accuracy (48–72 %) and test accuracy (39–62 %) are both below the baseline’s. The textbook drops 0.2 without rescaling in training (and scales by 0.8 at test time), which also shrinks every layer’s values by 0.8 and slows learning further; this app’s dropout rescales in training as PyTorch does (inverted dropout), so it drops 0.3 to give the same picture.',
      ),
      outcomePhrases: {
        ko: ['0.34~0.53배로 줄지만', '가깝게 함께 오르'],
        en: ['the gap is 0.34–0.53', 'rise close together'],
      },
    },
    {
      id: 'overfit-batchnorm-speed',
      presets: ['overfit-baseline', 'overfit-batchnorm'],
      prompt: t('배치 정규화를 넣으면 기준 신경망보다 얼마나 빨리 학습될까요?', 'With batch normalization, how fast will the network learn compared with the baseline?'),
      choices: [
        { id: 'faster', text: t('더 빠르다', 'Faster') },
        { id: 'same', text: t('비슷하다', 'About the same') },
        { id: 'slower', text: t('더 느리다', 'Slower') },
      ],
      expected: 'faster',
      explanation: t(
        '배치 정규화는 매 층의 입력을 표준화해 활성화 함수의 입력을 적당한 범위로 유지하므로, 같은 학습률에서 훨씬 빨리 학습됩니다. 슬라이드가 말하는 배치 정규화의 핵심 장점입니다.',
        'Batch norm normalizes every layer’s input, keeping the activation functions’ inputs in a good range, so at the same learning rate the network learns much faster: the slides’ main benefit of batch norm.',
      ),
      outcomePhrases: { ko: ['훨씬 빨리 학습'], en: ['learns much faster', 'much faster over the first'] },
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
        '배치 정규화가 없으면 너무 작은 초기 가중치 때문에 층을 지날수록 값과 기울기가 사라집니다. 배치 정규화는 매 층에서 값을 다시 표준화하므로 초기값에 크게 의존하지 않습니다.',
        'Without batch norm, weights this small make values and gradients vanish layer after layer. Batch norm renormalizes every layer, so it depends little on the initial values.',
      ),
      outcomePhrases: {
        ko: ['초기값에 크게 의존하지 않', '작은 초기값에서도 학습'],
        en: ['depends little on the initial', 'learns even from tiny initial weights'],
      },
    },
    {
      id: 'batchnorm-he-scale',
      presets: ['bn-off-std-0_293', 'bn-on-std-0_293'],
      prompt: t('초기 표준편차가 0.293(He에 가까움)이면 배치 정규화가 없는 신경망은 학습될까요?', 'At an initial std of 0.293 (near He’s), will the network without batch norm learn?'),
      choices: [
        { id: 'yes', text: t('학습된다', 'Yes, it learns') },
        { id: 'no', text: t('학습되지 않는다', 'No, it does not learn') },
      ],
      expected: 'yes',
      explanation: t(
        '초기값이 He에 가까우면 배치 정규화 없이도 잘 학습됩니다(교재에서는 여기서 배치 정규화 없는 쪽이 오히려 앞섭니다). 배치 정규화의 장점은 초기값이 나쁠 때 드러납니다.',
        'Near He’s scale the plain network learns well (in the textbook it is even ahead of batch norm there); batch norm’s advantage shows when the initial values are bad.',
      ),
      outcomePhrases: { ko: ['배치 정규화 없이도 잘 학습', '0.293뿐'], en: ['the plain network learns well', 'only 0.293'] },
    },
  ],
  observe: [
    shown(afterPrediction('overfit-gap'), '기준 신경망: 훈련 정확도 → 100%, 시험 정확도는 약 70%에서 정체', 'Baseline: training accuracy → 100 %, test accuracy stalls near 70 %'),
    shown(
      afterPrediction('overfit-l2-gap'),
      'L2: 훈련 정확도가 100%에 이르지 않고 차이가 줄어듦; 시험 정확도도 기준 신경망보다 낮음',
      'L2: training accuracy stops short of 100 % and the gap shrinks; test accuracy is below the baseline’s too',
    ),
    shown(
      afterPrediction('overfit-l1-zeros'),
      'L1: 정확히 0인 가중치가 많음(특히 첫 층), L2와 기준 신경망은 0인 가중치가 없음',
      'L1: many weights exactly 0 (most in the first layer); L2 and the baseline have none',
    ),
    shown(
      afterPrediction('overfit-dropout-gap'),
      '드롭아웃: 훈련과 시험 정확도가 가깝게 함께 오르지만 느림; 끝에서도 둘 다 기준 신경망보다 낮음',
      'Dropout: train and test accuracy rise close together, but slowly; at the end both are below the baseline’s',
    ),
    shown(
      afterPrediction('overfit-batchnorm-speed'),
      '배치 정규화: 처음 몇십 에폭에서 훨씬 빨리 학습; 이 300장에서는 끝의 시험 정확도가 기준 신경망보다 낮음',
      'Batch norm: much faster over the first few dozen epochs; on these 300 images its test accuracy at the end is below the baseline’s',
    ),
    shown(afterPrediction('batchnorm-small-init'), '배치 정규화: 작은 초기값에서도 학습', 'Batch norm: learns even from tiny initial weights'),
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
