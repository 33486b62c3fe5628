import type { ActivationName } from '$engine/api/run-spec';
import type { ConfigDifference } from '$engine/api/runs';
import { ACTIVATION_NAMES } from '$engine/lab/run-names';
import { specFieldLabel } from '$engine/lab/spec-field-labels';
import type { CompareMessageKey, CompareTranslate } from '../i18n/messages/compare';

/** One row of the config diff table: the setting, named for people, and each run's value as text. */
export interface DiffRow {
  /** The spec's JSON path, e.g. `layers[0].activation` (shown small beside the label). */
  readonly field: string;
  /** "층 1 활성화 함수". */
  readonly label: string;
  /** One text per run, in the runs' order. */
  readonly values: readonly string[];
}

/** Fields that are not settings of the run: its name is shown in every column's heading already. */
const HIDDEN_FIELDS = new Set(['name']);

const INIT_KEYS: Record<string, CompareMessageKey> = {
  zeros: 'initZeros',
  xavier: 'initXavier',
  he: 'initHe',
  glorot_uniform: 'initGlorotUniform',
  he_uniform: 'initHeUniform',
};

const TEXT_KEYS: Record<string, CompareMessageKey> = {
  softmax_cross_entropy: 'lossSoftmax',
  binary_cross_entropy: 'lossBce',
  mse: 'lossMse',
  replacement: 'samplingReplacement',
  proximal: 'l1Proximal',
  subgradient: 'l1Subgradient',
};

/** Data sets as the builder names them. */
const DATASET_KEYS: Record<string, CompareMessageKey> = { circle: 'dataCircle', xor: 'dataXor', gauss: 'dataGauss', spiral: 'dataSpiral', mnist: 'dataMnist', inline: 'fieldInlineData' };

const DTYPE_KEYS: Record<string, CompareMessageKey> = { float64: 'dtypeFloat64', float32: 'dtypeFloat32' };

/** Optimizers as the lecture writes them (engine/lab/optimizer-names.ts), through the table's messages. */
const OPTIMIZER_KEYS: Record<string, CompareMessageKey> = {
  sgd: 'optimizerSgd',
  momentum: 'optimizerMomentum',
  nesterov: 'optimizerNesterov',
  adagrad: 'optimizerAdagrad',
  rmsprop: 'optimizerRmsprop',
  adam: 'optimizerAdam',
};

/**
 * A number as it was written: integers with thousands separators (60,000), others with up to 6
 * significant digits and no float noise (0.1, 0.03, 1e-7).
 */
