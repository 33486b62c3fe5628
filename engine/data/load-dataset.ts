import type { DatasetSpec } from '../api/run-spec';
import { DatasetError } from './dataset-error';
import { buildInlineDataset } from './inline-dataset';
import { generateToyDataset } from './toy-datasets';
import type { Dataset, DataSplit } from './types';

export { DatasetError } from './dataset-error';

/** Side length of an MNIST image in pixels. */
export const MNIST_SIDE = 28;
/** Pixels per MNIST image (28 × 28), one byte each. */
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
/** Digits 0 to 9. */
export const MNIST_CLASSES = 10;

/**
 * MNIST as raw bytes: images row-major, MNIST_PIXELS bytes per image (0 = background,
 * 255 = ink), one label byte (0–9) per image. Arrays may be views over a SharedArrayBuffer.
 */
export interface MnistArrays {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

/**
 * Where MNIST comes from; the host injects it (Node reads files: node-mnist.ts), so this module
 * stays pure. `load` returns at least the first `trainSize` training and `testSize` test items, in
 * the files' order; it throws DatasetError when it cannot.
 */
export interface MnistSource {
  load(trainSize: number, testSize: number): MnistArrays;
}

/** What a host provides for datasets that are not generated from the spec alone. */
export interface DataSources {
  mnist?: MnistSource;
}

/**
 * The dataset a RunSpec describes. Toy sets are generated from `seed` (same spec and seed ⇒
 * bit-identical data); inline data is read from the spec; MNIST takes the FIRST `trainSize`
 * training and `testSize` test images of `sources.mnist` (as the textbook's `x_train[:300]`),
 * kept as bytes with scale 1/255, imageShape 28 × 28 and 10 classes; test is null when
 * testSize is 0. Throws DatasetError naming the field to fix.
 */
export function loadDataset(spec: DatasetSpec, seed: number, sources: DataSources): Dataset {
  switch (spec.name) {
    case 'circle':
    case 'xor':
    case 'gauss':
    case 'spiral':
      return generateToyDataset(spec, seed);
    case 'inline':
      return buildInlineDataset(spec);
    case 'mnist':
      if (sources.mnist === undefined) {
        throw new DatasetError(
          'dataset.name',
          'MNIST is not available here: this host provides no MNIST files (choose a toy dataset, or run from the app or the CLI, which read them from disk)',
        );
      }
      return mnistDataset(sources.mnist.load(spec.trainSize, spec.testSize), spec.trainSize, spec.testSize);
  }
}

function mnistDataset(arrays: MnistArrays, trainSize: number, testSize: number): Dataset {
  return {
    name: 'mnist',
    inputSize: MNIST_PIXELS,
    numClasses: MNIST_CLASSES,
    targetSize: 1,
    train: mnistSplit(arrays.trainImages, arrays.trainLabels, trainSize, 'training'),
    test: testSize === 0 ? null : mnistSplit(arrays.testImages, arrays.testLabels, testSize, 'test'),
    imageShape: [MNIST_SIDE, MNIST_SIDE],
  };
}

function mnistSplit(images: Uint8Array, labels: Uint8Array, size: number, splitName: string): DataSplit {
  const field = splitName === 'training' ? 'dataset.trainSize' : 'dataset.testSize';
  if (images.length < size * MNIST_PIXELS || labels.length < size) {
    const available = Math.min(Math.floor(images.length / MNIST_PIXELS), labels.length);
    throw new DatasetError(field, `${field} is ${size}, but the MNIST source gave only ${available} ${splitName} images`);
  }
  const splitLabels = labels.subarray(0, size);
  for (let i = 0; i < size; i++) {
    if (splitLabels[i]! >= MNIST_CLASSES) {
      throw new DatasetError('dataset', `MNIST ${splitName} label ${i} is ${splitLabels[i]}, not a digit: the MNIST files are damaged`);
    }
  }
  return {
    x: { values: images.subarray(0, size * MNIST_PIXELS), rows: size, cols: MNIST_PIXELS, scale: 1 / 255 },
    y: { kind: 'classes', labels: splitLabels, numClasses: MNIST_CLASSES },
  };
}
