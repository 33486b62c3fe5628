import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LabPush } from '../../../engine/api/lab-api';
import { openHistory } from '../../../engine/history/run-history';
import { LabService } from '../../../engine/service/lab-service';
import { zombieProcess } from '../history/fault-injection';
import { circleSpec, trainRun } from '../history/history-helpers';

/**
 * Issue 13: a process killed moments before a host opened the history lingered as a zombie
 * (signal 0 still reached it) and its heartbeat was fresh, so the check at open left its run
 * "running" — and nothing looked again for the whole session. The service re-checks with its
 * heartbeat, and a zombie counts as dead.
 */
let dir: string | null = null;
let service: LabService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('runs orphaned while the history is open', () => {
  it('a run whose process is a zombie is marked interrupted by the periodic check, without reopening the history; subscribers hear of it', async (context) => {
    const zombie = await zombieProcess();
    if (zombie === null) context.skip('a real zombie process can be made on Linux only');
    dir = mkdtempSync(join(tmpdir(), 'nnlab-orphan-recheck-'));
    const dbPath = join(dir, 'lab.db');
    service = LabService.open({ dbPath, heartbeatMs: 50, pool: { size: 1 } });
    const pushes: LabPush[] = [];
    service.subscribe((message) => pushes.push(message));

    // Another program's run, left running by a process that has just ended (its last heartbeat is now).
    const id = 'bbbbbbbb-0000-4000-8000-000000000001';
    const other = openHistory(dbPath, { instanceId: 'browser-host', pid: zombie!.pid, isProcessAlive: () => true });
    const { spec, events } = trainRun(circleSpec(), id);
    other.createRun({ id, spec, status: 'queued' });
    other.recordEvents(id, events.slice(0, 20));
    other.close();
    expect(service.getRun(id).status).toBe('running');

    const deadline = Date.now() + 5_000;
    while (service.getRun(id).status === 'running' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    const run = service.getRun(id);
    expect(run.status).toBe('interrupted');
    expect(run.message).toBe(`interrupted: the process that ran it (pid ${zombie!.pid}) ended before the run did`);
    expect(run.steps.step.length).toBeGreaterThan(0);
    expect(pushes).toContainEqual({ type: 'runs-changed' });
  });
});
