import { existsSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { HistoryError } from './history-error';
import type { HistoryNotice } from './history-notice';
import { fileTimestamp, unusedName } from './side-files';
import { messageOf } from '../api/error-message';

/** The files SQLite keeps beside a database; they belong to it and move with it. */
const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

/**
 * Moves a damaged history out of the way: `history.db` becomes `history.db.corrupt-<time>`, and
 * its -wal, -shm and -journal become `history.db.corrupt-<time>-wal`… — the names SQLite looks for
 * beside the new name, so the set still opens together for a recovery attempt (sqlite3's
 * .recover). Nothing is deleted or overwritten. The companions must move too: a -wal left beside
 * a new, empty history would be replayed into it.
 *
 * All or nothing: when a file cannot be renamed (another program has it open on Windows), the
 * ones already moved are put back and HistoryError 'corrupt' says so. Returns the new paths,
 * main file first.
 */
export function setAsideDatabase(path: string, now: () => number = Date.now): string[] {
  const file = resolve(path);
  const aside = unusedName(`${file}.corrupt-${fileTimestamp(now())}`, { companions: COMPANIONS });
  const moves = [{ from: file, to: aside }, ...COMPANIONS.map((suffix) => ({ from: `${file}${suffix}`, to: `${aside}${suffix}` }))].filter((move) =>
    existsSync(move.from),
  );
  const done: typeof moves = [];
  for (const move of moves) {
    try {
      renameSync(move.from, move.to);
      done.push(move);
    } catch (error) {
      for (const back of done.reverse()) renameSync(back.to, back.from);
      throw new HistoryError(
        'corrupt',
        `"${file}" is damaged and could not be moved aside (${messageOf(error)}); close every program that may have it open (another NN Lab, a backup or sync tool), then start NN Lab again`,
        { cause: error },
      );
    }
  }
  return done.map((move) => move.to);
}

/**
 * Opens the desktop app's or the browser host's history with `open` (LabService.open, openHistory);
 * when it is damaged ('corrupt'), moves it aside, opens a new, empty one in its place and says so
 * in a notice. The app must start for the class to go on, and the damaged file stays for a
 * recovery attempt. Every other refusal (newer version, another program's database, locked) is
 * thrown as it was: those files are fine and must stay where they are. The CLI does not use this:
 * there, a person chose the file and gets the refusal.
 */
export function openSettingCorruptAside<T>(path: string, open: (path: string) => T, now: () => number = Date.now): { opened: T; notices: HistoryNotice[] } {
  try {
    return { opened: open(path), notices: [] };
  } catch (error) {
    if (!(error instanceof HistoryError) || error.code !== 'corrupt') throw error;
    const moved = setAsideDatabase(path, now);
    const opened = open(path);
    const reason = error.detail ?? error.message;
    return {
      opened,
      notices: [
        {
          code: 'corrupt-set-aside',
          message: `The run history was damaged, so NN Lab started a new, empty one. The damaged file was kept, renamed to "${moved[0]}"${moved.length > 1 ? ` (with its ${moved.length - 1} companion file${moved.length > 2 ? 's' : ''})` : ''}: a teacher or administrator may recover runs from it. What was wrong: ${reason}`,
          files: moved,
        },
      ],
    };
  }
}
