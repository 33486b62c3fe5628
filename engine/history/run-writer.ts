import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import {
  DatasetSummarySchema,
  DiagnosticsEventSchema,
  type DatasetSummary,
  type EndEvent,
  type EvalEvent,
  type NetworkSnapshotEvent,
  type StartEvent,
  type StepEvent,
  type TrainingEvent,
} from '../api/events';
import { parseRunSpec } from '../api/parse-run-spec';
import type { StudentIdentity } from '../api/lab-pack';
import type { RunSpec } from '../api/run-spec';
import { fieldPath } from '../api/spec-error';
import { WeightsFileSchema, type WeightsFile } from '../api/weights-file';
import { ENGINE_VERSION } from '../version';
import type { SqliteDatabase } from './database';
import { encodeCompactJson } from './compact-json';
import { HistoryError } from './history-error';
import { HISTORY_LIMITS, UUID_PATTERN, truncate } from './limits';
import { ConfusionMatrixSchema, NetworkSnapshotDataSchema, SamplePredictionsSchema } from './run-file-schema';
import { finalColumns, isoTime, type FinalMetrics } from './run-rows';
import { summarizeSpec } from './spec-summary';
import { stepTimeProblem, storedStepTime } from './step-times';
import { weightsMismatch } from './weights-fit';
import { messageOf } from '../api/error-message';

/** The process that writes: it owns the runs it creates until they end. */
export interface RunOwner {
  /** Identifies one launch of the app, CLI or browser host. */
  instanceId: string;
  pid: number;
}

export interface NewRun {
  /** uuid (crypto.randomUUID()). */
  id: string;
  /** A parsed spec (parseRunSpec), every default filled in. */
  spec: RunSpec;
  /** Default: the spec's name, else "<dataset>, <activation>". */
  name?: string;
  status: 'queued' | 'running';
  /** The run this one was duplicated or re-run from. */
  sourceRunId?: string;
  /** Who made it (the PC's student identity), when one is entered. */
  author?: StudentIdentity | null;
  /** The lab pack it belongs to (a stored pack's id). */
  packId?: string | null;
  /** The seed group it is one run of (a uuid shared by the group's runs). */
  groupId?: string | null;
}

/** A run's name when it is not given one: the spec's name, else "<dataset>, <activation>". */
export function defaultRunName(spec: RunSpec): string {
  return spec.name ?? `${spec.dataset.name}, ${summarizeSpec(spec, null).activation}`;
}

/**
 * Records training as it happens: creates runs, stores their events in one transaction per batch,
 * keeps the owner's heartbeat, saves final weights, marks runs whose worker crashed.
 * Statements are prepared once per connection.
 */
