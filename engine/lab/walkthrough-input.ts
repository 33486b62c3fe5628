import { z } from 'zod';
import { ACTIVATIONS, type ActivationName } from '../api/run-spec';
import { SpecError, problemsFromZod, type FieldProblem } from '../api/spec-error';

/**
 * The input of the backprop walkthrough: a small fully-connected network with explicit weights,
 * one example and its target. Validated here so every caller gets a SpecError naming the field
 * (`layers[1].weights[0]`, `target`, …).
 */

/** Largest walkthrough network: every number is shown, so it stays small. */
export const WALKTHROUGH_LIMITS = { inputs: 16, units: 16, layers: 8 } as const;

/** Activations the walkthrough can step through unit by unit (softmax couples a whole row). */
export type WalkthroughActivation = Exclude<ActivationName, 'softmax'>;

const finite = () => z.number().refine(Number.isFinite, 'must be a finite number');
const label = z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters');

const LayerSchema = z.strictObject({
  /** n_in × n_out: weights[i][j] connects input i to unit j (as the RunSpec's "values" init). */
  weights: z.array(z.array(finite())).min(1, 'needs at least one row (one per input of the layer)'),
  bias: z.array(finite()),
  activation: z
    .enum(ACTIVATIONS, { error: () => `unknown activation (expected one of ${ACTIVATIONS.filter((a) => a !== 'softmax').join(', ')})` })
    .refine((a) => a !== 'softmax', 'softmax couples all outputs; the walkthrough steps through one unit at a time (use sigmoid, tanh, relu, …)'),
  /** Names of the layer's units (default: h1, h2, … for hidden layers, y or y1, y2, … for the output). */
  units: z.array(label).optional(),
  /** A label per weight, same shape as `weights` (default `w(x1→h1)`); the lecture's w1…w6. */
  weightLabels: z.array(z.array(label)).optional(),
  /** A label per bias (default `b(h1)`). */
  biasLabels: z.array(label).optional(),
});

const InputSchema = z.strictObject({
  inputs: z.array(finite()).min(1, 'needs at least one input').max(WALKTHROUGH_LIMITS.inputs, `at most ${WALKTHROUGH_LIMITS.inputs} inputs`),
  /** Names of the inputs (default x1, x2, …). */
  inputNames: z.array(label).optional(),
  layers: z.array(LayerSchema).min(1, 'needs at least the output layer').max(WALKTHROUGH_LIMITS.layers, `at most ${WALKTHROUGH_LIMITS.layers} layers`),
  target: z.array(finite()).min(1, 'needs one target per output unit'),
  learningRate: finite().refine((v) => v >= 0, 'must be 0 or more'),
});

/** A walkthrough network as a caller writes it. */
export type WalkthroughInput = z.input<typeof InputSchema>;

/** One layer with every name and label filled in. */
export interface WalkthroughLayer {
  weights: number[][];
  bias: number[];
  activation: WalkthroughActivation;
  units: string[];
  weightLabels: string[][];
  biasLabels: string[];
}

/** A validated walkthrough network with every name and label filled in. */
export interface WalkthroughNetwork {
  inputs: number[];
  inputNames: string[];
  layers: WalkthroughLayer[];
  target: number[];
  learningRate: number;
}

/**
 * Validates a walkthrough network: each layer's weights have one row per input of the layer (the
 * previous layer's units) and one value per unit in every row, its bias one value per unit; unit
 * names and labels match;
 * one target per output unit; labels unique. Throws SpecError listing every problem.
 */
