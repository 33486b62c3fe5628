import { randomUUID } from 'node:crypto';
import { messageOf } from '../api/error-message';
import type { DuplicateRunRequest, LabPush, RunComparison, StartupNotice } from '../api/lab-api';
import type { DiagnosticsEvent, EndStatus, TrainingEvent } from '../api/events';
import { parseRunSpec } from '../api/parse-run-spec';
import type { RunSpec } from '../api/run-spec';
import type { RunDetail, RunFilterOptions, RunKey, RunPage, RunQuery, RunSummary } from '../api/runs';
import type { WeightsFile } from '../api/weights-file';
import { loadDataset, type DataSources } from '../data/load-dataset';
import { nodeDataSources } from '../data/node-mnist';
import { metricsCsv } from '../history/metrics-csv';
import { exportRuns } from '../history/run-file';
import type { ClassSummary } from '../api/class-summary';
import type { LabPack, PackOpenOutcome, PackSummary, StudentIdentity } from '../api/lab-pack';
import { createPack, makeHandIn, openPack, storeLabFileYielding, studentFor } from './class-files';
import { classSummary } from './class/class-summary';
import type { ImportedNotebook, NotebookExpected, NotebookSaveOutcome } from '../api/lab-notebook';
import { ImportReaders, type ImportReadersOptions } from './import-readers';
import { DiskReserve } from '../history/disk-reserve';
import { HistoryError } from '../history/history-error';
import { openHistory, type ImportResult, type RunHistory } from '../history/run-history';
import { checkSpecAgainstDataset } from '../train/check-spec-data';
import { TrainingPool, type RunHandle, type RunState, type TrainingPoolOptions } from '../train/pool/training-pool';
import type { EventThrottle } from './event-throttle';
import { liveViewThrottle } from './live-view-throttle';
import { compareRerun, type RerunVerdict } from './rerun-comparison';
import { RunDoctor, withFindings } from './run-doctor';
import { LOCK_PATIENCE_MS, RunStorage } from './run-storage';
import { keepsWeights, type GroupRunOptions, type RunObserver, type StartRunOptions } from './start-run-options';
import { seedGroupSpecs } from './seed-group';
import { automaticRunName, copySuffix } from '../lab/run-names';

export type { GroupRunOptions, RunObserver, StartRunOptions } from './start-run-options';

export interface LabServiceOptions {
  /** The run history file. */
  dbPath: string;
  /** Identifies this launch (default a fresh uuid). */
  instanceId?: string;
  /** Where MNIST comes from (default: the files on disk). */
  dataSources?: DataSources;
  pool?: TrainingPoolOptions;
  /** Forward each run's events to subscribers at most this often (default 200 ms). */
  forwardIntervalMs?: number;
  /** Refresh the heartbeat of this process's runs this often (default 5 s). */
  heartbeatMs?: number;
  /** Written into export files. */
  appVersion?: string;
  /** better-sqlite3's native binary for this runtime (Electron passes its own build). */
  nativeBinding?: string;
  /** The import reader's script, limits and launcher (default: beside the engine, run-file-reader.ts's limits, a Node child process). */
  importReader?: ImportReadersOptions;
  /** How long one write waits for another program's lock (default 5 s; see database.ts). */
  busyTimeoutMs?: number;
  /** How long a run's events wait, retried, for another program's lock before the run fails (default 2 min). */
  lockPatienceMs?: number;
}

/** A subscriber: the UI's transports (see LabPush for what it receives). */
export type LabListener = (message: LabPush) => void;

interface ActiveRun {
  handle: RunHandle;
  storage: RunStorage;
  /** Resolves once the end is recorded and the weights are saved (or dropped). */
  finished: Promise<void>;
}

