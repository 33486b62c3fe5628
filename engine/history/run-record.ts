import type { DatasetSummary, LayerDiagnostics, NetworkSnapshotEvent, RunStatus } from '../api/events';
import type { StudentIdentity } from '../api/lab-pack';
import type { RunSpec } from '../api/run-spec';
import type { EvalSeries, StepSeries } from '../api/runs';
import { storedStepTime } from './step-times';
import type { WeightsFile } from '../api/weights-file';
import { encodeCompactJson } from './compact-json';
import type { SqliteDatabase } from './database';
import type { EvalExtras, RunQueries } from './run-queries';
import { finalColumns, type FinalMetrics } from './run-rows';
import { summarizeSpec } from './spec-summary';

/**
 * Everything stored about one run, as one plain object: what an export file carries per run and
 * what an import inserts. The list columns derived from the spec (architecture, activation, init,
 * regularization, seed) are not part of it: they are recomputed from `spec` and `dataset`.
 * Ownership (process, heartbeat) belongs to one machine and is not carried either.
 */
export interface RunRecord {
  id: string;
  name: string;
  status: RunStatus;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  engineVersion: string;
  dataset: DatasetSummary | null;
  stepsPerEpoch: number | null;
  totalSteps: number | null;
  stepsDone: number;
  final: FinalMetrics | null;
  message: string | null;
  /** True when the trainer's end event was recorded (false for runs marked interrupted or failed from outside). */
  endRecorded: boolean;
  notes: string;
  tags: string[];
  sourceRunId: string | null;
  /** The seed group it is one run of; absent for a run of no group (so such a run's record is what older versions wrote and read). */
  groupId?: string;
  spec: RunSpec;
  steps: StepSeries;
  evals: EvalSeries;
  diagnostics: { step: number; epoch: number; layers: LayerDiagnostics[] }[];
  /** Network snapshots (2-D inputs): the `network` events without their type, by step. */
  networkSnapshots: NetworkSnapshotRecord[];
  /** Confusion matrices and sample predictions of the evaluations that have them, by step. */
  evalExtras: EvalExtras[];
  weights: WeightsFile | null;
  /**
   * The diagnostics, network snapshots and weights already in their stored form, made by the
   * import reader in its own process (see withStoredParts); the three fields above are then empty.
   * Never in a file: only on records an import hands to insert.
   */
  stored?: StoredParts;
}

/** A run's big values as the history stores them (compact-json.ts), by step. */
export interface StoredParts {
  diagnostics: { step: number; epoch: number; layers: Uint8Array }[];
  networkSnapshots: { step: number; epoch: number; snapshot: Uint8Array }[];
  weights: Uint8Array | null;
}

/** The record's diagnostics, network snapshots and weights encoded for storage (what insert writes). */
export function storedParts(record: RunRecord): StoredParts {
  if (record.stored !== undefined) return record.stored;
  return {
    diagnostics: record.diagnostics.map(({ step, epoch, layers }) => ({ step, epoch, layers: encodeCompactJson(layers) })),
    networkSnapshots: record.networkSnapshots.map(({ step, epoch, ...snapshot }) => ({ step, epoch, snapshot: encodeCompactJson(snapshot) })),
    weights: record.weights === null ? null : encodeCompactJson(record.weights),
  };
}

/**
 * The record with its big values encoded and their decoded forms left out. The import reader
 * sends records so: encoding them (seconds for a class's MNIST runs) and rebuilding their millions
 * of decoded numbers from the reader's message would otherwise hold the app's main thread, and
 * the window with it, for as long as that takes (bench/class-import.ts measured 4 s a hand-in).
 */
export function withStoredParts(record: RunRecord): RunRecord {
  return { ...record, diagnostics: [], networkSnapshots: [], weights: null, stored: storedParts(record) };
}

