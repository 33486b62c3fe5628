import { z } from 'zod';
import type { ClassSummary } from './class-summary';
import type { DatasetSummary, DiagnosticsEvent, TrainingEvent } from './events';
import { NewPackSchema, StudentIdentitySchema, type HandInStamp, type LabPack, type PackOpenOutcome, type PackSummary, type StudentIdentity } from './lab-pack';
import { NotebookExpectedSchema, NotebookKeySchema, NotebookSheetIdSchema, NotebookValueSchema, type ImportedNotebook, type NotebookExpected, type NotebookSaveOutcome } from './lab-notebook';
import type { RunSpec } from './run-spec';
import type { ConfigDifference, RunDetail, RunFilterOptions, RunKey, RunPage, RunQuery, RunSummary } from './runs';
import type { FieldProblem } from './spec-error';

/**
 * LabApi: the one contract between the UI and the app. The Electron preload bridge and the
 * browser host's WebSocket client both implement it, over the same LabService; every argument is
 * validated with `LabApiArgs` on the service side of each transport (never trusted from the page).
 * Results and events cross as structured clones (IPC) or engine/api/socket-codec.ts's text
 * (WebSocket: JSON, or devalue where JSON cannot carry a value): Uint8Array, NaN and undefined
 * survive both.
 */

/** What the app is and where it keeps its data. */
export interface AppInfo {
  appVersion: string;
  engineVersion: string;
  /** The run history file. */
  dbPath: string;
  transport: 'electron' | 'browser';
  /** Worker threads training at once. */
  poolSize: number;
  /**
   * What a person should be told about the run history since it opened (a damaged file moved
   * aside, a read-only folder, the copy kept before an upgrade): the app shows them at startup.
   */
  notices: StartupNotice[];
}

/** Something the service tells the person once (engine/history/history-notice.ts has the codes). */
export interface StartupNotice {
  /** 'corrupt-set-aside' | 'read-only' | 'backup-before-upgrade' | 'recovery-skipped', or a newer code the UI shows by its message. */
  code: string;
  /** For people, in English (the UI words the known codes in its own language). */
  message: string;
  /** The files it is about (new names of a damaged file, the backup). */
  files: string[];
}

/** How long a spec will train, before it starts. */
export interface DurationEstimate {
  steps: number;
  /** Seconds on this machine (measured speed × the spec's multiply-adds), evaluations included. */
  seconds: number;
}

/**
 * A spec checked against its dataset: ready to start, or every problem with its field. The spec
 * itself is not sent back: the caller has it, and a file's 50,000 points echoed in every answer
 * were the page's longest task (issue 15).
 */
export type SpecCheck =
  | { ok: true; dataset: DatasetSummary; estimate: DurationEstimate }
  | { ok: false; problems: FieldProblem[] };

/** What a dataset looks like, for the picker's preview. */
export type DatasetPreview =
  | {
      kind: 'points';
      numClasses: number | null;
      /** Points of both splits (x1, x2, class or target, split); at most 2,000, evenly chosen. */
      points: { x1: number; x2: number; label: number; split: 'train' | 'test' }[];
      extent: { x1: [number, number]; x2: [number, number] };
      trainSize: number;
      testSize: number;
    }
  | {
      kind: 'images';
      width: number;
      height: number;
      /** The first training images, one byte per pixel (0 background, 255 ink). */
      images: Uint8Array[];
      labels: number[];
      /** The first test images (those eval events report predictions for) and their labels. */
      testImages: Uint8Array[];
      testLabels: number[];
      trainSize: number;
      testSize: number;
      numClasses: number;
    }
  | { kind: 'table'; inputSize: number; trainSize: number; testSize: number; numClasses: number | null };

/** A run the service is training or has queued. */
export interface ActiveRun {
  runId: string;
  state: 'queued' | 'running' | 'paused' | 'ended';
}

/** What an import did; `notebook` only for a file that carried lab notebook entries (and an import that took them). */
export interface ImportOutcome {
  imported: string[];
  skipped: { id: string; name: string; reason: string }[];
  /**
   * The file's notebook, kept apart from ours under its source (the student the file names, or
   * the file): entries written (new to that source, or newer) and the source's entries kept (as new or newer).
   */
  notebook?: { sourceId: string; studentName: string | null; merged: number; kept: number };
  /** For a hand-in: whose, for which pack, and whether it was their first, a newer one (their notebook replaced), or an older one left out. */
  handIn?: HandInStamp;
}

/** A student's hand-in file and what it holds. */
export interface HandInFile {
  packId: string;
  student: StudentIdentity;
  runs: number;
  entries: number;
  file: Uint8Array;
}

