import { z } from 'zod';
import { END_STATUSES, RUN_STATUSES } from '../api/events';
import { NOTEBOOK_LIMITS, NotebookKeySchema, NotebookSheetIdSchema, NotebookValueSchema } from '../api/lab-notebook';
import { plainText } from '../api/plain-text';
import { ACTIVATIONS } from '../api/run-spec';
import { WeightsFileSchema } from '../api/weights-file';
import { envelopeSchema, timestampSchema, versionSchema } from './enveloped-file';
import { HISTORY_LIMITS, UUID_PATTERN } from './limits';
import { stepTimesProblem } from './step-times';

/**
 * The schemas of an export file ("nnlab-runs", format version 3). Every object is strict (an
 * unknown or hostile key such as "__proto__" is an error), every number that must be finite is
 * (zod refuses NaN and ±Infinity), every string is bounded, and each run's series are checked for
 * equal lengths and increasing steps. The spec inside each run is checked afterwards by
 * parseRunSpec (run-file.ts), as everywhere else. The writer checks network snapshots and
 * evaluation extras with the same schemas, so what it stores can be exported and imported again.
 */

export const RUN_FILE_FORMAT = 'nnlab-runs';
/**
 * The newest format this code writes. 2 added each run's `networkSnapshots` and `evalExtras`; 3
 * added the payload's optional `notebook` (lab notebook entries); 4 added each run's optional
 * `steps.elapsedMs` (every step's training time). Files of formats 1 to 3 are still read.
 */
export const RUN_FILE_VERSION = 4;
/** The format of a file with a notebook and no step times (it holds nothing format 3 lacks). */
export const RUN_FILE_VERSION_WITH_NOTEBOOK = 3;
/**
 * The format of a file that carries no notebook and no step times: such a file holds nothing
 * format 2 lacks, so it is written as format 2 and NN Lab versions from before the notebook can
 * import it too. A file with step times is format 4, which older versions refuse with "made by a
 * newer NN Lab" rather than an unknown field.
 */
export const RUN_FILE_VERSION_WITHOUT_NOTEBOOK = 2;
/** Every format this code reads. */
export const RUN_FILE_VERSIONS_READ = [1, 2, 3, 4] as const;
export const RUN_FILE_GENERATOR = 'NN Lab';

/** Most runs in one file. */
export const MAX_RUNS_PER_FILE = 10_000;

const boundedText = (max: number) => z.string().max(max, `must have at most ${max} characters`);
/**
 * Text someone typed that the app shows (names, tags, notes, messages, versions): bounded, then
 * without control and bidi-override characters (plainText), so a file cannot write terminal
 * escapes into `nnlab runs list` or reorder a chart's label. Line breaks stay where text has lines.
 */
const shownText = (max: number, options: { multiline?: boolean } = {}) => boundedText(max).transform((text) => plainText(text, options));
const uuid = z.string().regex(UUID_PATTERN, 'must be a uuid').transform((id) => id.toLowerCase());
const timestamp = timestampSchema;
const whole = z.number().int('must be a whole number').min(0, 'must be 0 or more');
const fraction = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const version = versionSchema;

export const RunFileEnvelopeSchema = envelopeSchema(RUN_FILE_FORMAT, RUN_FILE_VERSIONS_READ);

const MetricsSchema = z.strictObject({ loss: z.number(), accuracy: fraction.optional() });

const DatasetSummarySchema = z.strictObject({
  name: boundedText(32),
  trainSize: whole,
  testSize: whole,
  inputSize: whole,
  numClasses: whole.nullable(),
});

const HistogramSchema = z
  // zeroCount is optional: files written before histograms counted their exact zeros lack it.
  .strictObject({ edges: z.array(z.number()).max(1_001), counts: z.array(whole).max(1_000), zeroCount: whole.optional() })
  .refine((h) => h.edges.length === h.counts.length + 1, 'must have one more edge than counts')
  .refine((h) => h.zeroCount === undefined || h.zeroCount <= h.counts.reduce((sum, count) => sum + count, 0), 'zeroCount must not exceed the values counted');

const stat = z.number().nullable();
const SpreadSchema = z.strictObject({ mean: stat, std: stat, histogram: HistogramSchema });

