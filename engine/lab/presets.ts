import { MNIST_TRAIN_SIZE, type ActivationName, type RunSpecInput } from '../api/run-spec';
import type { Initializer } from '../nn/initializers';
import { OPTIMIZER_NAMES } from './optimizer-names';

/**
 * The lecture's classic experiments, one preset per configuration (textbook "Deep Learning from
 * Scratch" ch. 6, see shared/EXPERIMENTS.md). Presets of one `experiment` share their seed and
 * differ in one knob, so they see the same data, batches and (scaled) initial weights.
 */

/** Where in the lecture a preset belongs. */
export type LecturePart = 'backprop' | 'input-features' | 'vanishing-gradient' | 'initialization' | 'overfitting' | 'batch-norm' | 'optimizers';

/** Korean first (the class language), English second. */
export interface LocalizedText {
  ko: string;
  en: string;
}

interface PresetBase {
  id: string;
  /** Presets meant to be compared side by side share this id. */
  experiment: string;
  part: LecturePart;
  title: LocalizedText;
  /** What the lecture claims this configuration shows. */
  claim: LocalizedText;
  /** The textbook script or lecture slide it reproduces. */
  source: string;
}

/** A training run. */
export interface TrainPreset extends PresetBase {
  kind: 'train';
  spec: RunSpecInput;
  /** The name of data the spec carries itself (an inline dataset), where lists show a dataset's name. */
  dataTitle?: LocalizedText;
}

/** Options of the forward-only probe (random inputs through layers of equal width, no bias). */
export interface ProbePresetOptions {
  activation: Exclude<ActivationName, 'softmax'>;
  init: Initializer;
  layers: number;
  units: number;
  samples: number;
}

/** A forward-only probe: the initialization lesson's activation histograms. */
export interface ProbePreset extends PresetBase {
  kind: 'probe';
  probe: ProbePresetOptions;
}

export type Preset = TrainPreset | ProbePreset;

const SEED = 42;

type LayerInput = RunSpecInput['layers'][number];

/** `count` hidden layers of `units` with the same settings. */
function hidden(count: number, units: number, layer: Omit<LayerInput, 'units'>): LayerInput[] {
  return Array.from({ length: count }, () => ({ units, ...layer }));
}

const softmaxOutput = (units = 10): LayerInput => ({ units, activation: 'softmax', init: 'xavier' });

// ── 04 initialization: activation histograms (textbook §6.2.2, weight_init_activation_histogram.py) ──

const probeBase = { layers: 5, units: 100, samples: 1000 };
const probeSource = 'textbook §6.2.2 weight_init_activation_histogram.py (1000 × 100 random inputs, 5 layers of 100, no bias)';

function probePreset(id: string, activation: ProbePresetOptions['activation'], init: Initializer, title: LocalizedText, claim: LocalizedText): ProbePreset {
  return { id, kind: 'probe', experiment: 'init-histograms', part: 'initialization', title, claim, source: probeSource, probe: { ...probeBase, activation, init } };
}

