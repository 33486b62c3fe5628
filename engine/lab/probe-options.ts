import { z } from 'zod';
import { ACTIVATIONS, InitSpecSchema, type ActivationName } from '../api/run-spec';
import { SpecError, problemsFromZod } from '../api/spec-error';
import { normalizeInit, type Initializer } from '../nn/initializers';

/**
 * Options of the forward-only activation probe (textbook §6.2.2, EXPERIMENTS.md 3.1), validated at
 * the boundary so every caller (CLI, UI, worker) gets the same SpecError naming the field.
 */

/** Upper bounds of the probe's knobs. */
export const PROBE_LIMITS = {
  layers: 50,
  units: 1000,
  samples: 20_000,
  bins: 200,
  /** samples × units × layers: the activations kept for the backward pass (8 bytes each, twice). */
  storedValues: 5_000_000,
  /** samples × units² × layers: multiply-adds of one pass (the backward pass does two more). */
  work: 2_000_000_000,
} as const;

// Integers through a refinement rather than .int(): zod 4 reports .int() failures as invalid_type
// without the input, which problemsFromZod would word as "is required".
const whole = (min: number, max: number, minMessage = `must be at least ${min}`, maxMessage = `must be at most ${max}`) =>
  z.number().min(min, minMessage).max(max, maxMessage).refine(Number.isInteger, 'must be a whole number');
const count = (min: number, max: number) => whole(min, max);

const ProbeOptionsSchema = z
  .strictObject({
    activation: z
      .enum(ACTIVATIONS, { error: () => `unknown activation (expected one of ${ACTIVATIONS.filter((a) => a !== 'softmax').join(', ')})` })
      .refine((a) => a !== 'softmax', 'softmax normalizes a whole output row; the probe looks at hidden layers (choose sigmoid, tanh, relu, …)'),
    /** Default: the lecture's rule of thumb (He for the ReLU family, Xavier otherwise). */
    init: InitSpecSchema.optional(),
    layers: count(1, PROBE_LIMITS.layers).default(5),
    units: count(1, PROBE_LIMITS.units).default(100),
    samples: count(1, PROBE_LIMITS.samples).default(1000),
    bins: count(2, PROBE_LIMITS.bins).default(30),
    seed: whole(0, 0xffffffff, 'must be 0 or more').default(0),
  })
  .superRefine((options, ctx) => {
    const init = options.init;
    if (typeof init === 'object' && init.name === 'values') {
      ctx.addIssue({ code: 'custom', path: ['init'], message: 'explicit weight values are for the walkthrough; the probe draws its weights (choose xavier, he, normal, uniform, …)' });
    }
    const inRange = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
    if (!inRange(options.samples, PROBE_LIMITS.samples) || !inRange(options.units, PROBE_LIMITS.units) || !inRange(options.layers, PROBE_LIMITS.layers)) return;
    const stored = options.samples * options.units * options.layers;
    if (stored > PROBE_LIMITS.storedValues) {
      ctx.addIssue({
        code: 'custom',
        path: ['samples'],
        message: `samples × units × layers is ${stored.toLocaleString('en-US')}, at most ${PROBE_LIMITS.storedValues.toLocaleString('en-US')} fit in memory: use fewer samples`,
      });
    } else if (stored * options.units > PROBE_LIMITS.work) {
      ctx.addIssue({
        code: 'custom',
        path: ['samples'],
        message: `samples × units² × layers is ${(stored * options.units).toLocaleString('en-US')}, at most ${PROBE_LIMITS.work.toLocaleString('en-US')} run in seconds: use fewer samples`,
      });
    }
  });

/** Probe options as a caller writes them (defaults may be missing; init as a RunSpec init). */
export type ProbeOptionsInput = z.input<typeof ProbeOptionsSchema>;

/** Probe options with every default filled in and the initializer in object form. */
export interface ProbeOptions {
  activation: ActivationName;
  init: Initializer;
  layers: number;
  units: number;
  samples: number;
  bins: number;
  seed: number;
}

/**
 * Validates probe options: layers 1..50, units 1..1000, samples 1..20000, bins 2..200, any hidden
 * activation (not softmax), any drawn initializer (not explicit values), and a bounded total size.
 * Throws SpecError naming each bad field (`units`, `init.std`, …).
 */
export function parseProbeOptions(input: unknown): ProbeOptions {
  const result = ProbeOptionsSchema.safeParse(input);
  if (!result.success) throw new SpecError(problemsFromZod(result.error));
  const { activation, init, ...sizes } = result.data;
  return { activation, init: normalizeInit(init, activation), ...sizes };
}
