import type { DatasetPreview } from '../api/lab-api';
import type { Dataset, DataSplit, InputMatrix, Targets } from './types';

/** Most points a 2-D preview holds (a scatter plot stays quick to draw and to send). */
export const PREVIEW_POINTS = 2_000;
/** Training images an image preview holds (the picker's strip of digits). */
export const PREVIEW_IMAGES = 16;
/** Test images it holds: the ones the trainer reports predictions for (eval `samples`). */
export const PREVIEW_TEST_IMAGES = 32;

type PointsPreview = Extract<DatasetPreview, { kind: 'points' }>;
type ImagesPreview = Extract<DatasetPreview, { kind: 'images' }>;
type ClassTargets = Extract<Targets, { kind: 'classes' }>;

/**
 * What the dataset picker shows of a dataset:
 * - images (`imageShape` set, class labels): the first PREVIEW_IMAGES training images, one byte
 *   per pixel, with their labels;
 * - points (2 inputs): at most PREVIEW_POINTS points spread evenly over the training then the test
 *   rows (every k-th row, so the splits and classes keep the proportions they have), each with its
 *   class, or its first target value for real-valued targets; the extent is each coordinate's
 *   min/max over every row of both splits;
 * - table: anything else, described by its sizes.
 * Features are the stored values × the dataset's scale. Pure; copies what it returns.
 */
export function previewDataset(dataset: Dataset): DatasetPreview {
  const trainSize = dataset.train.x.rows;
  const testSize = dataset.test?.x.rows ?? 0;
  const { imageShape, train } = dataset;
  if (imageShape !== null && train.y.kind === 'classes') {
    const test = dataset.test;
    const testImages = test && test.y.kind === 'classes' ? imageBytes(test.x, test.y, imageShape, Math.min(PREVIEW_TEST_IMAGES, testSize)) : { images: [], labels: [] };
    return { ...imagesPreview(train.x, train.y, imageShape, trainSize, testSize), testImages: testImages.images, testLabels: testImages.labels };
  }
  if (dataset.inputSize === 2) return pointsPreview(dataset, trainSize, testSize);
  return { kind: 'table', inputSize: dataset.inputSize, trainSize, testSize, numClasses: dataset.numClasses };
}

function pointsPreview(dataset: Dataset, trainSize: number, testSize: number): PointsPreview {
  const total = trainSize + testSize;
  const count = Math.min(total, PREVIEW_POINTS);
  const points: PointsPreview['points'] = [];
  for (let i = 0; i < count; i++) {
    const index = Math.floor((i * total) / count);
    const [split, row, name] = index < trainSize ? [dataset.train, index, 'train' as const] : [dataset.test!, index - trainSize, 'test' as const];
    points.push({ x1: feature(split, row, 0), x2: feature(split, row, 1), label: labelOf(split, row), split: name });
  }
  const splits = dataset.test === null ? [dataset.train] : [dataset.train, dataset.test];
  return {
    kind: 'points',
    numClasses: dataset.numClasses,
    points,
    extent: { x1: columnRange(splits, 0), x2: columnRange(splits, 1) },
    trainSize,
    testSize,
  };
}

/**
 * Images as bytes (0 background, 255 ink): byte-stored images (MNIST) are copied as they are;
 * others are converted from their features (stored value × scale, read as 0..1) by
 * round(255 · feature), clamped to 0..255.
 */
function imagesPreview(x: InputMatrix, y: ClassTargets, shape: [number, number], trainSize: number, testSize: number): Omit<ImagesPreview, 'testImages' | 'testLabels'> {
  const [height, width] = shape;
  const { images, labels } = imageBytes(x, y, shape, Math.min(PREVIEW_IMAGES, trainSize));
  return { kind: 'images', width, height, images, labels, trainSize, testSize, numClasses: y.numClasses };
}

/** The first `count` images of a split as bytes, with their labels. */
function imageBytes(x: InputMatrix, y: ClassTargets, [height, width]: [number, number], count: number): { images: Uint8Array[]; labels: number[] } {
  const pixels = height * width;
  const images: Uint8Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const stored = x.values.subarray(i * x.cols, i * x.cols + pixels);
    images.push(stored instanceof Uint8Array ? stored.slice() : Uint8Array.from(stored, (v) => Math.min(255, Math.max(0, Math.round(255 * v * x.scale)))));
    labels.push(y.labels[i]!);
  }
  return { images, labels };
}

function feature(split: DataSplit, row: number, column: number): number {
  return split.x.values[row * split.x.cols + column]! * split.x.scale;
}

/** A row's class, or for real-valued targets its first target value. */
function labelOf(split: DataSplit, row: number): number {
  return split.y.kind === 'classes' ? split.y.labels[row]! : split.y.values[row * split.y.cols]!;
}

function columnRange(splits: DataSplit[], column: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const split of splits) {
    for (let row = 0; row < split.x.rows; row++) {
      const v = feature(split, row, column);
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return [min, max];
}
