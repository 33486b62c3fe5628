import type { NotebookEntry } from '../api/lab-notebook';
import type { LabPack, PackOpenOutcome, PackSummary, StudentIdentity } from '../api/lab-pack';
import type { SqliteDatabase } from './database';
import { sha256 } from './enveloped-file';
import { HistoryError } from './history-error';
import { MIN_ID_PREFIX } from './limits';

const STUDENT_KEY = 'student';

/**
 * The class's tables (migration 5): lab packs opened here, the PC's student identity (settings),
 * which runs belong to which pack, and hand-ins' notebooks kept per student and pack. Called by
 * RunHistory inside its guard.
 */
export class ClassStore {
  private readonly selectSetting;
  private readonly upsertSetting;
  private readonly selectPack;
  private readonly selectPackIds;
  private readonly upsertPack;
  private readonly selectPacks;
  private readonly selectPackRuns;
  private readonly selectSource;
  private readonly upsertSource;
  private readonly deleteSourceEntries;
  private readonly insertEntry;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => number,
  ) {
    this.selectSetting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    this.upsertSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.selectPack = db.prepare('SELECT content, content_sha256, updated_at, opened_at FROM packs WHERE id = ?');
    this.selectPackIds = db.prepare("SELECT id FROM packs WHERE id LIKE ? ESCAPE '\\' LIMIT 2").pluck();
    this.upsertPack = db.prepare(
      `INSERT INTO packs (id, title, class_name, teacher, updated_at, content, content_sha256, opened_at) VALUES (@id, @title, @class_name, @teacher, @updated_at, @content, @content_sha256, @opened_at)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, class_name = excluded.class_name, teacher = excluded.teacher, updated_at = excluded.updated_at,
       content = excluded.content, content_sha256 = excluded.content_sha256, opened_at = excluded.opened_at`,
    );
    this.selectPacks = db.prepare('SELECT content, opened_at FROM packs ORDER BY opened_at DESC, id');
    this.selectPackRuns = db.prepare('SELECT id FROM runs WHERE pack_id = ? ORDER BY created_at, id').pluck();
    this.selectSource = db.prepare('SELECT file_created_at FROM notebook_sources WHERE id = ?').pluck();
    this.upsertSource = db.prepare(
      `INSERT INTO notebook_sources (id, student_name, student_number, pack_id, imported_at, file_created_at) VALUES (@id, @student_name, @student_number, @pack_id, @imported_at, @file_created_at)
       ON CONFLICT (id) DO UPDATE SET student_name = excluded.student_name, imported_at = excluded.imported_at, file_created_at = excluded.file_created_at`,
    );
    this.deleteSourceEntries = db.prepare('DELETE FROM imported_notebook WHERE source_id = ?');
    this.insertEntry = db.prepare('INSERT INTO imported_notebook (source_id, sheet_id, key, value, updated_at) VALUES (?, ?, ?, ?, ?)');
  }

  /** The PC's student identity, or null until one is entered. */
  student(): StudentIdentity | null {
    const text = this.selectSetting.get(STUDENT_KEY) as string | undefined;
    if (text === undefined) return null;
    const value = JSON.parse(text) as Partial<StudentIdentity>;
    return typeof value.name === 'string' && typeof value.number === 'string' ? { name: value.name, number: value.number } : null;
  }

  /** Replaces the PC's student identity (already checked: StudentIdentitySchema). */
  setStudent(student: StudentIdentity): void {
    this.upsertSetting.run(STUDENT_KEY, JSON.stringify({ name: student.name, number: student.number }));
  }

  /**
   * Keeps a validated pack: a new id is added; the same id with the same content is already
   * present; a later `updatedAt` replaces the stored version; an earlier or equal one is left out.
   */
  keepPack(pack: LabPack): PackOpenOutcome {
    const content = JSON.stringify(pack);
    const hash = sha256(content);
    const stored = this.selectPack.get(pack.id) as { content_sha256: string; updated_at: string } | undefined;
    const outcome = (status: PackOpenOutcome['status']): PackOpenOutcome => ({ id: pack.id, title: pack.title, status });
    if (stored !== undefined && stored.content_sha256 === hash) return outcome('already-present');
    if (stored !== undefined && !(Date.parse(pack.updatedAt) > Date.parse(stored.updated_at))) return outcome('older-kept');
    this.upsertPack.run({
      id: pack.id,
      title: pack.title,
      class_name: pack.className,
      teacher: pack.teacher,
      updated_at: pack.updatedAt,
      content,
      content_sha256: hash,
      opened_at: new Date(this.now()).toISOString(),
    });
    return outcome(stored === undefined ? 'added' : 'updated');
  }

  /** The full id of a stored pack from its id or a prefix of 8+ characters; 'not-found' / 'ambiguous' otherwise. */
  resolvePackId(idOrPrefix: string): string {
    const prefix = idOrPrefix.trim().toLowerCase();
    if (prefix.length < MIN_ID_PREFIX || !/^[0-9a-f-]+$/.test(prefix)) throw new HistoryError('not-found', `"${idOrPrefix}" is not a lab pack id (a uuid, or its first ${MIN_ID_PREFIX} characters)`);
    const ids = this.selectPackIds.all(`${prefix}%`) as string[];
    if (ids.length === 0) throw new HistoryError('not-found', `no lab pack ${idOrPrefix} has been opened in this history (open its file first: nnlab pack open FILE)`);
    if (ids.length > 1) throw new HistoryError('ambiguous', `"${idOrPrefix}" is the start of more than one lab pack's id: give more of it`);
    return ids[0]!;
  }

  /** A stored pack (full id); 'not-found' otherwise. */
  pack(id: string): LabPack {
    const row = this.selectPack.get(id) as { content: string } | undefined;
    if (row === undefined) throw new HistoryError('not-found', `no lab pack ${id} has been opened in this history`);
    return JSON.parse(row.content) as LabPack;
  }

  /** Every stored pack, most recently opened first. */
  packs(): PackSummary[] {
    return (this.selectPacks.all() as { content: string; opened_at: string }[]).map((row) => {
      const pack = JSON.parse(row.content) as LabPack;
      return {
        id: pack.id,
        title: pack.title,
        className: pack.className,
        teacher: pack.teacher,
        note: pack.note,
        due: pack.due,
        updatedAt: pack.updatedAt,
        openedAt: row.opened_at,
        sheets: pack.sheets.length,
        presets: pack.presets.length,
        specs: pack.specs.length,
      };
    });
  }

  /** The ids of the runs that belong to a pack, oldest first. */
  runIdsOfPack(packId: string): string[] {
    return this.selectPackRuns.all(packId) as string[];
  }

  /**
   * Keeps a hand-in's notebook under its student and pack, apart from every other notebook: the
   * first hand-in is stored; a later one (by the file's creation time) replaces that student's
   * entries for that pack; an earlier or equal one is left out. Run inside the caller's transaction.
   */
  keepHandInNotebook(packId: string, student: StudentIdentity, entries: readonly NotebookEntry[], fileCreatedAt: string): 'new' | 'updated' | 'older-kept' {
    const sourceId = handInSourceId(packId, student);
    const stored = this.selectSource.get(sourceId) as string | undefined;
    if (stored !== undefined && !(Date.parse(fileCreatedAt) > Date.parse(stored))) return 'older-kept';
    this.upsertSource.run({ id: sourceId, student_name: student.name, student_number: student.number, pack_id: packId, imported_at: new Date(this.now()).toISOString(), file_created_at: fileCreatedAt });
    this.deleteSourceEntries.run(sourceId);
    for (const entry of entries) this.insertEntry.run(sourceId, entry.sheetId, entry.key, JSON.stringify(entry.value), entry.updatedAt);
    return stored === undefined ? 'new' : 'updated';
  }
}

/** A hand-in's notebook source: the pack, and the student by number (names are typed differently from one file to the next). */
export function handInSourceId(packId: string, student: StudentIdentity): string {
  return `hand-in:${packId}:${studentKey(student.number)}`;
}

/** How students are told apart: their number, NFC-normalized and lower-cased. */
export function studentKey(number: string): string {
  return number.normalize('NFC').toLowerCase();
}
