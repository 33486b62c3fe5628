import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { HistoryError } from '../../../engine/history/history-error';
import { SCHEMA_VERSION } from '../../../engine/history/migrations';
import { exportRuns, importRuns } from '../../../engine/history/run-file';
import { RunHistory, openHistory } from '../../../engine/history/run-history';
import { makeReadOnly } from './fault-injection';
import { circleSpec, dumpDatabase, olderVersionCopy, openTemp, recordRun, tempDir, trainRun } from './history-helpers';

const DEAD_PID = 2 ** 22 + 17;

function thrown(operation: () => unknown): HistoryError {
  try {
    operation();
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryError);
    return error as HistoryError;
  }
  throw new Error('the operation went through');
}

/**
 * A closed history in its own folder: a finished run, and one left "running" by a process that
 * died (the open would normally mark it interrupted: a write).
 */
function historyWithRuns(): { path: string; done: string; orphan: string } {
  const path = join(tempDir(), 'history.sqlite');
  const writer = openHistory(path, { instanceId: 'the-dead-one', pid: DEAD_PID });
  const done = recordRun(writer, circleSpec({ training: { batchSize: 50, epochs: 2 } })).id;
  const orphan = randomUUID();
  const { spec, events } = trainRun(circleSpec({ seed: 5 }), orphan);
  writer.createRun({ id: orphan, spec, status: 'running' });
  writer.recordEvents(orphan, events.slice(0, 20));
  writer.close();
  return { path, done, orphan };
}

/** Every write a person can ask for is refused with the read-only message; returns how many were tried. */
function expectEveryWriteRefused(history: RunHistory, runId: string, importFile: Buffer): number {
  const writes: (() => unknown)[] = [
    () => history.rename(runId, 'renamed'),
    () => history.setNotes(runId, 'notes'),
    () => history.setTags(runId, ['tag']),
    () => history.deleteRun(runId),
    () => history.setNotebookEntry('sheet-1', 'q1', 'an answer'),
    () => history.createRun({ id: randomUUID(), spec: parseRunSpec(circleSpec()), status: 'queued' }),
    () => importRuns(history, importFile),
  ];
  for (const write of writes) {
    const error = thrown(write);
    expect(error.code).toBe('read-only');
    expect(error.message).toContain(`"${history.path}" is open read-only`);
    expect(error.message).toMatch(/, so nothing can be saved, edited or deleted until NN Lab is started again once that is fixed$/);
  }
  return writes.length;
}

/** A file with one run that is not in the history, to import. */
function otherRunFile(): Buffer {
  const other = openTemp({ instanceId: 'other' });
  const { id } = recordRun(other, circleSpec({ seed: 11, training: { batchSize: 50, epochs: 1 } }));
  return exportRuns(other, [id]);
}