const PROBE_PRESETS: ProbePreset[] = [
  probePreset(
    'probe-sigmoid-std1',
    'sigmoid',
    { name: 'normal', std: 1 },
    { ko: '활성화 분포: sigmoid, 표준편차 1', en: 'Activations: sigmoid, std 1' },
    {
      ko: '활성화 값이 0과 1에 몰립니다(포화). 그 지점에서 sigmoid의 기울기는 거의 0이라 기울기 소실이 일어납니다.',
      en: 'Activations pile up at 0 and 1 (saturation), where sigmoid’s gradient is nearly 0: gradients vanish.',
    },
  ),
  probePreset(
    'probe-sigmoid-std001',
    'sigmoid',
    { name: 'normal', std: 0.01 },
    { ko: '활성화 분포: sigmoid, 표준편차 0.01', en: 'Activations: sigmoid, std 0.01' },
    {
      ko: '모든 활성화 값이 0.5 근처에 모입니다. 뉴런들이 같은 값을 내므로 표현력이 사라집니다.',
      en: 'Every activation sits near 0.5: the neurons all say the same thing, so the layer loses its expressiveness.',
    },
  ),
  probePreset(
    'probe-sigmoid-xavier',
    'sigmoid',
    { name: 'xavier' },
    { ko: '활성화 분포: sigmoid, Xavier 초기화', en: 'Activations: sigmoid, Xavier' },
    { ko: 'Xavier 초기화(표준편차 1/√n)는 층이 깊어져도 활성화 값을 고르게 퍼뜨립니다.', en: 'Xavier (std 1/√n) keeps activations spread out in every layer.' },
  ),
  probePreset(
    'probe-sigmoid-std100',
    'sigmoid',
    { name: 'normal', std: 100 },
    { ko: '활성화 분포: sigmoid, 표준편차 100 (w = 100 예시)', en: 'Activations: sigmoid, std 100 (the w = 100 example)' },
    {
      ko: '거의 모든 뉴런이 포화됩니다. 강의의 w = 100 뉴런처럼 기울기가 0.00…01 수준이 됩니다.',
      en: 'Almost every neuron saturates; like the lecture’s w = 100 neuron, gradients become 0.00…01.',
    },
  ),
  probePreset(
    'probe-relu-std001',
    'relu',
    { name: 'normal', std: 0.01 },
    { ko: '활성화 분포: ReLU, 표준편차 0.01', en: 'Activations: ReLU, std 0.01' },
    {
      ko: '층을 지날 때마다 활성화 값이 0으로 줄어듭니다. 기울기는 층마다 고르게 전달되지만 모든 층에서 He 초기화의 약 1/40,000로 작아 학습이 거의 일어나지 않습니다.',
      en: 'Activations shrink to 0 layer after layer. The gradient reaches every layer evenly, but in every layer it is about 1/40,000 of He’s: far too small to learn from.',
    },
  ),
  probePreset(
    'probe-relu-xavier',
    'relu',
    { name: 'xavier' },
    { ko: '활성화 분포: ReLU, Xavier 초기화', en: 'Activations: ReLU, Xavier' },
    { ko: 'ReLU에 Xavier는 맞지 않습니다. 층이 깊어질수록 값이 0으로 수렴합니다.', en: 'Xavier does not suit ReLU: activations drift toward 0 with depth.' },
  ),
  probePreset(
    'probe-relu-he',
    'relu',
    { name: 'he' },
    { ko: '활성화 분포: ReLU, He 초기화', en: 'Activations: ReLU, He' },
    {
      ko: 'He 초기화(표준편차 √(2/n))를 쓰면 깊은 층에서도 평균과 표준편차가 0으로 수렴하지 않습니다.',
      en: 'With He (std √(2/n)) the mean and spread of activations hold up even in deep layers.',
    },
  ),
  probePreset(
    'probe-tanh-xavier',
    'tanh',
    { name: 'xavier' },
    { ko: '활성화 분포: tanh, Xavier 초기화', en: 'Activations: tanh, Xavier' },
    { ko: 'tanh에는 Xavier가 잘 맞습니다. 포화 없이 종 모양 분포가 유지됩니다.', en: 'Xavier suits tanh: bell-shaped activations without saturation.' },
  ),
];

// ── 04 initialization on MNIST (textbook §6.2.4, weight_init_compare.py) ──

function initCompare(id: string, init: LayerInput['init'], title: LocalizedText, claim: LocalizedText): TrainPreset {
  return {
    id,
    kind: 'train',
    experiment: 'init-mnist',
    part: 'initialization',
    title,
    claim,
    source: 'textbook §6.2.4 weight_init_compare.py (784-100×4-10 ReLU, SGD lr 0.01, batch 128, 2000 iterations)',
    spec: {
      version: 1,
      name: title.en,
      seed: SEED,
      dataset: { name: 'mnist', trainSize: 60000, testSize: 10000 },
      layers: [...hidden(4, 100, { activation: 'relu', init }), softmaxOutput()],
      optimizer: { name: 'sgd', lr: 0.01 },
      training: { batchSize: 128, iterations: 2000, sampling: 'replacement' },
      diagnostics: { every: 50, bins: 30 },
    },
  };
}

