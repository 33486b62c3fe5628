import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { HistoryError, fromSqliteError, sqliteCode } from './history-error';
import type { HistoryNotice } from './history-notice';
import { checkIntegrity } from './integrity-check';
import { memorySnapshotBytes } from './memory-snapshot';
import { backupBeforeMigration } from './migration-backup';
import { COMPACT_STORAGE_VERSION, SCHEMA_VERSION, applyMigrations, checkSchemaKnown, schemaVersion } from './migrations';
import { messageOf } from '../api/error-message';

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
  /** Size up to which the whole file gets an integrity check at open (see integrity-check.ts). */
  fullCheckMaxBytes?: number;
  /** Milliseconds since the epoch (default Date.now), for the names of backups. */
  now?: () => number;
}

/** A connection, and what the person opening it should know. */
export interface OpenedDatabase {
  db: SqliteDatabase;
  /** Why nothing can be written (the connection is read-only), or null when it can be. */
  readOnlyReason: string | null;
  /** What to tell the person: a backup taken before an upgrade, the history open read-only. */
  notices: HistoryNotice[];
}

/** Default wait for a lock held by another process (the app and the CLI share one file). */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating it and its folders when missing) the history database at `path` and brings
 * its schema up to date. Everything that can refuse the file runs first, on a read-only
 * connection, so a refused file is left exactly as it was (a read-write connection would switch
 * it to WAL, and on closing would checkpoint its -wal into it or delete a -wal it cannot read):
 * the schema version — a database newer than this code, a file that is not a database, another
 * program's database are refused with a HistoryError — then SQLite's integrity check
 * ('corrupt'). Only then the read-write connection: WAL mode (synchronous NORMAL), foreign keys,
 * a backup when a migration is due (migration-backup.ts) and the pending migrations.
 *
 * A file that can be read but not written (a read-only file or folder, a full disk) stays open
 * through the read-only connection when its schema is current: the runs can still be viewed, and
 * `readOnlyReason` says why nothing can be saved. One that would need a migration is refused
 * ('read-only' or 'disk-full').
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  const file = resolve(path);
  const where = `"${file}"`;
  const reader = existsSync(file) ? checkedReader(file, where, options) : null;
  let writer: SqliteDatabase | null = null;
  try {
    writer = connect(file, where, options);
    // Without a reader (a new file, or one SQLite could not read without writing), check here.
    if (reader === null) checkBeforeWriting(writer, where, options);
    const notices = prepareForWriting(writer, file, where, options);
    reader?.db.close();
    return { db: writer, readOnlyReason: null, notices };
  } catch (error) {
    writer?.close();
    const refusal = fromSqliteError(error, where);
    if (reader === null || !cannotWrite(refusal)) {
      reader?.db.close();
      throw refusal;
    }
    return keepReadOnly(reader, file, where, refusal as HistoryError);
  }
}

/** A read-only connection to an existing file that passed the checks; null when SQLite cannot read it without writing. */
function checkedReader(file: string, where: string, options: OpenDatabaseOptions): ReadOnlyConnection | null {
  let reader: ReadOnlyConnection | null;
  try {
    reader = readOnlyConnection(file, options);
  } catch (error) {
    throw fromSqliteError(error, where);
  }
  if (reader === null) return null;
  try {
    checkBeforeWriting(reader.db, where, options);
    return reader;
  } catch (error) {
    reader.db.close();
    throw fromSqliteError(error, where);
  }
}

/** A read-write connection, creating the file and its folders; a folder that cannot be written is said plainly. */
function connect(file: string, where: string, options: OpenDatabaseOptions): SqliteDatabase {
  const existed = existsSync(file);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new HistoryError('cannot-open', `cannot create the folder for the run history ${where} (${messageOf(error)})`, { cause: error });
  }
  try {
    const db = new Database(file, binding(options));
    db.pragma(`busy_timeout = ${busyTimeout(options)}`);
    return db;
  } catch (error) {
    if (!existed && sqliteCode(error) === 'SQLITE_CANTOPEN') {
      throw new HistoryError(
        'read-only',
        `cannot create the run history ${where}: its folder "${dirname(file)}" cannot be written (${messageOf(error)}); make the folder writable, or choose another location with --db`,
        { cause: error },
      );
    }
    throw fromSqliteError(error, where);
  }
}

/** The refusals that write nothing: an unknown or newer schema, then damage. */
function checkBeforeWriting(db: SqliteDatabase, where: string, options: OpenDatabaseOptions): void {
  checkSchemaKnown(db, where);
  checkIntegrity(db, where, options.fullCheckMaxBytes);
}

/** WAL, foreign keys, a probe that the file can be written, then the backup and the migrations when due; returns the backup's notice. */
function prepareForWriting(db: SqliteDatabase, file: string, where: string, options: OpenDatabaseOptions): HistoryNotice[] {
  db.pragma('journal_mode = WAL');
  // In WAL mode, NORMAL still keeps every committed transaction when the process is killed
  // (only an OS crash or power cut can lose the last ones) and spares an fsync per batch.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const migrationDue = schemaVersion(db) < SCHEMA_VERSION;
  probeWritable(db, migrationDue);
  if (!migrationDue) return [];
  const versionBefore = schemaVersion(db);
  const backup = backupBeforeMigration(db, file, where, options.now ?? Date.now);
  applyMigrations(db);
  if (versionBefore > 0 && versionBefore < COMPACT_STORAGE_VERSION) giveBackFreedRoom(db);
  if (backup === null) return [];
  return [
    {
      code: 'backup-before-upgrade',
      message: `The run history was upgraded to this version of NN Lab. A copy from before the upgrade was kept at "${backup}"; it can be deleted once everything looks right.`,
      files: [backup],
    },
  ];
}

