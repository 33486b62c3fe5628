import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LabPush } from '../../engine/api/lab-api';
import { openHistory } from '../../engine/history/run-history';
import type { CliIO } from '../../cli/cli-io';
import { RENDERER_DIR, runServe } from '../../cli/commands/serve';
import { connectSocket, type WebSocketLike } from '../../renderer/src/lib/api/socket-client';
import { circleSpec } from '../engine/train/run-helpers';
import { nnlab } from './cli-harness';

/** `nnlab serve`: one line with the address, and on Ctrl-C runs end `stopped` and the history is closed. */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const URL_LINE = /^NN Lab is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]{43})) \(Ctrl\+C to stop\)$/;
let dir: string;
let rendererDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-serve-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>NN Lab</title>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A long run, so that it is still training when the host stops (steps of a few ms: no flood of events). */
const longSpec = () =>
  circleSpec({
    name: 'still training',
    dataset: { name: 'circle', samples: 400 },
    layers: [{ units: 256, activation: 'tanh' }, { units: 256, activation: 'tanh' }, { units: 2, activation: 'softmax' }],
    training: { batchSize: 100, epochs: 100_000 },
    diagnostics: { every: 50, bins: 10 },
  });

/** Starts a long run over the socket and waits until it has trained a little. */
async function startLongRun(url: string): Promise<string> {
  const page = new URL(url);
  const lab = await connectSocket({
    url: `ws://${page.host}/api?token=${page.searchParams.get('token')}`,
    createSocket: (socketUrl) => new WebSocket(socketUrl, { origin: page.origin }) as unknown as WebSocketLike,
  });
  const pushes: LabPush[] = [];
  lab.onPush((push) => pushes.push(push));
  const run = await lab.api.startRun(longSpec());
  while (!pushes.some((p) => p.type === 'run-events' && p.runId === run.id && p.events.some((e) => e.type === 'step'))) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  lab.close();
  return run.id;
}

function storedStatus(dbPath: string, runId: string): string {
  const history = openHistory(dbPath, { instanceId: 'serve-test' });
  try {
    return history.getRun(runId).status;
  } finally {
    history.close();
  }
}

describe('nnlab serve', () => {
  it('prints exactly one line with the address, and stops every run cleanly when told to stop', async () => {
    const dbPath = join(dir, 'in-process.db');
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { out: (line) => out.push(line), err: (line) => err.push(line), lang: 'en' };
    let stop!: () => void;
    const serving = runServe(['--db', dbPath], io, new Promise<void>((resolve) => (stop = resolve)), rendererDir);
    while (out.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(out).toHaveLength(1);
    const [, url] = URL_LINE.exec(out[0]!)!;
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>NN Lab</title>');

    const runId = await startLongRun(url!);
    stop();
    expect(await serving).toBe(0);
    expect(out).toHaveLength(1);
    expect(err).toEqual([]);
    expect(storedStatus(dbPath, runId)).toBe('stopped');
    await expect(fetch(url!)).rejects.toThrow();
  });

  it('says what to do when the app is not built, and rejects a bad port', async () => {
    await expect(runServe(['--db', join(dir, 'x.db')], { out: () => {}, err: () => {} }, new Promise(() => {}), join(dir, 'missing'))).rejects.toThrow(/npm run web/);
    const badPort = await nnlab(['serve', '--port', '70000']);
    expect(badPort.code).toBe(2);
    expect(badPort.err.join('\n')).toMatch(/--port/);
    const help = await nnlab(['serve', '--help', '--lang', 'en']);
    expect(help.out.join('\n')).toMatch(/Usage: nnlab serve \[--port N\] \[--db PATH\] \[--open\]/);
  });

  it.skipIf(!existsSync(join(RENDERER_DIR, 'index.html')))('as a process: Ctrl-C (SIGINT) ends the runs "stopped" and exits 0 (needs the built renderer)', async () => {
    const dbPath = join(dir, 'process.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'serve', '--lang', 'en', '--db', dbPath], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
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
    const [, url] = URL_LINE.exec(line)!;
    const runId = await startLongRun(url!);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(storedStatus(dbPath, runId)).toBe('stopped');
  });
});
