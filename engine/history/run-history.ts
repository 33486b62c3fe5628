import { resolve } from 'node:path';
import type { DiagnosticsEvent, NetworkSnapshotEvent, TrainingEvent } from '../api/events';
import type { ImportedNotebook, NotebookEntry, NotebookExpected, NotebookSaveOutcome } from '../api/lab-notebook';
import type { NotebookSource } from './notebook-source';
import type { HandInStamp, LabPack, PackOpenOutcome, PackSummary, StudentIdentity } from '../api/lab-pack';
import type { RunSpec } from '../api/run-spec';
import type { ConfigDifference, RunDetail, RunFilterOptions, RunKey, RunPage, RunQuery, RunSummary } from '../api/runs';
import type { WeightsFile } from '../api/weights-file';
import { alignSeries, type AlignedSeries } from './aligned-series';
import { configDiff } from '../api/config-diff';
import { openDatabase, type OpenedDatabase, type SqliteDatabase } from './database';
import { HistoryError, fromSqliteError } from './history-error';
import type { HistoryNotice } from './history-notice';
import { ClassStore } from './class-store';
import { ClassRunStore, type ClassRunRow, type HandInNotebook } from './class-run-store';
import type { HandInContent } from './hand-in-file';
import { LabNotebook } from './lab-notebook';
import { HISTORY_LIMITS } from './limits';
import { STALE_HEARTBEAT_MS, isProcessAlive, recoverInterrupted, type OrphanCheck } from './orphans';
import { recordedEvents } from './recorded-events';
import { RunEdits } from './run-edits';
import { RunListing } from './run-listing';
import { RunQueries } from './run-queries';
import { RunRecords, type RunRecord, type RunStamp } from './run-record';
import { RunWriter, type NewRun, type RunOwner } from './run-writer';

export interface OpenHistoryOptions {
  /** Identifies this launch of the app, CLI or browser host (e.g. crypto.randomUUID()). */
  instanceId: string;
  /** This process's id (default process.pid). */
  pid?: number;
  /** The driver's native binary for this runtime (Electron passes its own build). */
  nativeBinding?: string;
  /** Milliseconds since the epoch (default Date.now); timestamps and heartbeats use it. */
  now?: () => number;
  /** Whether a process exists (default: signal 0). Injected by tests. */
  isProcessAlive?: (pid: number) => boolean;
  /** A queued/running run silent for longer than this is an orphan (default 60 s). */
  staleAfterMs?: number;
  /** How long to wait for another process's lock (default 5 s). */
  busyTimeoutMs?: number;
  /** Size up to which the whole file gets SQLite's integrity check at open (default 32 MB; see integrity-check.ts). */
  fullCheckMaxBytes?: number;
}

/**
 * What an import did: runs inserted, and runs left out because their id was already stored; for a
 * file that carried lab notebook entries (and an import that took them), the source they were
 * kept under (notebook-source.ts), how many were written (new to that source, or newer) and how
 * many of the source's stored entries were kept (as new or newer).
 */
export interface ImportResult {
  imported: string[];
  skipped: { id: string; name: string; reason: string }[];
  notebook?: { sourceId: string; studentName: string | null; merged: number; kept: number };
  /** For a hand-in: whose, for which pack, and whether it was their first, a newer one, or an older one left out. */
  handIn?: HandInStamp;
}

/**
 * Opens the run history at `path` (creating it and its folders), brings the schema up to date
 * (keeping a copy from before, see migration-backup.ts) and marks the runs of dead processes
 * `interrupted` (their ids: `recoveredAtOpen`). A history that can be read but not written opens
 * read-only (`readOnlyReason`); what a person should be told is in `notices`.
 * Throws HistoryError: 'newer-version', 'corrupt', 'unknown-database', 'locked', 'read-only',
 * 'disk-full', 'cannot-open' — the file is never modified in those cases.
 */
export function openHistory(path: string, options: OpenHistoryOptions): RunHistory {
  const opened = openDatabase(path, {
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.fullCheckMaxBytes === undefined ? {} : { fullCheckMaxBytes: options.fullCheckMaxBytes }),
  });
  try {
    return new RunHistory(opened, resolve(path), options);
  } catch (error) {
    opened.db.close();
    throw fromSqliteError(error, `"${resolve(path)}"`);
  }
}