const INIT_PRESETS: TrainPreset[] = [
  initCompare(
    'init-mnist-std001',
    { name: 'normal', std: 0.01 },
    { ko: 'MNIST 초기화 비교: 표준편차 0.01', en: 'MNIST init comparison: std 0.01' },
    { ko: '표준편차 0.01로 초기화하면 학습이 전혀 진행되지 않습니다(손실이 2.30 근처에 머묾).', en: 'With std 0.01 the network does not learn at all (loss stays near 2.30).' },
  ),
  initCompare(
    'init-mnist-xavier',
    'xavier',
    { ko: 'MNIST 초기화 비교: Xavier', en: 'MNIST init comparison: Xavier' },
    { ko: 'Xavier 초기화는 잘 학습되지만 He보다 조금 느립니다.', en: 'Xavier learns well, a little slower than He.' },
  ),
  initCompare(
    'init-mnist-he',
    'he',
    { ko: 'MNIST 초기화 비교: He', en: 'MNIST init comparison: He' },
    { ko: 'ReLU에는 He 초기화가 가장 빠르게 학습됩니다.', en: 'With ReLU, He initialization learns fastest.' },
  ),
];

// ── 03 vanishing gradient: sigmoid vs ReLU / tanh in a deep network ──

function vanishing(id: string, activation: ActivationName, init: 'xavier' | 'he', title: LocalizedText, claim: LocalizedText): TrainPreset {
  return {
    id,
    kind: 'train',
    experiment: 'vanishing-mnist',
    part: 'vanishing-gradient',
    title,
    claim,
    source: 'lecture 03 (기울기 소실); 784-100×10-10 on MNIST, SGD lr 0.1, batch 128',
    spec: {
      version: 1,
      name: title.en,
      seed: SEED,
      dataset: { name: 'mnist', trainSize: 60000, testSize: 10000 },
      layers: [...hidden(10, 100, { activation, init }), softmaxOutput()],
      optimizer: { name: 'sgd', lr: 0.1 },
      training: { batchSize: 128, iterations: 2000, shuffle: true, evalEvery: 500 },
      diagnostics: { every: 20, bins: 30 },
    },
  };
}

const VANISHING_PRESETS: TrainPreset[] = [
  vanishing(
    'vanishing-sigmoid',
    'sigmoid',
    'xavier',
    { ko: '기울기 소실: sigmoid 10층', en: 'Vanishing gradient: 10 sigmoid layers' },
    {
      ko: 'sigmoid의 미분값은 최대 0.25라서 층을 거칠수록 기울기가 곱해져 작아집니다. 첫 층의 기울기는 마지막 은닉층보다 수십만 배(0단계에서 2.2~3.3 × 10⁵배) 작고, 학습이 멈춥니다(끝까지 손실 2.30).',
      en: 'Sigmoid’s derivative is at most 0.25, so the gradient shrinks layer by layer: the first layer’s gradient is hundreds of thousands of times smaller than the last hidden layer’s (2.2–3.3 × 10⁵ at step 0), and learning stalls (loss 2.30 to the end).',
    },
  ),
  vanishing(
    'vanishing-relu',
    'relu',
    'he',
    { ko: '기울기 소실 해결: ReLU 10층', en: 'Fix: 10 ReLU layers' },
    {
      ko: 'ReLU의 미분값은 1(양수 구간)이라 기울기가 층을 지나도 줄지 않습니다. 모든 층의 기울기 크기가 비슷하고 학습이 잘 됩니다.',
      en: 'ReLU’s derivative is 1 where it is active, so the gradient keeps its size through the layers: every layer learns.',
    },
  ),
  vanishing(
    'vanishing-tanh',
    'tanh',
    'xavier',
    { ko: '기울기 소실 완화: tanh 10층', en: 'Milder: 10 tanh layers' },
    {
      ko: 'tanh는 0을 중심으로 하고 미분값이 최대 1이라 sigmoid보다 기울기가 훨씬 잘 전달됩니다.',
      en: 'tanh is zero-centred with a derivative up to 1: gradients travel much better than with sigmoid.',
    },
  ),
];

