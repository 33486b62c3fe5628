import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabPack } from '../engine/api/lab-pack';
import { openDatabase } from '../engine/history/database';
import { openHistory } from '../engine/history/run-history';
import { RunQueries } from '../engine/history/run-queries';
import { RunRecords, type RunRecord, type RunStamp } from '../engine/history/run-record';
import { findLabSheet } from '../engine/lab/lab-sheets';
import { PRESETS, type TrainPreset } from '../engine/lab/presets';
import { createPack, makeHandIn, openPack } from '../engine/service/class-files';
import { LabService } from '../engine/service/lab-service';
import { restampRecord, studentIdentity, studentNotebook } from './class-fixtures';
import { closeKeepingAlive } from './pool-runs';
import { progress } from './timing';

/**
 * The class's hand-ins, made as students make them: the lab sheets' MNIST presets trained once
 * through a LabService (the runs every student's copy is taken from), a lab pack with those
 * sheets, and for each student a history of their own (the pack opened, predictions and answers
 * saved in the notebook, their own copies of the runs stamped with them and the pack) from which
 * makeHandIn writes their file.
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
 * Student i's hand-in, for `students` students, written into `dir`. Each student's history is a
 * file of its own (deleted once the hand-in is written): their copies of the trained runs get new
 * ids and times and are stored with the engine's writer, stamped with the student and the pack,
 * as LabService.startRun(spec, { packId }) stores them on a student's PC; the copies' contents are
 * the trained runs' own, so sizes are real.
 */
export function makeHandInFiles(dir: string, trained: readonly RunRecord[], pack: LabPack, packData: Buffer, students: number): HandInFiles {
  const start = performance.now();
  const files: string[] = [];
  let bytes = 0;
  let runsPerFile = 0;
  let entriesPerFile = 0;
  const sheets = pack.sheets.map((s) => findLabSheet(s.id)).filter((s) => s !== undefined);
  for (let i = 0; i < students; i++) {
    const student = studentIdentity(i);
    const dbPath = join(dir, `student-${i + 1}.db`);
    // A student's session: each one a few minutes after the last, so the copies' times differ.
    const shiftMs = (i + 1) * 3 * 60_000;
    insertStampedRuns(
      dbPath,
      trained.map((record) => ({ record: restampRecord(record, randomUUID(), shiftMs), stamp: { author: student, packId: pack.id } })),
    );
    const history = openHistory(dbPath, { instanceId: randomUUID() });
    try {
      openPack(history, packData);
      const at = new Date().toISOString();
      for (const sheet of sheets) for (const entry of studentNotebook(sheet, i, at)) history.setNotebookEntry(entry.sheetId, entry.key, entry.value);
      const handIn = makeHandIn(history, pack.id, student);
      const file = join(dir, `hand-in-${student.number}.nnlab`);
      writeFileSync(file, handIn.data);
      files.push(file);
      bytes += handIn.data.length;
      runsPerFile = handIn.runs;
      entriesPerFile = handIn.entries;
    } finally {
      history.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    }
    if ((i + 1) % 10 === 0 || i + 1 === students) progress(`  history: ${i + 1} of ${students} hand-ins written`);
  }
  return { files, bytes, runsPerFile, entriesPerFile, seconds: (performance.now() - start) / 1000 };
}
