import type { InputFeature } from '$engine/api/input-features';
import { sendsUnchanged } from '$engine/api/socket-codec';
import { hasPlaneInputs } from './input-feature-choice';
import { MAX_UNITS, type ActivationName, type InitSpec, type LossName, type OptimizerName, type RunSpec, type RunSpecInput, type ToyDatasetName } from '$engine/api/run-spec';

/**
 * The network builder edits a Draft: every knob of a RunSpec as a plain field a form control can
 * bind to. `draftToSpec` turns it into the RunSpec the engine validates, so the UI never invents
 * its own rules: a bad value comes back as a SpecError naming the RunSpec field.
 */

export type InitChoice = 'zeros' | 'xavier' | 'he' | 'glorot_uniform' | 'he_uniform' | 'normal' | 'uniform' | 'constant' | 'values';
export const INIT_CHOICES: readonly InitChoice[] = ['xavier', 'he', 'normal', 'uniform', 'glorot_uniform', 'he_uniform', 'zeros', 'constant'];

export interface DraftLayer {
  units: number;
  activation: ActivationName;
  init: InitChoice;
  /** std for normal, limit for uniform, value for constant. */
  initParam: number;
  /** Explicit weights when init is 'values' (kept from a preset, not edited in the form). */
  initValues: Extract<InitSpec, { name: 'values' }> | null;
  batchNorm: boolean;
  dropout: number;
}

export type DatasetChoice = ToyDatasetName | 'mnist' | 'inline';

/**
 * A file's points in the draft, replaced as a whole, never edited in place. A class, not a plain
 * object: $state proxies plain objects and arrays all the way down, and 50,000 points behind
 * proxies made every read of the spec crawl (issue 15); Svelte leaves class instances as they are.
 */
export class InlineData {
  readonly fileName: string;
  readonly x: number[][];
  readonly y: number[] | number[][];
  readonly test?: { x: number[][]; y: number[] | number[][] };

  constructor(fileName: string, x: number[][], y: number[] | number[][], test?: { x: number[][]; y: number[] | number[][] }) {
    this.fileName = fileName;
    this.x = x;
    this.y = y;
    if (test) this.test = test;
    // Sent with every check, preview and start of the spec: encoded once (socket-codec.ts).
    for (const points of [x, y, test?.x, test?.y]) if (points) sendsUnchanged(points);
  }
}

export interface Draft {
  name: string;
  seed: number;
  dtype: 'float32' | 'float64';
  /** `features`: the input features of 2-D points (null: none named, the network reads x1, x2). */
  dataset: { name: DatasetChoice; samples: number; noise: number; testFraction: number; trainSize: number; testSize: number; inline: InlineData | null; features: InputFeature[] | null };
  /** Hidden layers, then the output layer. */
  layers: DraftLayer[];
  loss: LossName;
  optimizer: { name: OptimizerName; lr: number; momentum: number; beta1: number; beta2: number };
  l1: number;
  l2: number;
  batchSize: number;
  lengthMode: 'epochs' | 'iterations';
  epochs: number;
  iterations: number;
  shuffle: boolean;
  sampling: 'epoch' | 'replacement';
  evalEvery: number | null;
  useTargetLoss: boolean;
  targetLoss: number;
  useEarlyStopping: boolean;
  patience: number;
  diagnosticsEvery: number;
  bins: number;
}

/** What a class starts with: Playground's first screen (circle, 4-2 tanh), trained with SGD. */
export function defaultDraft(): Draft {
  return {
    name: '',
    seed: 1,
    dtype: 'float32',
    dataset: { name: 'circle', samples: 500, noise: 0.1, testFraction: 0.5, trainSize: 1000, testSize: 1000, inline: null, features: null },
    layers: [hiddenLayer(4, 'tanh'), hiddenLayer(2, 'tanh'), outputLayer(2)],
    loss: 'softmax_cross_entropy',
    optimizer: { name: 'sgd', lr: 0.03, momentum: 0.9, beta1: 0.9, beta2: 0.999 },
    l1: 0,
    l2: 0,
    batchSize: 10,
    lengthMode: 'epochs',
    epochs: 50,
    iterations: 1000,
    shuffle: true,
    sampling: 'epoch',
    evalEvery: null,
    useTargetLoss: false,
    targetLoss: 0.05,
    useEarlyStopping: false,
    patience: 5,
    diagnosticsEvery: 10,
    bins: 30,
  };
}

/**
 * A neuron count after − / + (delta ±1): a typed fraction or out-of-range number steps back into
 * 1…MAX_UNITS, so the buttons always lead towards a valid spec; an empty field stays empty (its
 * error is already shown).
 */
export function steppedUnits(units: number, delta: 1 | -1): number {
  if (!Number.isFinite(units)) return units;
  return Math.min(MAX_UNITS, Math.max(1, Math.round(units) + delta));
}

export function hiddenLayer(units: number, activation: ActivationName): DraftLayer {
  return { units, activation, init: activation === 'relu' || activation === 'leaky_relu' || activation === 'elu' ? 'he' : 'xavier', initParam: 0.01, initValues: null, batchNorm: false, dropout: 0 };
}

export function outputLayer(units: number): DraftLayer {
  return { units, activation: 'softmax', init: 'xavier', initParam: 0.01, initValues: null, batchNorm: false, dropout: 0 };
}