export function parseWalkthroughInput(input: unknown): WalkthroughNetwork {
  const result = InputSchema.safeParse(input);
  if (!result.success) throw new SpecError(problemsFromZod(result.error));
  const spec = result.data;
  const problems: FieldProblem[] = [];
  const inputNames = spec.inputNames ?? spec.inputs.map((_, i) => `x${i + 1}`);
  if (inputNames.length !== spec.inputs.length) {
    problems.push({ field: 'inputNames', message: `has ${inputNames.length} names, expected ${spec.inputs.length} (one per input)` });
  }

  let previousNames = inputNames;
  const layers: WalkthroughLayer[] = spec.layers.map((layer, l) => {
    const field = `layers[${l}]`;
    const nIn = l === 0 ? spec.inputs.length : previousNames.length;
    const nOut = layerWidth(layer.weights, layer.bias);
    if (nOut < 1 || nOut > WALKTHROUGH_LIMITS.units) {
      problems.push({ field: `${field}.bias`, message: `has ${layer.bias.length} values, expected 1 to ${WALKTHROUGH_LIMITS.units} (one per unit of the layer)` });
    }
    if (layer.weights.length !== nIn) {
      const what = l === 0 ? `one per input (${nIn})` : `one per unit of layers[${l - 1}] (${nIn})`;
      problems.push({ field: `${field}.weights`, message: `has ${layer.weights.length} rows, expected ${what}` });
    }
    layer.weights.forEach((row, i) => {
      if (row.length !== nOut) problems.push({ field: `${field}.weights[${i}]`, message: `has ${row.length} values, expected ${nOut} (one per unit of the layer)` });
    });
    if (layer.bias.length !== nOut && nOut >= 1) problems.push({ field: `${field}.bias`, message: `has ${layer.bias.length} values, expected ${nOut} (one per unit of the layer)` });

    const units = layer.units ?? defaultUnitNames(l, spec.layers.length, nOut);
    if (units.length !== nOut) problems.push({ field: `${field}.units`, message: `has ${units.length} names, expected ${nOut} (one per unit)` });
    const weightLabels = layer.weightLabels ?? previousNames.map((from) => units.map((to) => `w(${from}→${to})`));
    if (layer.weightLabels) {
      if (weightLabels.length !== nIn) problems.push({ field: `${field}.weightLabels`, message: `has ${weightLabels.length} rows, expected ${nIn} (same shape as weights)` });
      weightLabels.forEach((row, i) => {
        if (row.length !== nOut) problems.push({ field: `${field}.weightLabels[${i}]`, message: `has ${row.length} labels, expected ${nOut} (same shape as weights)` });
      });
    }
    const biasLabels = layer.biasLabels ?? units.map((u) => `b(${u})`);
    if (biasLabels.length !== nOut) problems.push({ field: `${field}.biasLabels`, message: `has ${biasLabels.length} labels, expected ${nOut} (one per unit)` });
    previousNames = units;
    return { weights: layer.weights, bias: layer.bias, activation: layer.activation, units, weightLabels, biasLabels };
  });

  const outputs = layers[layers.length - 1]!.units.length;
  if (spec.target.length !== outputs) problems.push({ field: 'target', message: `has ${spec.target.length} values, expected ${outputs} (one per output unit)` });
  if (problems.length === 0) problems.push(...duplicateNames(inputNames, layers));
  if (problems.length > 0) throw new SpecError(problems);
  return { inputs: spec.inputs, inputNames, layers, target: spec.target, learningRate: spec.learningRate };
}

/**
 * The layer's number of units: the length most of its weight rows and its bias agree on (ties go
 * to the bias), so the one row or bias that differs is the one reported.
 */
function layerWidth(weights: number[][], bias: number[]): number {
  const votes = new Map<number, number>();
  for (const length of [bias.length, ...weights.map((row) => row.length)]) votes.set(length, (votes.get(length) ?? 0) + 1);
  let width = bias.length;
  for (const [length, count] of votes) if (count > votes.get(width)!) width = length;
  return width;
}

/** h1, h2 … for a single hidden layer; h1_1, h1_2 … for several; y (or y1, y2 …) for the output. */
function defaultUnitNames(layer: number, layerCount: number, units: number): string[] {
  const last = layer === layerCount - 1;
  return Array.from({ length: units }, (_, j) => {
    if (last) return units === 1 ? 'y' : `y${j + 1}`;
    return layerCount === 2 ? `h${j + 1}` : `h${layer + 1}_${j + 1}`;
  });
}

/** Node names and parameter labels must each be unique, so a UI (or `--w w6=2`) can address them. */
function duplicateNames(inputNames: string[], layers: WalkthroughLayer[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const check = (name: string, field: string) => {
    if (seen.has(name)) problems.push({ field, message: `"${name}" is used twice; names and labels must be unique` });
    seen.add(name);
  };
  inputNames.forEach((name, i) => check(name, `inputNames[${i}]`));
  layers.forEach((layer, l) => layer.units.forEach((name, j) => check(name, `layers[${l}].units[${j}]`)));
  layers.forEach((layer, l) => {
    layer.weightLabels.forEach((row, i) => row.forEach((name, j) => check(name, `layers[${l}].weightLabels[${i}][${j}]`)));
    layer.biasLabels.forEach((name, j) => check(name, `layers[${l}].biasLabels[${j}]`));
  });
  return problems;
}