const LayerDiagnosticsSchema = z.strictObject({
  layer: whole,
  units: whole,
  /** A label of the charts: one of the engine's activations (run-file.ts also checks it is the spec layer's). */
  activationName: z.enum(ACTIVATIONS, { error: () => `unknown activation (expected one of ${ACTIVATIONS.join(', ')})` }),
  /** Samples behind the activation figures; absent in runs recorded before the diagnostics sample. */
  sampleSize: whole.optional(),
  preactivation: SpreadSchema,
  activation: SpreadSchema,
  saturatedFraction: fraction,
  deadFraction: fraction,
  gradNorm: stat,
  gradMeanAbs: stat,
  updateRatio: stat,
  weights: z.strictObject({ mean: stat, std: stat, nearZeroFraction: fraction, zeroFraction: fraction, histogram: HistogramSchema }),
});

/**
 * An array of at most `max` numbers, checked in one plain loop: a snapshot holds thousands of
 * numbers and the app records one every few steps on its main thread, where zod's per-element
 * schemas would cost about ten times more. `accepts` decides each element; the first bad one is
 * reported with its index.
 */
function numberArray<T extends number | null>(max: number, accepts: (value: unknown) => value is T, expected: string) {
  return z.custom<T[]>((value) => Array.isArray(value), 'must be an array').superRefine((values, ctx) => {
    if (values.length > max) {
      ctx.addIssue({ code: 'custom', message: `must have at most ${max} values` });
      return;
    }
    for (let i = 0; i < values.length; i++) {
      if (!accepts(values[i])) {
        ctx.addIssue({ code: 'custom', path: [i], message: `must be ${expected}` });
        return;
      }
    }
  });
}
const isFiniteOrNull = (value: unknown): value is number | null => value === null || (typeof value === 'number' && Number.isFinite(value));
const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const numbersOrNulls = (max: number) => numberArray(max, isFiniteOrNull, 'a finite number or null');

const networkSnapshotShape = {
  extent: z.strictObject({ x1: z.tuple([z.number(), z.number()]), x2: z.tuple([z.number(), z.number()]) }),
  resolution: whole.min(2, 'must be at least 2').max(HISTORY_LIMITS.networkResolution, `must be at most ${HISTORY_LIMITS.networkResolution}`),
  predicted: numberArray(HISTORY_LIMITS.networkResolution ** 2, isWhole, 'a whole number of 0 or more'),
  confidence: numbersOrNulls(HISTORY_LIMITS.networkResolution ** 2),
  thumbnailResolution: whole.min(2, 'must be at least 2').max(HISTORY_LIMITS.thumbnailResolution, `must be at most ${HISTORY_LIMITS.thumbnailResolution}`),
  neurons: z
    .array(z.strictObject({ layer: whole, unit: whole, values: numbersOrNulls(HISTORY_LIMITS.thumbnailResolution ** 2) }))
    .max(HISTORY_LIMITS.networkNeurons, `must have at most ${HISTORY_LIMITS.networkNeurons} neurons`),
  weights: z
    .array(z.array(numbersOrNulls(HISTORY_LIMITS.networkWeights)).max(HISTORY_LIMITS.networkWeights))
    .max(HISTORY_LIMITS.networkLayers, `must have at most ${HISTORY_LIMITS.networkLayers} layers`),
};

/** How a snapshot's parts fit together: grids of resolution² cells, rectangular weight matrices, bounded in total. */
function checkNetworkSnapshot(snapshot: z.infer<z.ZodObject<typeof networkSnapshotShape>>, ctx: z.RefinementCtx): void {
  for (const axis of ['x1', 'x2'] as const) {
    const [min, max] = snapshot.extent[axis];
    if (!(min < max)) ctx.addIssue({ code: 'custom', path: ['extent', axis], message: `must be an increasing range (${min} to ${max})` });
  }
  const cells = snapshot.resolution ** 2;
  for (const grid of ['predicted', 'confidence'] as const) {
    if (snapshot[grid].length !== cells) ctx.addIssue({ code: 'custom', path: [grid], message: `has ${snapshot[grid].length} values, expected ${cells} (resolution²)` });
  }
  const thumbnailCells = snapshot.thumbnailResolution ** 2;
  snapshot.neurons.forEach((neuron, i) => {
    if (neuron.values.length !== thumbnailCells) {
      ctx.addIssue({ code: 'custom', path: ['neurons', i, 'values'], message: `has ${neuron.values.length} values, expected ${thumbnailCells} (thumbnailResolution²)` });
    }
  });
  let total = 0;
  snapshot.weights.forEach((layer, i) => {
    const nOut = layer[0]?.length ?? 0;
    layer.forEach((row, r) => {
      if (row.length !== nOut) ctx.addIssue({ code: 'custom', path: ['weights', i, r], message: `has ${row.length} values, expected ${nOut} like row 0` });
      total += row.length;
    });
  });
  if (total > HISTORY_LIMITS.networkWeights) ctx.addIssue({ code: 'custom', path: ['weights'], message: `holds ${total} weights, at most ${HISTORY_LIMITS.networkWeights}` });
}

