import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HistoryError } from '../../../engine/history/history-error';
import { checkIntegrity } from '../../../engine/history/integrity-check';
import { SCHEMA_VERSION } from '../../../engine/history/migrations';
import { openSettingCorruptAside, setAsideDatabase } from '../../../engine/history/corrupt-set-aside';
import { openHistory, type RunHistory } from '../../../engine/history/run-history';
import { damagePages, makeReadOnly } from './fault-injection';
import { circleSpec, openTemp, recordRun, tempDir } from './history-helpers';

const NOON = Date.parse('2025-03-14T12:00:00.000Z');
const ASIDE = 'history.sqlite.corrupt-2025-03-14T12-00-00-000Z';

/** A closed history file with three real runs (their series span many pages). */
function historyWithRuns(): { path: string; ids: string[] } {
  const history = openTemp({ instanceId: 'writer' });
  const ids = [1, 2, 3].map((seed) => recordRun(history, circleSpec({ seed, training: { batchSize: 10, epochs: 4 } })).id);
  history.close();
  return { path: history.path, ids };
}

function refusal(open: () => unknown): HistoryError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryError);
    return error as HistoryError;
  }
  throw new Error('the database was opened');
}

const openForTest = (path: string): RunHistory => openTemp({ instanceId: 'app' }, path);

