import { ACTIVATION_NAMES } from '../../run-names';
import { layerListWords } from '../../layer-words';
import { OPTIMIZER_NAMES } from '../../optimizer-names';

/**
 * Where a run's spec differs from its preset's, in Korean words for the claim's message: "은닉층
 * 1–10 활성화 함수 sigmoid → ReLU" rather than `layers[0–9].activation "sigmoid" → "relu"` (the English
 * message keeps the spec's paths, which the CLI's users write). Names as the compare table's.
 */
const FIELDS: Record<string, string> = {
  seed: '시드',
  loss: '손실 함수',
  'dataset.name': '데이터셋',
  'optimizer.name': '최적화 기법',
  'optimizer.lr': '학습률',
  'optimizer.momentum': '모멘텀',
  'regularization.l1': 'L1 규제',
  'regularization.l2': 'L2 규제',
  'regularization.l1Method': 'L1 적용 방식',
  'training.batchSize': '배치 크기',
  'training.sampling': '배치 뽑는 방식',
  'training.shuffle': '에폭마다 섞기',
};

const LAYER_FIELDS: Record<string, string> = {
  units: '뉴런 수',
  activation: '활성화 함수',
  init: '가중치 초기화',
  'init.name': '가중치 초기화',
  'init.std': '초기화 표준편차',
  dropout: '드롭아웃 비율',
  batchNorm: '배치 정규화',
};

const INITS: Record<string, string> = { xavier: 'Xavier', he: 'He', normal: '정규분포', uniform: '균등분포', zeros: '0', constant: '상수', values: '직접 입력한 값', glorot_uniform: 'Glorot 균등', he_uniform: 'He 균등' };

/**
 * "은닉층 1–10 활성화 함수", "출력층 뉴런 수", "학습률"; a path with no Korean name as it is. Layers
 * are named as the builder names them (layer-words.ts); the last of `layerCount` (the run's weight
 * layers, null when not known) is 출력층.
 */
export function koreanFieldName(field: string, layerCount: number | null): string {
  const layer = /^layers\[(\d+)(?:–(\d+))?((?:,\d+)*)\](?:\.(.+))?$/.exec(field);
  if (layer) {
    const first = Number(layer[1]);
    const span = layer[2] === undefined ? [first] : Array.from({ length: Number(layer[2]) - first + 1 }, (_, i) => first + i);
    const listed = layer[3] ? layer[3].slice(1).split(',').map(Number) : [];
    const name = layerListWords([...span, ...listed], layerCount, 'ko');
    const rest = layer[4];
    return rest === undefined ? name : `${name} ${LAYER_FIELDS[rest] ?? rest}`;
  }
  return FIELDS[field] ?? field;
}

/**
 * A field a spec patch sets, in Korean: a layer's own field ("activation" → 활성화 함수) or a
 * dotted path ("optimizer.lr" → 학습률); a field with no Korean name as it is.
 */
export function koreanPatchField(field: string, inLayer: boolean): string {
  return (inLayer ? LAYER_FIELDS[field] : FIELDS[field]) ?? field;
}

/** A spec value in Korean words: ReLU, 모멘텀, 정규분포(표준편차 0.01), 켬/끔; "—" where the spec has none. */
export function koreanValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? '켬' : '끔';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return ACTIVATION_NAMES[value as keyof typeof ACTIVATION_NAMES]?.ko ?? OPTIMIZER_NAMES[value as keyof typeof OPTIMIZER_NAMES]?.ko ?? INITS[value] ?? value;
  if (typeof value === 'object' && !Array.isArray(value) && typeof (value as { name?: unknown }).name === 'string') {
    const init = value as { name: string; std?: number };
    const name = INITS[init.name] ?? init.name;
    return init.std === undefined ? name : `${name}(표준편차 ${init.std})`;
  }
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