/**
 * The run history: every stored run with its metrics, diagnostics, network snapshots and weights, in one SQLite
 * file shared by the app, the browser host and the CLI. One instance per process and file;
 * every method is synchronous (better-sqlite3) and short, except exports and imports of big runs.
 * Driver errors come out as HistoryError with a code ('locked', 'read-only', 'disk-full'…).
 *
 * Ids: methods named for a person's request (getRun, exportable reads) accept an id prefix via
 * resolveRunId; the recording and editing methods take full ids.
 */
export class RunHistory {
  /** Runs marked interrupted when this history was opened. */
  readonly recoveredAtOpen: readonly string[];
  /** Why nothing can be saved (the history is open read-only), or null when it can be. */
  readonly readOnlyReason: string | null;
  /** What a person should be told about opening it (read-only, a backup before an upgrade…), to show once. */
  readonly notices: readonly HistoryNotice[];
  private readonly db: SqliteDatabase;
  private readonly writer: RunWriter;
  private readonly edits: RunEdits;
  private readonly queries: RunQueries;
  private readonly listing: RunListing;
  private readonly records: RunRecords;
  private readonly notebook: LabNotebook;
  private readonly classStore: ClassStore;
  private readonly classRuns: ClassRunStore;
  private readonly orphanCheck: OrphanCheck;
  private closed = false;

  /** Use openHistory (tests pass a connection they prepared, e.g. with a tiny max_page_count). */
  constructor(
    opened: OpenedDatabase,
    /** The database file's absolute path. */
    readonly path: string,
    options: OpenHistoryOptions,
  ) {
    const { db } = opened;
    this.db = db;
    this.readOnlyReason = opened.readOnlyReason;
    const owner: RunOwner = { instanceId: options.instanceId, pid: options.pid ?? process.pid };
    const now = options.now ?? Date.now;
    this.writer = new RunWriter(db, owner, now);
    this.edits = new RunEdits(db);
    this.queries = new RunQueries(db);
    this.listing = new RunListing(db);
    this.records = new RunRecords(db, this.queries);
    this.notebook = new LabNotebook(db, now);
    this.classStore = new ClassStore(db, now);
    this.classRuns = new ClassRunStore(db);
    this.orphanCheck = { owner, now, isProcessAlive: options.isProcessAlive ?? isProcessAlive, staleAfterMs: options.staleAfterMs ?? STALE_HEARTBEAT_MS };
    const recovery = this.recoverAtOpen();
    this.recoveredAtOpen = recovery.recovered;
    this.notices = [...opened.notices, ...recovery.notices];
  }

  /**
   * Marks orphaned runs interrupted; on a history that cannot be written at the moment (full
   * disk, read-only file) they stay as they are until a later start, and the history still opens
   * so its runs can be viewed.
   */
  private recoverAtOpen(): { recovered: string[]; notices: HistoryNotice[] } {
    if (this.readOnlyReason !== null) return { recovered: [], notices: [] };
    try {
      return { recovered: recoverInterrupted(this.db, this.orphanCheck), notices: [] };
    } catch (error) {
      const refusal = fromSqliteError(error, `"${this.path}"`);
      if (!(refusal instanceof HistoryError) || (refusal.code !== 'disk-full' && refusal.code !== 'read-only')) throw refusal;
      return {
        recovered: [],
        notices: [{ code: 'recovery-skipped', message: `Runs left "running" by an NN Lab that stopped could not be marked interrupted: ${refusal.message}`, files: [this.path] }],
      };
    }
  }

  /** Closes the connection (checkpointing the WAL). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // Recording

  /** Adds a run owned by this process (queued, or running already); returns its summary. */
  createRun(run: NewRun): RunSummary {
    return this.guard(() => {
      this.writer.createRun(run);
      return this.queries.getSummary(run.id.toLowerCase());
    });
  }

  /** Adds several runs owned by this process in ONE transaction (a seed group): all of them, or none; returns their summaries in order. */
  createRuns(runs: readonly NewRun[]): RunSummary[] {
    return this.guard(() =>
      this.db
        .transaction(() =>
          runs.map((run) => {
            this.writer.createRun(run);
            return this.queries.getSummary(run.id.toLowerCase());
          }),
        )
        .immediate(),
    );
  }

  /** Stores a batch of one run's events in one transaction (see RunWriter.recordEvents). */
  recordEvents(runId: string, events: readonly TrainingEvent[]): void {
    this.guard(() => this.writer.recordEvents(runId, events));
  }