/**
 * What a network snapshot stores: the `network` event without type, step and epoch, bounded and
 * checked for shape (the writer's check; unknown top-level fields are dropped, as the event
 * contract allows). The export file's records use the same shape, strictly.
 */
export const NetworkSnapshotDataSchema = z.object(networkSnapshotShape).superRefine(checkNetworkSnapshot);

/** One network snapshot of an export file: step, epoch and the stored snapshot. */
const NetworkSnapshotRecordSchema = z.strictObject({ step: whole, epoch: whole, ...networkSnapshotShape }).superRefine(checkNetworkSnapshot);

/** An evaluation's confusion matrix: a square of counts [true class][predicted class]. */
export const ConfusionMatrixSchema = z
  .array(z.array(whole))
  .min(1, 'needs at least one class')
  .max(HISTORY_LIMITS.confusionClasses, `must have at most ${HISTORY_LIMITS.confusionClasses} classes`)
  .superRefine((rows, ctx) => {
    rows.forEach((row, i) => {
      if (row.length !== rows.length) ctx.addIssue({ code: 'custom', path: [i], message: `has ${row.length} counts, expected ${rows.length} (one per class)` });
    });
  });

/** An evaluation's sample predictions (image datasets). */
export const SamplePredictionsSchema = z
  .array(z.strictObject({ index: whole, label: whole, predicted: whole, confidence: z.number() }))
  .max(HISTORY_LIMITS.evalSamples, `must have at most ${HISTORY_LIMITS.evalSamples} samples`);

/** The extras of one evaluation of an export file, by its step. */
const EvalExtrasRecordSchema = z.strictObject({ step: whole, confusion: ConfusionMatrixSchema.optional(), samples: SamplePredictionsSchema.optional() });

/** A list of step numbers that must strictly increase (each step once). */
function increasing(steps: readonly number[], ctx: z.RefinementCtx, path: (string | number)[]): void {
  for (let i = 1; i < steps.length; i++) {
    if (!(steps[i]! > steps[i - 1]!)) {
      ctx.addIssue({ code: 'custom', path: [...path, i], message: `must be greater than the previous step (${steps[i - 1]})` });
      return;
    }
  }
}

/** Columns of one series must all have the length of the first. */
function sameLengths(series: Record<string, readonly unknown[]>, ctx: z.RefinementCtx): void {
  const [first, ...rest] = Object.keys(series);
  const expected = series[first!]!.length;
  for (const column of rest) {
    const length = series[column]!.length;
    if (length !== expected) ctx.addIssue({ code: 'custom', path: [column], message: `has ${length} values, but ${first} has ${expected}` });
  }
}

/**
 * Each step's training time in milliseconds (since format 4; absent in runs without times):
 * finite, 0 or more, at most MAX_STEP_ELAPSED_MS, never less than the step before. One plain loop,
 * as numberArray's: a long run has a hundred thousand of them.
 */
const StepTimesSchema = z.custom<number[]>((value) => Array.isArray(value), 'must be an array').superRefine((times, ctx) => {
  const problem = stepTimesProblem(times);
  if (problem !== null) ctx.addIssue({ code: 'custom', path: [problem.index], message: problem.message });
});

const StepSeriesSchema = z
  .strictObject({ step: z.array(whole), epoch: z.array(whole), loss: z.array(z.number()), dataLoss: z.array(z.number()), elapsedMs: StepTimesSchema.optional() })
  .superRefine((series, ctx) => {
    sameLengths(series, ctx);
    increasing(series.step, ctx, ['step']);
  });

const EvalSeriesSchema = z
  .strictObject({
    step: z.array(whole),
    epoch: z.array(whole),
    trainLoss: z.array(z.number()),
    trainAccuracy: z.array(fraction.nullable()),
    testLoss: z.array(z.number().nullable()),
    testAccuracy: z.array(fraction.nullable()),
  })
  .superRefine((series, ctx) => {
    sameLengths(series, ctx);
    increasing(series.step, ctx, ['step']);
    series.testAccuracy.forEach((accuracy, i) => {
      if (accuracy !== null && series.testLoss[i] === null) ctx.addIssue({ code: 'custom', path: ['testAccuracy', i], message: 'has a value where testLoss has none' });
    });
  });

