import { z } from 'zod';
import { INPUT_FEATURES } from './input-features';

/**
 * RunSpec version 1: the one description of a run (DESIGN.md, "RunSpec"). The UI edits it, the CLI
 * reads it, the worker executes it, the database stores it. This schema checks each field on its own;
 * `checkRunSpec` (run-spec-check.ts) checks how fields fit together and with the dataset.
 */

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'linear', 'softmax'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const LOSSES = ['softmax_cross_entropy', 'binary_cross_entropy', 'mse'] as const;
export type LossName = (typeof LOSSES)[number];

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const TOY_DATASETS = ['circle', 'xor', 'gauss', 'spiral'] as const;
export type ToyDatasetName = (typeof TOY_DATASETS)[number];

const finite = () => z.number().refine(Number.isFinite, 'must be a finite number');
const positive = () => finite().refine((v) => v > 0, 'must be greater than 0');
const nonNegative = () => finite().refine((v) => v >= 0, 'must be 0 or more');
const count = (min: number, max: number) =>
  z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** Largest number of units in one layer and of layers in one network (keeps memory bounded). */
export const MAX_UNITS = 4096;
export const MAX_LAYERS = 64;

const SIMPLE_INITS = ['zeros', 'xavier', 'he', 'glorot_uniform', 'he_uniform'] as const;
export type SimpleInitName = (typeof SIMPLE_INITS)[number];

const matrix = z.array(z.array(finite()));

export const InitSpecSchema = z.union([
  z.enum(SIMPLE_INITS, { error: () => `unknown initializer (expected one of ${SIMPLE_INITS.join(', ')}, or an object such as { "name": "normal", "std": 0.01 })` }),
  z.discriminatedUnion(
    'name',
    [
      z.strictObject({ name: z.enum(SIMPLE_INITS) }),
      z.strictObject({ name: z.literal('normal'), std: positive() }),
      z.strictObject({ name: z.literal('uniform'), limit: positive() }),
      z.strictObject({ name: z.literal('constant'), value: finite() }),
      z.strictObject({ name: z.literal('values'), weights: matrix, bias: z.array(finite()).optional() }),
    ],
    { error: () => 'unknown initializer name (expected zeros, xavier, he, glorot_uniform, he_uniform, normal, uniform, constant or values)' },
  ),
]);
export type InitSpec = z.infer<typeof InitSpecSchema>;

export const LayerSpecSchema = z.strictObject({
  units: count(1, MAX_UNITS),
  activation: z.enum(ACTIVATIONS, { error: () => `unknown activation (expected one of ${ACTIVATIONS.join(', ')})` }),
  /** Default: "he" for the ReLU family, "xavier" otherwise (the lecture's rule of thumb). */
  init: InitSpecSchema.optional(),
  batchNorm: z.boolean().default(false),
  dropout: finite().min(0, 'must be 0 or more').max(0.95, 'must be at most 0.95').default(0),
});
export type LayerSpec = z.infer<typeof LayerSpecSchema>;

/**
 * The input features a 2-D dataset's network sees (input-features.ts), in INPUT_FEATURES' order.
 * Optional with no default: a spec without it keeps its stored form (and so its key and replays).
 */
const FeaturesSchema = z
  .array(z.enum(INPUT_FEATURES, { error: () => `unknown input feature (expected one of ${INPUT_FEATURES.join(', ')})` }))
  .min(1, 'needs at least one input feature')
  .optional();

const ToyDatasetSchema = z.strictObject({
  name: z.enum(TOY_DATASETS),
  samples: count(4, 100_000).default(500),
  /** Playground-style noise, 0 (clean) to 1 (very noisy); Playground's slider goes to 0.5. */
  noise: nonNegative().max(1, 'must be at most 1').default(0.1),
  testFraction: nonNegative().max(0.9, 'must be at most 0.9').default(0.5),
  features: FeaturesSchema,
});

export const MNIST_TRAIN_SIZE = 60_000;
export const MNIST_TEST_SIZE = 10_000;

const MnistDatasetSchema = z.strictObject({
  name: z.literal('mnist'),
  /** The first `trainSize` training images, as the textbook's `x_train[:300]`. */
  trainSize: count(1, MNIST_TRAIN_SIZE).default(MNIST_TRAIN_SIZE),
  testSize: count(0, MNIST_TEST_SIZE).default(MNIST_TEST_SIZE),
  features: z.never({ error: () => "input features are for 2-D points; MNIST's inputs are its 784 pixels" }).optional(),
});

const InlineSplitSchema = z.strictObject({
  x: z.array(z.array(finite())).min(1, 'needs at least one row'),
  /** A class index per row, or a target vector per row. */
  y: z.union([z.array(z.number().int('class labels must be whole numbers').min(0)), matrix]),
});

const InlineDatasetSchema = InlineSplitSchema.extend({
  name: z.literal('inline'),
  test: InlineSplitSchema.optional(),
  features: FeaturesSchema,
});

export const DatasetSpecSchema = z.discriminatedUnion('name', [ToyDatasetSchema, MnistDatasetSchema, InlineDatasetSchema], {
  error: () => `unknown dataset (expected one of ${[...TOY_DATASETS, 'mnist', 'inline'].join(', ')})`,
});
export type DatasetSpec = z.infer<typeof DatasetSpecSchema>;