export function formatConfigNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString('en-US');
  return String(Number(value.toPrecision(6)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An initializer (a name, or an object such as { name: "normal", std: 0.01 }) in words. */
function formatInit(value: unknown, t: CompareTranslate): string | null {
  if (typeof value === 'string') return INIT_KEYS[value] ? t(INIT_KEYS[value]) : null;
  if (!isRecord(value) || typeof value.name !== 'string') return null;
  const number = (v: unknown) => (typeof v === 'number' ? formatConfigNumber(v) : '?');
  switch (value.name) {
    case 'normal':
      return t('initNormal', { std: number(value.std) });
    case 'uniform':
      return t('initUniform', { limit: number(value.limit) });
    case 'constant':
      return t('initConstant', { value: number(value.value) });
    case 'values': {
      const weights = Array.isArray(value.weights) ? value.weights : [];
      const columns = Array.isArray(weights[0]) ? (weights[0] as unknown[]).length : 0;
      return t('initValues', { rows: weights.length, cols: columns });
    }
    default: {
      const key = INIT_KEYS[value.name];
      return key ? t(key) : null;
    }
  }
}

/**
 * One run's value of a differing field, readable: numbers as written, on/off for switches, "없음"
 * for a field the run's spec lacks, initializers in words ("정규분포 (표준편차 0.01)"), losses and
 * optimizers by name, activation names as the lecture writes them (sigmoid, relu), arrays by size.
 */
export function formatConfigValue(value: unknown, t: CompareTranslate, field = ''): string {
  if (value === undefined || value === null) return t('valueAbsent');
  if (typeof value === 'number') return formatConfigNumber(value);
  if (typeof value === 'boolean') return t(value ? 'valueOn' : 'valueOff');
  if (/(^|\.)init$/.test(field) || (/\.init\.name$/.test(field) && typeof value === 'string')) {
    const init = formatInit(value, t);
    if (init !== null) return init;
  }
  if (typeof value === 'string') {
    if (/(^|\.)activation$/.test(field)) return value === 'linear' ? t('activationLinear') : (ACTIVATION_NAMES[value as ActivationName]?.en ?? value);
    if (field === 'dataset.name' && DATASET_KEYS[value]) return t(DATASET_KEYS[value]);
    if (field === 'dtype' && DTYPE_KEYS[value]) return t(DTYPE_KEYS[value]);
    if (field === 'optimizer.name') return OPTIMIZER_KEYS[value] ? t(OPTIMIZER_KEYS[value]) : value;
    if (field === 'training.sampling' && value === 'epoch') return t('samplingEpoch');
    return TEXT_KEYS[value] ? t(TEXT_KEYS[value]) : value;
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(Array.isArray)) return t('valueMatrix', { rows: value.length, cols: (value[0] as unknown[]).length });
    if (value.length <= 6 && value.every((v) => typeof v === 'number')) return value.map((v) => formatConfigNumber(v as number)).join(', ');
    return t('valueList', { n: value.length });
  }
  if (isRecord(value)) {
    const init = formatInit(value, t);
    if (init !== null) return init;
    return Object.entries(value)
      .map(([key, inner]) => `${key}: ${formatConfigValue(inner, t, `${field}.${key}`)}`)
      .join(', ');
  }
  return String(value);
}

/**
 * A spec path named for people (engine/lab/spec-field-labels.ts, the table the CLI reads too):
 * `optimizer.lr` → "학습률", `layers[2].init.std` → "은닉층 3 초기화 표준편차"; the last layer is
 * "출력층" when `layerCount` (the runs' common number of layers) is given.
 */
export function configFieldLabel(field: string, t: CompareTranslate, layerCount: number | null = null): string {
  return specFieldLabel(field, t, layerCount);
}

/**
 * The config diff table's rows: every difference except the run's name, labelled and formatted.
 * `layerCount` is the runs' common number of layers (null when they differ), so the last layer
 * reads "출력층".
 */
export function diffRows(differences: readonly ConfigDifference[], t: CompareTranslate, layerCount: number | null = null): DiffRow[] {
  return differences
    .filter((difference) => !HIDDEN_FIELDS.has(difference.field))
    .map((difference) => ({
      field: difference.field,
      label: configFieldLabel(difference.field, t, layerCount),
      values: difference.values.map((value) => formatConfigValue(value, t, difference.field)),
    }));
}

/** What the group table reads of a group: its runs' seeds. */
export interface SeededGroup {
  readonly runs: readonly { readonly detail: { readonly seed: number } }[];
}

/** A group's seed as the table shows it: the seed its runs share, or "시드 5개" for 5 different ones. */
export function groupSeedText(group: SeededGroup, t: CompareTranslate): string {
  const seeds = new Set(group.runs.map((run) => run.detail.seed));
  return seeds.size >= 2 ? t('seedValues', { n: seeds.size }) : formatConfigNumber([...seeds][0] ?? Number.NaN);
}

/**
 * The config diff table's rows between groups: `differences` are compareRuns' over each group's
 * first run, and its seed row is replaced by each group's seeds ("시드 5개" for a seed group, the
 * one seed of a single run), present whenever the groups' seeds read differently.
 */
export function groupDiffRows(differences: readonly ConfigDifference[], groups: readonly SeededGroup[], t: CompareTranslate, layerCount: number | null = null): DiffRow[] {
  const rows = diffRows(differences, t, layerCount);
  const at = rows.findIndex((row) => row.field === 'seed');
  const others = rows.filter((row) => row.field !== 'seed');
  const seeds = groups.map((group) => groupSeedText(group, t));
  if (new Set(seeds).size <= 1) return others;
  const seedRow: DiffRow = { field: 'seed', label: configFieldLabel('seed', t, layerCount), values: seeds };
  const place = at < 0 ? 0 : at;
  return [...others.slice(0, place), seedRow, ...others.slice(place)];
}
