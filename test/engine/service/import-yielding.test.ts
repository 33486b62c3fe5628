import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readLabFile } from '../../../engine/history/lab-file';
import type { RunHistory } from '../../../engine/history/run-history';
import { createPack, makeHandIn, openPack, storeLabFile, storeLabFileYielding } from '../../../engine/service/class-files';
import { LabService } from '../../../engine/service/lab-service';
import { circleSpec, dumpDatabase, openTemp, recordRun, tempDir, trainRun } from '../history/history-helpers';

/**
 * Storing an imported file a run at a time (issue 14: 40 hand-ins of 10 MNIST runs, imported with
 * the app's window answering): the event loop turns between a file's runs, the history ends as the
 * one-transaction store leaves it, and a run that cannot be stored leaves nothing of the file.
 */

const PACK = { title: 'Lab 4', className: 'DL 2025', sheets: ['04-initialization'] };

/** A student's hand-in of `runs` pack runs (as LabService.startRun stores them) and one answer. */
function handIn(packFile: Buffer, number: string, runs: number): Buffer {
  const history = openTemp({}, join(tempDir(), `${number}.sqlite`));
  const { id: packId } = openPack(history, packFile);
  history.setStudent({ name: `Student ${number}`, number });
  for (let i = 0; i < runs; i++) {
    const id = randomUUID();
    const { spec, events } = trainRun(circleSpec({ training: { batchSize: 10, epochs: 1 } }), id);
    history.createRun({ id, spec, status: 'queued', author: history.getStudent(), packId });
    history.recordEvents(id, events);
  }
  history.setNotebookEntry('04-initialization', 'answer:which-learns', `answer of ${number}`);
  return makeHandIn(history, packId, undefined).data;
}

function teacher(packFile: Buffer): RunHistory {
  const history = openTemp({}, join(tempDir(), 'teacher.sqlite'));
  openPack(history, packFile);
  return history;
}

describe('storing an import a run at a time', () => {
  it("lets the service answer between a hand-in's runs while it stores them", async () => {
    const { data: packFile } = createPack(PACK);
    const file = handIn(packFile, '2025001', 3);
    const service = LabService.open({ dbPath: join(tempDir(), 'service.sqlite'), pool: { size: 1 } });
    try {
      service.openPack(packFile);
      const seen = new Set<number>();
      let next: ReturnType<typeof setImmediate> | null = null;
      const poll = () => {
        seen.add(service.listRuns().length);
        next = setImmediate(poll);
      };
      poll();
      const result = await service.importRuns(file).finally(() => clearImmediate(next!));
      expect(result.imported).toHaveLength(3);
      expect(result.handIn?.status).toBe('new');
      // Another request came in while the file was half stored: one transaction would have shown 0, then 3.
      expect([...seen].some((n) => n > 0 && n < 3)).toBe(true);
      expect(service.listRuns()).toHaveLength(3);
      // The class view's facts of the hand-in's runs are kept at import, as the one-transaction store keeps them.
      const db = new Database(service.dbPath, { readonly: true });
      try {
        expect((db.prepare('SELECT run_id FROM class_run_facts').pluck().all() as string[]).sort()).toEqual([...result.imported].sort());
      } finally {
        db.close();
      }
    } finally {
      await service.close();
    }
  }, 60_000);

  it('leaves the history as the one-transaction store does: runs, stamps, answers, and a second import skipped', async () => {
    const { data: packFile } = createPack(PACK);
    const read = readLabFile(handIn(packFile, '2025002', 2));
    const [once, yielding] = [teacher(packFile), teacher(packFile)];
    const expected = storeLabFile(once, read);
    expect(await storeLabFileYielding(yielding, read)).toEqual(expected);
    for (const table of ['runs', 'steps', 'evals', 'diagnostics', 'network_snapshots', 'weights', 'imported_notebook']) {
      expect(dumpDatabase(yielding.path)[table], table).toEqual(dumpDatabase(once.path)[table]);
    }
    expect(await storeLabFileYielding(yielding, read)).toEqual(storeLabFile(once, read));
    expect(yielding.listRuns().map((r) => r.author?.number)).toEqual(['2025002', '2025002']);
  });

  it("takes back the file's runs stored before one that cannot be stored, and keeps everything else", async () => {
    const { data: packFile } = createPack(PACK);
    const read = readLabFile(handIn(packFile, '2025003', 3));
    if (read.kind !== 'hand-in') throw new Error('not a hand-in');
    const history = teacher(packFile);
    const own = recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 1 } })).id;
    const before = dumpDatabase(history.path);
    // The third run repeats a step: its insert breaks the steps table's key after two runs are stored.
    const broken = read.content.runs[2]!;
    const steps = { ...broken.steps, step: broken.steps.step.map((s, i) => (i === 1 ? broken.steps.step[0]! : s)) };
    const runs = [read.content.runs[0]!, read.content.runs[1]!, { ...broken, steps }];
    await expect(storeLabFileYielding(history, { kind: 'hand-in', content: { ...read.content, runs } })).rejects.toThrow();
    expect(history.listRuns().map((r) => r.id)).toEqual([own]);
    expect(dumpDatabase(history.path)).toEqual(before);
  });
});
