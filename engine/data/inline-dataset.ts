import { MAX_UNITS, type DatasetSpec } from '../api/run-spec';
import { DatasetError } from './dataset-error';
import type { Dataset, DataSplit } from './types';

/** A parsed inline dataset entry of a RunSpec: numbers written into the spec itself. */
export type InlineDatasetSpec = Extract<DatasetSpec, { name: 'inline' }>;

type InlineSplit = Pick<InlineDatasetSpec, 'x' | 'y'>;

/**
 * The dataset of an inline spec. `y` holds either one class index per row (targets of kind
 * 'classes', numClasses = largest label in train and test + 1, at least 2) or one target vector
 * per row (kind 'values', numClasses null, targetSize = the vector's width). Inputs are
 * Float64Array with scale 1; the test split is null when the spec has none.
 *
 * Throws DatasetError naming the offending field ("dataset.x[3]", "dataset.test.y") when rows
 * differ in width, x and y differ in length, the test split does not match the training split in
 * input width or target kind and width, or a label is too large for an output layer.
 */
export function buildInlineDataset(spec: InlineDatasetSpec): Dataset {
  const splits: [InlineSplit, string][] = [[spec, 'dataset']];
  if (spec.test !== undefined) splits.push([spec.test, 'dataset.test']);
  for (const [split, field] of splits) {
    if (split.y.length !== split.x.length) {
      throw new DatasetError(`${field}.y`, `${field}.y has ${plural(split.y.length, 'entry', 'entries')} but ${field}.x has ${plural(split.x.length, 'row', 'rows')}: give one target per row`);
    }
  }
  const inputSize = rowWidth(spec.x, 'dataset.x');
  const isClasses = typeof spec.y[0] === 'number';
  const targetSize = isClasses ? 1 : rowWidth(spec.y as number[][], 'dataset.y');
  let largestLabel = 0;
  for (const [split, field] of splits) {
    checkRowWidths(split.x, `${field}.x`, inputSize);
    if ((typeof split.y[0] === 'number') !== isClasses) {
      const expected = isClasses ? 'class labels (one whole number per row)' : 'target vectors (one array per row)';
      throw new DatasetError(`${field}.y`, `${field}.y must hold ${expected}, like dataset.y`);
    }
    if (isClasses) largestLabel = Math.max(largestLabel, checkLabels(split.y as number[], `${field}.y`));
    else checkRowWidths(split.y as number[][], `${field}.y`, targetSize);
  }

  const numClasses = isClasses ? Math.max(2, largestLabel + 1) : null;
  const toSplit = (split: InlineSplit): DataSplit => ({
    x: { values: flatten(split.x, inputSize), rows: split.x.length, cols: inputSize, scale: 1 },
    y:
      numClasses === null
        ? { kind: 'values', values: flatten(split.y as number[][], targetSize), cols: targetSize }
        : { kind: 'classes', labels: (numClasses <= 256 ? Uint8Array : Int32Array).from(split.y as number[]), numClasses },
  });
  return {
    name: 'inline',
    inputSize,
    numClasses,
    targetSize,
    train: toSplit(spec),
    test: spec.test === undefined ? null : toSplit(spec.test),
    imageShape: null,
  };
}

/** Checks that every label can be a class of an output layer; returns the largest. */
function checkLabels(labels: number[], field: string): number {
  let largest = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0) {
      throw new DatasetError(`${field}[${i}]`, `${field}[${i}] is ${JSON.stringify(label)}: class labels are whole numbers from 0`);
    }
    if (label >= MAX_UNITS) {
      throw new DatasetError(`${field}[${i}]`, `${field}[${i}] is class ${label}, but an output layer has at most ${MAX_UNITS} units (classes 0 to ${MAX_UNITS - 1})`);
    }
    largest = Math.max(largest, label);
  }
  return largest;
}

/** Width of a split's first row, which every other row must share; at least 1. */
function rowWidth(rows: number[][], field: string): number {
  const width = rows[0]?.length ?? 0;
  if (width === 0) throw new DatasetError(`${field}[0]`, `${field}[0] is empty: each row needs at least one value`);
  return width;
}

function checkRowWidths(rows: number[][], field: string, cols: number): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (!Array.isArray(row)) throw new DatasetError(`${field}[${i}]`, `${field}[${i}] must be an array of ${cols} numbers`);
    if (row.length !== cols) throw new DatasetError(`${field}[${i}]`, `${field}[${i}] has ${plural(row.length, 'value', 'values')}, expected ${cols}`);
  }
}

function flatten(rows: number[][], cols: number): Float64Array {
  const out = new Float64Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) out.set(rows[i]!, i * cols);
  return out;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
