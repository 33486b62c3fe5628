import { existsSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { RunDetail } from '../../../engine/api/runs';
import { DISK_RESERVE_BYTES } from '../../../engine/history/disk-reserve';
import { LabService } from '../../../engine/service/lab-service';
import { fillDisk, smallDisk } from '../history/fault-injection';
// Its afterEach removes the tmpfs's folder (and unmounts it) after ours has closed the service.
import '../history/history-helpers';
import { endlessSpec } from '../train/pool/pool-helpers';
import { circleSpec } from '../train/run-helpers';

/**
 * Issue 13: on a full disk one run was stored "stopped by the user" and another stayed
 * "running". Each run that cannot be stored ends `failed` with the full disk as its reason; the
 * runs stored before keep their own status and everything recorded.
 */
let service: LabService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('runs on a disk that fills up', () => {
  it('on a real full disk (a small tmpfs): the runs training end failed naming the full disk; the runs stored before keep their status and everything recorded', async (context) => {
    const disk = smallDisk(8 * 1024 * 1024);
    if (disk === null) context.skip('a small disk can be mounted only by root on Linux');
    const dbPath = join(disk!, 'lab.db');
    const reserve = `${dbPath}.reserve`;
    service = LabService.open({ dbPath, pool: { size: 2 } });
    expect(statSync(reserve).size).toBe(DISK_RESERVE_BYTES);
    const completed = service.startRun(circleSpec({ name: 'completed before' }));
    await service.whenEnded(completed.id);
    const stopped = service.startRun(endlessSpec({ name: 'stopped before' }));
    await until(() => service!.getRun(stopped.id).steps.step.length > 50, 'the run to stop has stored some steps');
    service.stopRun(stopped.id);
    await service.whenEnded(stopped.id);
    const before: RunDetail[] = [service.getRun(completed.id), service.getRun(stopped.id)];
    expect(before.map((run) => run.status)).toEqual(['completed', 'stopped']);

    // Full but for a little room: enough to add two runs, not to store their training.
    fillDisk(disk!);
    const filler = join(disk!, 'filler');
    truncateSync(filler, statSync(filler).size - 256 * 1024);
    const errors: string[] = [];
    service.subscribe((message) => {
      if (message.type === 'error') errors.push(message.message);
    });
    const starved = [service.startRun(endlessSpec({ name: 'starved 1', seed: 1 })), service.startRun(endlessSpec({ name: 'starved 2', seed: 2 }))];
    const ended = await Promise.all(starved.map((run) => service!.whenEnded(run.id)));
    const fullDisk = /^could not store this run's events: the disk holding the run history ".+lab\.db" is full \(database or disk is full\)/;
    for (const run of ended) {
      expect(run.status, run.name).toBe('failed');
      expect(run.message, run.name).toMatch(fullDisk);
      expect(run.endedAt, run.name).not.toBeNull();
      // What was stored before the disk filled up is kept, in order.
      const { steps } = service.getRun(run.id);
      expect(steps.step, run.name).toEqual(steps.step.map((_, i) => i));
      expect(service.getWeights(run.id)).toBeNull();
    }
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(error).toMatch(/^run [0-9a-f]{8} failed: could not store this run's events: the disk holding the run history .* is full/);
    expect([service.getRun(completed.id), service.getRun(stopped.id)]).toEqual(before);
    // The reserve gave its room to the failed ends.
    expect(existsSync(reserve)).toBe(false);
    await service.close();

    // Once there is room again, the next start keeps a reserve and trains as usual.
    rmSync(filler);
    service = LabService.open({ dbPath, pool: { size: 1 } });
    expect(statSync(reserve).size).toBe(DISK_RESERVE_BYTES);
    const after = service.startRun(circleSpec({ name: 'after space was freed' }));
    expect(await service.whenEnded(after.id)).toMatchObject({ status: 'completed', message: null });
    expect(service.listRuns().map((run) => [run.name, run.status]).sort()).toEqual([
      ['after space was freed', 'completed'],
      ['completed before', 'completed'],
      ['starved 1', 'failed'],
      ['starved 2', 'failed'],
      ['stopped before', 'stopped'],
    ]);
    await service.close();
    service = null;
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 120_000);
});