/** How the UI starts a run. */
export interface StartRunRequest {
  /** The opened lab pack the run answers (its id or first 8+ characters). */
  packId?: string;
  /**
   * The language of the names the service makes: a spec without a name ("원, ReLU" / "circle, relu")
   * and a seed group's runs ("… (시드 3)" / "… (seed 3)"); default 'en'. A name the spec gives is kept.
   */
  names?: 'ko' | 'en';
}

/** How the UI asks for a run's spec to edit as a new run. */
export interface DuplicateRunRequest {
  /** The language of the copy's name: "… (사본)" / "… (copy)"; default 'en'. */
  names?: 'ko' | 'en';
}

/** Most runs of one seed group. */
export const MAX_GROUP_SEEDS = 20;

/** How to export runs. */
export interface ExportRunsOptions {
  /** Also carry every lab notebook entry (the students' predictions and answers); default false. */
  withNotebook?: boolean;
}

/** How to import a runs file. */
export interface ImportRunsOptions {
  /** Keep the file's lab notebook apart under its source (never mixed into ours); default true. */
  withNotebook?: boolean;
}

/** Runs as compared side by side: their summaries, and the spec fields whose values differ. */
export interface RunComparison {
  runs: RunSummary[];
  differences: ConfigDifference[];
}

export interface RerunOutcome {
  runId: string;
  identical: boolean;
  firstDifference: { series: 'steps' | 'evals'; step: number; field: string; stored: number | null; rerun: number | null } | null;
  engineVersions: { stored: string; rerun: string };
}

/** What the service pushes to its subscribers (the UI's transports). */
export type LabPush =
  /**
   * A run's events, batched a few times a second and reduced to what the live view shows (see
   * engine/service/display-batch.ts: steps, evaluations and diagnostics thinned, histograms and
   * network pictures only in their latest snapshot); the database has every event in full.
   */
  | { type: 'run-events'; runId: string; events: TrainingEvent[] }
  /** A run moved between queued, running, paused and ended. */
  | { type: 'run-state'; runId: string; state: ActiveRun['state'] }
  /** The list of stored runs changed (a run started, ended, was renamed, imported or deleted). */
  | { type: 'runs-changed' }
  /** Something failed outside any request (storing a run's events); the message says what. */
  | { type: 'error'; runId: string | null; message: string }
  /**
   * The desktop app opened a lab pack file itself (double-clicked, or named at launch): what it
   * did, or why the file was refused (`file` is its name). Only the Electron host sends these.
   */
  | { type: 'pack-opened'; file: string; outcome: PackOpenOutcome }
  | { type: 'pack-open-failed'; file: string; message: string };

