import { describe, it, expect } from 'vitest';
import { DatasetSpecSchema, type DatasetSpec } from '../../../engine/api/run-spec';
import { buildInlineDataset, type InlineDatasetSpec } from '../../../engine/data/inline-dataset';
import { DatasetError, loadDataset, MNIST_PIXELS, type MnistArrays, type MnistSource } from '../../../engine/data/load-dataset';
import { generateToyDataset, type ToyDatasetSpec } from '../../../engine/data/toy-datasets';

const parse = (spec: Record<string, unknown>): DatasetSpec => DatasetSpecSchema.parse(spec);

/** A stand-in MNIST of `train` + `test` images; image k is filled with the byte k, its label is k % 10. */
function fakeMnist(train: number, test: number, labelOf = (k: number) => k % 10): MnistArrays & { calls: [number, number][] } {
  const images = (count: number, first: number) => {
    const bytes = new Uint8Array(count * MNIST_PIXELS);
    for (let k = 0; k < count; k++) bytes.fill(first + k, k * MNIST_PIXELS, (k + 1) * MNIST_PIXELS);
    return bytes;
  };
  const labels = (count: number, first: number) => Uint8Array.from({ length: count }, (_, k) => labelOf(first + k));
  return { trainImages: images(train, 0), trainLabels: labels(train, 0), testImages: images(test, 100), testLabels: labels(test, 100), calls: [] };
}

function sourceOf(arrays: ReturnType<typeof fakeMnist>): MnistSource {
  return {
    load(trainSize, testSize) {
      arrays.calls.push([trainSize, testSize]);
      return arrays;
    },
  };
}

describe('loadDataset', () => {
  it('generates toy sets from the seed and builds inline sets from the spec', () => {
    const spiral = parse({ name: 'spiral', samples: 50 });
    expect(loadDataset(spiral, 9, {})).toEqual(generateToyDataset(spiral as ToyDatasetSpec, 9));
    expect(loadDataset(spiral, 10, {})).not.toEqual(generateToyDataset(spiral as ToyDatasetSpec, 9));
    const inline = parse({ name: 'inline', x: [[1], [2]], y: [0, 1] });
    expect(loadDataset(inline, 9, {})).toEqual(buildInlineDataset(inline as InlineDatasetSpec));
  });

  it('turns MNIST into byte inputs with scale 1/255, 28 × 28 images and 10 classes, sharing the source\'s bytes', () => {
    const arrays = fakeMnist(5, 3);
    const dataset = loadDataset(parse({ name: 'mnist', trainSize: 5, testSize: 3 }), 1, { mnist: sourceOf(arrays) });
    expect(arrays.calls).toEqual([[5, 3]]);
    expect(dataset).toMatchObject({ name: 'mnist', inputSize: 784, numClasses: 10, targetSize: 1, imageShape: [28, 28] });
    expect(dataset.train.x).toMatchObject({ rows: 5, cols: 784, scale: 1 / 255 });
    expect(dataset.train.x.values).toBeInstanceOf(Uint8Array);
    expect(dataset.train.x.values.buffer).toBe(arrays.trainImages.buffer);
    expect(dataset.train.y).toEqual({ kind: 'classes', labels: new Uint8Array([0, 1, 2, 3, 4]), numClasses: 10 });
    expect(dataset.test!.x.rows).toBe(3);
    expect(dataset.test!.x.values[0]).toBe(100);
    expect(dataset.test!.y).toMatchObject({ labels: new Uint8Array([0, 1, 2]) });
  });

  it('takes the FIRST trainSize / testSize images when the source gives more', () => {
    const arrays = fakeMnist(20, 10);
    const dataset = loadDataset(parse({ name: 'mnist', trainSize: 4, testSize: 2 }), 1, { mnist: sourceOf(arrays) });
    expect(dataset.train.x.values).toHaveLength(4 * 784);
    expect([0, 1, 2, 3].map((k) => dataset.train.x.values[k * 784 + 400])).toEqual([0, 1, 2, 3]);
    expect(dataset.test!.x.values).toHaveLength(2 * 784);
    expect(dataset.test!.y).toMatchObject({ labels: new Uint8Array([0, 1]) });
  });

  it('has no MNIST test split when testSize is 0', () => {
    const dataset = loadDataset(parse({ name: 'mnist', trainSize: 2, testSize: 0 }), 1, { mnist: sourceOf(fakeMnist(2, 0)) });
    expect(dataset.test).toBeNull();
  });

  it('says clearly that MNIST needs a source when the host gives none', () => {
    const attempt = () => loadDataset(parse({ name: 'mnist', trainSize: 10 }), 1, {});
    expect(attempt).toThrow(DatasetError);
    expect(attempt).toThrow(/MNIST is not available here/);
    expect(attempt).toThrow(expect.objectContaining({ field: 'dataset.name' }));
  });

  it('refuses a source that gives fewer images than asked, naming the size field', () => {
    const mnist = sourceOf(fakeMnist(3, 1));
    expect(() => loadDataset(parse({ name: 'mnist', trainSize: 4, testSize: 1 }), 1, { mnist })).toThrow(
      expect.objectContaining({ field: 'dataset.trainSize', message: 'dataset.trainSize is 4, but the MNIST source gave only 3 training images' }),
    );
    expect(() => loadDataset(parse({ name: 'mnist', trainSize: 3, testSize: 2 }), 1, { mnist })).toThrow(
      expect.objectContaining({ field: 'dataset.testSize' }),
    );
  });

  it('refuses labels that are not digits (damaged files)', () => {
    const mnist = sourceOf(fakeMnist(3, 0, (k) => (k === 2 ? 10 : 1)));
    expect(() => loadDataset(parse({ name: 'mnist', trainSize: 3, testSize: 0 }), 1, { mnist })).toThrow(/label 2 is 10, not a digit/);
  });
});
