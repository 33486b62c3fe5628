import { renameSync, rmSync } from 'node:fs';
import type { SqliteDatabase } from './database';
import { HistoryError, fromSqliteError } from './history-error';
import { SCHEMA_VERSION, schemaVersion } from './migrations';
import { fileTimestamp, unusedName } from './side-files';

/**
 * Before migrating a history that already holds NN Lab's schema, copies it to
 * `<file>.before-v<new version>-<time>.bak`: if the upgrade or the new version goes wrong, the
 * students' runs are still there in the old format (an older NN Lab opens the copy with --db, or
 * after renaming it back). Returns the copy's path, or null when there is nothing to keep (a new
 * file, or one already up to date).
 *
 * The copy is made with VACUUM INTO rather than the backup API's `db.backup()`: better-sqlite3
 * runs that one asynchronously, and opening the history is synchronous all the way up to
 * LabService.open. VACUUM INTO gives the same guarantee (a consistent snapshot taken through
 * SQLite, WAL included, while other connections keep working) in one synchronous statement, and
 * writes a single self-contained file (rollback journal mode, no -wal to carry along).
 * It is written under a temporary name and renamed, so a copy that exists is complete.
 */
export function backupBeforeMigration(db: SqliteDatabase, file: string, where: string, now: () => number): string | null {
  const version = schemaVersion(db);
  if (version === 0 || version >= SCHEMA_VERSION) return null;
  const target = unusedName(`${file}.before-v${SCHEMA_VERSION}-${fileTimestamp(now())}`, { extension: '.bak' });
  const partial = `${target}.partial`;
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    const mapped = fromSqliteError(error, where);
    const why = mapped instanceof Error ? mapped.message : String(mapped);
    throw new HistoryError(
      mapped instanceof HistoryError ? mapped.code : 'cannot-open',
      `the run history ${where} must be upgraded to this version of NN Lab (schema version ${version} → ${SCHEMA_VERSION}), but the copy kept from before the upgrade could not be written, so nothing was changed: ${why}`,
      { cause: error },
    );
  }
  return target;
}