/** Every call the UI can make. */
export interface LabApi {
  appInfo(): Promise<AppInfo>;
  /** Parses and checks a spec against its dataset; never throws for a bad spec. */
  checkSpec(spec: unknown): Promise<SpecCheck>;
  datasetPreview(dataset: unknown, seed: number): Promise<DatasetPreview>;
  /** Starts a run of `spec`; with `packId`, the run answers that opened lab pack and is stamped with the PC's student. */
  startRun(spec: unknown, options?: StartRunRequest): Promise<RunSummary>;
  /**
   * Starts `seeds` runs of one spec as a seed group: run k uses the spec's seed + k, everything
   * else is the same; each run's `groupId` is the group's. Returns them in seed order.
   */
  startRunGroup(spec: unknown, options: StartRunRequest & { seeds: number }): Promise<RunSummary[]>;
  pauseRun(runId: string): Promise<void>;
  resumeRun(runId: string): Promise<void>;
  stepRun(runId: string): Promise<void>;
  stepRunEpoch(runId: string): Promise<void>;
  stopRun(runId: string): Promise<void>;
  activeRuns(): Promise<ActiveRun[]>;
  listRuns(query?: RunQuery): Promise<RunSummary[]>;
  /** One page of the matching runs (`limit` 1 to 500, default 50), with how many match and how many are stored. */
  listRunPage(query?: RunQuery): Promise<RunPage>;
  /** Every run matching the query's filters, newest first (ids and dates only): "select all" without loading every row. */
  listRunKeys(query?: RunQuery): Promise<RunKey[]>;
  /** The statuses, datasets, activations and tags the stored runs have, for the history's filter menus. */
  runFilterOptions(): Promise<RunFilterOptions>;
  getRun(runId: string): Promise<RunDetail>;
  /** A stored run's events in recorded order (for replay in the UI). */
  recordedEvents(runId: string): Promise<TrainingEvent[]>;
  getDiagnostics(runId: string, step: number): Promise<DiagnosticsEvent | null>;
  /** The runs' summaries and the spec fields that differ between them. */
  compareRuns(runIds: string[]): Promise<RunComparison>;
  renameRun(runId: string, name: string): Promise<void>;
  setRunNotes(runId: string, notes: string): Promise<void>;
  setRunTags(runId: string, tags: string[]): Promise<void>;
  deleteRun(runId: string): Promise<boolean>;
  duplicateRun(runId: string, options?: DuplicateRunRequest): Promise<RunSpec>;
  exportRuns(runIds: string[], options?: ExportRunsOptions): Promise<Uint8Array>;
  exportMetricsCsv(runIds: string[]): Promise<string>;
  /** Imports a runs file or a hand-in, told apart by content (a hand-in's runs and notebook go under its student and pack); a lab pack is refused. */
  importRuns(file: Uint8Array, options?: ImportRunsOptions): Promise<ImportOutcome>;
  /** Makes a lab pack (kept in this history too) and its `.nnlabpack` file; SpecError names bad fields. */
  createPack(pack: unknown): Promise<{ id: string; file: Uint8Array }>;
  /** Opens a `.nnlabpack` file: added, already present, updated (a newer version) or an older version left out. */
  openPack(file: Uint8Array): Promise<PackOpenOutcome>;
  listPacks(): Promise<PackSummary[]>;
  getPack(packId: string): Promise<LabPack>;
  /** The class's results for a lab pack: roster, distributions, curves and band, outliers, prediction tallies. */
  classSummary(packId: string): Promise<ClassSummary>;
  /** The PC's student identity, or null until entered. */
  getStudent(): Promise<StudentIdentity | null>;
  setStudent(student: StudentIdentity): Promise<void>;
  /** The hand-in of the PC's student (or `student`, which then becomes the PC's) for a pack: its runs and its sheets' notebook entries. */
  makeHandIn(packId: string, student?: StudentIdentity): Promise<HandInFile>;
  rerun(runId: string): Promise<RerunOutcome>;
  /** A lab sheet's notebook: the student's predictions and answers, key → value ({} when empty). */
  getLabNotebook(sheetId: string): Promise<Record<string, unknown>>;
  /** Saves one notebook entry (plain JSON, at most 20 KB), replacing the key's value. */
  saveLabNotebookEntry(sheetId: string, key: string, value: unknown): Promise<void>;
  /**
   * Saves one notebook entry only if the key still holds what the page expects (compare-and-set):
   * else nothing is written and the answer carries the stored value, so the page can show both.
   */
  saveLabNotebookEntryIfUnchanged(sheetId: string, key: string, value: unknown, expected: NotebookExpected): Promise<NotebookSaveOutcome>;
  /** The notebooks imported files brought for a lab sheet, one per student (or file), read-only. */
  getImportedNotebooks(sheetId: string): Promise<ImportedNotebook[]>;
  /**
   * The lab report's HTML (self-contained: inline CSS, data-URL images) printed to an A4 PDF.
   * Only the desktop app can: the browser host answers a ServiceError pointing to the preview's Print.
   */
  renderReportPdf(html: string): Promise<Uint8Array>;
}

export type LabMethod = keyof LabApi;

const RunIdSchema = z.string().regex(/^[0-9a-fA-F-]{8,36}$/, 'must be a run id (its uuid or first 8 characters)');
/** Most runs one call takes by id (export, CSV, compare): the history table says so before asking. */
export const MAX_RUNS_PER_CALL = 64;
const PackIdSchema = z.string().regex(/^[0-9a-fA-F-]{8,36}$/, 'must be a lab pack id (its uuid or first 8 characters)');
const RunIdsSchema = z.array(RunIdSchema).min(1).max(MAX_RUNS_PER_CALL);
/**
 * Most runs compareRuns takes: a class's runs (40 students × 10 presets) in one config diff. It
 * only reads specs, so it can take more than export, which writes every run's events.
 */
export const MAX_COMPARE_RUNS_PER_CALL = 400;

/** Largest report HTML renderReportPdf accepts, in characters (its charts are data-URL PNGs, ~0.5 MB each). */
export const MAX_REPORT_HTML_CHARS = 20 * 1024 * 1024;

/** The language of the names the service makes for runs (StartRunRequest.names). */
const NamesSchema = z.enum(['ko', 'en']);