// ── 05 overfitting on 300 MNIST images (textbook §6.4.1–6.4.3) ──

function overfit(id: string, title: LocalizedText, claim: LocalizedText, changes: { l1?: number; l2?: number; dropout?: number; batchNorm?: boolean; epochs?: number }, source: string): TrainPreset {
  const epochs = changes.epochs ?? 201;
  return {
    id,
    kind: 'train',
    experiment: 'overfit-mnist300',
    part: 'overfitting',
    title,
    claim,
    source,
    spec: {
      version: 1,
      name: title.en,
      seed: SEED,
      dataset: { name: 'mnist', trainSize: 300, testSize: 10000 },
      layers: [...hidden(6, 100, { activation: 'relu', init: 'he', dropout: changes.dropout ?? 0, batchNorm: changes.batchNorm ?? false }), softmaxOutput()],
      optimizer: { name: 'sgd', lr: 0.01 },
      regularization: { l1: changes.l1 ?? 0, l2: changes.l2 ?? 0 },
      // Evaluating 10,000 test images every epoch would cost more than training; every 10 epochs draws the same curve.
      training: { batchSize: 100, epochs, sampling: 'replacement', evalEvery: 30 },
      diagnostics: { every: 30, bins: 30 },
    },
  };
}

const OVERFIT_PRESETS: TrainPreset[] = [
  overfit(
    'overfit-baseline',
    { ko: '과적합: 규제 없음 (300장)', en: 'Overfitting: no regularization (300 images)' },
    {
      ko: '훈련 데이터 300장에 깊은 신경망을 학습하면 훈련 정확도는 100%에 가까워지지만 시험 정확도는 훨씬 낮습니다.',
      en: 'A deep network trained on 300 images reaches nearly 100 % training accuracy while test accuracy stays far lower.',
    },
    {},
    'textbook §6.4.1 overfit.py (784-100×6-10 ReLU/He, SGD lr 0.01, batch 100, 201 epochs)',
  ),
  overfit(
    'overfit-l2',
    { ko: '과적합 방지: L2 규제 (가중치 감소 λ = 0.1)', en: 'Remedy: L2 (weight decay λ = 0.1)' },
    {
      ko: 'L2 규제는 큰 가중치를 억제합니다. 끝에서 훈련과 시험 정확도의 차이가 기준 신경망의 0.5~0.8배로 줄고, 훈련 정확도가 100%에 이르지 않습니다(71~86%). 다만 이 300장 실험에서는 시험 정확도도 기준 신경망보다 낮습니다(56~70% 대 74~76%).',
      en: 'L2 holds large weights down: at the end the train/test gap is 0.5–0.8 × the baseline’s and training accuracy no longer reaches 100 % (71–86 %). On these 300 images, though, its test accuracy is lower than the baseline’s too (56–70 % against 74–76 %).',
    },
    { l2: 0.1 },
    'textbook §6.4.2 overfit_weight_decay.py (λ = 0.1)',
  ),
  overfit(
    'overfit-l1',
    { ko: '과적합 방지: L1 규제 (λ = 0.005)', en: 'Remedy: L1 (λ = 0.005)' },
    {
      ko: 'L1 규제는 작은 가중치를 정확히 0으로 만들고 중요한 가중치 몇 개만 남깁니다.',
      en: 'L1 drives small weights to exactly 0 and keeps a few important ones.',
    },
    { l1: 0.005 },
    'lecture 05 (L1 규제); setup of textbook §6.4.2 with an L1 term',
  ),
  overfit(
    'overfit-dropout',
    { ko: '과적합 방지: 드롭아웃 0.3', en: 'Remedy: dropout 0.3' },
    {
      ko: '드롭아웃은 매 단계 일부 뉴런을 끄고 학습합니다. 끝(301 에폭)에서 훈련/시험 정확도 차이가 기준 신경망의 절반 안팎(0.34~0.53배)으로 작지만, 학습률 0.01에서는 천천히 배워 훈련 정확도가 48~72%에 그치고 시험 정확도도 기준 신경망보다 낮습니다(39~62%).',
      en: 'Dropout switches neurons off at random every step. At its end (301 epochs) the train/test gap is about half the baseline’s (0.34–0.53 ×), but at lr 0.01 it learns slowly: training accuracy only reaches 48–72 %, and test accuracy stays below the baseline’s (39–62 %).',
    },
    { dropout: 0.3, epochs: 301 },
    'textbook §6.4.3 overfit_dropout.py (301 epochs). The book drops 0.2 without rescaling (its activations shrink by 0.8 in every layer while training); inverted dropout at 0.2 learns faster and ends with 0.82–0.99 × the baseline’s gap, so this preset drops 0.3, which gives the book’s curve',
  ),
  overfit(
    'overfit-batchnorm',
    { ko: '과적합 억제: 배치 정규화', en: 'Remedy: batch normalization' },
    {
      ko: '배치 정규화는 학습을 훨씬 빠르게 합니다(20 에폭에 훈련 정확도 89~91%, 기준 신경망은 39~59%). 강의는 과적합도 억제한다고 하지만, 이 300장 실험에서는 훈련-시험 간격이 줄지 않고 끝의 시험 정확도는 오히려 낮습니다(58~63% 대 74~76%). 직접 확인하고 이유를 생각해 보세요.',
      en: 'Batch normalization makes learning much faster (89–91 % training accuracy at epoch 20, the baseline 39–59 %). The lecture also says it curbs overfitting; on these 300 images the train/test gap does not shrink, and its test accuracy at the end is lower (58–63 % against 74–76 %): see for yourself, and think about why.',
    },
    { batchNorm: true },
    'lecture 05 (배치 정규화); setup of textbook §6.4.1 with batch norm',
  ),
];

