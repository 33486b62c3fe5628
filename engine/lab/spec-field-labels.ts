/**
 * A spec's settings named for people, in both languages: the one table the compare screen's config
 * table, the builder's problem lines and the CLI's error lines read ("training.batchSize" → 배치
 * 크기 / Batch size, "layers[2].init.std" → 은닉층 3 초기화 표준편차). The renderer's compare
 * catalogue spreads these words in, so a screen and a terminal name a setting alike.
 */
export const SPEC_FIELD_WORDS = {
  ko: {
    layerN: '은닉층 {n}',
    outputLayer: '출력층',
    fieldName: '이름',
    fieldLayers: '층',
    fieldRegularization: '규제',
    fieldTraining: '학습 길이',
    fieldEarlyStopping: '조기 종료',
    fieldDiagnostics: '진단',
    fieldSeed: '시드',
    fieldDtype: '수 형식',
    fieldDataset: '데이터셋',
    fieldSamples: '데이터 개수',
    fieldNoise: '잡음',
    fieldFeatures: '입력 특성',
    fieldTestFraction: '시험 데이터 비율',
    fieldTrainSize: '훈련 데이터 수',
    fieldTestSize: '시험 데이터 수',
    fieldInlineData: '직접 넣은 데이터',
    fieldUnits: '{layer} 뉴런 수',
    fieldActivation: '{layer} 활성화 함수',
    fieldInit: '{layer} 가중치 초기화',
    fieldInitStd: '{layer} 초기화 표준편차',
    fieldInitLimit: '{layer} 초기화 범위 ±',
    fieldInitValue: '{layer} 초기화 상수',
    fieldInitValues: '{layer} 초기 가중치 값',
    fieldBatchNorm: '{layer} 배치 정규화',
    fieldDropout: '{layer} 드롭아웃 비율',
    fieldLayerOther: '{layer} {field}',
    fieldLoss: '손실 함수',
    fieldOptimizer: '최적화 기법',
    fieldLr: '학습률',
    fieldMomentum: '모멘텀',
    fieldBeta1: 'Adam β₁',
    fieldBeta2: 'Adam β₂',
    fieldRho: 'RMSprop ρ',
    fieldEps: 'ε',
    fieldL1: 'L1 규제 λ₁',
    fieldL2: 'L2 규제 λ₂ (가중치 감소)',
    fieldL1Method: 'L1 적용 방식',
    fieldBatchSize: '배치 크기',
    fieldEpochs: '에폭 수',
    fieldIterations: '반복 횟수',
    fieldShuffle: '에폭마다 섞기',
    fieldSampling: '배치 뽑는 방식',
    fieldEvalEvery: '평가 간격 (단계)',
    fieldTargetLoss: '목표 손실',
    fieldPatience: '조기 종료: 기다릴 평가 수',
    fieldMinDelta: '조기 종료: 최소 개선',
    fieldDiagnosticsEvery: '진단 간격 (단계)',
    fieldBins: '히스토그램 구간 수',
  },
  en: {
    layerN: 'Hidden layer {n}',
    outputLayer: 'Output layer',
    fieldName: 'Name',
    fieldLayers: 'Layers',
    fieldRegularization: 'Regularization',
    fieldTraining: 'Training length',
    fieldEarlyStopping: 'Early stopping',
    fieldDiagnostics: 'Diagnostics',
    fieldSeed: 'Seed',
    fieldDtype: 'Number format',
    fieldDataset: 'Dataset',
    fieldSamples: 'Samples',
    fieldNoise: 'Noise',
    fieldFeatures: 'Input features',
    fieldTestFraction: 'Test fraction',
    fieldTrainSize: 'Training set size',
    fieldTestSize: 'Test set size',
    fieldInlineData: 'Entered data',
    fieldUnits: '{layer} units',
    fieldActivation: '{layer} activation',
    fieldInit: '{layer} weight initialization',
    fieldInitStd: '{layer} initialization std',
    fieldInitLimit: '{layer} initialization limit ±',
    fieldInitValue: '{layer} initialization constant',
    fieldInitValues: '{layer} initial weight values',
    fieldBatchNorm: '{layer} batch norm',
    fieldDropout: '{layer} dropout rate',
    fieldLayerOther: '{layer} {field}',
    fieldLoss: 'Loss function',
    fieldOptimizer: 'Optimizer',
    fieldLr: 'Learning rate',
    fieldMomentum: 'Momentum',
    fieldBeta1: 'Adam β₁',
    fieldBeta2: 'Adam β₂',
    fieldRho: 'RMSprop ρ',
    fieldEps: 'ε',
    fieldL1: 'L1 penalty λ₁',
    fieldL2: 'L2 penalty λ₂ (weight decay)',
    fieldL1Method: 'L1 method',
    fieldBatchSize: 'Batch size',
    fieldEpochs: 'Epochs',
    fieldIterations: 'Iterations',
    fieldShuffle: 'Shuffle each epoch',
    fieldSampling: 'Batch sampling',
    fieldEvalEvery: 'Evaluation interval (steps)',
    fieldTargetLoss: 'Target loss',
    fieldPatience: 'Early stopping: patience',
    fieldMinDelta: 'Early stopping: minimum improvement',
    fieldDiagnosticsEvery: 'Diagnostics interval (steps)',
    fieldBins: 'Histogram bins',
  },
} as const;

/** A word of the table. */
export type SpecFieldWordKey = keyof (typeof SPEC_FIELD_WORDS)['ko'];

/** Looks a word up with its {placeholders} filled: the renderer's translator, or specFieldWords(lang). */
export type SpecFieldWord = (key: SpecFieldWordKey, params?: Record<string, string | number>) => string;

