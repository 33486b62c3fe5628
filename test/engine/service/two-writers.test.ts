import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { LabService } from '../../../engine/service/lab-service';
import { holdWriteLock } from '../history/fault-injection';
import { endlessSpec } from '../train/pool/pool-helpers';
import { circleSpec } from '../train/run-helpers';

/**
 * Issue 13: with the browser host training two runs, `nnlab train --db` on the same file died
 * with "database is locked" and its run stayed "running". Here every party is a real process or
 * thread on one real SQLite file: this process is the host (a LabService training two runs in
 * worker threads), `nnlab train --db` runs as a child process, and a third process takes the
 * write lock for longer than the busy timeout while all three runs train.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');

let dir: string | null = null;
let service: LabService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function longSpec(name: string, seed: number): RunSpecInput {
  return circleSpec({ name, seed, training: { batchSize: 10, iterations: 40_000 }, diagnostics: { every: 500, bins: 10 } });
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `nnlab train --db` in its own process; resolves with its exit code and what it wrote on stderr. */
function cliTrain(dbPath: string, specPath: string): { exited: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(tsx, [join(root, 'cli', 'bin.ts'), 'train', '--db', dbPath, '--spec', specPath], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { exited: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr }))) };
}

describe('two programs writing one history', () => {
  it('the host and `nnlab train --db` both wait out a lock held longer than the busy timeout, and all their runs end completed with every step stored', async () => {
    dir = mkdtempSync(join(tmpdir(), 'nnlab-two-writers-'));
    const dbPath = join(dir, 'lab.db');
    service = LabService.open({ dbPath, pool: { size: 2 } });
    const specPath = join(dir, 'cli-spec.json');
    writeFileSync(specPath, JSON.stringify(longSpec('from the command line', 7)));

    const cli = cliTrain(dbPath, specPath);
    const hostRuns = [service.startRun(longSpec('host 1', 1)), service.startRun(longSpec('host 2', 2))];
    await until(() => service!.listRuns().filter((run) => run.status === 'running').length === 3, 'the three runs train');

    // Longer than the 5 s every write waits for a lock before SQLite gives up.
    const { released } = await holdWriteLock(dbPath, 6_500);
    await released;
    const releasedAt = Date.now();

    const ended = await Promise.all(hostRuns.map((run) => service!.whenEnded(run.id)));
    const { code, stderr } = await cli.exited;
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    const runs = service.listRuns();
    expect(runs).toHaveLength(3);
    for (const run of [...ended, ...runs]) expect(run, run.name).toMatchObject({ status: 'completed', message: null });
    for (const run of runs) {
      // Running when the lock was taken, ended after it was released: every writer waited it out.
      expect(Date.parse(run.endedAt!), run.name).toBeGreaterThanOrEqual(releasedAt - 1_000);
      const stored = service.getRun(run.id);
      expect(stored.steps.step, run.name).toEqual(Array.from({ length: 40_000 }, (_, i) => i));
    }
  }, 120_000);

  it('a run that trains to its end while another process holds the lock stores its events, its end and its weights once the lock is gone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'nnlab-two-writers-'));
    const dbPath = join(dir, 'lab.db');
    // Each write gives up on the lock after 100 ms: only the retries can carry the run through.
    service = LabService.open({ dbPath, pool: { size: 1 }, busyTimeoutMs: 100 });
    const errors: string[] = [];
    const { id } = service.startRun(circleSpec({ name: 'ends under the lock' }), { paused: true, observer: { onEvents: () => {}, onError: (message) => errors.push(message) } });
    await until(() => service!.getRun(id).status === 'running', 'the run has started');

    const { released } = await holdWriteLock(dbPath, 1_500);
    service.resumeRun(id);
    await released;
    const releasedAt = Date.now();
    const ended = await service.whenEnded(id);
    expect(errors).toEqual([]);
    expect(ended).toMatchObject({ status: 'completed', message: null });
    expect(Date.parse(ended.endedAt!)).toBeGreaterThanOrEqual(releasedAt - 100);
    expect(service.getRun(id).steps.step).toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect(service.getWeights(id)).not.toBeNull();
  }, 60_000);

  it('a run whose events cannot be stored within its patience ends failed naming the lock (not stopped, not left running); what it stored before is kept; the next run trains', async () => {
    dir = mkdtempSync(join(tmpdir(), 'nnlab-two-writers-'));
    const dbPath = join(dir, 'lab.db');
    service = LabService.open({ dbPath, pool: { size: 1 }, busyTimeoutMs: 100, lockPatienceMs: 400 });
    const seen: TrainingEvent[] = [];
    const errors: string[] = [];
    const { id } = service.startRun(endlessSpec({ name: 'starved' }), { observer: { onEvents: (events) => seen.push(...events), onError: (message) => errors.push(message) } });
    await until(() => service!.getRun(id).steps.step.length > 100, 'the run has stored some steps');

    const { released } = await holdWriteLock(dbPath, 2_500);
    const ended = await service.whenEnded(id);
    await released;
    const message = /^could not store this run's events: the run history ".+lab\.db" is busy: another program .* kept it locked longer than NN Lab waits/;
    expect(ended.status).toBe('failed');
    expect(ended.message).toMatch(message);
    expect(errors).toEqual([expect.stringMatching(/^run [0-9a-f]{8} failed: could not store this run's events: /)]);
    // The observer (the CLI's printout) hears the same end as the history stores.
    expect(seen.at(-1)).toMatchObject({ type: 'end', status: 'failed', message: ended.message });
    const stored = service.getRun(id);
    expect(stored.steps.step).toEqual(stored.steps.step.map((_, i) => i));
    expect(stored.steps.step.length).toBeGreaterThan(100);
    expect(service.getWeights(id)).toBeNull();

    const next = service.startRun(circleSpec({ name: 'after the lock' }));
    expect(await service.whenEnded(next.id)).toMatchObject({ status: 'completed', message: null });
  }, 60_000);
});
