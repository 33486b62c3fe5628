import type { RunStatus } from '../api/events';
import type { SqliteDatabase } from './database';

/** A class run of a pack as the class summary reads it: whose, its tags and state, and its stored facts (if any). */
export interface ClassRunRow {
  id: string;
  authorName: string;
  authorNumber: string;
  status: RunStatus;
  createdAt: string;
  tags: string[];
  /** The facts kept for it (class_run_facts, JSON text) and the checks' version they were computed with; null when none are kept. */
  facts: { version: string; text: string } | null;
}

/** A hand-in's notebook kept for a pack: the student and their entries of the pack's sheets. */
export interface HandInNotebook {
  studentName: string | null;
  studentNumber: string;
  /** When the hand-in kept was made (ISO 8601 UTC). */
  fileCreatedAt: string;
  /** Entries by sheet id, then key (values parsed). */
  sheets: Record<string, Record<string, unknown>>;
}

/**
 * What the class view reads of the history in a few queries (never a run's series or snapshots):
 * the pack's runs made by students (an author; the teacher's own runs have none) with the facts
 * kept per run (migration 8), and the hand-ins' notebooks kept per student and pack (migration 5).
 * Called by RunHistory inside its guard.
 */
export class ClassRunStore {
  private readonly selectRuns;
  private readonly selectNotebooks;
  private readonly selectEntries;
  private readonly upsertFacts;
  private readonly selectPacksWithRuns;
  private readonly selectRunExists;

  constructor(private readonly db: SqliteDatabase) {
    this.selectRuns = db.prepare(
      `SELECT runs.id, runs.author_name, runs.author_number, runs.status, runs.created_at,
              (SELECT json_group_array(tag) FROM (SELECT tag FROM run_tags WHERE run_tags.run_id = runs.id ORDER BY tag)) AS tags,
              class_run_facts.version AS facts_version, class_run_facts.facts
       FROM runs LEFT JOIN class_run_facts ON class_run_facts.run_id = runs.id
       WHERE runs.pack_id = ? AND runs.author_number IS NOT NULL
       ORDER BY runs.created_at, runs.id`,
    );
    this.selectNotebooks = db.prepare('SELECT id, student_name, student_number, file_created_at FROM notebook_sources WHERE pack_id = ? AND student_number IS NOT NULL ORDER BY id');
    this.selectEntries = db.prepare(
      `SELECT imported_notebook.source_id, imported_notebook.sheet_id, imported_notebook.key, imported_notebook.value FROM imported_notebook
       JOIN notebook_sources ON notebook_sources.id = imported_notebook.source_id
       WHERE notebook_sources.pack_id = ? AND (imported_notebook.key LIKE 'prediction:%' OR imported_notebook.key LIKE 'answer:%')`,
    );
    this.upsertFacts = db.prepare('INSERT INTO class_run_facts (run_id, version, facts) VALUES (?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET version = excluded.version, facts = excluded.facts');
    this.selectPacksWithRuns = db
      .prepare('SELECT packs.id FROM packs WHERE EXISTS (SELECT 1 FROM runs WHERE runs.pack_id = packs.id AND runs.author_number IS NOT NULL) ORDER BY packs.opened_at DESC, packs.id')
      .pluck();
    this.selectRunExists = db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck();
  }

  /** The pack's runs that students made (oldest first), with the facts kept for them. */
  classRuns(packId: string): ClassRunRow[] {
    type Row = { id: string; author_name: string | null; author_number: string; status: RunStatus; created_at: string; tags: string; facts_version: string | null; facts: string | null };
    return (this.selectRuns.all(packId) as Row[]).map((row) => ({
      id: row.id,
      authorName: row.author_name ?? row.author_number,
      authorNumber: row.author_number,
      status: row.status,
      createdAt: row.created_at,
      tags: JSON.parse(row.tags) as string[],
      facts: row.facts_version === null || row.facts === null ? null : { version: row.facts_version, text: row.facts },
    }));
  }

  /** Keeps computed facts of runs (replacing older ones), in one transaction; a run deleted meanwhile is left out. */
  keepFacts(facts: readonly { runId: string; version: string; text: string }[]): void {
    this.db.transaction(() => {
      for (const { runId, version, text } of facts) if (this.selectRunExists.get(runId) !== undefined) this.upsertFacts.run(runId, version, text);
    })();
  }

  /** Every hand-in notebook kept for the pack, one per student, with its prediction and answer entries. */
  handInNotebooks(packId: string): HandInNotebook[] {
    type Source = { id: string; student_name: string | null; student_number: string; file_created_at: string };
    const notebooks = new Map<string, HandInNotebook>();
    for (const source of this.selectNotebooks.all(packId) as Source[]) {
      notebooks.set(source.id, { studentName: source.student_name, studentNumber: source.student_number, fileCreatedAt: source.file_created_at, sheets: {} });
    }
    for (const entry of this.selectEntries.all(packId) as { source_id: string; sheet_id: string; key: string; value: string }[]) {
      const notebook = notebooks.get(entry.source_id);
      if (notebook === undefined) continue;
      (notebook.sheets[entry.sheet_id] ??= {})[entry.key] = JSON.parse(entry.value) as unknown;
    }
    return [...notebooks.values()];
  }

  /** The ids of the packs opened here that have runs made by students, most recently opened first. */
  packsWithClassRuns(): string[] {
    return this.selectPacksWithRuns.all() as string[];
  }
}