/** The table's words in `lang`, placeholders filled, for code without the renderer's translator (the CLI). */
export function specFieldWords(lang: 'ko' | 'en'): SpecFieldWord {
  return (key, params = {}) => SPEC_FIELD_WORDS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Spec paths outside the layers → their word. */
const FIELD_KEYS: Readonly<Record<string, SpecFieldWordKey>> = {
  name: 'fieldName',
  seed: 'fieldSeed',
  dataset: 'fieldDataset',
  layers: 'fieldLayers',
  optimizer: 'fieldOptimizer',
  regularization: 'fieldRegularization',
  training: 'fieldTraining',
  'training.earlyStopping': 'fieldEarlyStopping',
  diagnostics: 'fieldDiagnostics',
  dtype: 'fieldDtype',
  'dataset.name': 'fieldDataset',
  'dataset.samples': 'fieldSamples',
  'dataset.noise': 'fieldNoise',
  'dataset.testFraction': 'fieldTestFraction',
  'dataset.features': 'fieldFeatures',
  'dataset.trainSize': 'fieldTrainSize',
  'dataset.testSize': 'fieldTestSize',
  loss: 'fieldLoss',
  'optimizer.name': 'fieldOptimizer',
  'optimizer.lr': 'fieldLr',
  'optimizer.momentum': 'fieldMomentum',
  'optimizer.beta1': 'fieldBeta1',
  'optimizer.beta2': 'fieldBeta2',
  'optimizer.rho': 'fieldRho',
  'optimizer.eps': 'fieldEps',
  'regularization.l1': 'fieldL1',
  'regularization.l2': 'fieldL2',
  'regularization.l1Method': 'fieldL1Method',
  'training.batchSize': 'fieldBatchSize',
  'training.epochs': 'fieldEpochs',
  'training.iterations': 'fieldIterations',
  'training.shuffle': 'fieldShuffle',
  'training.sampling': 'fieldSampling',
  'training.evalEvery': 'fieldEvalEvery',
  'training.targetLoss': 'fieldTargetLoss',
  'training.earlyStopping.patience': 'fieldPatience',
  'training.earlyStopping.minDelta': 'fieldMinDelta',
  'diagnostics.every': 'fieldDiagnosticsEvery',
  'diagnostics.bins': 'fieldBins',
};

/** A layer's own fields (after `layers[i].`) → their word. */
const LAYER_FIELD_KEYS: Readonly<Record<string, SpecFieldWordKey>> = {
  units: 'fieldUnits',
  activation: 'fieldActivation',
  init: 'fieldInit',
  'init.name': 'fieldInit',
  'init.std': 'fieldInitStd',
  'init.limit': 'fieldInitLimit',
  'init.value': 'fieldInitValue',
  'init.weights': 'fieldInitValues',
  'init.bias': 'fieldInitValues',
  batchNorm: 'fieldBatchNorm',
  dropout: 'fieldDropout',
};

/**
 * A spec path named for people: `optimizer.lr` → "학습률", `layers[2].init.std` → "은닉층 3
 * 초기화 표준편차"; the last layer is "출력층" when `layerCount` (the runs' common number of layers) is
 * given. Unknown paths are shown as they are.
 */
export function specFieldLabel(field: string, word: SpecFieldWord, layerCount: number | null = null): string {
  const layer = /^layers\[(\d+)\](?:\.(.+))?$/.exec(field);
  if (layer) {
    const index = Number(layer[1]);
    const name = layerCount !== null && index === layerCount - 1 ? word('outputLayer') : word('layerN', { n: index + 1 });
    const rest = layer[2];
    if (rest === undefined) return name;
    const key = LAYER_FIELD_KEYS[rest];
    return key ? word(key, { layer: name }) : word('fieldLayerOther', { layer: name, field: rest });
  }
  if (field.startsWith('dataset.') && !FIELD_KEYS[field]) return word('fieldInlineData');
  const key = FIELD_KEYS[field];
  return key ? word(key) : field;
}

/**
 * The names a problem gives the fields the builder edits, where they differ from the compare
 * table's (a problem with the batch size names the builder's box "배치 크기"; "에폭" is the box
 * the number goes into, the table's row is "에폭 수").
 */
export const PROBLEM_FIELD_LABELS: readonly { pattern: RegExp; ko: string; en: string }[] = [
  { pattern: /^dataset\.features/, ko: '입력 특성', en: 'Input features' },
  { pattern: /^training\.batchSize$/, ko: '배치 크기', en: 'Batch size' },
  { pattern: /^training\.epochs$/, ko: '에폭', en: 'Epochs' },
  { pattern: /^training\.iterations$/, ko: '반복 횟수', en: 'Iterations' },
  { pattern: /^training\.targetLoss$/, ko: '목표 손실', en: 'Target loss' },
  { pattern: /^training$/, ko: '학습 길이', en: 'Training length' },
  { pattern: /^optimizer\.lr$/, ko: '학습률', en: 'Learning rate' },
  { pattern: /^regularization\.l1$/, ko: 'L1 규제', en: 'L1' },
  { pattern: /^regularization\.l2$/, ko: 'L2 규제', en: 'L2' },
  { pattern: /^seed$/, ko: '시드', en: 'Seed' },
  { pattern: /^loss$/, ko: '손실 함수', en: 'Loss' },
  { pattern: /^diagnostics\.every$/, ko: '진단 간격', en: 'Diagnostics interval' },
];

/** The field a problem names, for people: the builder's name where it has one, else the compare table's. */
export function problemFieldLabel(field: string, lang: 'ko' | 'en', word: SpecFieldWord = specFieldWords(lang)): string {
  const label = PROBLEM_FIELD_LABELS.find(({ pattern }) => pattern.test(field));
  return label ? label[lang] : specFieldLabel(field, word);
}
