import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../engine/api/runs';
import { openHistory } from '../../engine/history/run-history';
import { nnlab, nnlabJson } from './cli-harness';

/**
 * The run history from the command line, as issue 3 asks: train three configurations, list,
 * compare, export, import into a fresh database, re-run one ("identical"), and a run killed
 * mid-training showing up as interrupted with its partial curve.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let db: string;
const ids: string[] = [];

function spec(activation: string, extra: Record<string, unknown> = {}) {
  return {
    version: 1,
    name: `circle ${activation}`,
    seed: 5,
    dataset: { name: 'circle', samples: 200 },
    layers: [
      { units: 6, activation },
      { units: 2, activation: 'softmax' },
    ],
    optimizer: { name: 'adam', lr: 0.02 },
    training: { batchSize: 10, epochs: 4 },
    diagnostics: { every: 10, bins: 10 },
    ...extra,
  };
}

function specFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-runs-'));
  db = join(dir, 'class.db');
  for (const activation of ['tanh', 'sigmoid', 'relu']) {
    const result = await nnlab(['train', '--spec', specFile(`${activation}.json`, spec(activation)), '--db', db, '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.out.at(-1)).toMatch(/^stored as run [0-9a-f]{8} in /);
  }
  const listed = await nnlabJson<RunSummary[]>(['runs', 'list', '--db', db]);
  ids.push(...listed.map((r) => r.id));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nnlab runs', () => {
  it('lists the stored runs, newest first, with id, name, status, createdAt and final metrics', async () => {
    const runs = await nnlabJson<RunSummary[]>(['runs', 'list', '--db', db]);
    expect(runs.map((r) => r.name)).toEqual(['circle relu', 'circle sigmoid', 'circle tanh']);
    for (const run of runs) {
      expect(run.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(run.status).toBe('completed');
      expect(Date.parse(run.createdAt)).not.toBeNaN();
      expect(run.final!.test!.accuracy).toBeGreaterThan(0.5);
    }
    const text = await nnlab(['runs', 'list', '--db', db, '--activation', 'sigmoid', '--lang', 'en']);
    expect(text.out).toHaveLength(2);
    expect(text.out[1]).toMatch(/^[0-9a-f]{8} {2}circle sigmoid {2}completed/);
  });

  it('shows one run by its 8-character prefix, with spec and metrics', async () => {
    const run = await nnlabJson<RunDetail & { metrics: { steps: RunDetail['steps']; evals: RunDetail['evals'] } }>(['runs', 'show', ids[0]!.slice(0, 8), '--db', db]);
    expect(run.id).toBe(ids[0]);
    expect(run.spec.layers[0]!.activation).toBe('relu');
    expect(run.metrics.steps.step).toHaveLength(40);
    expect(run.metrics.evals.step).toEqual([0, 10, 20, 30, 40]);
  });

  it('compares runs: only the differing spec fields, and the curves on one axis', async () => {
    const comparison = await nnlabJson<{ runs: RunSummary[]; differences: { field: string; values: unknown[] }[]; series: { x: number[]; runs: unknown[] } }>(['runs', 'compare', ...ids.map((id) => id.slice(0, 8)), '--db', db]);
    expect(comparison.differences.map((d) => d.field).sort()).toEqual(['layers[0].activation', 'layers[0].init', 'name']);
    expect(comparison.differences.find((d) => d.field === 'layers[0].activation')!.values).toEqual(['relu', 'sigmoid', 'tanh']);
    expect(comparison.series.x).toEqual([0, 1, 2, 3, 4]);
    expect(comparison.series.runs).toHaveLength(3);
  });

  it('exports runs, imports them into a fresh database identically, and skips them the second time', async () => {
    const file = join(dir, 'three.nnlab');
    await nnlabJson(['runs', 'export', ...ids, '--out', file, '--db', db]);
    const fresh = join(dir, 'fresh.db');
    const first = await nnlabJson<{ imported: string[]; skipped: unknown[] }>(['runs', 'import', file, '--db', fresh]);
    expect([...first.imported].sort()).toEqual([...ids].sort());
    const second = await nnlabJson<{ imported: string[]; skipped: { id: string }[] }>(['runs', 'import', file, '--db', fresh]);
    expect(second.imported).toEqual([]);
    expect(second.skipped.map((s) => s.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const original = await nnlabJson<RunDetail>(['runs', 'show', id, '--db', db]);
      const copy = await nnlabJson<RunDetail>(['runs', 'show', id, '--db', fresh]);
      expect(copy).toEqual(original);
    }
    const csv = join(dir, 'metrics.csv');
    await nnlabJson(['runs', 'export', ids[0]!, '--out', csv, '--db', db]);
    // The file starts with a UTF-8 byte order mark (EF BB BF), as the app's CSV does, for Korean spreadsheets.
    expect([...readFileSync(csv).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('run_id,run_name,kind,step,epoch,loss,data_loss,train_loss,train_accuracy,test_loss,test_accuracy,elapsed_ms');
  });

  it("carries the lab sheets' notebook in an export when asked", async () => {
    const history = openHistory(db, { instanceId: 'notebook-writer' });
    history.setNotebookEntry('04-initialization', 'answer:q1', 'He keeps ReLU alive');
    history.close();
    const file = join(dir, 'with-notebook.nnlab');
    await nnlabJson(['runs', 'export', ids[0]!, '--out', file, '--with-notebook', '--db', db]);
    const fresh = join(dir, 'notebook-fresh.db');
    const result = await nnlabJson<{ notebook?: { merged: number } }>(['runs', 'import', file, '--db', fresh]);
    expect(result.notebook?.merged).toBeGreaterThanOrEqual(1);
    const imported = openHistory(fresh, { instanceId: 'notebook-reader' });
    try {
      // Kept apart under the file's source, never in the importer's own notebook.
      expect(imported.getNotebook('04-initialization')).toEqual({});
      expect(imported.importedNotebooks('04-initialization')[0]!.entries['answer:q1']).toBe('He keeps ReLU alive');
    } finally {
      imported.close();
    }
    const text = await nnlab(['runs', 'import', file, '--db', join(dir, 'notebook-text.db'), '--lang', 'en']);
    expect(text.out.at(-1)).toMatch(/^lab notebook: \d+ entr(y|ies) kept apart under this file \(it names no student\), not in your own notebook$/);
  });

  it('refuses 100 MB of `[{},{},…]` packed into 101 KB with one line, reading it on a worker thread', async () => {
    const hostile = join(dir, 'hostile.nnlab');
    writeFileSync(hostile, gzipSync(Buffer.from(`{"format":"nnlab-runs","payload":[${'{},'.repeat(33_000_000)}{}]}`), { level: 9 }));
    const storedBefore = await nnlabJson<RunSummary[]>(['runs', 'list', '--db', db]);
    const heapBefore = process.memoryUsage().heapUsed;
    const refused = await nnlab(['runs', 'import', hostile, '--db', db, '--lang', 'en']);
    expect(refused.code).toBe(2);
    expect(refused.err).toEqual(['error: this file is not one NN Lab exported, or it is damaged: its content has more than 2 million arrays and objects']);
    // Read on the worker: this thread's heap never holds the text or what it would parse to.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
    expect(await nnlabJson<RunSummary[]>(['runs', 'list', '--db', db])).toEqual(storedBefore);
  });

  it('re-runs a stored run and finds it identical, stored as a new run pointing back to it', async () => {
    const verdict = await nnlabJson<{ identical: boolean; firstDifference: unknown; runId: string; sourceRunId: string }>(['runs', 'rerun', ids[2]!.slice(0, 8), '--db', db]);
    expect(verdict).toMatchObject({ identical: true, firstDifference: null, sourceRunId: ids[2] });
    const rerun = await nnlabJson<RunDetail>(['runs', 'show', verdict.runId, '--db', db]);
    expect(rerun.sourceRunId).toBe(ids[2]);
    const text = await nnlab(['runs', 'rerun', ids[2]!, '--db', db, '--lang', 'en']);
    expect(text.out.at(-1)).toMatch(/^identical ✔ {2}40 steps/);
  });

  it('renames, tags, writes notes and deletes', async () => {
    const scratch = join(dir, 'edit.db');
    await nnlab(['train', '--spec', specFile('e.json', spec('tanh')), '--db', scratch]);
    const [run] = await nnlabJson<RunSummary[]>(['runs', 'list', '--db', scratch]);
    const id = run!.id.slice(0, 8);
    expect((await nnlab(['runs', 'rename', id, 'my', 'best', 'run', '--db', scratch])).code).toBe(0);
    await nnlab(['runs', 'tag', id, 'lab3', 'tanh', '--db', scratch]);
    await nnlab(['runs', 'tag', id, 'tanh', '--remove', '--db', scratch]);
    await nnlab(['runs', 'notes', id, 'learns in 2 epochs', '--db', scratch]);
    const edited = await nnlabJson<RunDetail>(['runs', 'show', id, '--db', scratch]);
    expect(edited).toMatchObject({ name: 'my best run', tags: ['lab3'], notes: 'learns in 2 epochs' });
    expect(await nnlabJson(['runs', 'delete', id, '--db', scratch])).toEqual({ deleted: [{ id: run!.id, name: 'my best run' }] });
    expect(await nnlabJson(['runs', 'list', '--db', scratch])).toEqual([]);
  });

  it('refuses bad input with one clear line and exit code 2, changing nothing', async () => {
    const storedBefore = await nnlabJson<RunSummary[]>(['runs', 'list', '--db', db]);
    const unknown = await nnlab(['runs', 'show', 'ffffffff', '--db', db, '--lang', 'en']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toHaveLength(1);
    expect(unknown.err[0]).toMatch(/^error: no run/i);
    const garbage = join(dir, 'garbage.nnlab');
    writeFileSync(garbage, 'this is not a run file');
    const refused = await nnlab(['runs', 'import', garbage, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.err).toHaveLength(1);
    expect(await nnlabJson<RunSummary[]>(['runs', 'list', '--db', db])).toEqual(storedBefore);
    expect((await nnlab(['runs', 'frobnicate', '--db', db])).code).toBe(2);
    expect((await nnlab(['runs', 'export', ids[0]!, '--db', db, '--lang', 'en'])).err[0]).toMatch(/--out FILE/);
    expect((await nnlab(['train', '--spec', 'x.json', '--db', db, '--no-db'])).code).toBe(2);
  });
});

describe('a run killed mid-training', () => {
  it('leaves a database that opens cleanly, with the run interrupted and its partial curve kept', async () => {
    const killedDb = join(dir, 'killed.db');
    const long = specFile('long.json', spec('tanh', { name: 'long run', dataset: { name: 'circle', samples: 1000 }, training: { batchSize: 10, epochs: 1000 } }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'train', '--spec', long, '--db', killedDb, '--json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let steps = 0;
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        steps += lines.filter((l) => l.startsWith('{"type":"step"')).length;
        // Past several chunks, so several batches are committed.
        if (steps >= 3000) resolve();
      });
      child.on('exit', () => reject(new Error('the training process ended before it could be killed')));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const history = openHistory(killedDb, { instanceId: 'checker' });
    try {
      expect(history.recoveredAtOpen).toHaveLength(1);
      const run = history.getRun(history.recoveredAtOpen[0]!);
      expect(run.status).toBe('interrupted');
      expect(run.message).toMatch(/interrupted/);
      expect(run.steps.step.length).toBeGreaterThan(1000);
      expect(run.steps.step.length).toBeLessThan(100_000);
      expect(run.steps.step).toEqual(Array.from({ length: run.steps.step.length }, (_, i) => i));
    } finally {
      history.close();
    }
    const list = await nnlabJson<RunSummary[]>(['runs', 'list', '--db', killedDb]);
    expect(list[0]!.status).toBe('interrupted');
    const integrity = await import('better-sqlite3').then(({ default: Database }) => {
      const raw = new Database(killedDb, { readonly: true });
      try {
        return raw.pragma('integrity_check', { simple: true });
      } finally {
        raw.close();
      }
    });
    expect(integrity).toBe('ok');
  }, 60_000);
});
