import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../engine/history/migrations';
import { openHistory } from '../../../engine/history/run-history';
import { circleSpec, dumpDatabase, olderVersionCopy, openTemp, recordRun, tempDir } from './history-helpers';

const NOON = Date.parse('2025-03-14T12:00:00.000Z');

/** A history one schema version old, holding two real runs; returns its path and the runs' ids. */
function previousVersionHistory(): { path: string; ids: string[] } {
  const source = openTemp({ instanceId: 'current' });
  const ids = [
    recordRun(source, circleSpec({ training: { batchSize: 50, epochs: 2 } }), { name: 'first' }).id,
    recordRun(source, circleSpec({ seed: 8, training: { batchSize: 50, epochs: 1 } }), { name: 'second' }).id,
  ];
  source.setTags(ids[0]!, ['week 2']);
  source.close();
  const path = join(tempDir(), 'history.sqlite');
  olderVersionCopy(source.path, path, SCHEMA_VERSION - 1);
  return { path, ids };
}

describe('a backup before each migration', () => {
  it(`migrating a version-${SCHEMA_VERSION - 1} history leaves a backup that opens at version ${SCHEMA_VERSION - 1} with the same runs`, () => {
    const { path, ids } = previousVersionHistory();
    const before = dumpDatabase(path);
    expect(before.user_version).toEqual([SCHEMA_VERSION - 1]);

    const history = openTemp({ now: () => NOON }, path);
    const [notice] = history.notices;
    expect(notice).toMatchObject({ code: 'backup-before-upgrade', files: [expect.stringContaining('.bak')] });
    const backupPath = notice!.files[0]!;
    expect(basename(backupPath)).toBe(`history.sqlite.before-v${SCHEMA_VERSION}-2025-03-14T12-00-00-000Z.bak`);
    expect(notice!.message).toContain(backupPath);

    // The copy is the database as it was: same schema version, same rows in every table.
    expect(dumpDatabase(backupPath)).toEqual(before);
    const copy = new Database(backupPath, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // And the upgraded history has them too.
    expect(dumpDatabase(path).user_version).toEqual([SCHEMA_VERSION]);
    expect(history.listRuns().map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(history.getRun(ids[0]!).tags).toEqual(['week 2']);
  });

  it('an older NN Lab can open the backup as its own history (it is at its schema version)', () => {
    const { path, ids } = previousVersionHistory();
    const history = openTemp({}, path);
    const backupPath = history.notices[0]!.files[0]!;
    const old = new Database(backupPath);
    expect(old.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION - 1);
    expect(old.prepare('SELECT id FROM runs ORDER BY id').pluck().all()).toEqual([...ids].sort());
    old.close();
  });

  it('takes no backup of a new file, nor of one already up to date', () => {
    const dir = tempDir();
    const path = join(dir, 'history.sqlite');
    const created = openHistory(path, { instanceId: 'a' });
    recordRun(created, circleSpec({ training: { batchSize: 50, epochs: 1 } }));
    expect(created.notices).toEqual([]);
    created.close();
    const reopened = openHistory(path, { instanceId: 'b' });
    expect(reopened.notices).toEqual([]);
    reopened.close();
    expect(readdirSync(dir).filter((name) => name.endsWith('.bak'))).toEqual([]);
  });

  it('never overwrites an earlier backup of the same name (two upgrades within one millisecond)', () => {
    const { path } = previousVersionHistory();
    const taken = join(dirname(path), `history.sqlite.before-v${SCHEMA_VERSION}-2025-03-14T12-00-00-000Z.bak`);
    writeFileSync(taken, 'an earlier backup');
    const history = openTemp({ now: () => NOON }, path);
    expect(basename(history.notices[0]!.files[0]!)).toBe(`history.sqlite.before-v${SCHEMA_VERSION}-2025-03-14T12-00-00-000Z-2.bak`);
    expect(readFileSync(taken, 'utf8')).toBe('an earlier backup');
  });
});
