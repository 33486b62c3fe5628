import type { SqliteDatabase } from './database';
import { HistoryError } from './history-error';
import { HISTORY_LIMITS } from './limits';
import { checkName } from './run-writer';

/**
 * What a person changes on a stored run: its name, notes and tags, or the run itself (delete).
 * Each method takes a full run id and throws 'not-found' for an unknown one (deleteRun answers false).
 * Tags are trimmed, compared case-insensitively ("Lab 1" = "lab 1") and listed alphabetically.
 */
export class RunEdits {
  private readonly setName;
  private readonly setNotesText;
  private readonly clearTags;
  private readonly insertTag;
  private readonly deleteTag;
  private readonly countTags;
  private readonly deleteRunRow;
  private readonly selectRun;

  constructor(private readonly db: SqliteDatabase) {
    this.setName = db.prepare('UPDATE runs SET name = ? WHERE id = ?');
    this.setNotesText = db.prepare('UPDATE runs SET notes = ? WHERE id = ?');
    this.clearTags = db.prepare('DELETE FROM run_tags WHERE run_id = ?');
    this.insertTag = db.prepare('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)');
    this.deleteTag = db.prepare('DELETE FROM run_tags WHERE run_id = ? AND tag = ?');
    this.countTags = db.prepare('SELECT count(*) FROM run_tags WHERE run_id = ?').pluck();
    this.deleteRunRow = db.prepare('DELETE FROM runs WHERE id = ?');
    this.selectRun = db.prepare('SELECT 1 FROM runs WHERE id = ?');
  }

  /** Renames a run (trimmed, 1 to HISTORY_LIMITS.name characters). */
  rename(runId: string, name: string): void {
    requireChange(this.setName.run(checkName(name), runId).changes, runId);
  }

  /** Replaces a run's notes (at most HISTORY_LIMITS.notes characters; "" clears them). */
  setNotes(runId: string, notes: string): void {
    if (notes.length > HISTORY_LIMITS.notes) {
      throw new HistoryError('invalid-argument', `notes can have at most ${HISTORY_LIMITS.notes} characters (these have ${notes.length})`);
    }
    requireChange(this.setNotesText.run(notes, runId).changes, runId);
  }

  /** Replaces a run's tags (duplicates, ignoring case, collapse to one). */
  setTags(runId: string, tags: readonly string[]): void {
    const checked = tags.map(checkTag);
    this.db.transaction(() => {
      this.requireRun(runId);
      this.clearTags.run(runId);
      for (const tag of checked) this.insertTag.run(runId, tag);
      this.checkTagCount(runId);
    }).immediate();
  }

  /** Adds one tag (no-op when the run already has it). */
  addTag(runId: string, tag: string): void {
    const checked = checkTag(tag);
    this.db.transaction(() => {
      this.requireRun(runId);
      this.insertTag.run(runId, checked);
      this.checkTagCount(runId);
    }).immediate();
  }

  /** Removes one tag, case-insensitively; false when the run did not have it. */
  removeTag(runId: string, tag: string): boolean {
    this.requireRun(runId);
    return this.deleteTag.run(runId, tag.trim()).changes > 0;
  }

  /** Deletes a run with all its metrics, diagnostics, tags and weights; false when there was no such run. */
  deleteRun(runId: string): boolean {
    return this.deleteRunRow.run(runId).changes > 0;
  }

  private requireRun(runId: string): void {
    if (this.selectRun.get(runId) === undefined) throw notFound(runId);
  }

  private checkTagCount(runId: string): void {
    const count = this.countTags.get(runId) as number;
    if (count > HISTORY_LIMITS.tags) throw new HistoryError('invalid-argument', `a run can have at most ${HISTORY_LIMITS.tags} tags`);
  }
}

/** A tag as stored: trimmed, 1 to HISTORY_LIMITS.tag characters. */
export function checkTag(tag: string): string {
  const trimmed = tag.trim();
  if (trimmed === '') throw new HistoryError('invalid-argument', 'a tag cannot be empty');
  if (trimmed.length > HISTORY_LIMITS.tag) throw new HistoryError('invalid-argument', `a tag can have at most ${HISTORY_LIMITS.tag} characters`);
  return trimmed;
}

function requireChange(changes: number, runId: string): void {
  if (changes === 0) throw notFound(runId);
}

function notFound(runId: string): HistoryError {
  return new HistoryError('not-found', `no run with id ${runId}`);
}