export const OptimizerSpecSchema = z.strictObject({
  name: z.enum(OPTIMIZERS, { error: () => `unknown optimizer (expected one of ${OPTIMIZERS.join(', ')})` }),
  /** Learning rate; default as torch.optim (sgd family 0.001, adagrad and rmsprop 0.01, adam 0.001). */
  lr: positive().optional(),
  /** momentum / nesterov: default 0.9; rmsprop: default 0. */
  momentum: nonNegative().max(0.999999, 'must be below 1').optional(),
  beta1: nonNegative().max(0.999999, 'must be below 1').optional(),
  beta2: nonNegative().max(0.999999999, 'must be below 1').optional(),
  /** RMSprop's smoothing constant (torch's `alpha`), default 0.99. */
  rho: nonNegative().max(0.999999999, 'must be below 1').optional(),
  eps: positive().optional(),
});
export type OptimizerSpec = z.infer<typeof OptimizerSpecSchema>;

export const RegularizationSpecSchema = z.strictObject({
  l1: nonNegative().default(0),
  l2: nonNegative().default(0),
  /**
   * How the L1 term moves weights. "proximal" (default): after each update, soft-threshold every
   * weight by lr·λ₁, so small weights become exactly 0 as the lecture says. "subgradient": add
   * λ₁·sign(W) to the gradient, as a PyTorch loss term would (weights hover around 0 instead).
   */
  l1Method: z.enum(['proximal', 'subgradient']).default('proximal'),
});

export const TrainingSpecSchema = z
  .strictObject({
    batchSize: count(1, 100_000),
    epochs: count(1, 100_000).optional(),
    iterations: count(1, 100_000_000).optional(),
    shuffle: z.boolean().default(true),
    /** "epoch": each epoch visits every sample once; "replacement": each batch is drawn at random with replacement (textbook ch. 6). */
    sampling: z.enum(['epoch', 'replacement']).default('epoch'),
    /** Evaluate every N steps; by default at every epoch end. */
    evalEvery: count(1, 100_000_000).optional(),
    /** Stop as soon as an evaluation's train loss is at or below this value. */
    targetLoss: positive().optional(),
    /** Stop when the test loss has not improved by `minDelta` for `patience` evaluations. */
    earlyStopping: z.strictObject({ patience: count(1, 10_000), minDelta: nonNegative().default(0) }).optional(),
  })
  .refine((t) => (t.epochs === undefined) !== (t.iterations === undefined), {
    message: 'give exactly one of "epochs" or "iterations"',
  });

export const DiagnosticsSpecSchema = z.strictObject({
  /** Take a diagnostics snapshot every N steps (and at the first and last step). */
  every: count(1, 100_000_000).default(50),
  bins: count(2, 200).default(30),
});

const RunSpecObjectSchema = z.strictObject({
  version: z.literal(1, { error: () => 'unsupported spec version (this engine reads version 1)' }),
  name: z.string().max(200).optional(),
  seed: z.number().int('must be a whole number').min(0).max(0xffffffff).default(0),
  dtype: z.enum(['float32', 'float64']).default('float32'),
  dataset: DatasetSpecSchema,
  layers: z.array(LayerSpecSchema).min(1, 'needs at least the output layer').max(MAX_LAYERS, `at most ${MAX_LAYERS} layers`),
  /** Default: softmax_cross_entropy for a softmax output, binary_cross_entropy for sigmoid, mse otherwise. */
  loss: z.enum(LOSSES, { error: () => `unknown loss (expected one of ${LOSSES.join(', ')})` }).optional(),
  optimizer: OptimizerSpecSchema,
  regularization: RegularizationSpecSchema.default({ l1: 0, l2: 0, l1Method: 'proximal' }),
  training: TrainingSpecSchema,
  diagnostics: DiagnosticsSpecSchema.default({ every: 50, bins: 30 }),
});

/**
 * The RunSpec schema. Parsing fills every default, including the ones that depend on other
 * fields (each layer's init, the loss), so a stored spec says everything the run did.
 */
export const RunSpecSchema = RunSpecObjectSchema.transform((spec) => ({
  ...spec,
  layers: spec.layers.map((layer) => ({ ...layer, init: layer.init ?? defaultInitName(layer.activation) })),
  loss: spec.loss ?? defaultLossFor(spec.layers[spec.layers.length - 1]!.activation),
}));

/** The lecture's rule of thumb: He for the ReLU family, Xavier for the rest. */
export function defaultInitName(activation: ActivationName): 'he' | 'xavier' {
  return activation === 'relu' || activation === 'leaky_relu' || activation === 'elu' ? 'he' : 'xavier';
}

/** softmax → softmax_cross_entropy, sigmoid → binary_cross_entropy, anything else → mse. */
export function defaultLossFor(outputActivation: ActivationName): LossName {
  if (outputActivation === 'softmax') return 'softmax_cross_entropy';
  if (outputActivation === 'sigmoid') return 'binary_cross_entropy';
  return 'mse';
}

/** A RunSpec as written by a user (defaults may be missing). */
export type RunSpecInput = z.input<typeof RunSpecSchema>;
/** A parsed RunSpec with every default filled in. */
export type RunSpec = z.infer<typeof RunSpecSchema>;
