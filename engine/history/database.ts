import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { HistoryError, fromSqliteError } from './history-error';
import { applyMigrations, checkSchemaKnown } from './migrations';

/** An open better-sqlite3 connection. This module is the only one that loads the driver. */
export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * Path of the driver's native binary (better_sqlite3.node). One install keeps a build for Node
   * (tests, CLI) and one for Electron; the Electron main process passes its own.
   */
  nativeBinding?: string;
  /** How long a statement waits for another process's lock before failing with 'locked'. */
  busyTimeoutMs?: number;
}

/** Default wait for a lock held by another process (the app and the CLI share one file). */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating it and its folders when missing) the history database at `path` and brings
 * its schema up to date: busy timeout, then the schema version is READ first — a database newer
 * than this code, a file that is not a database, or another program's database is refused with a
 * HistoryError and left byte-for-byte as it was — and only then WAL mode (synchronous NORMAL),
 * foreign keys and the pending migrations.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const file = resolve(path);
  const where = `"${file}"`;
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new HistoryError('cannot-open', `cannot create the folder for the run history ${where} (${(error as Error).message})`, { cause: error });
  }
  let db: SqliteDatabase;
  try {
    db = new Database(file, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
  } catch (error) {
    throw fromSqliteError(error, where);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS))}`);
    checkSchemaKnown(db, where);
    db.pragma('journal_mode = WAL');
    // In WAL mode, NORMAL still keeps every committed transaction when the process is killed
    // (only an OS crash or power cut can lose the last ones) and spares an fsync per batch.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw fromSqliteError(error, where);
  }
}
