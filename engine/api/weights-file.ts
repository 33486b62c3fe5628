import { z } from 'zod';
import { SpecError, problemsFromZod } from './spec-error';

/**
 * The weights file: a trained network's parameters as JSON, one entry per RunSpec layer, in the
 * RunSpec's own layout (dense weights n_in rows × n_out columns, as x·W + b).
 *
 * ```jsonc
 * { "version": 1, "layers": [
 *   { "weights": [[…], …], "bias": […],
 *     "gamma": […], "beta": […], "runningMean": […], "runningVar": […] } ] }   // batch-norm layers only
 * ```
 *
 * float32 values are written as the shortest decimal that reads back to the same float32, so a
 * file is small and exact; float64 values as plain JSON numbers (already shortest and exact).
 */

const finiteNumber = z.number({ error: 'must be a finite number' });
const vector = z.array(finiteNumber);

const WeightsLayerObjectSchema = z.strictObject({
  /** n_in rows of n_out values. */
  weights: z.array(vector).min(1, 'needs at least one row (one per input of the layer)'),
  /** n_out values. */
  bias: vector,
  /** Batch norm's learnable scale γ, n_out values. */
  gamma: vector.optional(),
  /** Batch norm's learnable shift β, n_out values. */
  beta: vector.optional(),
  /** Batch norm's running mean, used at evaluation. */
  runningMean: vector.optional(),
  /** Batch norm's running (unbiased) variance, used at evaluation; never negative. */
  runningVar: z.array(finiteNumber.min(0, 'a variance cannot be negative')).optional(),
});

const BATCH_NORM_FIELDS = ['gamma', 'beta', 'runningMean', 'runningVar'] as const;

/** One layer of a weights file; the batch-norm fields are all present or all absent. */
export type WeightsLayer = z.infer<typeof WeightsLayerObjectSchema>;

/**
 * The weights file's schema: each field on its own, then the shapes: every row of a layer has
 * n_out values, bias and batch-norm vectors n_out values, and layer i has as many rows as layer
 * i − 1 has units. Issues name their field (`layers[1].weights[3]`).
 */
export const WeightsFileSchema = z
  .strictObject({
    version: z.literal(1, { error: () => 'unsupported weights file version (this engine reads version 1)' }),
    layers: z.array(WeightsLayerObjectSchema).min(1, 'needs at least one layer'),
  })
  .superRefine((file, ctx) => {
    file.layers.forEach((layer, i) => {
      const nOut = layer.weights[0]?.length ?? 0;
      const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['layers', i, ...path], message });
      if (nOut === 0) problem(['weights', 0], 'needs at least one value (one per unit)');
      layer.weights.forEach((row, r) => {
        if (row.length !== nOut) problem(['weights', r], `has ${row.length} values, expected ${nOut} like row 0 (one per unit)`);
      });
      if (layer.bias.length !== nOut) problem(['bias'], `has ${layer.bias.length} values, expected ${nOut} (one per unit)`);
      const present = BATCH_NORM_FIELDS.filter((field) => layer[field] !== undefined);
      if (present.length > 0 && present.length < BATCH_NORM_FIELDS.length) {
        const missing = BATCH_NORM_FIELDS.filter((field) => layer[field] === undefined);
        problem([missing[0]!], `is required with ${present.join(', ')} (a batch-norm layer has gamma, beta, runningMean and runningVar)`);
      }
      for (const field of present) {
        const values = layer[field]!;
        if (values.length !== nOut) problem([field], `has ${values.length} values, expected ${nOut} (one per unit)`);
      }
      if (i > 0) {
        const previousUnits = file.layers[i - 1]!.weights[0]?.length ?? 0;
        if (layer.weights.length !== previousUnits) {
          problem(['weights'], `has ${layer.weights.length} rows, expected ${previousUnits} (one per unit of layers[${i - 1}])`);
        }
      }
    });
  });

/** A weights file as read or written. */
export type WeightsFile = z.infer<typeof WeightsFileSchema>;

/** The spec's explicit-weights initializer ("values"), as `valuesInitializers` returns it. */
export interface ValuesInitializer {
  name: 'values';
  weights: number[][];
  bias: number[];
}

/**
 * The shortest decimal that reads back as the same float32: the first precision p (1 to 9 digits)
 * whose `toPrecision(p)` rounds, via Math.fround, to `value`. Nine digits always do.
 * (−0 comes out as 0, as JSON would write it anyway.)
 */
export function shortestFloat32(value: number): number {
  for (let p = 1; p < 9; p++) {
    const candidate = Number(value.toPrecision(p));
    if (Math.fround(candidate) === value) return candidate;
  }
  return Number(value.toPrecision(9));
}

/** Validates parsed JSON as a weights file; throws SpecError listing every problem by field. */
export function parseWeightsFile(json: unknown): WeightsFile {
  const result = WeightsFileSchema.safeParse(json);
  if (!result.success) throw new SpecError(problemsFromZod(result.error));
  return result.data;
}

/**
 * One "values" initializer per layer, to put a saved network back into a RunSpec
 * (`layers[i].init = valuesInitializers(file)[i]`). Batch norm's γ, β and running statistics are
 * not initializers: a spec rebuilt this way starts them afresh (γ = 1, β = 0, mean 0, variance 1).
 */
export function valuesInitializers(file: WeightsFile): ValuesInitializer[] {
  return file.layers.map((layer) => ({ name: 'values', weights: layer.weights.map((row) => [...row]), bias: [...layer.bias] }));
}

/**
 * The file's JSON text: one weight row per line, so a person can open it, and a final newline.
 * Parses back to exactly `file`.
 */
export function stringifyWeightsFile(file: WeightsFile): string {
  const layers = file.layers.map((layer) => {
    const rows = layer.weights.map((row) => `        ${JSON.stringify(row)}`).join(',\n');
    const fields = [`"weights": [\n${rows}\n      ]`, `"bias": ${JSON.stringify(layer.bias)}`];
    for (const field of BATCH_NORM_FIELDS) {
      if (layer[field] !== undefined) fields.push(`"${field}": ${JSON.stringify(layer[field])}`);
    }
    return `    {\n      ${fields.join(',\n      ')}\n    }`;
  });
  return `{\n  "version": ${file.version},\n  "layers": [\n${layers.join(',\n')}\n  ]\n}\n`;
}
