import { z } from 'zod';
import { DoctorFindingSchema } from './doctor-findings';

/**
 * The events a running trainer emits, in order: start, then step / eval / diagnostics as training
 * goes, then exactly one end (DESIGN.md, "Events"). The field names are the contract every
 * transport, the database and the CLI's --json lines share. Extra fields are allowed by readers.
 */

export const RUN_STATUSES = ['queued', 'running', 'completed', 'stopped', 'diverged', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const END_STATUSES = ['completed', 'stopped', 'diverged', 'failed'] as const;
export type EndStatus = (typeof END_STATUSES)[number];

/** A statistic that can stop being finite while a run blows up: null means NaN or ±Infinity. */
const stat = z.number().nullable();

export const HistogramSchema = z.object({
  /** bins + 1 increasing edges; auto-ranged to the values' min and max. */
  edges: z.array(z.number()),
  counts: z.array(z.number().int().min(0)),
  /**
   * Extra (optional; runs recorded before it lack it): how many of the counted values are exactly 0
   * (they are in `counts` too). ReLU's zeros, half its values or more, would otherwise be one tall
   * first bar beside which the rest of the distribution looks flat; with it a chart can show the
   * share at 0 apart.
   */
  zeroCount: z.number().int().min(0).optional(),
});
export type Histogram = z.infer<typeof HistogramSchema>;

export const MetricsSchema = z.object({
  loss: z.number(),
  /** Omitted for regression (real-valued targets). */
  accuracy: z.number().optional(),
});
export type Metrics = z.infer<typeof MetricsSchema>;

export const DatasetSummarySchema = z.object({
  name: z.string(),
  trainSize: z.number().int(),
  testSize: z.number().int(),
  inputSize: z.number().int(),
  numClasses: z.number().int().nullable(),
});
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>;

export const StartEventSchema = z.object({
  type: z.literal('start'),
  runId: z.string(),
  /** The parsed spec, every default filled in. */
  spec: z.unknown(),
  engineVersion: z.string(),
  dataset: DatasetSummarySchema,
  stepsPerEpoch: z.number().int(),
  totalSteps: z.number().int(),
});

export const StepEventSchema = z.object({
  type: z.literal('step'),
  /** Number of updates done before this step (0 for the first). */
  step: z.number().int(),
  epoch: z.number().int(),
  /** Batch loss before this step's update, penalties included. */
  loss: z.number(),
  /** The same without the L1/L2 penalty. */
  dataLoss: z.number(),
  /**
   * Extra (an addition to the DESIGN contract): milliseconds of training since the run's start when
   * this step's loss was known, on the clock of the end event's elapsedMs (paused time left out),
   * to the microsecond; never less than the previous step's. For the curves' time axis only: it
   * is not a result, and two runs of one spec and seed differ in it. Absent in runs recorded
   * before it, and from other producers.
   */
  elapsedMs: z.number().min(0).optional(),
});

/** One test image's prediction (image datasets: the first few test images, for a grid of digits). */
export const SamplePredictionSchema = z.object({
  /** Row of the test split. */
  index: z.number().int().min(0),
  label: z.number().int().min(0),
  predicted: z.number().int().min(0),
  /** The predicted class's probability. */
  confidence: z.number(),
});
export type SamplePrediction = z.infer<typeof SamplePredictionSchema>;

export const EvalEventSchema = z.object({
  type: z.literal('eval'),
  /** Number of updates done when evaluated (0 = the initial network). */
  step: z.number().int(),
  /** Epochs completed. */
  epoch: z.number().int(),
  train: MetricsSchema,
  /** Omitted when the dataset has no test split. */
  test: MetricsSchema.optional(),
  /**
   * Extra (not part of the DESIGN contract): for class labels with at most 20 classes, counts of
   * [true class][predicted class] over the test split (the train split when there is no test split).
   */
  confusion: z.array(z.array(z.number().int().min(0))).optional(),
  /** Extra: for image datasets, predictions for the first 32 test images. */
  samples: z.array(SamplePredictionSchema).optional(),
});

/**
 * One layer's diagnostics at one step. Two sources (DESIGN.md, "Activation and pre-activation
 * histograms … come from a fixed diagnostics sample"):
 *   - activation figures (preactivation, activation, saturatedFraction, deadFraction): the fixed
 *     diagnostics sample, `sampleSize` training samples (the same ones at every snapshot: the whole
 *     training split up to 256 samples, else 256 drawn once from the run's "diagnostics" stream)
 *     through the step's weights as training computes them, but without dropout masks (batch norm
 *     on the sample's own batch statistics; its running statistics untouched);
 *   - gradient figures (gradNorm, gradMeanAbs, updateRatio): the batch the step trained on.
 * The weight statistics describe the weights after the step's update.
 * Runs recorded before `sampleSize` existed took the activation figures from the step's batch.
 */
export const LayerDiagnosticsSchema = z.object({
  layer: z.number().int(),
  units: z.number().int(),
  activationName: z.string(),
  /**
   * Number of training samples behind the activation figures (histograms count sampleSize × units
   * values). Absent in runs recorded before the diagnostics sample: there they are of the step's batch.
   */
  sampleSize: z.number().int().min(1).optional(),
  /** The activation function's input (after batch norm when on) over the diagnostics sample. */
  preactivation: z.object({ mean: stat, std: stat, histogram: HistogramSchema }),
  /** The activation function's output (before dropout) over the diagnostics sample. */
  activation: z.object({ mean: stat, std: stat, histogram: HistogramSchema }),
  /** Fraction of the sample's activation values in a flat part of the function (sigmoid < .01 or > .99, tanh/elu |a| > .99). */
  saturatedFraction: z.number(),
  /** Fraction of units that passed no gradient for any sample of the diagnostics sample (ReLU z ≤ 0, or saturated, everywhere). */
  deadFraction: z.number(),
  /** L2 norm of the data loss's gradient with respect to the layer's weights, on the step's batch. */
  gradNorm: stat,
  /** Mean |∂L/∂W| over the layer's weights, on the step's batch. */
  gradMeanAbs: stat,
  /** ‖ΔW‖/‖W‖ of this step's update (penalties included). */
  updateRatio: stat,
  /** The weights after the step's update. */
  weights: z.object({
    mean: stat,
    std: stat,
    /** Fraction of weights with |w| < 1e-3. */
    nearZeroFraction: z.number(),
    /** Fraction of weights exactly 0 (L1's signature). */
    zeroFraction: z.number(),
    histogram: HistogramSchema,
  }),
});
export type LayerDiagnostics = z.infer<typeof LayerDiagnosticsSchema>;

export const DiagnosticsEventSchema = z.object({
  type: z.literal('diagnostics'),
  /**
   * The step these numbers describe: its batch's gradients and update, and the diagnostics sample
   * through the weights that step started from (see LayerDiagnosticsSchema).
   */
  step: z.number().int(),
  epoch: z.number().int(),
  layers: z.array(LayerDiagnosticsSchema),
});

/**
 * Extra event (not in the DESIGN contract) for networks on 2-D inputs, emitted with each diagnostics
 * snapshot: what the network computes over the input plane, for the decision boundary, the
 * per-neuron thumbnails on the network drawing and the links' thickness and colour.
 * Grids are row-major with row 0 at the top (largest x2) and column 0 at the left (smallest x1).
 */
export const NetworkSnapshotEventSchema = z.object({
  type: z.literal('network'),
  step: z.number().int(),
  epoch: z.number().int(),
  /** The plane covered: x1 (horizontal) and x2 (vertical) ranges. */
  extent: z.object({ x1: z.tuple([z.number(), z.number()]), x2: z.tuple([z.number(), z.number()]) }),
  /** Cells per side of `predicted` / `confidence`. */
  resolution: z.number().int().min(2),
  /** Predicted class per cell (for one sigmoid unit: 1 where the output is ≥ 0.5). */
  predicted: z.array(z.number().int().min(0)),
  /** The predicted class's probability per cell (for regression: the raw output). */
  confidence: z.array(z.number().nullable()),
  /** Cells per side of each neuron's thumbnail. */
  thumbnailResolution: z.number().int().min(2),
  /** Each hidden and output unit's activation over the plane (omitted for networks with many units). */
  neurons: z.array(z.object({ layer: z.number().int(), unit: z.number().int(), values: z.array(z.number().nullable()) })),
  /** Each layer's weights, n_in × n_out. */
  weights: z.array(z.array(z.array(z.number().nullable()))),
});
export type NetworkSnapshotEvent = z.infer<typeof NetworkSnapshotEventSchema>;

export const EndEventSchema = z.object({
  type: z.literal('end'),
  status: z.enum(END_STATUSES),
  /** Updates done. */
  steps: z.number().int(),
  /** The last evaluation; null when the run diverged or failed before one. */
  final: z.object({ train: MetricsSchema, test: MetricsSchema.optional() }).nullable(),
  /** Why the run ended when it is not plain completion (divergence, early stopping, an error). */
  message: z.string().nullable(),
  elapsedMs: z.number(),
  /**
   * Extra (not emitted by the trainer): what the training doctor found over the whole run
   * (engine/lab/doctor), [] when nothing; LabService attaches it before the event is stored or
   * heard. Optional: runs recorded without it, and other producers, still parse.
   */
  findings: z.array(DoctorFindingSchema).optional(),
});

export const LabEventSchema = z.discriminatedUnion('type', [
  StartEventSchema,
  StepEventSchema,
  EvalEventSchema,
  DiagnosticsEventSchema,
  NetworkSnapshotEventSchema,
  EndEventSchema,
]);

export type StartEvent = z.infer<typeof StartEventSchema>;
export type StepEvent = z.infer<typeof StepEventSchema>;
export type EvalEvent = z.infer<typeof EvalEventSchema>;
export type DiagnosticsEvent = z.infer<typeof DiagnosticsEventSchema>;
export type EndEvent = z.infer<typeof EndEventSchema>;
/** An event of one run. */
export type TrainingEvent = z.infer<typeof LabEventSchema>;
