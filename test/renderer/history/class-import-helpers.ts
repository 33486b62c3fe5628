import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ImportOutcome } from '../../../engine/api/lab-api';
import { readLabFile } from '../../../engine/history/lab-file';
import type { RunHistory } from '../../../engine/history/run-history';
import { createPack, makeHandIn, openPack, storeLabFile } from '../../../engine/service/class-files';
import { circleSpec, openTemp, tempDir, trainRun } from '../../engine/history/history-helpers';

export const PACK_TITLE = '4주차: 초기화';

/** A teacher's pack and its file. */
export function teacherPack(): { id: string; data: Buffer } {
  const { pack, data } = createPack({ title: PACK_TITLE, className: '딥러닝 2025', teacher: '김교수', sheets: ['04-initialization'], presets: [], specs: [circleSpec()] });
  return { id: pack.id, data };
}

/** A student's hand-in of `packFile`: one tiny pack run and an answer on the pack's sheet (made at `now`). */
export function handIn(packFile: Buffer, name: string, number: string, answer: string, now = Date.now()): Buffer {
  const history = openTemp({}, join(tempDir(), `${number}-${now}.sqlite`));
  const { id: packId } = openPack(history, packFile);
  history.setStudent({ name, number });
  const runId = randomUUID();
  const { spec, events } = trainRun(circleSpec({ training: { batchSize: 10, epochs: 1 } }), runId);
  history.createRun({ id: runId, spec, status: 'queued', author: history.getStudent(), packId });
  history.recordEvents(runId, events);
  history.setNotebookEntry('04-initialization', 'answer:which-learns', answer);
  return makeHandIn(history, packId, undefined, { now: () => now }).data;
}

/** What LabService.importRuns does, on this thread: read and validate the file, then store it. */
export function importer(history: RunHistory): (bytes: Uint8Array) => Promise<ImportOutcome> {
  return async (bytes) => storeLabFile(history, readLabFile(bytes));
}