const DiagnosticsSnapshotSchema = z.strictObject({ step: whole, epoch: whole, layers: z.array(LayerDiagnosticsSchema).max(64) });

export const RunFileRunSchema = z
  .strictObject({
    id: uuid,
    name: shownText(HISTORY_LIMITS.name).refine((name) => name.trim() !== '', 'cannot be empty'),
    status: z.enum(RUN_STATUSES),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    endedAt: timestamp.nullable(),
    durationMs: z.number().min(0, 'must be 0 or more').nullable(),
    engineVersion: version,
    dataset: DatasetSummarySchema.nullable(),
    stepsPerEpoch: whole.min(1, 'must be at least 1').nullable(),
    totalSteps: whole.nullable(),
    stepsDone: whole,
    final: z.strictObject({ train: MetricsSchema, test: MetricsSchema.optional() }).nullable(),
    message: shownText(HISTORY_LIMITS.message, { multiline: true }).nullable(),
    endRecorded: z.boolean(),
    notes: shownText(HISTORY_LIMITS.notes, { multiline: true }),
    tags: z.array(shownText(HISTORY_LIMITS.tag).refine((tag) => tag.trim() === tag && tag !== '', 'must be non-empty without surrounding spaces')).max(HISTORY_LIMITS.tags),
    sourceRunId: uuid.nullable(),
    /** The seed group the run is one of; only a grouped run has it (files of runs without groups read as before). */
    groupId: uuid.optional(),
    /** Checked by parseRunSpec afterwards. */
    spec: z.unknown(),
    steps: StepSeriesSchema,
    evals: EvalSeriesSchema,
    diagnostics: z.array(DiagnosticsSnapshotSchema),
    /** Since format 2. */
    networkSnapshots: z.array(NetworkSnapshotRecordSchema).default([]),
    /** Since format 2: confusion matrices and sample predictions of the evaluations that have them. */
    evalExtras: z.array(EvalExtrasRecordSchema).default([]),
    weights: WeightsFileSchema.nullable(),
  })
  .superRefine((run, ctx) => {
    increasing(run.diagnostics.map((d) => d.step), ctx, ['diagnostics']);
    increasing(run.networkSnapshots.map((d) => d.step), ctx, ['networkSnapshots']);
    increasing(run.evalExtras.map((d) => d.step), ctx, ['evalExtras']);
    const evalSteps = new Set(run.evals.step);
    run.evalExtras.forEach((extras, i) => {
      if (!evalSteps.has(extras.step)) ctx.addIssue({ code: 'custom', path: ['evalExtras', i, 'step'], message: `is ${extras.step}, but there is no evaluation at that step` });
    });
    const lower = run.tags.map((tag) => tag.toLowerCase());
    lower.forEach((tag, i) => {
      if (lower.indexOf(tag) !== i) ctx.addIssue({ code: 'custom', path: ['tags', i], message: `repeats the tag "${run.tags[i]}"` });
    });
    if (run.endRecorded && !(END_STATUSES as readonly string[]).includes(run.status)) {
      ctx.addIssue({ code: 'custom', path: ['endRecorded'], message: `cannot be true for a run whose status is ${run.status}` });
    }
  });

/** One lab notebook entry of an export file (since format 3). */
const NotebookEntrySchema = z.strictObject({
  sheetId: NotebookSheetIdSchema,
  key: NotebookKeySchema,
  value: NotebookValueSchema,
  updatedAt: timestamp,
});

export const RunFilePayloadSchema = z.strictObject({
  runs: z.array(RunFileRunSchema).max(MAX_RUNS_PER_FILE, `a file can hold at most ${MAX_RUNS_PER_FILE} runs`),
  /** Since format 3, and only when the export asked for it: every lab notebook entry. */
  notebook: z
    .array(NotebookEntrySchema)
    .max(NOTEBOOK_LIMITS.entriesPerFile, `a file can hold at most ${NOTEBOOK_LIMITS.entriesPerFile} notebook entries`)
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((entry, i) => {
        const id = `${entry.sheetId}\u0000${entry.key}`;
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats the entry "${entry.key}" of sheet "${entry.sheetId}"` });
        seen.add(id);
      });
    })
    .optional(),
});
