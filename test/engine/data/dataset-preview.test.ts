import { describe, expect, it } from 'vitest';
import type { DatasetPreview } from '../../../engine/api/lab-api';
import { DatasetSpecSchema } from '../../../engine/api/run-spec';
import { PREVIEW_IMAGES, PREVIEW_POINTS, previewDataset } from '../../../engine/data/dataset-preview';
import { loadDataset } from '../../../engine/data/load-dataset';
import { nodeDataSources, nodeMnistSource } from '../../../engine/data/node-mnist';
import type { Dataset } from '../../../engine/data/types';

const load = (spec: Record<string, unknown>, seed = 0): Dataset => loadDataset(DatasetSpecSchema.parse(spec), seed, nodeDataSources());

function asPoints(preview: DatasetPreview): Extract<DatasetPreview, { kind: 'points' }> {
  if (preview.kind !== 'points') throw new Error(`expected a points preview, got ${preview.kind}`);
  return preview;
}

function asImages(preview: DatasetPreview): Extract<DatasetPreview, { kind: 'images' }> {
  if (preview.kind !== 'images') throw new Error(`expected an images preview, got ${preview.kind}`);
  return preview;
}

describe('previewDataset: 2-D points', () => {
  it('shows every point of a small toy set, training rows first, with their classes and the exact extent', () => {
    const dataset = load({ name: 'circle', samples: 200, noise: 0, testFraction: 0.25 }, 7);
    const preview = asPoints(previewDataset(dataset));
    expect(preview).toMatchObject({ numClasses: 2, trainSize: 150, testSize: 50 });
    expect(preview.points).toHaveLength(200);
    expect(preview.points.slice(0, 150).every((p) => p.split === 'train')).toBe(true);
    expect(preview.points.slice(150).every((p) => p.split === 'test')).toBe(true);

    const train = dataset.train;
    const labels = train.y.kind === 'classes' ? train.y.labels : null;
    expect(preview.points[3]).toEqual({ x1: train.x.values[6], x2: train.x.values[7], label: labels![3], split: 'train' });
    const test = dataset.test!;
    expect(preview.points[150]).toMatchObject({ x1: test.x.values[0], x2: test.x.values[1], split: 'test' });

    const xs = preview.points.map((p) => p.x1);
    const ys = preview.points.map((p) => p.x2);
    expect(preview.extent).toEqual({ x1: [Math.min(...xs), Math.max(...xs)], x2: [Math.min(...ys), Math.max(...ys)] });
    // The clean circle set's points lie within radius 5, half of them in each class.
    expect(Math.max(...xs.map(Math.abs), ...ys.map(Math.abs))).toBeLessThanOrEqual(5);
    expect(preview.points.filter((p) => p.label === 1)).toHaveLength(100);
  });

  it('keeps at most 2,000 points of a large set, spread evenly over both splits with their proportions and classes', () => {
    const dataset = load({ name: 'spiral', samples: 10_000, noise: 0, testFraction: 0.3 }, 1);
    const preview = asPoints(previewDataset(dataset));
    expect(preview.points).toHaveLength(PREVIEW_POINTS);
    expect(preview.trainSize).toBe(7_000);
    expect(preview.testSize).toBe(3_000);
    // Every fifth row: 1,400 training points (rows 0, 5, 10, …), then 600 test points.
    expect(preview.points.filter((p) => p.split === 'train')).toHaveLength(1_400);
    expect(preview.points.filter((p) => p.split === 'test')).toHaveLength(600);
    expect(preview.points[1]).toMatchObject({ x1: dataset.train.x.values[10], x2: dataset.train.x.values[11] });
    expect(preview.points[1_401]).toMatchObject({ x1: dataset.test!.x.values[10], x2: dataset.test!.x.values[11], split: 'test' });
    const ones = preview.points.filter((p) => p.label === 1).length;
    expect(ones).toBeGreaterThan(900);
    expect(ones).toBeLessThan(1_100);
    // The extent covers every row of the set, not only the points shown.
    let maxX1 = -Infinity;
    for (const split of [dataset.train, dataset.test!]) for (let r = 0; r < split.x.rows; r++) maxX1 = Math.max(maxX1, split.x.values[2 * r]!);
    expect(preview.extent.x1[1]).toBe(maxX1);
  });

  it('labels inline points with their class, or with the first target value for real-valued targets', () => {
    const classes = asPoints(previewDataset(load({ name: 'inline', x: [[0, 1], [2, -3]], y: [0, 2], test: { x: [[5, 5]], y: [1] } })));
    expect(classes).toEqual({
      kind: 'points',
      numClasses: 3,
      points: [
        { x1: 0, x2: 1, label: 0, split: 'train' },
        { x1: 2, x2: -3, label: 2, split: 'train' },
        { x1: 5, x2: 5, label: 1, split: 'test' },
      ],
      extent: { x1: [0, 5], x2: [-3, 5] },
      trainSize: 2,
      testSize: 1,
    });
    const regression = asPoints(previewDataset(load({ name: 'inline', x: [[1, 2], [3, 4]], y: [[0.5, 9], [-1.5, 9]] })));
    expect(regression.numClasses).toBeNull();
    expect(regression.testSize).toBe(0);
    expect(regression.points.map((p) => p.label)).toEqual([0.5, -1.5]);
  });
});

