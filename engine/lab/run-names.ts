import type { ActivationName, RunSpec } from '../api/run-spec';
import type { LocalizedText } from './presets';

/** The language of the names the app makes for runs (not of names people give them). */
export type NameLanguage = 'ko' | 'en';

/** Activations as the lecture writes them: ReLU, sigmoid, tanh; 선형 for linear in Korean. */
export const ACTIVATION_NAMES: Record<ActivationName, LocalizedText> = {
  sigmoid: { ko: 'sigmoid', en: 'sigmoid' },
  tanh: { ko: 'tanh', en: 'tanh' },
  relu: { ko: 'ReLU', en: 'ReLU' },
  leaky_relu: { ko: 'Leaky ReLU', en: 'Leaky ReLU' },
  elu: { ko: 'ELU', en: 'ELU' },
  linear: { ko: '선형', en: 'linear' },
  softmax: { ko: 'softmax', en: 'softmax' },
};

/** The built-in data sets as the builder calls them. */
const DATASET_NAMES: Record<string, LocalizedText> = {
  circle: { ko: '원', en: 'circle' },
  xor: { ko: 'XOR', en: 'xor' },
  gauss: { ko: '가우시안', en: 'gauss' },
  spiral: { ko: '나선', en: 'spiral' },
  mnist: { ko: 'MNIST', en: 'mnist' },
  inline: { ko: '직접 넣은 데이터', en: 'inline' },
};

/**
 * A run's name when its spec gives none, in `language`: "원, ReLU" / "circle, relu" (English keeps
 * the spec's own words, as the CLI has always named runs). A spec's own name is returned as it is.
 */
export function automaticRunName(spec: RunSpec, language: NameLanguage): string {
  if (spec.name !== undefined) return spec.name;
  const hidden = spec.layers.length > 1 ? spec.layers.slice(0, -1) : spec.layers;
  const activations = [...new Set(hidden.map((layer) => layer.activation))];
  if (language === 'en') return `${spec.dataset.name}, ${activations.join(', ')}`;
  return `${DATASET_NAMES[spec.dataset.name]?.ko ?? spec.dataset.name}, ${activations.map((a) => ACTIVATION_NAMES[a].ko).join(', ')}`;
}

/** The suffix of a seed group's run: " (seed 3)" / " (시드 3)". */
export function seedSuffix(seed: number, language: NameLanguage): string {
  return language === 'ko' ? ` (시드 ${seed})` : ` (seed ${seed})`;
}

/** The suffix of a duplicated run's spec: " (copy)" / " (사본)". */
export function copySuffix(language: NameLanguage): string {
  return language === 'ko' ? ' (사본)' : ' (copy)';
}

/** A seed group run's name split into the group's name and its seed, in either language; null when it is not one. */
export function splitSeedName(name: string): { base: string; seed: number } | null {
  const match = /^(.*) \((?:seed|시드) (\d+)\)$/.exec(name);
  return match ? { base: match[1]!, seed: Number(match[2]) } : null;
}

/** A run summary's activations ("relu", "sigmoid, relu") as the lecture writes them ("ReLU", "sigmoid, ReLU"). */
export function activationListText(activations: string, language: NameLanguage): string {
  return listInWords(activations, ACTIVATION_NAMES, language);
}

/** A run summary's ", "-joined list with each name the table knows in `language`; others as they are. */
function listInWords(list: string, names: Record<string, LocalizedText>, language: NameLanguage): string {
  return list
    .split(', ')
    .map((name) => (Object.hasOwn(names, name) ? names[name]![language] : name))
    .join(', ');
}

/** Initializations as a run summary names them ("xavier", "normal", "values", "default"), in words. */
const INIT_NAMES: Record<string, LocalizedText> = {
  xavier: { ko: 'Xavier', en: 'Xavier' },
  he: { ko: 'He', en: 'He' },
  glorot_uniform: { ko: 'Glorot 균등', en: 'Glorot uniform' },
  he_uniform: { ko: 'He 균등', en: 'He uniform' },
  normal: { ko: '정규분포', en: 'normal' },
  uniform: { ko: '균등분포', en: 'uniform' },
  zeros: { ko: '0', en: 'zeros' },
  constant: { ko: '상수', en: 'constant' },
  values: { ko: '직접 입력한 값', en: 'values' },
  default: { ko: '기본값', en: 'default' },
};

/** A run summary's initializations ("xavier, normal", "values") in `language` ("Xavier, 정규분포", "직접 입력한 값"). */
export function initListText(inits: string, language: NameLanguage): string {
  return listInWords(inits, INIT_NAMES, language);
}

/** A run summary's regularization ("L1 0.001, L2 0.1, dropout 0.2, batch norm") in `language`. */
export function regularizationText(text: string, language: NameLanguage): string {
  if (language === 'en') return text;
  return text.replace(/\bdropout\b/g, '드롭아웃').replace(/\bbatch norm\b/g, '배치 정규화');
}