/**
 * After the migration to compact storage, the pages the JSON text took are free but still in the
 * file (SQLite reuses them for new runs, it does not shrink the file): VACUUM gives them back to
 * the disk, which is what a class upgrading a big history wants. It needs the database to itself
 * and room for a copy; when it cannot have them (another program has the history open, a full
 * disk), the history is as good without it, so the failure is let go.
 */
function giveBackFreedRoom(db: SqliteDatabase): void {
  try {
    db.exec('VACUUM');
  } catch {
    // Nothing lost: the free pages stay in the file and new runs fill them.
  }
}

/**
 * SQLite opens a write-protected file read-only without a word, and reports it only at the first
 * write; rewriting the schema version with its own value asks now (one page in the WAL), before a
 * backup or a migration starts. When no migration is due, a lock held elsewhere proves nothing
 * either way and is not waited for: the file is taken as writable. Before a migration, the lock is
 * waited for (busy timeout) and one held too long refuses the open ('locked'), backup untaken.
 */
function probeWritable(db: SqliteDatabase, waitForLock: boolean): void {
  if (waitForLock) {
    db.pragma(`user_version = ${schemaVersion(db)}`);
    return;
  }
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.pragma(`user_version = ${schemaVersion(db)}`);
  } catch (error) {
    const code = sqliteCode(error);
    if (code === null || !/^SQLITE_(BUSY|LOCKED)/.test(code)) throw error;
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

/**
 * Refusals that mean "readable, perhaps, but not writable": a read-only file or folder, and a
 * full disk (opening writes a page to the -wal, and a full disk must not hide the stored runs).
 */
function cannotWrite(error: unknown): boolean {
  if (!(error instanceof HistoryError)) return false;
  return error.code === 'read-only' || error.code === 'disk-full' || (error.code === 'cannot-open' && sqliteCode(error.cause) === 'SQLITE_CANTOPEN');
}

/** The history through its reader, read-only, with a notice; refused when the schema would need a migration. */
function keepReadOnly(reader: ReadOnlyConnection, file: string, where: string, writeRefusal: HistoryError): OpenedDatabase {
  const { db, via } = reader;
  const diskFull = writeRefusal.code === 'disk-full';
  const remedy = diskFull ? 'free some space on the disk, then start NN Lab again' : 'make the file and its folder writable (an administrator can)';
  const version = schemaVersion(db);
  if (version < SCHEMA_VERSION) {
    db.close();
    throw new HistoryError(
      diskFull ? 'disk-full' : 'read-only',
      `the run history ${where} must be upgraded to this version of NN Lab (schema version ${version} → ${SCHEMA_VERSION}), but it cannot be written (${causeMessage(writeRefusal)}); it was left as it is — ${remedy}, or open it with the NN Lab that made it`,
      { cause: writeRefusal },
    );
  }
  const readOnlyReason = diskFull
    ? `the disk holding it is full${via === 'snapshot' ? '; the runs shown are as they were when the history was opened' : ''}`
    : via === 'file'
      ? `the file cannot be written: ${causeMessage(writeRefusal)}`
      : `its folder "${dirname(file)}" cannot be written; the runs shown are as they were when the history was opened`;
  return {
    db,
    readOnlyReason,
    notices: [
      {
        code: 'read-only',
        message: `The run history ${where} is open read-only (${readOnlyReason}). Stored runs can be viewed, compared and exported, but nothing can be trained, imported, edited or deleted until you ${remedy}.`,
        files: [file],
      },
    ],
  };
}

interface ReadOnlyConnection {
  db: SqliteDatabase;
  /** 'file': SQLite reads the file; 'snapshot': a copy in memory (memory-snapshot.ts). */
  via: 'file' | 'snapshot';
}

/**
 * A read-only connection that has read the schema version: SQLite reading the file, or, in a
 * folder that cannot be written or on a full disk (where SQLite cannot create the -shm a WAL
 * database needs), a snapshot in memory. Null when neither is possible; a driver error (not a
 * database…) is thrown.
 */
function readOnlyConnection(file: string, options: OpenDatabaseOptions): ReadOnlyConnection | null {
  let db: SqliteDatabase | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...binding(options) });
    db.pragma(`busy_timeout = ${busyTimeout(options)}`);
    // The first read is the one that needs the -shm.
    schemaVersion(db);
    return { db, via: 'file' };
  } catch (error) {
    db?.close();
    // SQLite could not create the -shm (a read-only folder) or grow it (a full disk).
    const code = sqliteCode(error);
    if (code !== 'SQLITE_CANTOPEN' && code !== 'SQLITE_IOERR_SHMSIZE') throw error;
  }
  let bytes: Buffer | null;
  try {
    bytes = memorySnapshotBytes(file);
  } catch {
    return null;
  }
  return bytes === null ? null : { db: new Database(bytes, { readonly: true, ...binding(options) }), via: 'snapshot' };
}

function busyTimeout(options: OpenDatabaseOptions): number {
  return Math.max(0, Math.round(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS));
}

function binding(options: OpenDatabaseOptions): { nativeBinding?: string } {
  return options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding };
}

function causeMessage(error: HistoryError): string {
  return error.cause instanceof Error ? error.cause.message : error.message;
}
