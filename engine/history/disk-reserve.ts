import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';

/** Room kept for the last words of runs on a disk that fills up (a few pages each). */
export const DISK_RESERVE_BYTES = 1024 * 1024;

/**
 * A file of `bytes` zeros beside the run history (`<history>.reserve`), deleted when the disk
 * fills up so that the runs then training can still be stored as failed, with the full disk as
 * their reason. On a full disk SQLite cannot write even a one-row change: every change goes to
 * the -wal first, and checkpointing it needs room in the database file. Made again when the
 * history is next opened with room to spare. Nothing here throws: without room for the reserve,
 * there is none.
 */
export class DiskReserve {
  readonly path: string;

  constructor(
    historyPath: string,
    private readonly bytes = DISK_RESERVE_BYTES,
  ) {
    this.path = `${historyPath}.reserve`;
  }

  /** Makes the reserve when it is missing or short; false when the disk has no room for it. */
  keep(): boolean {
    try {
      if (statSync(this.path).size >= this.bytes) return true;
    } catch {
      // Missing: made below.
    }
    let fd: number | null = null;
    try {
      fd = openSync(this.path, 'w');
      const block = Buffer.alloc(64 * 1024);
      for (let written = 0; written < this.bytes; written += block.length) writeSync(fd, block, 0, Math.min(block.length, this.bytes - written));
      closeSync(fd);
      return true;
    } catch {
      // No room (or no right) for it: a short reserve would only mislead.
      if (fd !== null) closeQuietly(fd);
      this.release();
      return false;
    }
  }

  /** Deletes the reserve, giving its room back to the disk; false when there was none. */
  release(): boolean {
    try {
      statSync(this.path);
      rmSync(this.path, { force: true });
      return true;
    } catch {
      return false;
    }
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed, or the disk refused the last write: nothing more to do with it.
  }
}
