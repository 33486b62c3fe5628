import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabReply } from '../../../engine/api/lab-transport';
import type { RunFilterOptions, RunKey, RunPage, RunQuery } from '../../../engine/api/runs';
import { createLabApiHandler, type LabApiHandler } from '../../../engine/service/lab-api-handler';
import { LabService } from '../../../engine/service/lab-service';
import { SEED_T0, seedHistory, seededName, seededTestAccuracy } from '../../fixtures/seed-history';

/** The history table's calls through the service's handler, over a real SQLite file holding 10,000 runs. */
const COUNT = 10_000;
let dir: string;
let service: LabService;
let handle: LabApiHandler;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-pages-'));
  const dbPath = join(dir, 'lab.db');
  seedHistory(dbPath, COUNT);
  service = LabService.open({ dbPath, pool: { size: 1 } });
  handle = createLabApiHandler(service, { appVersion: '9.9.9', transport: 'browser' }, { machineSpeed: () => ({ multiplyAddsPerSecond: 1e9 }) });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const reply: LabReply = await handle(method, args);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.message}`);
  return reply.value as T;
}

const page = (query: RunQuery) => call<RunPage>('listRunPage', query);
const names = (p: RunPage) => p.runs.map((run) => run.name);

describe('a page of a 10,000-run history', () => {
  it('lists the newest 50 first, with how many match and how many are stored', async () => {
    const first = await page({});
    expect(first).toMatchObject({ offset: 0, matching: COUNT, total: COUNT });
    expect(names(first)).toEqual(Array.from({ length: 50 }, (_, i) => seededName(COUNT - 1 - i)));
    expect(first.runs[0]).toMatchObject({ status: 'completed', architecture: '2-4-2', createdAt: new Date(SEED_T0 + (COUNT - 1) * 60_000).toISOString(), tags: ['week-9'] });
  });

  it('a later page is the next slice; an offset past the end answers the last page', async () => {
    expect(names(await page({ limit: 25, offset: 100 }))).toEqual(Array.from({ length: 25 }, (_, i) => seededName(COUNT - 101 - i)));
    const last = await page({ limit: 50, offset: 9_950 });
    expect(names(last)).toEqual(Array.from({ length: 50 }, (_, i) => seededName(49 - i)));
    const past = await page({ limit: 50, offset: 20_000 });
    expect(past.offset).toBe(9_950);
    expect(names(past)).toEqual(names(last));
  });

  it('sorts the whole history, not the page: pages of a sort join up with no run twice or missed', async () => {
    const seen: string[] = [];
    const accuracies: number[] = [];
    for (let offset = 0; offset < COUNT; offset += 500) {
      const slice = await page({ sortBy: 'finalTestAccuracy', order: 'desc', limit: 500, offset });
      expect(slice.offset).toBe(offset);
      for (const run of slice.runs) {
        seen.push(run.id);
        accuracies.push(run.final!.test!.accuracy!);
      }
    }
    expect(new Set(seen).size).toBe(COUNT);
    expect(accuracies).toEqual([...accuracies].sort((a, b) => b - a));
    // The best run is the one seeded best, whatever its date; the ascending order starts at the worst.
    const best = Array.from({ length: COUNT }, (_, i) => i).reduce((a, b) => (seededTestAccuracy(b, COUNT) > seededTestAccuracy(a, COUNT) ? b : a));
    expect((await page({ sortBy: 'finalTestAccuracy', order: 'desc', limit: 1 })).runs[0]!.name).toBe(seededName(best));
    expect((await page({ sortBy: 'finalTestAccuracy', order: 'asc', limit: 1 })).runs[0]!.final!.test!.accuracy).toBe(0);
    expect(names(await page({ sortBy: 'name', order: 'asc', limit: 3, offset: 5_000 }))).toEqual([seededName(5_000), seededName(5_001), seededName(5_002)]);
  });

  it('filters the whole history: a search, a tag, an empty status list', async () => {
    const searched = await page({ search: 'RUN-0004' });
    expect(searched).toMatchObject({ offset: 0, matching: 10, total: COUNT });
    expect(names(searched)).toEqual(Array.from({ length: 10 }, (_, i) => seededName(49 - i)));
    // Page 3 of a search that then narrows to one page: the one page.
    expect((await page({ search: 'run-0004', limit: 5, offset: 10 })).offset).toBe(5);
    const tagged = await page({ tag: 'week-3', limit: 20, offset: 40 });
    expect(tagged.matching).toBe(COUNT / 10);
    expect(tagged.runs.every((run) => run.tags.includes('week-3'))).toBe(true);
    expect(await page({ status: [] })).toEqual({ runs: [], offset: 0, matching: 0, total: COUNT });
  });

  it('refuses a page too large to show, naming the limit', async () => {
    const reply = await handle('listRunPage', [{ limit: 5_000 }]);
    expect(reply).toMatchObject({ ok: false, error: { message: 'invalid run query: limit: a page holds 1 to 500 runs, not 5000' } });
    expect(await handle('listRunPage', [{ limit: 0 }])).toMatchObject({ ok: false });
    expect(await handle('listRunPage', [{ sortBy: 'spec' }])).toMatchObject({ ok: false, error: { message: expect.stringContaining('sortBy') } });
  });
});

describe('select all, and the filter menus', () => {
  it('every matching run as id and date, newest first, without their rows', async () => {
    const all = await call<RunKey[]>('listRunKeys', {});
    expect(all).toHaveLength(COUNT);
    expect(all[0]).toEqual({ id: expect.any(String), createdAt: new Date(SEED_T0 + (COUNT - 1) * 60_000).toISOString() });
    expect(new Set(all.map((key) => key.id)).size).toBe(COUNT);
    // The sort and the page are the table's, not the selection's.
    const tagged = await call<RunKey[]>('listRunKeys', { tag: 'week-3', sortBy: 'name', limit: 5, offset: 7 });
    expect(tagged).toHaveLength(COUNT / 10);
    expect(tagged.map((key) => key.createdAt)).toEqual(tagged.map((key) => key.createdAt).sort().reverse());
    const searched = await call<RunKey[]>('listRunKeys', { search: 'run-0004' });
    expect(searched.map((key) => key.id)).toEqual((await page({ search: 'run-0004' })).runs.map((run) => run.id));
  });

  it('offers the values the stored runs have', async () => {
    expect(await call<RunFilterOptions>('runFilterOptions')).toEqual({
      statuses: ['completed'],
      datasets: ['circle'],
      activations: ['relu', 'sigmoid', 'tanh'],
      tags: Array.from({ length: 10 }, (_, i) => `week-${i}`),
    });
  });
});
