import { notebookKeyProblem, notebookSheetIdProblem, notebookValueProblem, type NotebookEntry } from '../api/lab-notebook';
import type { SqliteDatabase } from './database';
import { HistoryError } from './history-error';

/**
 * The lab notebook's table (migration 3): one JSON value per (sheet id, key) with the time it was
 * last saved. It is not tied to runs: deleting a run keeps the answers (a prediction lists the
 * runs it was checked against inside its value). Ids, keys and values are checked as the contract
 * says (engine/api/lab-notebook.ts) before anything is written.
 */
export class LabNotebook {
  private readonly selectSheet;
  private readonly selectAll;
  private readonly selectUpdatedAt;
  private readonly upsert;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => number,
  ) {
    this.selectSheet = db.prepare('SELECT key, value FROM lab_notebook WHERE sheet_id = ? ORDER BY key');
    this.selectAll = db.prepare('SELECT sheet_id, key, value, updated_at FROM lab_notebook ORDER BY sheet_id, key');
    this.selectUpdatedAt = db.prepare('SELECT updated_at FROM lab_notebook WHERE sheet_id = ? AND key = ?').pluck();
    this.upsert = db.prepare(
      'INSERT INTO lab_notebook (sheet_id, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (sheet_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
  }

  /** Every entry of one sheet, key → value (an empty object for a sheet with none). */
  get(sheetId: string): Record<string, unknown> {
    checkSheetId(sheetId);
    const rows = this.selectSheet.all(sheetId) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
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

  /** Every entry of every sheet (for export files), ordered by sheet and key. */
  entries(): NotebookEntry[] {
    const rows = this.selectAll.all() as { sheet_id: string; key: string; value: string; updated_at: string }[];
    return rows.map((row) => ({ sheetId: row.sheet_id, key: row.key, value: JSON.parse(row.value) as unknown, updatedAt: row.updated_at }));
  }

  /**
   * Merges validated entries (from an import file): an entry is written when its key is new or its
   * `updatedAt` is later than the stored one's, and kept out otherwise. Run inside the caller's
   * transaction.
   */
  merge(entries: readonly NotebookEntry[]): { merged: number; kept: number } {
    let merged = 0;
    for (const entry of entries) {
      const stored = this.selectUpdatedAt.get(entry.sheetId, entry.key) as string | undefined;
      if (stored !== undefined && !(Date.parse(entry.updatedAt) > Date.parse(stored))) continue;
      this.upsert.run(entry.sheetId, entry.key, JSON.stringify(entry.value), entry.updatedAt);
      merged++;
    }
    return { merged, kept: entries.length - merged };
  }
}

function checkSheetId(sheetId: string): void {
  const problem = notebookSheetIdProblem(sheetId);
  if (problem !== null) throw new HistoryError('invalid-argument', problem);
}