describe('previewDataset: images', () => {
  it('shows the first 16 real MNIST training digits as copies of their bytes, with their labels', () => {
    const dataset = load({ name: 'mnist', trainSize: 300, testSize: 100 });
    const preview = asImages(previewDataset(dataset));
    expect(preview).toMatchObject({ width: 28, height: 28, trainSize: 300, testSize: 100, numClasses: 10 });
    expect(preview.images).toHaveLength(PREVIEW_IMAGES);
    expect(preview.labels).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5, 3, 6, 1, 7]);
    const files = nodeMnistSource().load(16, 0);
    preview.images.forEach((image, i) => {
      expect(image).toBeInstanceOf(Uint8Array);
      expect(image).toEqual(files.trainImages.slice(i * 784, (i + 1) * 784));
    });
    // Copies: the preview can cross a transport and be changed without touching the shared dataset.
    expect(preview.images[0]!.buffer).not.toBe(dataset.train.x.values.buffer);
    expect(preview.images[0]!.buffer).toBeInstanceOf(ArrayBuffer);
    preview.images[0]!.fill(7);
    expect(dataset.train.x.values[0]).toBe(0);
  });

  it('shows fewer images when the training set is smaller', () => {
    const preview = asImages(previewDataset(load({ name: 'mnist', trainSize: 3, testSize: 0 })));
    expect(preview.images).toHaveLength(3);
    expect(preview.labels).toEqual([5, 0, 4]);
    expect(preview.testSize).toBe(0);
  });

  it('turns images stored as features back into bytes with the dataset\'s scale', () => {
    const values = new Float32Array([0, 0.5, 1, 1.2, 0.25, -0.1, 0.75, 1 / 255]);
    const dataset: Dataset = {
      name: 'tiny-images',
      inputSize: 4,
      numClasses: 2,
      targetSize: 1,
      train: { x: { values, rows: 2, cols: 4, scale: 1 }, y: { kind: 'classes', labels: new Uint8Array([1, 0]), numClasses: 2 } },
      test: null,
      imageShape: [2, 2],
    };
    const preview = asImages(previewDataset(dataset));
    expect(preview.images).toEqual([new Uint8Array([0, 128, 255, 255]), new Uint8Array([64, 0, 191, 1])]);
    expect(preview.labels).toEqual([1, 0]);
    const halfScale = asImages(previewDataset({ ...dataset, train: { ...dataset.train, x: { ...dataset.train.x, scale: 0.5 } } }));
    expect(preview.images[0]![2]).toBe(255);
    expect(halfScale.images[0]![2]).toBe(128);
  });
});

describe('previewDataset: tables', () => {
  it('describes data of other widths by its sizes', () => {
    expect(previewDataset(load({ name: 'inline', x: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], y: [0, 1, 1], test: { x: [[0, 0, 0]], y: [0] } }))).toEqual({
      kind: 'table',
      inputSize: 3,
      trainSize: 3,
      testSize: 1,
      numClasses: 2,
    });
    expect(previewDataset(load({ name: 'inline', x: [[1], [2]], y: [[1], [2]] }))).toEqual({ kind: 'table', inputSize: 1, trainSize: 2, testSize: 0, numClasses: null });
  });
});
