import { existsSync, readFileSync, statSync } from 'node:fs';

/** Largest history opened as a snapshot in memory; a bigger one in a read-only folder is refused. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

/**
 * The database file's bytes, ready to open in memory as a read-only snapshot; null when they
 * would miss committed changes (a -wal that holds some) or are more than MAX_SNAPSHOT_BYTES.
 *
 * Why a snapshot: a WAL-mode database needs its -shm file to be read, and SQLite must be able to
 * create it. In a folder that cannot be written (a read-only share, a locked-down profile) even a
 * read-only connection fails with SQLITE_CANTOPEN, on a full disk with SQLITE_IOERR_SHMSIZE, and
 * URI filenames such as ?immutable=1 are not available through better-sqlite3. With no -wal (or
 * an empty one), the file alone is the whole database.
 */
export function memorySnapshotBytes(file: string): Buffer | null {
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return null;
  if (statSync(file).size > MAX_SNAPSHOT_BYTES) return null;
  const bytes = readFileSync(file);
  // Bytes 18 and 19 of the header say "WAL mode" (2); an in-memory database cannot use WAL and
  // refuses such a header, so the copy says "rollback journal" (1).
  if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return bytes;
}
