import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabPack } from '../engine/api/lab-pack';
import { openDatabase } from '../engine/history/database';
import { openHistory, type RunHistory } from '../engine/history/run-history';
import { RunQueries } from '../engine/history/run-queries';
import { writeHandIn } from '../engine/history/hand-in-file';
import { RunRecords, withStoredParts, type RunRecord, type RunStamp } from '../engine/history/run-record';
import { findLabSheet } from '../engine/lab/lab-sheets';
import { PRESETS, type TrainPreset } from '../engine/lab/presets';
import { createPack, makeHandIn, openPack } from '../engine/service/class-files';
import { LabService } from '../engine/service/lab-service';
import { restampRecord, studentIdentity, studentNotebook } from './class-fixtures';
import { closeKeepingAlive } from './pool-runs';
import { progress } from './timing';

/**
 * The class's hand-ins: the lab sheets' MNIST presets trained once through a LabService (the runs
 * every student's copy is taken from), a lab pack with those sheets, and each student's hand-in
 * of their own copies and answers (see makeHandInFiles).
 */

/** The pack's sheets: three of the lab sheets, whose steps run the presets below. */
export const CLASS_SHEETS = ['03-vanishing-gradient', '04-initialization', '05-overfitting'] as const;

/** Ten MNIST presets those sheets run: the smallest stored run (init-mnist-he) to the largest (vanishing-sigmoid). */
export const CLASS_PRESETS = [
  'vanishing-sigmoid',
  'vanishing-relu',
  'vanishing-tanh',
  'init-mnist-std001',
  'init-mnist-xavier',
  'init-mnist-he',
  'overfit-baseline',
  'overfit-l2',
  'overfit-dropout',
  'overfit-batchnorm',
] as const;

/** Trains every preset once (as many at once as the pool has workers) into `dbPath`; returns the stored runs. */
export async function trainPresetRuns(dbPath: string, presetIds: readonly string[], workers: number): Promise<RunRecord[]> {
  const service = LabService.open({ dbPath, pool: { size: workers } });
  let ids: string[];
  try {
    const started = presetIds.map((id) => {
      const preset = PRESETS.find((p): p is TrainPreset => p.kind === 'train' && p.id === id);
      if (preset === undefined) throw new Error(`no training preset "${id}"`);
      return service.startRun(preset.spec).id;
    });
    const ended = await Promise.all(started.map((id) => service.whenEnded(id)));
    const notCompleted = ended.filter((run) => run.status !== 'completed');
    if (notCompleted.length > 0) throw new Error(`preset runs did not complete: ${notCompleted.map((r) => `${r.name} ${r.status}`).join(', ')}`);
    ids = started;
  } finally {
    await closeKeepingAlive(() => service.close());
  }
  const history = openHistory(dbPath, { instanceId: randomUUID() });
  try {
    return history.readRecords(ids);
  } finally {
    history.close();
  }
}

/** The teacher's pack for the class: the sheets and presets above. */
export function classPack(): { pack: LabPack; data: Buffer } {
  return createPack({ title: '3–5주차 실습: 기울기 소실, 초기화, 과적합', className: '딥러닝 실습 1분반', teacher: '담당 교수', sheets: [...CLASS_SHEETS], presets: [...CLASS_PRESETS] });
}

/** Inserts whole runs into a history file with the engine's own writer, each with its stamp (or none), in one transaction. */
export function insertStampedRuns(dbPath: string, rows: readonly { record: RunRecord; stamp: RunStamp | null }[]): void {
  const { db } = openDatabase(dbPath);
  try {
    const records = new RunRecords(db, new RunQueries(db));
    db.transaction(() => {
      for (const { record, stamp } of rows) records.insert(record, stamp);
    }).immediate();
  } finally {
    db.close();
  }
}

/** What making the hand-ins produced. */
export interface HandInFiles {
  files: string[];
  bytes: number;
  runsPerFile: number;
  entriesPerFile: number;
  seconds: number;
}

/**
 * Student i's hand-in, for `students` students, written into `dir`, each with their own copies of
 * the trained runs (new ids and times; contents the trained runs', so sizes are real) and their
 * own notebook answers. The first student goes the whole way a student's PC does: a history of
 * their own with the pack opened, the answers saved, the copies stored stamped with them and the
 * pack (as LabService.startRun(spec, { packId }) stores a student's runs), and makeHandIn. The
 * others' files are written by the same writer (writeHandIn) from the copies and answers in
 * memory, not from a database: what it writes is the same for the same runs, and the
 * round trip through a student's history would cost seconds a student without telling more.
 */
export function makeHandInFiles(dir: string, trained: readonly RunRecord[], pack: LabPack, packData: Buffer, students: number): HandInFiles {
  const start = performance.now();
  const files: string[] = [];
  let bytes = 0;
  let runsPerFile = 0;
  let entriesPerFile = 0;
  const sheets = pack.sheets.map((s) => findLabSheet(s.id)).filter((s) => s !== undefined);
  // Encoded once: every student's copies are stored from the same blobs.
  const encoded = trained.map(withStoredParts);
  for (let i = 0; i < students; i++) {
    const student = studentIdentity(i);
    // A student's session: each one a few minutes after the last, so the copies' times differ.
    const shiftMs = (i + 1) * 3 * 60_000;
    const ids = trained.map(() => randomUUID());
    const at = new Date().toISOString();
    const notebook = sheets.flatMap((sheet) => studentNotebook(sheet, i, at));
    let made: { data: Buffer; runs: number; entries: number };
    if (i === 0) {
      const dbPath = join(dir, `student-${i + 1}.db`);
      insertStampedRuns(dbPath, encoded.map((record, k) => ({ record: restampRecord(record, ids[k]!, shiftMs), stamp: { author: student, packId: pack.id } })));
      const history = openHistory(dbPath, { instanceId: randomUUID() });
      try {
        openPack(history, packData);
        for (const entry of notebook) history.setNotebookEntry(entry.sheetId, entry.key, entry.value);
        made = makeHandIn(history, pack.id, student);
      } finally {
        history.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
      }
    } else {
      const copies = trained.map((record, k) => restampRecord(record, ids[k]!, shiftMs));
      const inMemory = { runIdsOfPack: () => ids, readRecords: () => copies, notebookEntries: () => notebook } as unknown as RunHistory;
      made = writeHandIn(inMemory, pack, student);
    }
    const file = join(dir, `hand-in-${student.number}.nnlab`);
    writeFileSync(file, made.data);
    files.push(file);
    bytes += made.data.length;
    runsPerFile = made.runs;
    entriesPerFile = made.entries;
    if ((i + 1) % 10 === 0 || i + 1 === students) progress(`  history: ${i + 1} of ${students} hand-ins written`);
  }
  return { files, bytes, runsPerFile, entriesPerFile, seconds: (performance.now() - start) / 1000 };
}
