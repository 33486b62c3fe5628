import type { SqliteDatabase } from './database';
import { corruptError, sqliteCode } from './history-error';
import { messageOf } from '../api/error-message';

/**
 * Histories up to this size get SQLite's whole quick_check when they are opened. It reads every
 * page: on the two-core build machine, 15–115 ms for 32 MB (80 circle runs of 20 epochs) and
 * 95–575 ms for 121 MB (300 such runs), file in the page cache or not; more on a lab PC reading
 * a cold disk, so a term's history of several hundred MB would delay every start by seconds.
 */
export const FULL_CHECK_MAX_BYTES = 32 * 1024 * 1024;

/**
 * What a bigger history gets checked instead: the tables that list runs, their tags and the
 * notebook (under 1.5 ms for 300 runs). Damage in a run's series or weights is then found when
 * that run is read, and reported as 'corrupt' naming the file.
 */
const CATALOG_TABLES = ['runs', 'run_tags', 'lab_notebook'] as const;

/**
 * Throws HistoryError 'corrupt' when SQLite's quick_check finds damage (a page that is not what
 * its b-tree says, a broken overflow chain…). SQLite keeps no checksums of the content, so bytes
 * changed inside a stored value go unnoticed; structural damage, which makes reads fail or return
 * wrong rows, is caught here before anything is written.
 */
export function checkIntegrity(db: SqliteDatabase, where: string, fullCheckMaxBytes = FULL_CHECK_MAX_BYTES): void {
  const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  if (bytes <= fullCheckMaxBytes) {
    quickCheck(db, 'quick_check', where);
    return;
  }
  const present = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  for (const table of CATALOG_TABLES) {
    if (present.has(table)) quickCheck(db, `quick_check("${table}")`, where);
  }
}

/** Runs one check; damage bad enough to stop the check itself (a page that is no b-tree page at all) counts the same. */
function quickCheck(db: SqliteDatabase, pragma: string, where: string): void {
  let rows: QuickCheckRow[];
  try {
    rows = db.pragma(pragma) as QuickCheckRow[];
  } catch (error) {
    const code = sqliteCode(error);
    if (code === null || !/^SQLITE_(CORRUPT|NOTADB)/.test(code)) throw error;
    rows = [{ quick_check: messageOf(error) }];
  }
  expectOk(rows, where);
}

interface QuickCheckRow {
  quick_check: string;
}

function expectOk(rows: QuickCheckRow[], where: string): void {
  if (rows.length === 1 && rows[0]!.quick_check === 'ok') return;
  const first = rows[0]?.quick_check ?? 'no answer';
  const more = rows.length > 1 ? ` and ${rows.length - 1} more problems` : '';
  throw corruptError(where, `SQLite's integrity check found damage: ${first}${more}`);
}
