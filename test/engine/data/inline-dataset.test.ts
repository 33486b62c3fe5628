import { describe, it, expect } from 'vitest';
import { DatasetSpecSchema } from '../../../engine/api/run-spec';
import { DatasetError } from '../../../engine/data/dataset-error';
import { buildInlineDataset, type InlineDatasetSpec } from '../../../engine/data/inline-dataset';

function inline(spec: Record<string, unknown>): InlineDatasetSpec {
  return DatasetSpecSchema.parse({ name: 'inline', ...spec }) as InlineDatasetSpec;
}

/** The DatasetError that `build` throws (fails the test if it throws something else or nothing). */
function errorOf(build: () => unknown): DatasetError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error('expected a DatasetError');
}

describe('buildInlineDataset: class labels', () => {
  it('stores x row-major as Float64 with scale 1 and y as class labels, numClasses = largest + 1', () => {
    const dataset = buildInlineDataset(inline({ x: [[1, -1], [0.5, 2], [3, 4]], y: [0, 2, 1] }));
    expect(dataset).toMatchObject({ name: 'inline', inputSize: 2, numClasses: 3, targetSize: 1, test: null, imageShape: null });
    expect(dataset.train.x).toEqual({ values: new Float64Array([1, -1, 0.5, 2, 3, 4]), rows: 3, cols: 2, scale: 1 });
    expect(dataset.train.y).toEqual({ kind: 'classes', labels: new Uint8Array([0, 2, 1]), numClasses: 3 });
  });

  it('has at least 2 classes, even when every label is 0', () => {
    const dataset = buildInlineDataset(inline({ x: [[1], [2]], y: [0, 0] }));
    expect(dataset.numClasses).toBe(2);
    expect(dataset.train.y).toMatchObject({ numClasses: 2 });
  });

  it('counts the test split\'s labels too, and gives both splits the same numClasses', () => {
    const dataset = buildInlineDataset(inline({ x: [[1], [2]], y: [0, 1], test: { x: [[3]], y: [4] } }));
    expect(dataset.numClasses).toBe(5);
    expect(dataset.train.y).toMatchObject({ numClasses: 5 });
    expect(dataset.test!.y).toEqual({ kind: 'classes', labels: new Uint8Array([4]), numClasses: 5 });
    expect(dataset.test!.x).toEqual({ values: new Float64Array([3]), rows: 1, cols: 1, scale: 1 });
  });

  it('keeps labels above 255 exactly (Int32 storage)', () => {
    const dataset = buildInlineDataset(inline({ x: [[1], [2]], y: [0, 300] }));
    expect(dataset.numClasses).toBe(301);
    expect(dataset.train.y).toMatchObject({ labels: new Int32Array([0, 300]) });
  });

  it('refuses a label no output layer can have', () => {
    const error = errorOf(() => buildInlineDataset(inline({ x: [[1], [2]], y: [0, 5000] })));
    expect(error.field).toBe('dataset.y[1]');
    expect(error.message).toMatch(/at most 4096 units/);
  });
});

describe('buildInlineDataset: target vectors', () => {
  it('stores y as real-valued targets of the rows\' width, with no classes', () => {
    const dataset = buildInlineDataset(
      inline({ x: [[1, 0], [0, 1]], y: [[0.5, 1, -2], [3, 4, 5]], test: { x: [[1, 1]], y: [[7, 8, 9]] } }),
    );
    expect(dataset).toMatchObject({ inputSize: 2, numClasses: null, targetSize: 3 });
    expect(dataset.train.y).toEqual({ kind: 'values', values: new Float64Array([0.5, 1, -2, 3, 4, 5]), cols: 3 });
    expect(dataset.test!.y).toEqual({ kind: 'values', values: new Float64Array([7, 8, 9]), cols: 3 });
  });
});

describe('buildInlineDataset: errors name the field to fix', () => {
  it.each([
    ['a row of x of another width', { x: [[1, 2], [3, 4], [5, 6], [7, 8, 9]], y: [0, 1, 0, 1] }, 'dataset.x[3]', 'dataset.x[3] has 3 values, expected 2'],
    ['an empty first row', { x: [[], [1]], y: [0, 1] }, 'dataset.x[0]', 'dataset.x[0] is empty: each row needs at least one value'],
    ['x and y of different lengths', { x: [[1], [2], [3]], y: [0, 1] }, 'dataset.y', 'dataset.y has 2 entries but dataset.x has 3 rows'],
    ['a target vector of another width', { x: [[1], [2]], y: [[1, 2], [3]] }, 'dataset.y[1]', 'dataset.y[1] has 1 value, expected 2'],
    ['a test row of another width than train', { x: [[1, 2]], y: [0], test: { x: [[1, 2, 3]], y: [1] } }, 'dataset.test.x[0]', 'dataset.test.x[0] has 3 values, expected 2'],
    ['test x and y of different lengths', { x: [[1]], y: [0], test: { x: [[1], [2]], y: [1] } }, 'dataset.test.y', 'dataset.test.y has 1 entry but dataset.test.x has 2 rows'],
    ['test vectors where train has labels', { x: [[1]], y: [0], test: { x: [[1]], y: [[1]] } }, 'dataset.test.y', 'dataset.test.y must hold class labels'],
    ['test labels where train has vectors', { x: [[1]], y: [[0]], test: { x: [[1]], y: [1] } }, 'dataset.test.y', 'dataset.test.y must hold target vectors'],
    ['test vectors of another width', { x: [[1]], y: [[0, 1]], test: { x: [[1]], y: [[1]] } }, 'dataset.test.y[0]', 'dataset.test.y[0] has 1 value, expected 2'],
  ])('%s', (_, spec, field, message) => {
    const error = errorOf(() => buildInlineDataset(inline(spec)));
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });
});