describe('a corrupt history', () => {
  it('with damaged pages in the middle of a real history is found at open by the integrity check, and the file is left byte-identical', () => {
    const { path } = historyWithRuns();
    const damaged = damagePages(path, 'steps');
    const pageCount = readFileSync(path).length / 4096;
    // The damage is inside the file, not at its start where the header would give it away.
    expect(Math.min(...damaged)).toBeGreaterThan(1);
    expect(Math.max(...damaged)).toBeLessThan(pageCount);
    const bytes = readFileSync(path);

    const error = refusal(() => openHistory(path, { instanceId: 'cli' }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/integrity check found damage: .+; it was left as it is — move it aside or choose another file with --db/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('of garbage bytes is refused at open (the CLI with --db), the file left as it was', () => {
    const path = join(tempDir(), 'history.sqlite');
    const garbage = Buffer.alloc(64 * 1024, 'not a database, just bytes ');
    writeFileSync(path, garbage);
    const error = refusal(() => openHistory(path, { instanceId: 'cli' }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(path);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('is moved aside by the app with its -wal and -shm, byte for byte, a fresh history started, and a notice says where it went', () => {
    const dir = tempDir();
    const path = join(dir, 'history.sqlite');
    const files = { '': Buffer.alloc(64 * 1024, 'garbage '), '-wal': Buffer.from('a write-ahead log of garbage'), '-shm': Buffer.alloc(32 * 1024, 7) };
    for (const [suffix, bytes] of Object.entries(files)) writeFileSync(`${path}${suffix}`, bytes);

    const { opened: history, notices } = openSettingCorruptAside(path, openForTest, () => NOON);
    // The damaged set, renamed so SQLite would still find the -wal and -shm beside the main file.
    // The -shm holds no data (SQLite rebuilds it from the -wal, and may already have while looking).
    expect(readFileSync(join(dir, ASIDE)).equals(files[''])).toBe(true);
    expect(readFileSync(join(dir, `${ASIDE}-wal`)).equals(files['-wal'])).toBe(true);
    expect(existsSync(join(dir, `${ASIDE}-shm`))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['history.sqlite', 'history.sqlite-shm', 'history.sqlite-wal', ASIDE, `${ASIDE}-shm`, `${ASIDE}-wal`].sort());
    expect(notices).toEqual([
      {
        code: 'corrupt-set-aside',
        files: ['', '-wal', '-shm'].map((suffix) => join(dir, `${ASIDE}${suffix}`)),
        message: expect.stringContaining(`renamed to "${join(dir, ASIDE)}" (with its 2 companion files)`),
      },
    ]);
    expect(notices[0]!.message).toMatch(/^The run history was damaged, so NN Lab started a new, empty one\..*What was wrong: file is not a database$/);
    // A new, working history in its place.
    expect(history.listRuns()).toEqual([]);
    recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    expect(history.listRuns()).toHaveLength(1);
  });

  it('with damaged pages is moved aside by the app unchanged; the moved file still holds the damage and the runs for a recovery attempt', () => {
    const { path, ids } = historyWithRuns();
    damagePages(path, 'steps');
    const bytes = readFileSync(path);
    const { opened: history, notices } = openSettingCorruptAside(path, openForTest, () => NOON);
    expect(notices.map((n) => n.code)).toEqual(['corrupt-set-aside']);
    expect(notices[0]!.message).toMatch(/What was wrong: SQLite's integrity check found damage/);
    const aside = notices[0]!.files[0]!;
    expect(basename(aside)).toBe(ASIDE);
    expect(readFileSync(aside).equals(bytes)).toBe(true);
    const salvage = new Database(aside, { readonly: true });
    expect(salvage.prepare('SELECT id FROM runs ORDER BY id').pluck().all()).toEqual([...ids].sort());
    salvage.close();
    expect(history.listRuns()).toEqual([]);
  });

  it('leaves every other refusal where it is: a newer version is not moved aside, and stays byte-identical', () => {
    const dir = tempDir();
    const path = join(dir, 'history.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE runs (id TEXT PRIMARY KEY)');
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const bytes = readFileSync(path);
    const error = refusal(() => openSettingCorruptAside(path, openForTest));
    expect(error.code).toBe('newer-version');
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['history.sqlite']);
  });

  it('never overwrites an earlier moved-aside file of the same name', () => {
    const dir = tempDir();
    const path = join(dir, 'history.sqlite');
    writeFileSync(join(dir, ASIDE), 'damaged last time');
    writeFileSync(path, 'damaged this time');
    expect(setAsideDatabase(path, () => NOON)).toEqual([join(dir, `${ASIDE}-2`)]);
    expect(readFileSync(join(dir, ASIDE), 'utf8')).toBe('damaged last time');
    expect(readFileSync(join(dir, `${ASIDE}-2`), 'utf8')).toBe('damaged this time');
    expect(existsSync(path)).toBe(false);
  });

  it('that cannot be moved aside (its folder is read-only) is refused with what to do, and stays in place', (context) => {
    const dir = tempDir();
    const path = join(dir, 'history.sqlite');
    const garbage = Buffer.alloc(8192, 'garbage ');
    writeFileSync(path, garbage);
    if (makeReadOnly(dir) === null) context.skip('a read-only folder cannot be made on this system');
    const error = refusal(() => openSettingCorruptAside(path, openForTest));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/is damaged and could not be moved aside .*close every program that may have it open/);
    expect(readdirSync(dir)).toEqual(['history.sqlite']);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });
});

describe('the integrity check at open', () => {
  it('checks a history bigger than the full-check size by its catalog: damage to the run list is found at open', () => {
    const { path } = historyWithRuns();
    damagePages(path, 'runs');
    const db = new Database(path, { readonly: true });
    expect(() => checkIntegrity(db, `"${path}"`, 0)).toThrow(expect.objectContaining({ code: 'corrupt' }));
    db.close();
  });

  it("damage to a big history's series is found when that run is read, and reported as 'corrupt' naming the file", () => {
    const { path, ids } = historyWithRuns();
    damagePages(path, 'steps');
    const db = new Database(path, { readonly: true });
    // Catalog only (the file counts as big): the run list is fine.
    expect(() => checkIntegrity(db, `"${path}"`, 0)).not.toThrow();
    db.close();
    // Opened as a history bigger than the full-check size would be.
    const history = openTemp({ fullCheckMaxBytes: 0 }, path);
    expect(history.listRuns()).toHaveLength(3);
    const error = refusal(() => ids.map((id) => history.getRun(id)));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(path);
  });
});

