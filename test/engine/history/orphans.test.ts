import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProcessAlive, processState } from '../../../engine/history/orphans';
import { openHistory, type RunHistory } from '../../../engine/history/run-history';
import { eventsOf } from '../train/run-helpers';
import { zombieProcess } from './fault-injection';
import { circleSpec, tempDir, trainRun } from './history-helpers';

const T0 = Date.parse('2025-03-14T09:00:00.000Z');

/** A pid that existed and is gone: a child process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  expect(child.status).toBe(0);
  return child.pid;
}

/** A history where another process (pid `pid`, instance "app") trains a run and stops after 20 events. */
function runOwnedBy(path: string, pid: number, id: string, at = T0): { events: ReturnType<typeof trainRun>['events'] } {
  const app = openHistory(path, { instanceId: 'app', pid, now: () => at, isProcessAlive: () => true });
  const { spec, events } = trainRun(circleSpec(), id);
  app.createRun({ id, spec, status: 'queued' });
  app.recordEvents(id, events.slice(0, 20));
  app.close();
  return { events };
}

function open(path: string, options: { now?: number; alive?: (pid: number) => boolean } = {}): RunHistory {
  return openHistory(path, { instanceId: 'cli', ...(options.now === undefined ? {} : { now: () => options.now! }), ...(options.alive ? { isProcessAlive: options.alive } : {}) });
}

describe('runs whose process died', () => {
  it('marks a run owned by a dead process interrupted at open, keeping its metrics up to the last batch', () => {
    const path = join(tempDir(), 'history.sqlite');
    const id = 'aaaaaaaa-0000-4000-8000-000000000001';
    const { events } = runOwnedBy(path, deadPid(), id, Date.now());
    const cli = open(path);
    expect(cli.recoveredAtOpen).toEqual([id]);
    const run = cli.getRun(id);
    expect(run.status).toBe('interrupted');
    expect(run.message).toMatch(/^interrupted: the process that ran it \(pid \d+\) ended before the run did$/);
    expect(run.steps.step).toEqual(eventsOf(events.slice(0, 20), 'step').map((e) => e.step));
    expect(run.evals.step).toEqual(eventsOf(events.slice(0, 20), 'eval').map((e) => e.step));
    expect(run.endedAt).toBe(run.startedAt);
    expect(cli.recoverInterrupted()).toEqual([]);
    cli.close();
  });

  it('leaves alone a run owned by a live process with a fresh heartbeat (the app training while the CLI lists)', () => {
    const path = join(tempDir(), 'history.sqlite');
    const id = 'aaaaaaaa-0000-4000-8000-000000000002';
    runOwnedBy(path, process.pid, id);
    const cli = open(path, { now: T0 + 59_000 });
    expect(cli.recoveredAtOpen).toEqual([]);
    expect(cli.getRun(id)).toMatchObject({ status: 'running', message: null, endedAt: null });
    cli.close();
  });

  it('marks a run whose heartbeat went stale interrupted even though its pid is alive (reused pid, hung process)', () => {
    const path = join(tempDir(), 'history.sqlite');
    const id = 'aaaaaaaa-0000-4000-8000-000000000003';
    runOwnedBy(path, process.pid, id);
    const checked: number[] = [];
    const cli = open(path, { now: T0 + 61_000, alive: (pid) => (checked.push(pid), true) });
    expect(checked).toEqual([process.pid]);
    expect(cli.recoveredAtOpen).toEqual([id]);
    const run = cli.getRun(id);
    expect(run).toMatchObject({ status: 'interrupted', endedAt: '2025-03-14T09:00:00.000Z' });
    expect(run.message).toContain('stopped reporting at 2025-03-14T09:00:00.000Z');
    cli.close();
  });

  it('keeps a run alive while its owner sends heartbeats, and recovers it once they stop', () => {
    const path = join(tempDir(), 'history.sqlite');
    const id = 'aaaaaaaa-0000-4000-8000-000000000004';
    let now = T0;
    const app = openHistory(path, { instanceId: 'app', now: () => now });
    const { spec, events } = trainRun(circleSpec(), id);
    app.createRun({ id, spec, status: 'queued' });
    app.recordEvents(id, events.slice(0, 3));
    now += 50_000;
    app.heartbeat([id]);
    now += 50_000;
    // 100 s after the last event, 50 s after the last heartbeat: still alive.
    const early = open(path, { now });
    expect(early.recoveredAtOpen).toEqual([]);
    early.close();
    now += 20_000;
    const cli = open(path, { now });
    expect(cli.recoveredAtOpen).toEqual([id]);
    expect(cli.getRun(id).endedAt).toBe(new Date(T0 + 50_000).toISOString());
    cli.close();
    app.close();
  });

  it('counts recorded events as a heartbeat', () => {
    const path = join(tempDir(), 'history.sqlite');
    const id = 'aaaaaaaa-0000-4000-8000-000000000007';
    let now = T0;
    const app = openHistory(path, { instanceId: 'app', now: () => now });
    const { spec, events } = trainRun(circleSpec(), id);
    app.createRun({ id, spec, status: 'queued' });
    now += 45_000;
    app.recordEvents(id, events.slice(0, 3));
    now += 45_000;
    const cli = open(path, { now });
    expect(cli.recoveredAtOpen).toEqual([]);
    cli.close();
    app.close();
  });

  it('never marks runs that ended, nor its own runs', () => {
    const path = join(tempDir(), 'history.sqlite');
    const app = openHistory(path, { instanceId: 'app', now: () => T0 });
    const id = 'aaaaaaaa-0000-4000-8000-000000000005';
    const { spec, events } = trainRun(circleSpec(), id);
    app.createRun({ id, spec, status: 'running' });
    app.recordEvents(id, events);
    const own = 'aaaaaaaa-0000-4000-8000-000000000006';
    app.createRun({ id: own, spec, status: 'queued' });
    expect(app.recoverInterrupted()).toEqual([]);
    expect(app.getRun(id).status).toBe('completed');
    expect(app.getRun(own).status).toBe('queued');
    app.close();
  });

  it('treats a zombie (exited, not yet reaped: signal 0 still reaches it) as dead: its run is marked interrupted without waiting for a stale heartbeat', async (context) => {
    const zombie = await zombieProcess();
    if (zombie === null) context.skip('a zombie is recognised from /proc on Linux only');
    expect(processState(zombie!.pid)).toBe('Z');
    expect(() => process.kill(zombie!.pid, 0)).not.toThrow();
    expect(isProcessAlive(zombie!.pid)).toBe(false);
    expect(isProcessAlive(process.pid)).toBe(true);

    const path = join(tempDir(), 'history.sqlite');
    const cli = open(path);
    const id = 'aaaaaaaa-0000-4000-8000-000000000008';
    // The owner's last heartbeat is fresh: only its process state tells that it has ended.
    runOwnedBy(path, zombie!.pid, id, Date.now());
    expect(cli.recoverInterrupted()).toEqual([id]);
    expect(cli.getRun(id).message).toBe(`interrupted: the process that ran it (pid ${zombie!.pid}) ended before the run did`);
    cli.close();
  });
});