/** A blob for the driver, which binds Buffers (a typed array that crossed a process channel may arrive as a plain Uint8Array). */
function blob(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Who made a run and the lab pack it belongs to (a hand-in's stamp). */
export interface RunStamp {
  author: StudentIdentity;
  packId: string;
}

/** A stored network snapshot: the `network` event without its type. */
export type NetworkSnapshotRecord = Omit<NetworkSnapshotEvent, 'type'>;

/** Reads and inserts whole runs (export, import). */
export class RunRecords {
  private readonly selectEndRecorded;
  private readonly selectExists;
  private readonly insertRun;
  private readonly insertTag;
  private readonly insertStep;
  private readonly insertEval;
  private readonly insertDiagnostics;
  private readonly insertNetworkSnapshot;
  private readonly insertWeights;

  constructor(
    db: SqliteDatabase,
    private readonly queries: RunQueries,
  ) {
    this.selectEndRecorded = db.prepare('SELECT end_recorded FROM runs WHERE id = ?').pluck();
    this.selectExists = db.prepare('SELECT 1 FROM runs WHERE id = ?');
    this.insertRun = db.prepare(`
      INSERT INTO runs (id, name, spec, seed, status, created_at, started_at, ended_at, duration_ms, engine_version, dataset,
                        steps_per_epoch, total_steps, steps_done, final, end_recorded, message, notes, source_run_id,
                        dataset_name, architecture, activation, init, regularization,
                        final_train_loss, final_train_accuracy, final_test_loss, final_test_accuracy, author_name, author_number, pack_id, group_id)
      VALUES (@id, @name, @spec, @seed, @status, @created_at, @started_at, @ended_at, @duration_ms, @engine_version, @dataset,
              @steps_per_epoch, @total_steps, @steps_done, @final, @end_recorded, @message, @notes, @source_run_id,
              @dataset_name, @architecture, @activation, @init, @regularization,
              @final_train_loss, @final_train_accuracy, @final_test_loss, @final_test_accuracy, @author_name, @author_number, @pack_id, @group_id)`);
    this.insertTag = db.prepare('INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)');
    this.insertStep = db.prepare('INSERT INTO steps (run_id, step, epoch, loss, data_loss, elapsed_us) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertEval = db.prepare(
      'INSERT INTO evals (run_id, step, epoch, train_loss, train_accuracy, test_loss, test_accuracy, confusion, samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertDiagnostics = db.prepare('INSERT INTO diagnostics (run_id, step, epoch, layers) VALUES (?, ?, ?, ?)');
    this.insertNetworkSnapshot = db.prepare('INSERT INTO network_snapshots (run_id, step, epoch, snapshot) VALUES (?, ?, ?, ?)');
    this.insertWeights = db.prepare('INSERT INTO weights (run_id, file) VALUES (?, ?)');
  }

  /** Whether a run with this (full) id is stored. */
  exists(runId: string): boolean {
    return this.selectExists.get(runId) !== undefined;
  }

  /** The whole run (full id); throws 'not-found'. */
  read(runId: string): RunRecord {
    const detail = this.queries.getRun(runId);
    return {
      id: detail.id,
      name: detail.name,
      status: detail.status,
      createdAt: detail.createdAt,
      startedAt: detail.startedAt,
      endedAt: detail.endedAt,
      durationMs: detail.durationMs,
      engineVersion: detail.engineVersion,
      dataset: detail.dataset,
      stepsPerEpoch: detail.stepsPerEpoch,
      totalSteps: detail.totalSteps,
      stepsDone: detail.stepsDone,
      final: detail.final,
      message: detail.message,
      endRecorded: this.selectEndRecorded.get(runId) === 1,
      notes: detail.notes,
      tags: detail.tags,
      sourceRunId: detail.sourceRunId,
      ...(detail.groupId === null ? {} : { groupId: detail.groupId }),
      spec: detail.spec,
      steps: detail.steps,
      evals: detail.evals,
      diagnostics: this.queries.allDiagnostics(runId).map(({ step, epoch, layers }) => ({ step, epoch, layers })),
      networkSnapshots: this.queries.allNetworkSnapshots(runId).map(({ type: _type, ...snapshot }) => snapshot),
      evalExtras: this.queries.evalExtras(runId),
      weights: this.queries.getWeights(runId),
    };
  }

  /** Inserts a whole run (no owner: it runs nowhere), with who made it and its pack when a hand-in says so. Call inside a transaction. */
  insert(record: RunRecord, stamp: RunStamp | null = null): void {
    const summary = summarizeSpec(record.spec, record.dataset);
    const id = record.id;
    this.insertRun.run({
      id,
      name: record.name,
      spec: JSON.stringify(record.spec),
      seed: record.spec.seed,
      status: record.status,
      created_at: record.createdAt,
      started_at: record.startedAt,
      ended_at: record.endedAt,
      duration_ms: record.durationMs,
      engine_version: record.engineVersion,
      dataset: record.dataset === null ? null : JSON.stringify(record.dataset),
      steps_per_epoch: record.stepsPerEpoch,
      total_steps: record.totalSteps,
      steps_done: record.stepsDone,
      final: record.final === null ? null : JSON.stringify(record.final),
      end_recorded: record.endRecorded ? 1 : 0,
      message: record.message,
      notes: record.notes,
      source_run_id: record.sourceRunId,
      dataset_name: summary.datasetName,
      architecture: summary.architecture,
      activation: summary.activation,
      init: summary.init,
      regularization: summary.regularization,
      ...finalColumns(record.final),
      author_name: stamp?.author.name ?? null,
      author_number: stamp?.author.number ?? null,
      pack_id: stamp?.packId ?? null,
      group_id: record.groupId ?? null,
    });
    for (const tag of record.tags) this.insertTag.run(id, tag);
    const { steps, evals } = record;
    const times = steps.elapsedMs;
    for (let i = 0; i < steps.step.length; i++) {
      this.insertStep.run(id, steps.step[i], steps.epoch[i], steps.loss[i], steps.dataLoss[i], times === undefined ? null : storedStepTime(times[i]!));
    }
    const extrasByStep = new Map(record.evalExtras.map((extras) => [extras.step, extras]));
    for (let i = 0; i < evals.step.length; i++) {
      const extras = extrasByStep.get(evals.step[i]!);
      const confusion = extras?.confusion === undefined ? null : JSON.stringify(extras.confusion);
      const samples = extras?.samples === undefined ? null : JSON.stringify(extras.samples);
      this.insertEval.run(id, evals.step[i], evals.epoch[i], evals.trainLoss[i], evals.trainAccuracy[i], evals.testLoss[i], evals.testAccuracy[i], confusion, samples);
    }
    const parts = storedParts(record);
    for (const { step, epoch, layers } of parts.diagnostics) this.insertDiagnostics.run(id, step, epoch, blob(layers));
    for (const { step, epoch, snapshot } of parts.networkSnapshots) this.insertNetworkSnapshot.run(id, step, epoch, blob(snapshot));
    if (parts.weights !== null) this.insertWeights.run(id, blob(parts.weights));
  }
}