export class RunWriter {
  private readonly insertRun;
  private readonly selectRun;
  private readonly startRun;
  private readonly replaceSpec;
  private readonly insertStep;
  private readonly insertEval;
  private readonly insertDiagnostics;
  private readonly insertNetworkSnapshot;
  private readonly endRun;
  private readonly progress;
  private readonly touch;
  private readonly upsertWeights;
  private readonly failRun;
  private readonly recordBatch;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly owner: RunOwner,
    private readonly now: () => number,
  ) {
    this.insertRun = db.prepare(`
      INSERT INTO runs (id, name, spec, seed, status, created_at, engine_version, source_run_id, owner_instance, owner_pid, heartbeat_at,
                        dataset_name, architecture, activation, init, regularization, author_name, author_number, pack_id, group_id)
      VALUES (@id, @name, @spec, @seed, @status, @now, @engine_version, @source_run_id, @owner_instance, @owner_pid, @now,
              @dataset_name, @architecture, @activation, @init, @regularization, @author_name, @author_number, @pack_id, @group_id)`);
    this.selectRun = db.prepare('SELECT spec, dataset, status FROM runs WHERE id = ?');
    this.startRun = db.prepare(`
      UPDATE runs SET status = 'running', started_at = @now, heartbeat_at = @now, engine_version = @engine_version, dataset = @dataset,
                      steps_per_epoch = @steps_per_epoch, total_steps = @total_steps, architecture = @architecture
      WHERE id = @id`);
    this.replaceSpec = db.prepare(`
      UPDATE runs SET spec = @spec, seed = @seed, dataset_name = @dataset_name, activation = @activation, init = @init, regularization = @regularization
      WHERE id = @id`);
    this.insertStep = db.prepare('INSERT INTO steps (run_id, step, epoch, loss, data_loss, elapsed_us) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertEval = db.prepare(
      'INSERT INTO evals (run_id, step, epoch, train_loss, train_accuracy, test_loss, test_accuracy, confusion, samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertDiagnostics = db.prepare('INSERT INTO diagnostics (run_id, step, epoch, layers) VALUES (?, ?, ?, ?)');
    this.insertNetworkSnapshot = db.prepare('INSERT INTO network_snapshots (run_id, step, epoch, snapshot) VALUES (?, ?, ?, ?)');
    this.endRun = db.prepare(`
      UPDATE runs SET status = @status, final = @final, message = @message, ended_at = @now, heartbeat_at = @now, duration_ms = @duration_ms,
                      steps_done = @steps_done, end_recorded = 1, final_train_loss = @final_train_loss,
                      final_train_accuracy = @final_train_accuracy, final_test_loss = @final_test_loss, final_test_accuracy = @final_test_accuracy
      WHERE id = @id`);
    this.progress = db.prepare('UPDATE runs SET steps_done = max(steps_done, ?), heartbeat_at = ? WHERE id = ?');
    this.touch = db.prepare("UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status IN ('queued', 'running')");
    this.upsertWeights = db.prepare('INSERT INTO weights (run_id, file) VALUES (?, ?) ON CONFLICT (run_id) DO UPDATE SET file = excluded.file');
    this.failRun = db.prepare(`
      UPDATE runs SET status = 'failed', message = @message, ended_at = @now,
                      duration_ms = CASE WHEN started_at IS NULL THEN NULL ELSE max(0, round((julianday(@now) - julianday(started_at)) * 86400000.0)) END
      WHERE id = @id AND status IN ('queued', 'running')`);
    // IMMEDIATE: a transaction that reads first and then writes would take the write lock as an
    // upgrade, which SQLite refuses at once (SQLITE_BUSY, without waiting the busy timeout) when
    // another process writes at that moment; taking the lock first waits for it.
    const batch = db.transaction((runId: string, events: readonly TrainingEvent[]) => this.record(runId, events));
    this.recordBatch = (runId: string, events: readonly TrainingEvent[]) => batch.immediate(runId, events);
  }

  /** Adds a run owned by this process, its heartbeat now. Throws 'already-exists' for a used id. */
  createRun(run: NewRun): void {
    if (!UUID_PATTERN.test(run.id)) throw new HistoryError('invalid-argument', `a run id must be a uuid, not "${run.id}"`);
    if (run.sourceRunId !== undefined && !UUID_PATTERN.test(run.sourceRunId)) {
      throw new HistoryError('invalid-argument', `a source run id must be a uuid, not "${run.sourceRunId}"`);
    }
    if (run.groupId != null && !UUID_PATTERN.test(run.groupId)) throw new HistoryError('invalid-argument', `a group id must be a uuid, not "${run.groupId}"`);
    const summary = summarizeSpec(run.spec, null);
    const name = checkName(run.name ?? defaultRunName(run.spec));
    if (this.selectRun.get(run.id.toLowerCase()) !== undefined) throw new HistoryError('already-exists', `a run with id ${run.id} already exists`);
    this.insertRun.run({
      id: run.id.toLowerCase(),
      name,
      spec: JSON.stringify(run.spec),
      seed: run.spec.seed,
      status: run.status,
      now: isoTime(this.now()),
      engine_version: ENGINE_VERSION,
      source_run_id: run.sourceRunId?.toLowerCase() ?? null,
      owner_instance: this.owner.instanceId,
      owner_pid: this.owner.pid,
      dataset_name: summary.datasetName,
      architecture: summary.architecture,
      activation: summary.activation,
      init: summary.init,
      regularization: summary.regularization,
      author_name: run.author?.name ?? null,
      author_number: run.author?.number ?? null,
      pack_id: run.packId ?? null,
      group_id: run.groupId?.toLowerCase() ?? null,
    });
  }

  /**
   * Stores a batch of one run's events in ONE transaction, in order: start → status running,
   * started_at, dataset, schedule; step / eval (with its confusion matrix and sample predictions)
   * / diagnostics / network → their rows; end → status, final metrics, message, ended_at, duration
   * (the end event's elapsedMs). Also refreshes the heartbeat.
   * A loss that is not finite, or a malformed or oversized snapshot or eval extra, is refused
   * ('invalid-event') and nothing of the batch is stored: the contract never sends NaN in
   * step/eval (divergence ends the run).
   */
  recordEvents(runId: string, events: readonly TrainingEvent[]): void {
    if (events.length > 0) this.recordBatch(runId, events);
  }

  /** Stores (or replaces) the run's final weights, after checking they fit its spec. */
  saveWeights(runId: string, file: WeightsFile): void {
    const row = this.runRow(runId);
    const parsed = WeightsFileSchema.safeParse(file);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HistoryError('invalid-argument', `the weights of run ${runId} are malformed: ${fieldPath(issue.path) || 'file'}: ${issue.message}`);
    }
    const dataset = row.dataset === null ? null : (JSON.parse(row.dataset) as DatasetSummary);
    const mismatch = weightsMismatch(JSON.parse(row.spec) as RunSpec, parsed.data, dataset?.inputSize ?? null);
    if (mismatch !== null) throw new HistoryError('invalid-argument', `the weights do not fit run ${runId}: the file ${mismatch}`);
    this.upsertWeights.run(runId, encodeCompactJson(parsed.data));
  }

  /** "Still alive": refreshes the heartbeat of these runs (those still queued or running). */
  heartbeat(runIds: readonly string[]): void {
    const at = isoTime(this.now());
    this.db.transaction(() => {
      for (const id of runIds) this.touch.run(at, id);
    }).immediate();
  }

  /**
   * Ends a queued or running run as `failed` with `message` (its worker crashed and will send no
   * end event), keeping everything recorded. False when the run had already ended.
   */
  markRunFailed(runId: string, message: string): boolean {
    this.runRow(runId);
    return this.failRun.run({ id: runId, message: truncate(message, HISTORY_LIMITS.message), now: isoTime(this.now()) }).changes > 0;
  }

  private runRow(runId: string): { spec: string; dataset: string | null; status: string } {
    const row = this.selectRun.get(runId) as { spec: string; dataset: string | null; status: string } | undefined;
    if (row === undefined) throw new HistoryError('not-found', `no run with id ${runId}`);
    return row;
  }

  private record(runId: string, events: readonly TrainingEvent[]): void {
    const row = this.runRow(runId);
    let stepsDone = 0;
    for (const event of events) {
      switch (event.type) {
        case 'start':
          this.start(runId, event, row.spec);
          break;
        case 'step':
          this.step(runId, event);
          stepsDone = Math.max(stepsDone, event.step + 1);
          break;
        case 'eval':
          this.evaluation(runId, event);
          break;
        case 'diagnostics': {
          const parsed = DiagnosticsEventSchema.safeParse(event);
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            invalid(`the diagnostics of step ${event.step} cannot be stored: ${fieldPath(issue.path)}: ${issue.message}`);
          }
          this.insertDiagnostics.run(runId, event.step, event.epoch, encodeCompactJson(parsed.data.layers));
          break;
        }
        case 'network':
          this.networkSnapshot(runId, event);
          break;
        case 'end':
          this.end(runId, event);
          break;
      }
    }
    this.progress.run(stepsDone, isoTime(this.now()), runId);
  }

  private start(runId: string, event: StartEvent, storedSpec: string): void {
    if (event.runId !== runId) invalid(`the start event is for run ${event.runId}, not ${runId}`);
    const dataset = DatasetSummarySchema.safeParse(event.dataset);
    if (!dataset.success) invalid(`the start event's dataset summary is malformed: ${dataset.error.issues[0]!.message}`);
    let spec = JSON.parse(storedSpec) as RunSpec;
    if (JSON.stringify(event.spec) !== storedSpec && !isDeepStrictEqual(event.spec, spec)) {
      // The trainer's spec is what actually ran: it replaces the one the run was created with.
      try {
        spec = parseRunSpec(event.spec);
      } catch (error) {
        invalid(`the start event's spec is not a valid RunSpec: ${messageOf(error)}`);
      }
      const summary = summarizeSpec(spec, null);
      this.replaceSpec.run({
        id: runId,
        spec: JSON.stringify(spec),
        seed: spec.seed,
        dataset_name: summary.datasetName,
        activation: summary.activation,
        init: summary.init,
        regularization: summary.regularization,
      });
    }
    const now = isoTime(this.now());
    this.startRun.run({
      id: runId,
      now,
      engine_version: checkVersion(event.engineVersion),
      dataset: JSON.stringify(dataset.data),
      steps_per_epoch: event.stepsPerEpoch,
      total_steps: event.totalSteps,
      architecture: summarizeSpec(spec, dataset.data).architecture,
    });
  }

  private step(runId: string, event: StepEvent): void {
    const where = `step ${event.step}`;
    checkInteger(event.step, `${where}: the step number`);
    checkInteger(event.epoch, `${where}: the epoch`);
    checkFinite(event.loss, `${where}: the loss`);
    checkFinite(event.dataLoss, `${where}: the data loss`);
    let elapsed: number | null = null;
    if (event.elapsedMs !== undefined) {
      const problem = stepTimeProblem(event.elapsedMs);
      if (problem !== null) invalid(`${where}: elapsedMs is ${String(event.elapsedMs)}, which cannot be stored: it ${problem}`);
      elapsed = storedStepTime(event.elapsedMs);
    }
    this.insertStep.run(runId, event.step, event.epoch, event.loss, event.dataLoss, elapsed);
  }

  private evaluation(runId: string, event: EvalEvent): void {
    const where = `the evaluation at step ${event.step}`;
    checkInteger(event.step, `${where}: the step number`);
    checkInteger(event.epoch, `${where}: the epoch`);
    checkMetrics(event.train, `${where}: train`);
    if (event.test) checkMetrics(event.test, `${where}: test`);
    const confusion = event.confusion === undefined ? null : checked(ConfusionMatrixSchema, event.confusion, `${where}: the confusion matrix`);
    const samples = event.samples === undefined ? null : checked(SamplePredictionsSchema, event.samples, `${where}: the sample predictions`);
    this.insertEval.run(
      runId,
      event.step,
      event.epoch,
      event.train.loss,
      event.train.accuracy ?? null,
      event.test?.loss ?? null,
      event.test?.accuracy ?? null,
      confusion === null ? null : JSON.stringify(confusion),
      samples === null ? null : JSON.stringify(samples),
    );
  }

  /** A network snapshot, checked against the stored limits and shapes (unknown top-level fields dropped). */
  private networkSnapshot(runId: string, event: NetworkSnapshotEvent): void {
    const where = `the network snapshot of step ${event.step}`;
    const { type: _type, step, epoch, ...snapshot } = event;
    checkInteger(step, `${where}: the step number`);
    checkInteger(epoch, `${where}: the epoch`);
    this.insertNetworkSnapshot.run(runId, step, epoch, encodeCompactJson(checked(NetworkSnapshotDataSchema, snapshot, where)));
  }

  private end(runId: string, event: EndEvent): void {
    checkInteger(event.steps, 'the end event: steps');
    checkFinite(event.elapsedMs, 'the end event: elapsedMs');
    const final: FinalMetrics | null = event.final === null ? null : { train: event.final.train, ...(event.final.test ? { test: event.final.test } : {}) };
    if (final) {
      checkMetrics(final.train, 'the end event: final train');
      if (final.test) checkMetrics(final.test, 'the end event: final test');
    }
    this.endRun.run({
      id: runId,
      status: event.status,
      final: final === null ? null : JSON.stringify(final),
      message: event.message === null ? null : truncate(event.message, HISTORY_LIMITS.message),
      now: isoTime(this.now()),
      duration_ms: event.elapsedMs,
      steps_done: event.steps,
      ...finalColumns(final),
    });
  }
}

