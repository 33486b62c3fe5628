import { z } from 'zod';
import { END_STATUSES, RUN_STATUSES } from '../api/events';
import { WeightsFileSchema } from '../train/weights-file';
import { HISTORY_LIMITS, UUID_PATTERN } from './limits';

/**
 * The schemas of an export file ("nnlab-runs", format version 1). Every object is strict (an
 * unknown or hostile key such as "__proto__" is an error), every number that must be finite is
 * (zod refuses NaN and ±Infinity), every string is bounded, and each run's series are checked for
 * equal lengths and increasing steps. The spec inside each run is checked afterwards by
 * parseRunSpec (run-file.ts), as everywhere else.
 */

export const RUN_FILE_FORMAT = 'nnlab-runs';
export const RUN_FILE_VERSION = 1;
export const RUN_FILE_GENERATOR = 'NN Lab';

/** Most runs in one file. */
export const MAX_RUNS_PER_FILE = 10_000;

const boundedText = (max: number) => z.string().max(max, `must have at most ${max} characters`);
const uuid = z.string().regex(UUID_PATTERN, 'must be a uuid').transform((id) => id.toLowerCase());
/** An ISO 8601 UTC timestamp, stored in the canonical form toISOString writes. */
const timestamp = z.iso.datetime({ error: 'must be an ISO 8601 UTC timestamp such as 2025-03-14T09:00:00.000Z' }).transform((t) => new Date(t).toISOString());
const whole = z.number().int('must be a whole number').min(0, 'must be 0 or more');
const fraction = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const version = boundedText(HISTORY_LIMITS.version).min(1, 'cannot be empty');

export const RunFileEnvelopeSchema = z.strictObject({
  format: z.literal(RUN_FILE_FORMAT),
  formatVersion: z.literal(RUN_FILE_VERSION),
  appVersion: version,
  engineVersion: version,
  generator: boundedText(100),
  createdAt: timestamp,
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits'),
  payload: z.unknown(),
});

const MetricsSchema = z.strictObject({ loss: z.number(), accuracy: fraction.optional() });

const DatasetSummarySchema = z.strictObject({
  name: boundedText(32),
  trainSize: whole,
  testSize: whole,
  inputSize: whole,
  numClasses: whole.nullable(),
});

const HistogramSchema = z
  .strictObject({ edges: z.array(z.number()).max(1_001), counts: z.array(whole).max(1_000) })
  .refine((h) => h.edges.length === h.counts.length + 1, 'must have one more edge than counts');

const stat = z.number().nullable();
const SpreadSchema = z.strictObject({ mean: stat, std: stat, histogram: HistogramSchema });

const LayerDiagnosticsSchema = z.strictObject({
  layer: whole,
  units: whole,
  activationName: boundedText(32),
  preactivation: SpreadSchema,
  activation: SpreadSchema,
  saturatedFraction: fraction,
  deadFraction: fraction,
  gradNorm: stat,
  gradMeanAbs: stat,
  updateRatio: stat,
  weights: z.strictObject({ mean: stat, std: stat, nearZeroFraction: fraction, zeroFraction: fraction, histogram: HistogramSchema }),
});

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

const StepSeriesSchema = z
  .strictObject({ step: z.array(whole), epoch: z.array(whole), loss: z.array(z.number()), dataLoss: z.array(z.number()) })
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
    name: boundedText(HISTORY_LIMITS.name).refine((name) => name.trim() !== '', 'cannot be empty'),
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
    message: boundedText(HISTORY_LIMITS.message).nullable(),
    endRecorded: z.boolean(),
    notes: boundedText(HISTORY_LIMITS.notes),
    tags: z.array(boundedText(HISTORY_LIMITS.tag).refine((tag) => tag.trim() === tag && tag !== '', 'must be non-empty without surrounding spaces')).max(HISTORY_LIMITS.tags),
    sourceRunId: uuid.nullable(),
    /** Checked by parseRunSpec afterwards. */
    spec: z.unknown(),
    steps: StepSeriesSchema,
    evals: EvalSeriesSchema,
    diagnostics: z.array(DiagnosticsSnapshotSchema),
    weights: WeightsFileSchema.nullable(),
  })
  .superRefine((run, ctx) => {
    increasing(run.diagnostics.map((d) => d.step), ctx, ['diagnostics']);
    const lower = run.tags.map((tag) => tag.toLowerCase());
    lower.forEach((tag, i) => {
      if (lower.indexOf(tag) !== i) ctx.addIssue({ code: 'custom', path: ['tags', i], message: `repeats the tag "${run.tags[i]}"` });
    });
    if (run.endRecorded && !(END_STATUSES as readonly string[]).includes(run.status)) {
      ctx.addIssue({ code: 'custom', path: ['endRecorded'], message: `cannot be true for a run whose status is ${run.status}` });
    }
  });

export const RunFilePayloadSchema = z.strictObject({
  runs: z.array(RunFileRunSchema).max(MAX_RUNS_PER_FILE, `a file can hold at most ${MAX_RUNS_PER_FILE} runs`),
});
