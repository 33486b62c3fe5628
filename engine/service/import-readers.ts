import type { ImportOptions } from '../history/run-file';
import type { LabFileContent } from '../history/lab-file';
import { ReaderSession, type ImportReaderOptions } from './run-file-reader';

/** How long a reader with nothing to read is kept before it is ended. */
export const READER_IDLE_MS = 15_000;

export interface ImportReadersOptions extends ImportReaderOptions {
  /** Default READER_IDLE_MS. */
  idleMs?: number;
}

/**
 * The service's import readers, kept across files: starting one (a process that loads the reader
 * and its validation code) took a few hundred ms of every file of a class's import, and the app
 * imports many files in a row (bench/class-import.ts). One reader per file read at once (the
 * history screen reads two); a reader is ended after READER_IDLE_MS without a file, and after any
 * file it did not read (see ReaderSession), so a hostile file never leaves its mark on the next.
 */
export class ImportReaders {
  private readonly idle = new Map<ReaderSession, ReturnType<typeof setTimeout>>();
  private readonly reading = new Set<ReaderSession>();
  private closed = false;

  constructor(private readonly options: ImportReadersOptions = {}) {}

  /** The file's content read by an idle reader, or a new one (see readLabFileApart for what it rejects with). */
  async read(data: Uint8Array, options: Omit<ImportOptions, 'withNotebook'> = {}): Promise<LabFileContent> {
    if (this.closed) throw new Error('the import readers are closed');
    const session = this.takeIdle() ?? ReaderSession.start(this.options);
    this.reading.add(session);
    try {
      return await session.read(data, options);
    } finally {
      this.reading.delete(session);
      this.putBack(session);
    }
  }

  /** How many reader processes are alive (reading or idle). */
  get alive(): number {
    return this.reading.size + this.idle.size;
  }

  /** Ends every reader; a file being read is refused. */
  close(): void {
    this.closed = true;
    for (const [session, timer] of this.idle) {
      clearTimeout(timer);
      session.kill();
    }
    this.idle.clear();
    for (const session of this.reading) session.kill();
  }

  private takeIdle(): ReaderSession | null {
    for (const [session, timer] of this.idle) {
      this.idle.delete(session);
      clearTimeout(timer);
      if (session.usable) return session;
      session.kill();
    }
    return null;
  }

  private putBack(session: ReaderSession): void {
    if (this.closed || !session.usable) {
      session.kill();
      return;
    }
    const timer = setTimeout(() => {
      this.idle.delete(session);
      session.kill();
    }, this.options.idleMs ?? READER_IDLE_MS);
    this.idle.set(session, timer);
  }
}