/** Argument schemas, one tuple per method: what a transport accepts from the page. */
export const LabApiArgs = {
  appInfo: z.tuple([]),
  checkSpec: z.tuple([z.unknown()]),
  datasetPreview: z.tuple([z.unknown(), z.number().int().min(0).max(0xffffffff)]),
  startRun: z.tuple([z.unknown(), z.strictObject({ packId: PackIdSchema.optional(), names: NamesSchema.optional() }).optional()]),
  startRunGroup: z.tuple([z.unknown(), z.strictObject({ packId: PackIdSchema.optional(), names: NamesSchema.optional(), seeds: z.number().int().min(2).max(MAX_GROUP_SEEDS) })]),
  pauseRun: z.tuple([RunIdSchema]),
  resumeRun: z.tuple([RunIdSchema]),
  stepRun: z.tuple([RunIdSchema]),
  stepRunEpoch: z.tuple([RunIdSchema]),
  stopRun: z.tuple([RunIdSchema]),
  activeRuns: z.tuple([]),
  listRuns: z.tuple([z.record(z.string(), z.unknown()).optional()]),
  listRunPage: z.tuple([z.record(z.string(), z.unknown()).optional()]),
  listRunKeys: z.tuple([z.record(z.string(), z.unknown()).optional()]),
  runFilterOptions: z.tuple([]),
  getRun: z.tuple([RunIdSchema]),
  recordedEvents: z.tuple([RunIdSchema]),
  getDiagnostics: z.tuple([RunIdSchema, z.number().int().min(0)]),
  compareRuns: z.tuple([z.array(RunIdSchema).min(1).max(MAX_COMPARE_RUNS_PER_CALL)]),
  renameRun: z.tuple([RunIdSchema, z.string().min(1).max(200)]),
  setRunNotes: z.tuple([RunIdSchema, z.string().max(20_000)]),
  setRunTags: z.tuple([RunIdSchema, z.array(z.string().min(1).max(64)).max(100)]),
  deleteRun: z.tuple([RunIdSchema]),
  duplicateRun: z.tuple([RunIdSchema, z.strictObject({ names: NamesSchema.optional() }).optional()]),
  exportRuns: z.tuple([RunIdsSchema, z.strictObject({ withNotebook: z.boolean().optional() }).optional()]),
  exportMetricsCsv: z.tuple([RunIdsSchema]),
  importRuns: z.tuple([z.instanceof(Uint8Array), z.strictObject({ withNotebook: z.boolean().optional() }).optional()]),
  createPack: z.tuple([NewPackSchema]),
  openPack: z.tuple([z.instanceof(Uint8Array)]),
  listPacks: z.tuple([]),
  getPack: z.tuple([PackIdSchema]),
  classSummary: z.tuple([PackIdSchema]),
  getStudent: z.tuple([]),
  setStudent: z.tuple([StudentIdentitySchema]),
  makeHandIn: z.tuple([PackIdSchema, StudentIdentitySchema.optional()]),
  rerun: z.tuple([RunIdSchema]),
  getLabNotebook: z.tuple([NotebookSheetIdSchema]),
  saveLabNotebookEntry: z.tuple([NotebookSheetIdSchema, NotebookKeySchema, NotebookValueSchema]),
  saveLabNotebookEntryIfUnchanged: z.tuple([NotebookSheetIdSchema, NotebookKeySchema, NotebookValueSchema, NotebookExpectedSchema]),
  getImportedNotebooks: z.tuple([NotebookSheetIdSchema]),
  renderReportPdf: z.tuple([z.string().min(1).max(MAX_REPORT_HTML_CHARS, 'must be at most 20 MB of HTML')]),
} satisfies Record<LabMethod, z.ZodTuple>;

export { LAB_METHODS } from './lab-methods';

/** An error as it crosses a transport: its kind, its message, and for bad specs every problem. */
export interface SerializedError {
  name: string;
  message: string;
  problems?: FieldProblem[];
  code?: string;
}

/** Thrown in the UI for a failed call; `problems` name the fields of a bad spec. */
export class LabApiError extends Error {
  readonly problems: FieldProblem[];
  readonly code: string | undefined;
  constructor(serialized: SerializedError) {
    super(serialized.message);
    this.name = serialized.name;
    this.problems = serialized.problems ?? [];
    this.code = serialized.code;
  }
}

/** Validates one call's arguments; the error names the method and the argument. */
export function parseLabArgs(method: string, args: unknown): unknown[] {
  if (!Object.hasOwn(LabApiArgs, method)) throw new Error(`unknown LabApi method "${method}"`);
  const schema = LabApiArgs[method as LabMethod];
  const result = schema.safeParse(args);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${method}: argument ${issue.path.join('.') || ''} ${issue.message}`.replace(/\s+/g, ' '));
  }
  return result.data as unknown[];
}
