import { RunSpecSchema, type RunSpec } from './run-spec';
import { SpecError, problemsFromZod, type FieldProblem } from './spec-error';
import { messageOf } from './error-message';
import { featureListProblems } from './input-features';

/**
 * Validates anything claiming to be a RunSpec and returns it with every default filled in.
 * Throws SpecError listing every problem, each naming its field. Checks that need the dataset
 * (output units vs classes, batch size vs training samples) are in train/check-spec-data.ts.
 */
export function parseRunSpec(input: unknown): RunSpec {
  const result = RunSpecSchema.safeParse(input);
  if (!result.success) throw new SpecError(problemsFromZod(result.error));
  const problems = structuralProblems(result.data);
  if (problems.length > 0) throw new SpecError(problems);
  return result.data;
}

/** Parses JSON text as a RunSpec; malformed JSON is a SpecError too. */
export function parseRunSpecJson(text: string): RunSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw SpecError.of('', `not valid JSON (${messageOf(error)})`);
  }
  return parseRunSpec(json);
}

function structuralProblems(spec: RunSpec): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const last = spec.layers.length - 1;
  const output = spec.layers[last]!;
  spec.layers.forEach((layer, i) => {
    if (layer.activation === 'softmax' && i !== last) {
      problems.push({ field: `layers[${i}].activation`, message: 'softmax is only allowed on the output layer' });
    }
    if (i > 0 && typeof layer.init === 'object' && layer.init.name === 'values') {
      problems.push(...valuesShapeProblems(`layers[${i}].init`, layer.init, spec.layers[i - 1]!.units, layer.units));
    }
  });
  if (output.dropout > 0) {
    problems.push({ field: `layers[${last}].dropout`, message: 'dropout on the output layer would drop predictions; put it on a hidden layer' });
  }
  if (spec.loss === 'softmax_cross_entropy' && output.activation !== 'softmax') {
    problems.push({ field: 'loss', message: `softmax_cross_entropy needs a softmax output layer (layers[${last}].activation is ${output.activation})` });
  }
  if (spec.loss === 'binary_cross_entropy' && output.activation !== 'sigmoid') {
    problems.push({ field: 'loss', message: `binary_cross_entropy needs a sigmoid output layer (layers[${last}].activation is ${output.activation})` });
  }
  if (spec.layers.some((l) => l.batchNorm) && spec.training.batchSize < 2) {
    problems.push({ field: 'training.batchSize', message: 'batch normalization needs batches of at least 2 samples' });
  }
  problems.push(...featureProblems(spec.dataset));
  return problems;
}

function featureProblems(dataset: RunSpec['dataset']): FieldProblem[] {
  if (dataset.name === 'mnist' || dataset.features === undefined) return [];
  const problems = featureListProblems(dataset.features).map(({ index, message }) => ({ field: `dataset.features[${index}]`, message }));
  const width = dataset.name === 'inline' ? (dataset.x[0]?.length ?? 0) : 2;
  if (width !== 2) {
    problems.push({ field: 'dataset.features', message: `input features need 2-D points (x1, x2), but dataset.x has ${width} values per row` });
  }
  return problems;
}

/** Problems with an explicit weight matrix (n_in × n_out) and bias (n_out). */
export function valuesShapeProblems(
  field: string,
  init: { weights: number[][]; bias?: number[] | undefined },
  nIn: number,
  nOut: number,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (init.weights.length !== nIn) {
    problems.push({ field: `${field}.weights`, message: `has ${init.weights.length} rows, expected ${nIn} (one per input of the layer)` });
  }
  init.weights.forEach((row, r) => {
    if (row.length !== nOut) problems.push({ field: `${field}.weights[${r}]`, message: `has ${row.length} values, expected ${nOut} (one per unit)` });
  });
  if (init.bias && init.bias.length !== nOut) {
    problems.push({ field: `${field}.bias`, message: `has ${init.bias.length} values, expected ${nOut} (one per unit)` });
  }
  return problems;
}