/**
 * The one facade over the engine that the Electron shell, the browser host and the CLI share:
 * runs train in a pool of worker threads, every event is stored in the run history (one
 * transaction per batch), subscribers get a throttled copy, and stored runs can be listed,
 * compared, replayed, re-run, exported and imported. All methods are short on the calling thread:
 * the training happens in the workers.
 *
 * What a run leaves in the history, whoever started it (the app, the browser host, the CLI): every
 * event it emitted, stored as it arrives (one transaction per batch, so a process killed mid-run
 * keeps everything up to the last batch and the run is marked `interrupted` at the next opening),
 * and its end with status, message and final metrics. Another program writing the same file (the
 * app and `nnlab train --db`) is waited out, and a run whose events cannot be stored (a full disk,
 * a lock held for minutes) ends `failed` with the reason (see RunStorage). Its final weights are kept only when it
 * ended `completed` or `stopped`: a run that `diverged` or `failed` keeps its events and its end,
 * and no weights, even when its worker could still export finite parameters (a diverged run's are
 * huge: the last update that made the loss overflow is in them).
 */
export class LabService {
  private readonly listeners = new Set<LabListener>();
  private readonly active = new Map<string, ActiveRun>();
  private readonly hostNotices: StartupNotice[] = [];
  private readonly throttle: EventThrottle;
  private readonly heartbeatTimer: ReturnType<typeof setInterval>;
  private readonly importReaders: ImportReaders;
  private readonly lockPatienceMs: number;
  /** Room on the disk for failed ends (see DiskReserve); null on a read-only history. */
  private readonly reserve: DiskReserve | null;
  private closed = false;

  private constructor(
    private readonly history: RunHistory,
    private readonly pool: TrainingPool,
    private readonly dataSources: DataSources,
    private readonly appVersion: string | undefined,
    options: LabServiceOptions,
  ) {
    this.throttle = liveViewThrottle((runId, events) => this.broadcast({ type: 'run-events', runId, events }), options.forwardIntervalMs ?? 200);
    this.lockPatienceMs = options.lockPatienceMs ?? LOCK_PATIENCE_MS;
    this.reserve = history.readOnlyReason === null ? new DiskReserve(history.path) : null;
    this.reserve?.keep();
    this.heartbeatTimer = setInterval(() => this.heartbeat(), options.heartbeatMs ?? 5000);
    this.heartbeatTimer.unref();
    this.importReaders = new ImportReaders(options.importReader);
  }

  /** Opens the history (marking runs of dead processes interrupted) and the worker pool. */
  static open(options: LabServiceOptions): LabService {
    const history = openHistory(options.dbPath, {
      instanceId: options.instanceId ?? randomUUID(),
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    });
    return new LabService(history, new TrainingPool(options.pool), options.dataSources ?? nodeDataSources(), options.appVersion, options);
  }

  /** The history file's absolute path. */
  get dbPath(): string {
    return this.history.path;
  }

  /** Worker threads that may train at once. */
  get poolSize(): number {
    return this.pool.size;
  }

  /** What to tell the person about the history: the host's notices (a damaged file moved aside), then the history's own. */
  get notices(): StartupNotice[] {
    return [...this.hostNotices, ...this.history.notices].map((n) => ({ code: n.code, message: n.message, files: [...n.files] }));
  }

  /** Adds notices the host learnt while opening (see engine/history/corrupt-set-aside.ts). */
  addNotices(notices: readonly StartupNotice[]): void {
    this.hostNotices.push(...notices);
  }

