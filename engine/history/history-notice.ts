/**
 * Something a person should be told once the run history is open, although opening succeeded:
 * the app shows it at startup, the CLI prints it. The message is for people; `code` and `files`
 * are for programs (to pick a tone, to offer "show in folder").
 */
export interface HistoryNotice {
  code: HistoryNoticeCode;
  message: string;
  /** The files it is about: the damaged file's new names, the backup. */
  files: string[];
}

export type HistoryNoticeCode =
  /** The file was damaged: it (and its -wal/-shm) was renamed and a new, empty history started. */
  | 'corrupt-set-aside'
  /** The file or its folder cannot be written: stored runs can be viewed, nothing can be saved. */
  | 'read-only'
  /** The history was upgraded to this version's format; a copy from before is kept. */
  | 'backup-before-upgrade'
  /** Runs left "running" by a process that died could not be marked interrupted (the disk is full, or the file read-only). */
  | 'recovery-skipped';