  /** Stores (or replaces) the run's final weights. */
  saveWeights(runId: string, file: WeightsFile): void {
    this.guard(() => this.writer.saveWeights(runId, file));
  }

  /** Refreshes the heartbeat of runs this process still trains or queues (call every few seconds, paused runs included). */
  heartbeat(runIds: readonly string[]): void {
    this.guard(() => this.writer.heartbeat(runIds));
  }

  /** Ends a queued/running run as failed (its worker died); false when it had already ended. */
  markRunFailed(runId: string, message: string): boolean {
    return this.guard(() => this.writer.markRunFailed(runId, message));
  }

  /** Marks orphaned runs of other processes interrupted (done at open, and by LabService with every heartbeat); returns their ids. */
  recoverInterrupted(): string[] {
    return this.guard(() => recoverInterrupted(this.db, this.orphanCheck));
  }

  // Editing

  rename(runId: string, name: string): void {
    this.guard(() => this.edits.rename(runId, name));
  }

  setNotes(runId: string, notes: string): void {
    this.guard(() => this.edits.setNotes(runId, notes));
  }

  setTags(runId: string, tags: readonly string[]): void {
    this.guard(() => this.edits.setTags(runId, tags));
  }

  addTag(runId: string, tag: string): void {
    this.guard(() => this.edits.addTag(runId, tag));
  }

  removeTag(runId: string, tag: string): boolean {
    return this.guard(() => this.edits.removeTag(runId, tag));
  }

  /** Deletes the run and everything recorded for it; false when no such run existed. */
  deleteRun(runId: string): boolean {
    return this.guard(() => this.edits.deleteRun(runId));
  }

  /**
   * The run's spec, named "<run name><suffix>" (" (copy)", or the caller's language's word for it),
   * to edit and start as a new run (nothing is stored). The name is cut to fit the spec's
   * 200-character limit.
   */
  duplicateAsNewSpec(idOrPrefix: string, suffix = ' (copy)'): RunSpec {
    return this.guard(() => {
      const id = this.queries.resolveRunId(idOrPrefix);
      const { name } = this.queries.getSummary(id);
      const { spec } = this.queries.getSpec(id);
      return { ...spec, name: `${name.slice(0, HISTORY_LIMITS.name - suffix.length)}${suffix}` };
    });
  }

  // Reading

  /** Runs matching the query (see RunListing.listRuns). */
  listRuns(query: RunQuery = {}): RunSummary[] {
    return this.guard(() => this.listing.listRuns(query));
  }

  /** One page of the runs matching the query, with how many match and how many are stored (see RunListing.listRunPage). */
  listRunPage(query: RunQuery = {}): RunPage {
    return this.guard(() => this.listing.listRunPage(query));
  }

  /** Every run matching the query's filters, newest first: what "select all" selects. */
  listRunKeys(query: RunQuery = {}): RunKey[] {
    return this.guard(() => this.listing.listRunKeys(query));
  }

  /** The statuses, datasets, activations and tags the stored runs have, for filter menus. */
  runFilterOptions(): RunFilterOptions {
    return this.guard(() => this.listing.filterOptions());
  }

  /** The full id for a uuid or a prefix of 8+ characters; 'not-found' or 'ambiguous' otherwise. */
  resolveRunId(idOrPrefix: string): string {
    return this.guard(() => this.queries.resolveRunId(idOrPrefix));
  }

  /** One run with its spec and full step and eval series. */
  getRun(idOrPrefix: string): RunDetail {
    return this.guard(() => this.queries.getRun(this.queries.resolveRunId(idOrPrefix)));
  }

  /** The diagnostics snapshot of `step`, or null. */
  getDiagnostics(runId: string, step: number): DiagnosticsEvent | null {
    return this.guard(() => this.queries.getDiagnostics(runId, step));
  }

  /** The latest network snapshot at or before `step` (2-D inputs), or null when there is none. */
  getNetworkSnapshot(runId: string, step: number): NetworkSnapshotEvent | null {
    return this.guard(() => this.queries.getNetworkSnapshot(runId, step));
  }

  /** The run's saved weights, or null. */
  getWeights(runId: string): WeightsFile | null {
    return this.guard(() => this.queries.getWeights(runId));
  }

