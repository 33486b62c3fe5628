import { notebookKeyProblem, notebookSheetIdProblem, notebookValueProblem, type ImportedNotebook, type NotebookEntry, type NotebookExpected, type NotebookSaveOutcome } from '../api/lab-notebook';
import { forbiddenKeyPath, mayHoldForbiddenKey } from '../api/untrusted-json';
import type { SqliteDatabase } from './database';
import { HistoryError } from './history-error';
import type { NotebookSource } from './notebook-source';

/**
 * The lab notebook's tables. lab_notebook (migration 3) is the importer's own: one JSON value per
 * (sheet id, key) with the time it was last saved. It is not tied to runs: deleting a run keeps
 * the answers (a prediction lists the runs it was checked against inside its value).
 * imported_notebook and notebook_sources (migration 4) keep the notebooks of imported files apart,
 * one per source (notebook-source.ts), never mixed into lab_notebook. Ids, keys and values are
 * checked as the contract says (engine/api/lab-notebook.ts) before anything is written.
 */
export class LabNotebook {
  private readonly selectSheet;
  private readonly selectAll;
  private readonly selectImportedUpdatedAt;
  private readonly upsert;
  private readonly upsertImported;
  private readonly upsertSource;
  private readonly selectImportedSheet;
  private readonly selectEntry;
  private readonly compareAndSet;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => number,
  ) {
    this.selectEntry = db.prepare('SELECT value, updated_at FROM lab_notebook WHERE sheet_id = ? AND key = ?');
    this.selectSheet = db.prepare('SELECT key, value FROM lab_notebook WHERE sheet_id = ? ORDER BY key');
    this.selectAll = db.prepare('SELECT sheet_id, key, value, updated_at FROM lab_notebook ORDER BY sheet_id, key');
    this.selectImportedUpdatedAt = db.prepare('SELECT updated_at FROM imported_notebook WHERE source_id = ? AND sheet_id = ? AND key = ?').pluck();
    this.upsert = db.prepare(
      'INSERT INTO lab_notebook (sheet_id, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (sheet_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    this.upsertImported = db.prepare(
      'INSERT INTO imported_notebook (source_id, sheet_id, key, value, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_id, sheet_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    this.upsertSource = db.prepare(
      `INSERT INTO notebook_sources (id, student_name, imported_at, file_created_at) VALUES (@id, @student_name, @imported_at, @file_created_at)
       ON CONFLICT (id) DO UPDATE SET student_name = excluded.student_name, imported_at = excluded.imported_at, file_created_at = max(file_created_at, excluded.file_created_at)`,
    );
    this.selectImportedSheet = db.prepare(
      `SELECT s.id, s.student_name, s.imported_at, s.file_created_at, n.key, n.value FROM imported_notebook n JOIN notebook_sources s ON s.id = n.source_id
       WHERE n.sheet_id = ? ORDER BY s.student_name IS NULL, s.student_name COLLATE NOCASE, s.id, n.key`,
    );
    this.compareAndSet = db.transaction((sheetId: string, key: string, value: unknown, expected: NotebookExpected): NotebookSaveOutcome => {
      const row = this.selectEntry.get(sheetId, key) as { value: string; updated_at: string } | undefined;
      if (row !== undefined && !holds(row.value, expected)) {
        const [stored = null] = loadable(row.value);
        return { saved: false, stored, updatedAt: row.updated_at };
      }
      this.set(sheetId, key, value);
      return { saved: true };
    });
  }

  /** Every entry of one sheet, key → value (an empty object for a sheet with none). */
  get(sheetId: string): Record<string, unknown> {
    checkSheetId(sheetId);
    const rows = this.selectSheet.all(sheetId) as { key: string; value: string }[];
    const notebook: Record<string, unknown> = {};
    for (const row of rows) for (const value of loadable(row.value)) notebook[row.key] = value;
    return notebook;
  }

  /** Saves one entry (replacing the key's value), stamped with the current time. */
  set(sheetId: string, key: string, value: unknown): void {
    checkSheetId(sheetId);
    const keyProblem = notebookKeyProblem(key);
    if (keyProblem !== null) throw new HistoryError('invalid-argument', keyProblem);
    const valueProblem = notebookValueProblem(value);
    if (valueProblem !== null) throw new HistoryError('invalid-argument', `cannot save "${key}" in the notebook: ${valueProblem}`);
    this.upsert.run(sheetId, key, JSON.stringify(value), new Date(this.now()).toISOString());
  }

  /**
   * Saves one entry only if the key holds what the caller expects (compare-and-set, in one
   * immediate transaction, so two windows or processes on the same file cannot both pass the
   * check): else writes nothing and answers with the stored value. Comparing values rather than
   * revisions means a page can send its next text right behind one still in flight (expecting that
   * one), and a refusal only ever happens when the stored text differs from the page's.
   */
  setIfUnchanged(sheetId: string, key: string, value: unknown, expected: NotebookExpected): NotebookSaveOutcome {
    return this.compareAndSet.immediate(sheetId, key, value, expected);
  }

  /** Every entry of every sheet of the importer's own notebook (for export files), ordered by sheet and key. */
  entries(): NotebookEntry[] {
    const rows = this.selectAll.all() as { sheet_id: string; key: string; value: string; updated_at: string }[];
    return rows.flatMap((row) => loadable(row.value).map((value) => ({ sheetId: row.sheet_id, key: row.key, value, updatedAt: row.updated_at })));
  }

  /**
   * Keeps validated entries from an imported file under their source, apart from the importer's
   * own notebook: an entry is written when the source has no such key yet or this one's
   * `updatedAt` is later, and kept out otherwise. Run inside the caller's transaction.
   */
  keepImported(source: NotebookSource, entries: readonly NotebookEntry[]): { merged: number; kept: number } {
    this.upsertSource.run({ id: source.id, student_name: source.studentName, imported_at: new Date(this.now()).toISOString(), file_created_at: source.fileCreatedAt });
    let merged = 0;
    for (const entry of entries) {
      const stored = this.selectImportedUpdatedAt.get(source.id, entry.sheetId, entry.key) as string | undefined;
      if (stored !== undefined && !(Date.parse(entry.updatedAt) > Date.parse(stored))) continue;
      this.upsertImported.run(source.id, entry.sheetId, entry.key, JSON.stringify(entry.value), entry.updatedAt);
      merged++;
    }
    return { merged, kept: entries.length - merged };
  }

  /** The imported notebooks that have entries for one sheet, one per source, named sources first by name. */
  imported(sheetId: string): ImportedNotebook[] {
    checkSheetId(sheetId);
    const rows = this.selectImportedSheet.all(sheetId) as { id: string; student_name: string | null; imported_at: string; file_created_at: string; key: string; value: string }[];
    const bySource = new Map<string, ImportedNotebook>();
    for (const row of rows) {
      let notebook = bySource.get(row.id);
      if (notebook === undefined) {
        notebook = { sourceId: row.id, studentName: row.student_name, importedAt: row.imported_at, fileCreatedAt: row.file_created_at, entries: {} };
        bySource.set(row.id, notebook);
      }
      for (const value of loadable(row.value)) notebook.entries[row.key] = value;
    }
    return [...bySource.values()];
  }
}

/**
 * A stored value, parsed, as a one-element list; none when it holds a `__proto__` key (stored by
 * a version that did not refuse them): the row is left in the database, but a sheet that could
 * not be sent to the page would never load again.
 */
function loadable(text: string): [unknown] | [] {
  const value = JSON.parse(text) as unknown;
  return !mayHoldForbiddenKey(text) || forbiddenKeyPath(value) === null ? [value] : [];
}

/**
 * Whether a stored JSON text is what the caller expects. An expected-absent key found stored is a
 * refusal (another page saved it first); a key expected but absent cannot arise (entries are
 * never deleted) and is taken as free.
 */
function holds(storedText: string, expected: NotebookExpected): boolean {
  return expected.stored && storedText === JSON.stringify(expected.value);
}

function checkSheetId(sheetId: string): void {
  const problem = notebookSheetIdProblem(sheetId);
  if (problem !== null) throw new HistoryError('invalid-argument', problem);
}