/** A run name as stored: trimmed, not empty, at most HISTORY_LIMITS.name characters. */
export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new HistoryError('invalid-argument', 'a run name cannot be empty');
  if (trimmed.length > HISTORY_LIMITS.name) {
    throw new HistoryError('invalid-argument', `a run name can have at most ${HISTORY_LIMITS.name} characters (this one has ${trimmed.length})`);
  }
  return trimmed;
}

function checkVersion(version: string): string {
  if (version.length === 0 || version.length > HISTORY_LIMITS.version) invalid(`the engine version "${truncate(version, 80)}" is not a version`);
  return version;
}

function checkMetrics(metrics: { loss: number; accuracy?: number }, where: string): void {
  checkFinite(metrics.loss, `${where} loss`);
  if (metrics.accuracy !== undefined) checkFinite(metrics.accuracy, `${where} accuracy`);
}

function checkFinite(value: number, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    invalid(`${what} is ${String(value)}, which cannot be stored (a diverged run ends with an end event instead of non-finite metrics)`);
  }
}

function checkInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) invalid(`${what} is ${String(value)}, not a whole number of 0 or more`);
}

/** `value` parsed by `schema`, or 'invalid-event' naming the first problem's field. */
function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldPath(issue.path);
    invalid(`${what} cannot be stored: ${field ? `${field}: ` : ''}${issue.message}`);
  }
  return parsed.data;
}

function invalid(message: string): never {
  throw new HistoryError('invalid-event', message);
}