// ── batch norm across initial weight scales (textbook §6.3.2, batch_norm_test.py) ──

/** A spread of the textbook's np.logspace(0, −4, 16) scales: diverging, near He, and too small. */
export const BATCH_NORM_SCALES = [1, 0.293, 0.0464, 0.00736, 0.00117] as const;

function batchNormPreset(scale: number, batchNorm: boolean): TrainPreset {
  const label = batchNorm ? 'BN' : 'no BN';
  return {
    id: `bn-${batchNorm ? 'on' : 'off'}-std-${String(scale).replace('.', '_')}`,
    kind: 'train',
    experiment: 'batchnorm-scales',
    part: 'batch-norm',
    title: { ko: `배치 정규화 ${batchNorm ? '사용' : '없음'}: 초기 표준편차 ${scale}`, en: `${label}: initial std ${scale}` },
    claim: batchNorm
      ? { ko: '배치 정규화를 쓰면 초기값에 크게 의존하지 않고 빠르게 학습됩니다.', en: 'With batch norm the network learns fast whatever the initial scale.' }
      : { ko: '배치 정규화 없이는 He 근처의 초기값에서만 학습됩니다.', en: 'Without batch norm only scales near He’s learn.' },
    source: 'textbook §6.3.2 batch_norm_test.py (1000 images, 784-100×5-10 ReLU, SGD lr 0.01, batch 100, 20 epochs)',
    spec: {
      version: 1,
      name: `${label}, std ${scale}`,
      seed: SEED,
      dataset: { name: 'mnist', trainSize: 1000, testSize: 1000 },
      layers: [
        ...hidden(5, 100, { activation: 'relu', init: { name: 'normal', std: scale }, batchNorm }),
        { units: 10, activation: 'softmax', init: { name: 'normal', std: scale } },
      ],
      optimizer: { name: 'sgd', lr: 0.01 },
      training: { batchSize: 100, epochs: 20, sampling: 'replacement' },
      diagnostics: { every: 10, bins: 30 },
    },
  };
}