  /** Listens to run events, run states and list changes; returns the unsubscribe function. */
  subscribe(listener: LabListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ── Training ──

  /**
   * Validates a spec against its dataset, stores it as a queued run and hands it to the pool
   * (it starts as soon as a worker is free). Throws SpecError / DatasetError naming the field,
   * before anything is stored.
   */
  startRun(specInput: unknown, options: StartRunOptions = {}): RunSummary {
    this.assertOpen();
    const spec = parseRunSpec(specInput);
    const dataset = loadDataset(spec.dataset, spec.seed, this.dataSources);
    checkSpecAgainstDataset(spec, dataset);
    const packId = options.packId === undefined ? null : this.history.getPack(options.packId).id;
    const runId = randomUUID();
    const summary = this.history.createRun({
      id: runId,
      spec,
      name: automaticRunName(spec, options.names === 'ko' ? 'ko' : 'en'),
      status: 'queued',
      author: this.history.getStudent(),
      packId,
      ...(options.sourceRunId ? { sourceRunId: options.sourceRunId } : {}),
    });
    this.queue(runId, spec, dataset, options);
    this.broadcast({ type: 'runs-changed' });
    return summary;
  }

  /**
   * Starts `seeds` runs of one spec as a seed group (see seedGroupSpecs: run k has the spec's
   * seed + k and is named "<name> (seed s)"; nothing else differs), all sharing a new group id.
   * Every run's spec and dataset is checked, then all are stored in one transaction, before any
   * is queued: a bad spec stores no run. `observerOf(k)` hears run k. Returns them in seed order.
   */
  startRunGroup(specInput: unknown, options: GroupRunOptions): RunSummary[] {
    this.assertOpen();
    const planned = seedGroupSpecs(parseRunSpec(specInput), options.seeds, options.names === 'ko' ? 'ko' : 'en').map(({ spec, name }) => {
      const dataset = loadDataset(spec.dataset, spec.seed, this.dataSources);
      checkSpecAgainstDataset(spec, dataset);
      return { id: randomUUID(), spec, name, dataset };
    });
    const packId = options.packId === undefined ? null : this.history.getPack(options.packId).id;
    const groupId = randomUUID();
    const author = this.history.getStudent();
    const summaries = this.history.createRuns(planned.map(({ id, spec, name }) => ({ id, spec, name, status: 'queued', author, packId, groupId })));
    planned.forEach(({ id, spec, dataset }, k) => {
      const observer = options.observerOf?.(k);
      this.queue(id, spec, dataset, { ...(options.paused ? { paused: true } : {}), ...(observer ? { observer } : {}) });
    });
    this.broadcast({ type: 'runs-changed' });
    return summaries;
  }

  /** Hands a stored, queued run to the pool: its events are stored as they come and forwarded. */
  private queue(runId: string, spec: RunSpec, dataset: ReturnType<typeof loadDataset>, options: Pick<StartRunOptions, 'paused' | 'observer'>): void {
    const observer = options.observer ?? null;
    const storage = new RunStorage(
      this.history,
      runId,
      {
        onFailure: (reason, cause) => this.onStorageFailure(runId, reason, cause, observer),
        onWeightsLost: (reason) => this.stopRunFor(runId, `run ${runId.slice(0, 8)}: ${reason}`, observer),
      },
      { lockPatienceMs: this.lockPatienceMs },
    );
    // The pool delivers the end event before the weights; it may call back before start() returns.
    let endStatus: EndStatus | null = null;
    const doctor = new RunDoctor(); // hears every event: the end leaves with the findings
    const handle = this.pool.start(
      { runId, spec, dataset, ...(options.paused ? { paused: true } : {}) },
      {
        onEvents: (events) => {
          const stored = storage.asStored(events);
          const last = stored[stored.length - 1];
          if (last?.type === 'end') endStatus = last.status;
          this.onRunEvents(storage, doctor.examine(stored), observer);
        },
        onState: (state) => this.onRunState(runId, state),
        onWeights: (weights) => storage.keepWeights(weights && keepsWeights(endStatus) ? weights : null),
      },
    );
    const finished = Promise.all([handle.done, storage.settled]).then(() => undefined);
    this.active.set(runId, { handle, storage, finished });
    void finished.then(() => {
      this.active.delete(runId);
      this.broadcast({ type: 'runs-changed' });
    });
  }

  pauseRun(runId: string): void {
    this.handle(runId).pause();
  }

  resumeRun(runId: string): void {
    this.handle(runId).resume();
  }

  /** Trains one step, then waits. */
  stepRun(runId: string): void {
    this.handle(runId).step();
  }

  /** Trains to the end of the current epoch, then waits. */
  stepRunEpoch(runId: string): void {
    this.handle(runId).stepEpoch();
  }

  /** Ends the run `stopped`, keeping everything recorded. */
  stopRun(runId: string): void {
    this.handle(runId).stop();
  }

  /** Runs this service is training or has queued, with their state. */
  activeRuns(): { runId: string; state: RunState }[] {
    return [...this.active].map(([runId, run]) => ({ runId, state: run.handle.state }));
  }

  /** Resolves with the stored summary once the run has ended and everything is saved. */
  async whenEnded(runId: string): Promise<RunSummary> {
    const run = this.active.get(runId);
    if (run) await run.finished;
    return this.history.getRun(runId);
  }

  /** A run's stored final weights: null while it trains, and for a run that diverged or failed (see the class comment). */
  getWeights(runId: string): WeightsFile | null {
    return this.history.getWeights(this.history.resolveRunId(runId));
  }

  // ── History ──

  listRuns(query: RunQuery = {}): RunSummary[] {
    return this.history.listRuns(query);
  }

  listRunPage(query: RunQuery = {}): RunPage {
    return this.history.listRunPage(query);
  }

  listRunKeys(query: RunQuery = {}): RunKey[] {
    return this.history.listRunKeys(query);
  }

  runFilterOptions(): RunFilterOptions {
    return this.history.runFilterOptions();
  }

  getRun(idOrPrefix: string): RunDetail {
    return this.history.getRun(idOrPrefix);
  }

  /** A stored run's events in recorded order (for replay in the UI), the end with the doctor's findings. */
  recordedEvents(runId: string): TrainingEvent[] {
    return withFindings(this.history.recordedEvents(runId));
  }

  getDiagnostics(runId: string, step: number): DiagnosticsEvent | null {
    return this.history.getDiagnostics(this.history.resolveRunId(runId), step);
  }

  compareRuns(ids: readonly string[]): RunComparison {
    const resolved = ids.map((id) => this.history.resolveRunId(id));
    return { runs: resolved.map((id) => this.summaryOf(id)), differences: this.history.configDiff(resolved) };
  }

  renameRun(runId: string, name: string): void {
    this.history.rename(this.history.resolveRunId(runId), name);
    this.broadcast({ type: 'runs-changed' });
  }

  setRunNotes(runId: string, notes: string): void {
    this.history.setNotes(this.history.resolveRunId(runId), notes);
    this.broadcast({ type: 'runs-changed' });
  }

  setRunTags(runId: string, tags: readonly string[]): void {
    this.history.setTags(this.history.resolveRunId(runId), tags);
    this.broadcast({ type: 'runs-changed' });
  }

  /** Deletes a run and all its metrics; a run still training is stopped first. */
  async deleteRun(runId: string): Promise<boolean> {
    const id = this.history.resolveRunId(runId);
    const run = this.active.get(id);
    if (run) {
      run.handle.stop();
      await run.finished;
    }
    const deleted = this.history.deleteRun(id);
    this.broadcast({ type: 'runs-changed' });
    return deleted;
  }

  /**
   * The run's spec, renamed "… (copy)" (with `names` 'ko': "… (사본)"), to edit and start as a new
   * run. The stored run keeps its name.
   */
  duplicateRun(runId: string, options: DuplicateRunRequest = {}): RunSpec {
    return this.history.duplicateAsNewSpec(runId, copySuffix(options.names === 'ko' ? 'ko' : 'en'));
  }

  /**
   * One file (gzip JSON) with the runs' specs, metrics, diagnostics and weights; with
   * `withNotebook`, also every lab notebook entry (see history/run-file.ts).
   */
  exportRuns(ids: readonly string[], options: { withNotebook?: boolean } = {}): Buffer {
    return exportRuns(this.history, ids, {
      ...(this.appVersion === undefined ? {} : { appVersion: this.appVersion }),
      ...(options.withNotebook === undefined ? {} : { withNotebook: options.withNotebook }),
    });
  }

  exportMetricsCsv(ids: readonly string[]): string {
    return metricsCsv(this.history, ids);
  }

  /**
   * Validates a whole run file in a child process (within a heap and a time limit, so this thread
   * keeps answering and a hostile file cannot take the app down), then stores its new runs, and keeps its notebook apart under the file's
   * source (unless `withNotebook` is false); a run at a time, so this thread keeps answering while a big file is stored (see storeLabFileYielding).
   */
  async importRuns(data: Uint8Array, options: { withNotebook?: boolean } = {}): Promise<ImportResult> {
    const content = await this.importReaders.read(data);
    const result = await storeLabFileYielding(this.history, content, options.withNotebook === undefined ? {} : { withNotebook: options.withNotebook });
    if (result.imported.length > 0 || (result.notebook?.merged ?? 0) > 0 || (result.handIn !== undefined && result.handIn.status !== 'older-kept')) this.broadcast({ type: 'runs-changed' });
    return result;
  }

  // ── The class: lab packs, the student, hand-ins ──

  /** Makes a lab pack from what the teacher chose, keeps it here too, and returns its file (see class-files.ts). */
  createPack(input: unknown): { id: string; data: Buffer } {
    const { pack, data } = createPack(input, this.appVersion === undefined ? {} : { appVersion: this.appVersion });
    this.history.keepPack(pack);
    return { id: pack.id, data };
  }

  /** Opens a lab pack file (validated first) into the history. */
  openPack(data: Uint8Array): PackOpenOutcome {
    return openPack(this.history, data);
  }

  listPacks(): PackSummary[] {
    return this.history.listPacks();
  }

  getPack(packId: string): LabPack {
    return this.history.getPack(packId);
  }

  /** A pack's class results (id or 8+ character prefix; see class/class-summary.ts). */
  classSummary(packId: string): ClassSummary {
    return classSummary(this.history, packId);
  }

  getStudent(): StudentIdentity | null {
    return this.history.getStudent();
  }

  setStudent(student: StudentIdentity): void {
    studentFor(this.history, student);
  }

  /** The student's hand-in for a pack (see class-files.ts's makeHandIn). */
  makeHandIn(packId: string, student?: StudentIdentity): ReturnType<typeof makeHandIn> {
    return makeHandIn(this.history, packId, student, this.appVersion === undefined ? {} : { appVersion: this.appVersion });
  }

  // ── Lab notebook ──

  /** A lab sheet's notebook entries, key → value (see RunHistory.getNotebook). */
  getLabNotebook(sheetId: string): Record<string, unknown> {
    return this.history.getNotebook(sheetId);
  }

  /** Saves one notebook entry, replacing the key's value (see RunHistory.setNotebookEntry). */
  saveLabNotebookEntry(sheetId: string, key: string, value: unknown): void {
    this.history.setNotebookEntry(sheetId, key, value);
  }

  /** Saves one notebook entry if the key still holds `expected`, else answers with the stored value (see RunHistory.setNotebookEntryIfUnchanged). */
  saveLabNotebookEntryIfUnchanged(sheetId: string, key: string, value: unknown, expected: NotebookExpected): NotebookSaveOutcome {
    return this.history.setNotebookEntryIfUnchanged(sheetId, key, value, expected);
  }

  /** The notebooks imported files brought for a sheet, one per source (see RunHistory.importedNotebooks). */
  getImportedNotebooks(sheetId: string): ImportedNotebook[] {
    return this.history.importedNotebooks(sheetId);
  }

  // ── Re-run ──

  /** Trains a stored run's spec again as a new run and compares the two bit for bit. */
  async rerun(runId: string, options: Pick<StartRunOptions, 'observer'> = {}): Promise<{ runId: string; verdict: RerunVerdict }> {
    const stored = this.history.getRun(runId);
    const started = this.startRun(stored.spec, { ...options, sourceRunId: stored.id });
    await this.whenEnded(started.id);
    return { runId: started.id, verdict: compareRerun(stored, this.history.getRun(started.id)) };
  }

  /** Stops every run (they end `stopped`, everything kept), closes the workers and the history. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeatTimer);
    this.importReaders.close();
    await this.pool.close();
    // Every worker has ended: a run still waiting for another program's lock gets one last try.
    for (const run of this.active.values()) run.storage.close();
    await Promise.all([...this.active.values()].map((run) => run.finished));
    this.throttle.flush();
    this.throttle.dispose();
    this.listeners.clear();
    this.history.close();
  }

  private onRunEvents(storage: RunStorage, events: TrainingEvent[], observer: RunObserver | null): void {
    const { runId } = storage;
    storage.push(events);
    if (observer) {
      try {
        observer.onEvents(events);
      } catch (error) {
        this.stopRunFor(runId, `its observer failed: ${messageOf(error)}`, observer);
      }
    }
    // Batching and reducing events for display is forwarding work: with nobody listening (the CLI,
    // a host whose page is closed) there is nothing to do; a later subscriber starts from new events.
    if (this.listeners.size > 0) this.throttle.push(runId, events);
  }

  private onRunState(runId: string, state: RunState): void {
    // The events before a state change go out before it (a paused run shows its last step).
    this.throttle.flush(runId);
    this.broadcast({ type: 'run-state', runId, state });
  }

  /**
   * Every few seconds: this process's runs are still alive, and other processes' runs left
   * `running` by a process that has since ended (one that was still a zombie, or had not yet
   * missed its heartbeat, when this history was opened) are marked interrupted now, not at the
   * next start. A lock held by another program skips a beat: the next one comes soon.
   */
  private heartbeat(): void {
    if (this.active.size > 0) {
      try {
        this.history.heartbeat([...this.active.keys()]);
      } catch (error) {
        if (!(error instanceof HistoryError && error.code === 'locked')) this.broadcast({ type: 'error', runId: null, message: `could not store heartbeats: ${messageOf(error)}` });
      }
    }
    if (this.history.readOnlyReason !== null) return;
    let recovered: string[] = [];
    try {
      recovered = this.history.recoverInterrupted();
    } catch {
      // Locked or full for now: the next beat looks again.
    }
    if (recovered.length > 0) this.broadcast({ type: 'runs-changed' });
  }

  /**
   * A run whose events cannot be stored is stopped (its end is stored failed, see RunStorage). A
   * full disk fails every run this service trains: their next batches would not fit either, and
   * the room the reserve gives back is kept for their failed ends.
   */
  private onStorageFailure(runId: string, reason: string, cause: unknown, observer: RunObserver | null): void {
    if (cause instanceof HistoryError && cause.code === 'disk-full') {
      this.reserve?.release();
      for (const [id, run] of this.active) if (id !== runId) run.storage.failWith(reason);
    }
    this.stopRunFor(runId, `run ${runId.slice(0, 8)} failed: ${reason}`, observer);
  }

  /** Stops a run because something outside its training failed, and says what to its observer and subscribers. */
  private stopRunFor(runId: string, message: string, observer: RunObserver | null): void {
    this.active.get(runId)?.handle.stop();
    try {
      observer?.onError?.(message);
    } catch {
      // An observer that cannot report either is left aside: the run is stopped, and subscribers are told.
    }
    this.broadcast({ type: 'error', runId, message });
  }

  /**
   * The handle of a run this service trains. A run that has already ended needs no control: a
   * pause or stop that crossed its end is a no-op (a null handle), not an error. A run that another
   * program is training cannot be controlled from here.
   */
  private handle(runId: string): Pick<RunHandle, 'pause' | 'resume' | 'step' | 'stepEpoch' | 'stop'> {
    const id = this.history.resolveRunId(runId);
    const run = this.active.get(id);
    if (run) return run.handle;
    const { status } = this.history.getRun(id);
    if (status === 'running' || status === 'queued') throw new ServiceError(`run ${id.slice(0, 8)} is being trained by another program (the app or the CLI): control it there`);
    const ended = () => {};
    return { pause: ended, resume: ended, step: ended, stepEpoch: ended, stop: ended };
  }

  private summaryOf(id: string): RunSummary {
    const { steps: _steps, evals: _evals, spec: _spec, stepsPerEpoch: _spe, diagnosticsSteps: _d, ...summary } = this.history.getRun(id);
    return summary;
  }

  private broadcast(message: LabPush): void {
    for (const listener of this.listeners) listener(message);
  }

  private assertOpen(): void {
    if (this.closed) throw new ServiceError('the lab service is closed');
  }
}

/** A request the service cannot carry out in its current state (a run that is not active, a closed service). */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
}