/** The RunSpec a draft describes (not yet validated). */
export function draftToSpec(draft: Draft): RunSpecInput {
  const { dataset } = draft;
  const datasetSpec: RunSpecInput['dataset'] =
    dataset.name === 'mnist'
      ? { name: 'mnist', trainSize: dataset.trainSize, testSize: dataset.testSize }
      : dataset.name === 'inline'
        ? { name: 'inline', x: dataset.inline?.x ?? [], y: dataset.inline?.y ?? [], ...(dataset.inline?.test ? { test: dataset.inline.test } : {}) }
        : { name: dataset.name, samples: dataset.samples, noise: dataset.noise, testFraction: dataset.testFraction };
  // Kept in the draft across datasets (as Playground does); written only where the data are points.
  if (dataset.features !== null && dataset.name !== 'mnist' && hasPlaneInputs(dataset)) Object.assign(datasetSpec, { features: [...dataset.features] });
  const { optimizer } = draft;
  const optimizerSpec: RunSpecInput['optimizer'] = { name: optimizer.name, lr: optimizer.lr };
  if (optimizer.name === 'momentum' || optimizer.name === 'nesterov') optimizerSpec.momentum = optimizer.momentum;
  if (optimizer.name === 'adam') Object.assign(optimizerSpec, { beta1: optimizer.beta1, beta2: optimizer.beta2 });
  const training: RunSpecInput['training'] = {
    batchSize: draft.batchSize,
    ...(draft.lengthMode === 'epochs' ? { epochs: draft.epochs } : { iterations: draft.iterations }),
    shuffle: draft.shuffle,
    sampling: draft.sampling,
    ...(draft.evalEvery === null ? {} : { evalEvery: draft.evalEvery }),
    ...(draft.useTargetLoss ? { targetLoss: draft.targetLoss } : {}),
    ...(draft.useEarlyStopping ? { earlyStopping: { patience: draft.patience } } : {}),
  };
  return {
    version: 1,
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    seed: draft.seed,
    dtype: draft.dtype,
    dataset: datasetSpec,
    layers: draft.layers.map((layer) => ({ units: layer.units, activation: layer.activation, init: initSpec(layer), batchNorm: layer.batchNorm, dropout: layer.dropout })),
    loss: draft.loss,
    optimizer: optimizerSpec,
    regularization: { l1: draft.l1, l2: draft.l2 },
    training,
    diagnostics: { every: draft.diagnosticsEvery, bins: draft.bins },
  };
}

function initSpec(layer: DraftLayer): InitSpec {
  switch (layer.init) {
    case 'normal':
      return { name: 'normal', std: layer.initParam };
    case 'uniform':
      return { name: 'uniform', limit: layer.initParam };
    case 'constant':
      return { name: 'constant', value: layer.initParam };
    case 'values':
      return layer.initValues ?? 'xavier';
    default:
      return layer.init;
  }
}

/** A draft from a parsed spec (a preset's, a stored run's); every field of the spec is kept. */
export function specToDraft(spec: RunSpec): Draft {
  const draft = defaultDraft();
  const d = spec.dataset;
  draft.name = spec.name ?? '';
  draft.seed = spec.seed;
  draft.dtype = spec.dtype;
  if (d.name === 'mnist') Object.assign(draft.dataset, { name: 'mnist', trainSize: d.trainSize, testSize: d.testSize });
  else if (d.name === 'inline') Object.assign(draft.dataset, { name: 'inline', inline: new InlineData(spec.name ?? 'inline', d.x, d.y, d.test) });
  else Object.assign(draft.dataset, { name: d.name, samples: d.samples, noise: d.noise, testFraction: d.testFraction });
  draft.dataset.features = d.name === 'mnist' || d.features === undefined ? null : [...d.features];
  draft.layers = spec.layers.map((layer) => {
    const init = layer.init ?? 'xavier';
    const base: DraftLayer = { units: layer.units, activation: layer.activation, init: 'xavier', initParam: 0.01, initValues: null, batchNorm: layer.batchNorm, dropout: layer.dropout };
    if (typeof init === 'string') return { ...base, init };
    if (init.name === 'normal') return { ...base, init: 'normal', initParam: init.std };
    if (init.name === 'uniform') return { ...base, init: 'uniform', initParam: init.limit };
    if (init.name === 'constant') return { ...base, init: 'constant', initParam: init.value };
    if (init.name === 'values') return { ...base, init: 'values', initValues: init };
    return { ...base, init: init.name };
  });
  draft.loss = spec.loss;
  const o = spec.optimizer;
  draft.optimizer = { name: o.name, lr: o.lr ?? draft.optimizer.lr, momentum: o.momentum ?? 0.9, beta1: o.beta1 ?? 0.9, beta2: o.beta2 ?? 0.999 };
  draft.l1 = spec.regularization.l1;
  draft.l2 = spec.regularization.l2;
  const t = spec.training;
  draft.batchSize = t.batchSize;
  draft.lengthMode = t.epochs !== undefined ? 'epochs' : 'iterations';
  if (t.epochs !== undefined) draft.epochs = t.epochs;
  if (t.iterations !== undefined) draft.iterations = t.iterations;
  draft.shuffle = t.shuffle;
  draft.sampling = t.sampling;
  draft.evalEvery = t.evalEvery ?? null;
  draft.useTargetLoss = t.targetLoss !== undefined;
  if (t.targetLoss !== undefined) draft.targetLoss = t.targetLoss;
  draft.useEarlyStopping = t.earlyStopping !== undefined;
  if (t.earlyStopping) draft.patience = t.earlyStopping.patience;
  draft.diagnosticsEvery = spec.diagnostics.every;
  draft.bins = spec.diagnostics.bins;
  return draft;
}

/** Output width and loss a dataset calls for: one softmax unit per class. */
export function outputFor(dataset: DatasetChoice, inlineClasses: number | null): { units: number } {
  if (dataset === 'mnist') return { units: 10 };
  if (dataset === 'inline') return { units: inlineClasses ?? 2 };
  return { units: 2 };
}