const BATCH_NORM_PRESETS: TrainPreset[] = BATCH_NORM_SCALES.flatMap((scale) => [batchNormPreset(scale, false), batchNormPreset(scale, true)]);

// ── optimizers on MNIST (textbook §6.1.8, optimizer_compare_mnist.py) ──

function optimizerPreset(name: 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam', lr: number, claim: LocalizedText): TrainPreset {
  const title = OPTIMIZER_NAMES[name];
  return {
    id: `optimizer-${name}`,
    kind: 'train',
    experiment: 'optimizers-mnist',
    part: 'optimizers',
    title: { ko: `최적화 기법 비교: ${title.ko}`, en: `Optimizer comparison: ${title.en}` },
    claim,
    source: 'textbook §6.1.8 optimizer_compare_mnist.py (784-100×4-10 ReLU/He, batch 128, 2000 iterations, book defaults)',
    spec: {
      version: 1,
      name: title.en,
      seed: SEED,
      dataset: { name: 'mnist', trainSize: 60000, testSize: 10000 },
      layers: [...hidden(4, 100, { activation: 'relu', init: 'he' }), softmaxOutput()],
      optimizer: { name, lr },
      training: { batchSize: 128, iterations: 2000, sampling: 'replacement' },
      diagnostics: { every: 50, bins: 30 },
    },
  };
}

const others = { ko: '모멘텀, AdaGrad, Adam은 서로 비슷하게 SGD보다 빠릅니다.', en: 'Momentum, AdaGrad and Adam are close to each other and all faster than SGD.' };
const OPTIMIZER_PRESETS: TrainPreset[] = [
  optimizerPreset('sgd', 0.01, { ko: 'SGD가 가장 느리게 학습됩니다.', en: 'SGD is clearly the slowest.' }),
  optimizerPreset('momentum', 0.01, others),
  optimizerPreset('adagrad', 0.01, others),
  optimizerPreset('rmsprop', 0.01, others),
  optimizerPreset('adam', 0.001, others),
];

// ── backprop review: the slide's 2-2-1 network as a one-step run ──

const BACKPROP_PRESET: TrainPreset = {
  id: 'backprop-lecture-network',
  kind: 'train',
  experiment: 'backprop',
  part: 'backprop',
  title: { ko: '역전파 되짚어보기: 강의의 2-2-1 신경망', en: 'Backprop review: the lecture’s 2-2-1 network' },
  claim: {
    ko: '입력 (1, −1)에서 은닉 뉴런은 0.73과 0.5, 출력은 0.23 → 0.55입니다. 한 번의 갱신이 오차를 줄입니다.',
    en: 'For input (1, −1) the hidden neurons give 0.73 and 0.5 and the output 0.23 → 0.55; one update reduces the error.',
  },
  dataTitle: { ko: '강의 슬라이드의 입력 (1, −1)', en: 'The slide’s input (1, −1)' },
  source: 'lecture slides "딥러닝 모델 학습 방법 되짚어보기" (target 1 and learning rate 0.5 are our choice: the slide gives none)',
  spec: {
    version: 1,
    name: 'Lecture 2-2-1 network',
    seed: SEED,
    dtype: 'float64',
    dataset: { name: 'inline', x: [[1, -1]], y: [[1]] },
    layers: [
      { units: 2, activation: 'sigmoid', init: { name: 'values', weights: [[2, 1], [1, 1]], bias: [0, 0] } },
      { units: 1, activation: 'sigmoid', init: { name: 'values', weights: [[1], [-1]], bias: [0] } },
    ],
    loss: 'mse',
    optimizer: { name: 'sgd', lr: 0.5 },
    training: { batchSize: 1, iterations: 1, shuffle: false },
    diagnostics: { every: 1, bins: 10 },
  },
};