  /** Several runs' loss, test loss and accuracies on one x axis (see alignSeries). */
  alignedSeries(idsOrPrefixes: readonly string[], by: 'step' | 'epoch'): AlignedSeries {
    return this.guard(() =>
      alignSeries(
        idsOrPrefixes.map((idOrPrefix) => {
          const run = this.queries.getRun(this.queries.resolveRunId(idOrPrefix));
          return { id: run.id, name: run.name, stepsPerEpoch: run.stepsPerEpoch, steps: run.steps, evals: run.evals };
        }),
        by,
      ),
    );
  }

  /** The spec fields that differ between these runs (see configDiff). */
  configDiff(idsOrPrefixes: readonly string[]): ConfigDifference[] {
    return this.guard(() => configDiff(idsOrPrefixes.map((idOrPrefix) => this.queries.getSpec(this.queries.resolveRunId(idOrPrefix)).spec)));
  }

  /** The run's events as the trainer emitted them, for replay (see recordedEvents). */
  recordedEvents(idOrPrefix: string): TrainingEvent[] {
    return this.guard(() => recordedEvents(this.records.read(this.queries.resolveRunId(idOrPrefix))));
  }

  // The lab notebook (students' predictions and answers per lab sheet)

  /** The notebook entries of one lab sheet, key → value ({} when there are none). 'invalid-argument' for a malformed sheet id. */
  getNotebook(sheetId: string): Record<string, unknown> {
    return this.guard(() => this.notebook.get(sheetId));
  }

  /**
   * Saves one notebook entry, replacing the key's value, stamped with the current time. The sheet
   * id (≤ 64) and key (≤ 128) are short strings of letters, digits and . _ - (and : in keys); the
   * value is plain JSON of at most 20 KB ('invalid-argument' otherwise). Saving null keeps the
   * key with a null value, so a later import of an older answer does not bring it back.
   */
  setNotebookEntry(sheetId: string, key: string, value: unknown): void {
    this.guard(() => this.notebook.set(sheetId, key, value));
  }

  /** Saves one notebook entry only if the key still holds `expected` (see LabNotebook.setIfUnchanged); the same checks as setNotebookEntry. */
  setNotebookEntryIfUnchanged(sheetId: string, key: string, value: unknown, expected: NotebookExpected): NotebookSaveOutcome {
    return this.guard(() => this.notebook.setIfUnchanged(sheetId, key, value, expected));
  }

  /** Every entry of the importer's own notebook, every sheet's, with its time (for export files and reports). */
  notebookEntries(): NotebookEntry[] {
    return this.guard(() => this.notebook.entries());
  }

  /** The notebooks imported files brought for one sheet, one per source (never part of the own notebook). */
  importedNotebooks(sheetId: string): ImportedNotebook[] {
    return this.guard(() => this.notebook.imported(sheetId));
  }

  // Whole runs, for export files

  /** Everything stored about these runs, in the order given (duplicates once). */
  readRecords(idsOrPrefixes: readonly string[]): RunRecord[] {
    return this.guard(() => [...new Set(idsOrPrefixes.map((id) => this.queries.resolveRunId(id)))].map((id) => this.records.read(id)));
  }

  /**
   * Inserts validated runs in ONE transaction; a run whose id is already stored is skipped and
   * reported. With `notebook` (validated entries of an imported file), keeps them apart under
   * their source in the same transaction: an entry is written when the source lacks its key or it
   * is newer than the source's. Nothing is written if any insert fails.
   */
  insertRecords(records: readonly RunRecord[], notebook?: { source: NotebookSource; entries: readonly NotebookEntry[] }): ImportResult {
    return this.guard(() =>
      this.db.transaction((): ImportResult => {
        const result: ImportResult = { imported: [], skipped: [] };
        for (const record of records) {
          if (this.records.exists(record.id)) {
            result.skipped.push({ id: record.id, name: record.name, reason: 'a run with this id is already in the history' });
          } else {
            this.records.insert(record);
            result.imported.push(record.id);
          }
        }
        if (notebook !== undefined) result.notebook = { sourceId: notebook.source.id, studentName: notebook.source.studentName, ...this.notebook.keepImported(notebook.source, notebook.entries) };
        return result;
      }).immediate(),
    );
  }