describe('a history that cannot be written', () => {
  it('on a read-only file opens read-only: the runs can be viewed, every write is refused with a clear message, nothing stored is lost', (context) => {
    const { path, done, orphan } = historyWithRuns();
    const before = dumpDatabase(path);
    const bytes = readFileSync(path);
    const importFile = otherRunFile();
    if (makeReadOnly(path) === null) context.skip('a read-only file cannot be made on this system');

    const history = openHistory(path, { instanceId: 'app' });
    try {
      expect(history.readOnlyReason).toMatch(/^the file cannot be written: attempt to write a readonly database$/);
      expect(history.notices).toEqual([
        {
          code: 'read-only',
          files: [path],
          message: expect.stringMatching(/^The run history ".+" is open read-only \(the file cannot be written: .+\)\. Stored runs can be viewed, compared and exported, but nothing can be trained, imported, edited or deleted until you make the file and its folder writable \(an administrator can\)\.$/),
        },
      ]);
      // Viewing works: the list, a run, its replay and its export.
      expect(history.listRuns().map((r) => r.id).sort()).toEqual([done, orphan].sort());
      expect(history.getRun(orphan).status).toBe('running');
      expect(history.recordedEvents(done).at(-1)?.type).toBe('end');
      expect(exportRuns(history, [done]).length).toBeGreaterThan(0);
      expectEveryWriteRefused(history, done, importFile);
    } finally {
      history.close();
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(dumpDatabase(path)).toEqual(before);
  });

  it('in a read-only folder opens read-only from a snapshot: the runs can be viewed, every write is refused, nothing stored is lost', (context) => {
    const { path, done, orphan } = historyWithRuns();
    const bytes = readFileSync(path);
    const importFile = otherRunFile();
    if (makeReadOnly(dirname(path)) === null) context.skip('a read-only folder cannot be made on this system');

    const history = openHistory(path, { instanceId: 'app' });
    try {
      expect(history.readOnlyReason).toBe(`its folder "${dirname(path)}" cannot be written; the runs shown are as they were when the history was opened`);
      expect(history.notices.map((n) => n.code)).toEqual(['read-only']);
      expect(history.listRuns().map((r) => r.id).sort()).toEqual([done, orphan].sort());
      expect(history.getRun(done).steps.loss.length).toBeGreaterThan(0);
      expect(exportRuns(history, [done]).length).toBeGreaterThan(0);
      expectEveryWriteRefused(history, done, importFile);
    } finally {
      history.close();
    }
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dirname(path))).toEqual(['history.sqlite']);
  });

  it('once writable again, opens normally with everything it had, and only then marks the orphaned run interrupted', (context) => {
    const { path, done, orphan } = historyWithRuns();
    const before = dumpDatabase(path);
    const restore = makeReadOnly(path);
    if (restore === null) context.skip('a read-only file cannot be made on this system');
    const readOnly = openHistory(path, { instanceId: 'app' });
    expect(readOnly.recoveredAtOpen).toEqual([]);
    readOnly.close();

    restore!();
    const history = openTemp({ instanceId: 'app' }, path);
    expect(history.readOnlyReason).toBeNull();
    expect(history.notices).toEqual([]);
    expect(history.recoveredAtOpen).toEqual([orphan]);
    const after = dumpDatabase(path);
    for (const table of ['steps', 'evals', 'diagnostics', 'network_snapshots', 'weights', 'run_tags']) expect(after[table]).toEqual(before[table]);
    expect(history.getRun(done).status).toBe('completed');
  });

  it('that would need an upgrade is refused with a message and left as it was', (context) => {
    const source = historyWithRuns();
    const path = join(tempDir(), 'history.sqlite');
    olderVersionCopy(source.path, path, SCHEMA_VERSION - 1);
    const bytes = readFileSync(path);
    if (makeReadOnly(path) === null) context.skip('a read-only file cannot be made on this system');
    const error = thrown(() => openHistory(path, { instanceId: 'app' }));
    expect(error.code).toBe('read-only');
    expect(error.message).toContain(`"${path}" must be upgraded to this version of NN Lab (schema version ${SCHEMA_VERSION - 1} → ${SCHEMA_VERSION}), but it cannot be written`);
    expect(error.message).toMatch(/it was left as it is — make the file and its folder writable \(an administrator can\), or open it with the NN Lab that made it$/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dirname(path)).filter((name) => name.endsWith('.bak'))).toEqual([]);
  });

  it('cannot be created in a read-only folder: the message names the folder', (context) => {
    const dir = tempDir();
    if (makeReadOnly(dir) === null) context.skip('a read-only folder cannot be made on this system');
    const path = join(dir, 'history.sqlite');
    const error = thrown(() => openHistory(path, { instanceId: 'app' }));
    expect(error.code).toBe('read-only');
    expect(error.message).toBe(
      `cannot create the run history "${path}": its folder "${dir}" cannot be written (unable to open database file); make the folder writable, or choose another location with --db`,
    );
  });

  it('whose orphaned runs cannot be marked interrupted at open (the write is refused) still opens, with a notice; the runs stay as they were', () => {
    const { path, orphan } = historyWithRuns();
    // A connection that cannot write, though nothing said so when it was opened.
    const history = new RunHistory({ db: new Database(path, { readonly: true }), readOnlyReason: null, notices: [] }, path, { instanceId: 'app' });
    try {
      expect(history.recoveredAtOpen).toEqual([]);
      expect(history.notices).toEqual([
        {
          code: 'recovery-skipped',
          files: [path],
          message: expect.stringMatching(/^Runs left "running" by an NN Lab that stopped could not be marked interrupted: the run history ".+" cannot be written \(attempt to write a readonly database\)/),
        },
      ]);
      expect(history.getRun(orphan).status).toBe('running');
    } finally {
      history.close();
    }
  });
});