// ── input features: a feature makes the circle linear (TensorFlow Playground's lesson) ──

/**
 * One sigmoid unit (logistic regression: a straight line as its boundary) on the clean circle, fed
 * either the point itself or its squares. Same seed, data and batches; only dataset.features differs.
 */
function featuresPreset(id: string, features: ('x1' | 'x2' | 'x1_squared' | 'x2_squared')[], title: LocalizedText, claim: LocalizedText): TrainPreset {
  return {
    id,
    kind: 'train',
    experiment: 'input-features-circle',
    part: 'input-features',
    title,
    claim,
    source: 'TensorFlow Playground (circle, no hidden layer, features X₁² and X₂²)',
    spec: {
      version: 1,
      name: title.en,
      seed: SEED,
      dataset: { name: 'circle', samples: 200, noise: 0, testFraction: 0.5, features },
      layers: [{ units: 1, activation: 'sigmoid', init: 'xavier' }],
      optimizer: { name: 'sgd', lr: 0.1 },
      training: { batchSize: 10, iterations: 300 },
      diagnostics: { every: 10, bins: 20 },
    },
  };
}

const FEATURES_PRESETS: TrainPreset[] = [
  featuresPreset(
    'features-circle-xy',
    ['x1', 'x2'],
    { ko: '입력 특성: 원 데이터를 x₁, x₂만으로 (은닉층 없음)', en: 'Input features: the circle from x₁, x₂ alone (no hidden layer)' },
    {
      ko: '은닉층이 없으면 경계는 직선입니다. 어떤 직선도 원과 그 바깥 고리를 나누지 못해 정확도가 낮게 머뭅니다.',
      en: 'Without a hidden layer the boundary is a straight line, and no line separates a disc from the ring around it: accuracy stays low.',
    },
  ),
  featuresPreset(
    'features-circle-squares',
    ['x1_squared', 'x2_squared'],
    { ko: '입력 특성: 원 데이터를 x₁², x₂²로 (은닉층 없음)', en: 'Input features: the circle from x₁², x₂² (no hidden layer)' },
    {
      ko: 'x₁² + x₂² < r²는 (x₁², x₂²) 평면의 직선 한쪽입니다. 특성이 문제를 선형으로 만들어 출력층 하나로 거의 다 맞힙니다.',
      en: 'x₁² + x₂² < r² is one side of a straight line in the (x₁², x₂²) plane: the features make the problem linear, and the output layer alone gets almost every point right.',
    },
  ),
];

/** Every preset, in lecture order. */
export const PRESETS: readonly Preset[] = [
  BACKPROP_PRESET,
  ...FEATURES_PRESETS,
  ...VANISHING_PRESETS,
  ...PROBE_PRESETS,
  ...INIT_PRESETS,
  ...OVERFIT_PRESETS,
  ...BATCH_NORM_PRESETS,
  ...OPTIMIZER_PRESETS,
];

/** The preset with this id, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/**
 * The step a training preset's run ends at: its last update, after which come its last evaluation
 * and diagnostics snapshot, the numbers its run ends with. `training.iterations`, or epochs ×
 * steps per epoch (⌈training images / batch⌉, the trainer's rule for the presets' datasets, which
 * have no single-sample last batch). Throws for an unknown or probe preset.
 */
export function presetEndStep(presetId: string): number {
  const preset = findPreset(presetId);
  if (preset?.kind !== 'train') throw new Error(`no training preset "${presetId}"`);
  const { training, dataset } = preset.spec;
  if (training.iterations !== undefined) return training.iterations;
  const trainSize = dataset.name === 'mnist' ? (dataset.trainSize ?? MNIST_TRAIN_SIZE) : dataset.name === 'inline' ? dataset.x.length : null;
  if (trainSize === null || training.epochs === undefined) throw new Error(`preset "${presetId}": no end step for this dataset or length`);
  return training.epochs * Math.ceil(trainSize / training.batchSize);
}