  /**
   * Inserts one validated run in its own transaction, stamped with who made it and its pack when a
   * hand-in says so; false (nothing written) when its id is already stored. For imports that let
   * the event loop turn between a file's runs (see class-files.ts's storeLabFileYielding).
   */
  insertRecord(record: RunRecord, stamp: RunStamp | null = null): boolean {
    return this.guard(() =>
      this.db
        .transaction((): boolean => {
          if (this.records.exists(record.id)) return false;
          this.records.insert(record, stamp);
          return true;
        })
        .immediate(),
    );
  }

  // The class: the PC's student, lab packs, hand-ins

  /** The PC's student identity (what runs made here are stamped with), or null until one is entered. */
  getStudent(): StudentIdentity | null {
    return this.guard(() => this.classStore.student());
  }

  /** Replaces the PC's student identity (checked with StudentIdentitySchema by the caller). */
  setStudent(student: StudentIdentity): void {
    this.guard(() => this.classStore.setStudent(student));
  }

  /** Keeps a validated lab pack: added, already present, updated by a newer version, or an older version left out. */
  keepPack(pack: LabPack): PackOpenOutcome {
    return this.guard(() => this.db.transaction(() => this.classStore.keepPack(pack)).immediate());
  }

  /** Every lab pack opened here, most recently opened first. */
  listPacks(): PackSummary[] {
    return this.guard(() => this.classStore.packs());
  }

  /** A stored pack by its id or an 8+ character prefix ('not-found', 'ambiguous'). */
  getPack(idOrPrefix: string): LabPack {
    return this.guard(() => this.classStore.pack(this.classStore.resolvePackId(idOrPrefix)));
  }

  /** The ids of the runs that belong to a pack (full id), oldest first. */
  runIdsOfPack(packId: string): string[] {
    return this.guard(() => this.classStore.runIdsOfPack(packId));
  }

  /**
   * Stores a validated hand-in in ONE transaction: its new runs, stamped with the student and the
   * pack (runs already stored are skipped), and its notebook under that student and pack only
   * (never the own notebook, never another student's): a newer hand-in replaces that student's
   * entries, an older one leaves them.
   */
  insertHandIn(content: HandInContent): ImportResult {
    const { stamp } = content;
    return this.guard(() =>
      this.db.transaction((): ImportResult => {
        const result: ImportResult = { imported: [], skipped: [] };
        for (const record of content.runs) {
          if (this.records.exists(record.id)) {
            result.skipped.push({ id: record.id, name: record.name, reason: 'a run with this id is already in the history' });
          } else {
            this.records.insert(record, { author: stamp.student, packId: stamp.packId });
            result.imported.push(record.id);
          }
        }
        const status = this.classStore.keepHandInNotebook(stamp.packId, stamp.student, content.notebook ?? [], content.file.createdAt);
        result.handIn = { ...stamp, status };
        return result;
      }).immediate(),
    );
  }

  // The class view's reads (see ClassRunStore)

  /** The pack's runs made by students (full pack id), oldest first, with the facts kept for each. */
  classRunsOfPack(packId: string): ClassRunRow[] {
    return this.guard(() => this.classRuns.classRuns(packId));
  }

  /** Keeps the class view's computed facts of runs (a run deleted meanwhile is left out). */
  keepClassRunFacts(facts: readonly { runId: string; version: string; text: string }[]): void {
    this.guard(() => this.classRuns.keepFacts(facts));
  }

  /** The hand-ins' notebooks kept for a pack, one per student. */
  handInNotebooks(packId: string): HandInNotebook[] {
    return this.guard(() => this.classRuns.handInNotebooks(packId));
  }

  /** The packs opened here that have runs made by students, most recently opened first. */
  packsWithClassRuns(): string[] {
    return this.guard(() => this.classRuns.packsWithClassRuns());
  }

  private guard<T>(operation: () => T): T {
    if (this.closed) throw new HistoryError('cannot-open', `the run history "${this.path}" is closed`);
    try {
      return operation();
    } catch (error) {
      const refusal = fromSqliteError(error, `"${this.path}"`);
      if (this.readOnlyReason !== null && refusal instanceof HistoryError && refusal.code === 'read-only') {
        throw new HistoryError(
          'read-only',
          `the run history "${this.path}" is open read-only (${this.readOnlyReason}), so nothing can be saved, edited or deleted until NN Lab is started again once that is fixed`,
          { cause: error },
        );
      }
      throw refusal;
    }
  }
}
