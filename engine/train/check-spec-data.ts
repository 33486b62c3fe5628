import { valuesShapeProblems } from '../api/parse-run-spec';
import type { RunSpec } from '../api/run-spec';
import { SpecError, type FieldProblem } from '../api/spec-error';
import type { Dataset } from '../data/types';
import { datasetFeatures } from '../api/input-features';
import { targetEncodingFor, type TargetEncoding } from './targets';

/**
 * The checks of a parsed spec that need its dataset: the first layer's explicit weights against
 * the input width, the output layer against the classes or targets, the batch against the
 * training set. Returns how targets are encoded; throws SpecError naming each field otherwise.
 */
export function checkSpecAgainstDataset(spec: RunSpec, dataset: Dataset): TargetEncoding {
  const problems: FieldProblem[] = [];
  const first = spec.layers[0]!;
  if (typeof first.init === 'object' && first.init.name === 'values') {
    problems.push(...valuesShapeProblems('layers[0].init', first.init, networkInputSize(spec, dataset), first.units));
  }
  const last = spec.layers.length - 1;
  const encoding = targetEncodingFor(dataset, spec.layers[last]!.units);
  if (typeof encoding === 'string') problems.push({ field: `layers[${last}].units`, message: encoding });
  else if (spec.loss === 'softmax_cross_entropy' && encoding.kind === 'label') {
    problems.push({ field: `layers[${last}].units`, message: 'softmax over a single unit is always 1; use one unit per class' });
  }
  const trainSize = dataset.train.x.rows;
  if (spec.training.batchSize > trainSize) {
    problems.push({ field: 'training.batchSize', message: `${spec.training.batchSize} is larger than the ${trainSize} training samples` });
  }
  if (problems.length > 0 || typeof encoding === 'string') throw new SpecError(problems);
  return encoding;
}

/** Inputs of the network's first layer: one per input feature when the spec names them, else the dataset's. */
export function networkInputSize(spec: RunSpec, dataset: Dataset): number {
  const features = spec.dataset.name === 'mnist' ? null : datasetFeatures(spec.dataset);
  return features?.length ?? dataset.inputSize;
}
