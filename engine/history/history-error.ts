import { messageOf } from '../api/error-message';
/**
 * Why the run history refused or failed an operation. `code` is for programs (the CLI maps every
 * HistoryError to exit code 2 and prints the message); the message is for people and says what to do.
 */
export type HistoryErrorCode =
  /** The database was written by a newer NN Lab (its schema version is above what this code knows). */
  | 'newer-version'
  /** The file is not an SQLite database, or SQLite found it damaged. */
  | 'corrupt'
  /** An SQLite database, but not an NN Lab history (it has other tables and no NN Lab schema version). */
  | 'unknown-database'
  /** Another process held the database longer than the busy timeout. */
  | 'locked'
  /** The file or its folder cannot be written. */
  | 'read-only'
  /** The disk is full. */
  | 'disk-full'
  /** The file or its folder cannot be opened at all. */
  | 'cannot-open'
  /** No run has this id (or id prefix). */
  | 'not-found'
  /** An id prefix matches several runs. */
  | 'ambiguous'
  /** A run with this id already exists. */
  | 'already-exists'
  /** A bad argument: an over-long name, a malformed id, an impossible query. */
  | 'invalid-argument'
  /** A training event the history cannot store as given (a non-finite loss, a malformed snapshot). */
  | 'invalid-event';

export class HistoryError extends Error {
  /** For 'ambiguous': the ids (and names) the prefix matched. */
  readonly candidates: readonly { id: string; name: string }[];
  /** What SQLite or the check said, without the advice around it (for a notice that gives its own). */
  readonly detail: string | null;

  constructor(
    readonly code: HistoryErrorCode,
    message: string,
    options: { cause?: unknown; candidates?: readonly { id: string; name: string }[]; detail?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HistoryError';
    this.candidates = options.candidates ?? [];
    this.detail = options.detail ?? null;
  }
}

/** SQLite's result code of a driver error ('SQLITE_BUSY', …), or null for any other error. */
export function sqliteCode(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/**
 * A driver error as a HistoryError a person can act on (`where` names the database file);
 * any other error is returned unchanged. Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED…)
 * map by their primary code.
 */
export function fromSqliteError(error: unknown, where: string): unknown {
  if (error instanceof HistoryError) return error;
  const code = sqliteCode(error);
  if (code === null) return error;
  const reason = messageOf(error);
  // SQLite cannot grow the -shm index it needs to read a WAL database: on a full disk.
  const primary = code === 'SQLITE_IOERR_SHMSIZE' ? 'SQLITE_FULL' : code.replace(/^(SQLITE_[A-Z]+?)(_[A-Z_]+)?$/, '$1');
  switch (primary) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new HistoryError(
        'locked',
        `the run history ${where} is busy: another program (another NN Lab window, an nnlab command, a backup or sync tool) kept it locked longer than NN Lab waits; nothing was changed — wait until that program finishes or close it, then try again (${reason})`,
        { cause: error },
      );
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return new HistoryError(
        'read-only',
        `the run history ${where} cannot be written (${reason}); nothing was changed — make the file and its folder writable (an administrator can change their permissions), or choose another location with --db`,
        { cause: error },
      );
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return corruptError(where, reason, error);
    case 'SQLITE_FULL':
      return new HistoryError(
        'disk-full',
        `the disk holding the run history ${where} is full (${reason}): the last change was not saved, everything saved before it is kept — free some space (delete old runs or other files), then try again`,
        { cause: error },
      );
    case 'SQLITE_CANTOPEN':
      return new HistoryError('cannot-open', `cannot open the run history ${where} (${reason}); check that the folder exists and can be written`, { cause: error });
    default:
      return error;
  }
}

/**
 * The refusal of a damaged database (the driver's SQLITE_CORRUPT/NOTADB, or a failed integrity
 * check). The file is never repaired in place: the desktop app and the browser host move it aside
 * and start afresh (corrupt-set-aside.ts); the CLI leaves that choice to the person.
 */
export function corruptError(where: string, reason: string, cause?: unknown): HistoryError {
  return new HistoryError('corrupt', `${where} is not a readable NN Lab run history (${reason}); it was left as it is — move it aside or choose another file with --db`, {
    detail: reason,
    ...(cause === undefined ? {} : { cause }),
  });
}
