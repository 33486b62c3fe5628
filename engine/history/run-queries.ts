import type { DiagnosticsEvent, LayerDiagnostics, NetworkSnapshotEvent, SamplePrediction } from '../api/events';
import type { RunSpec } from '../api/run-spec';
import type { EvalSeries, RunDetail, RunSummary, StepSeries } from '../api/runs';
import type { WeightsFile } from '../api/weights-file';
import { decodeCompactJson } from './compact-json';
import type { SqliteDatabase } from './database';
import { HistoryError } from './history-error';
import { messageOf } from '../api/error-message';
import { MIN_ID_PREFIX, UUID_PATTERN } from './limits';
import { SUMMARY_COLUMNS, summaryFromRow, type SummaryRow } from './run-rows';
import { stepTimeFromStored } from './step-times';

/**
 * Reading stored runs: resolving id prefixes, one run's full series, diagnostics snapshots and
 * weights (listing is RunListing's). Methods other than resolveRunId take full ids.
 */
export class RunQueries {
  private readonly selectSummary;
  private readonly selectSpec;
  private readonly selectSteps;
  private readonly selectEvals;
  private readonly selectDiagnosticsSteps;
  private readonly selectDiagnostics;
  private readonly selectAllDiagnostics;
  private readonly selectNetworkSteps;
  private readonly selectNetworkSnapshot;
  private readonly selectAllNetworkSnapshots;
  private readonly selectEvalExtras;
  private readonly selectWeights;
  private readonly selectPrefix;

  constructor(db: SqliteDatabase) {
    this.selectSummary = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs WHERE runs.id = ?`);
    this.selectSpec = db.prepare('SELECT spec, steps_per_epoch FROM runs WHERE id = ?');
    this.selectSteps = db.prepare('SELECT step, epoch, loss, data_loss, elapsed_us FROM steps WHERE run_id = ? ORDER BY step').raw();
    this.selectEvals = db
      .prepare('SELECT step, epoch, train_loss, train_accuracy, test_loss, test_accuracy FROM evals WHERE run_id = ? ORDER BY step')
      .raw();
    this.selectDiagnosticsSteps = db.prepare('SELECT step FROM diagnostics WHERE run_id = ? ORDER BY step').pluck();
    this.selectDiagnostics = db.prepare('SELECT run_id, step, epoch, layers FROM diagnostics WHERE run_id = ? AND step = ?');
    this.selectAllDiagnostics = db.prepare('SELECT run_id, step, epoch, layers FROM diagnostics WHERE run_id = ? ORDER BY step');
    this.selectNetworkSteps = db.prepare('SELECT step FROM network_snapshots WHERE run_id = ? ORDER BY step').pluck();
    this.selectNetworkSnapshot = db.prepare('SELECT run_id, step, epoch, snapshot FROM network_snapshots WHERE run_id = ? AND step <= ? ORDER BY step DESC LIMIT 1');
    this.selectAllNetworkSnapshots = db.prepare('SELECT run_id, step, epoch, snapshot FROM network_snapshots WHERE run_id = ? ORDER BY step');
    this.selectEvalExtras = db.prepare(
      'SELECT step, confusion, samples FROM evals WHERE run_id = ? AND (confusion IS NOT NULL OR samples IS NOT NULL) ORDER BY step',
    );
    this.selectWeights = db.prepare('SELECT file FROM weights WHERE run_id = ?').pluck();
    this.selectPrefix = db.prepare('SELECT id, name FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT 11');
  }

  /**
   * The full id of the run that `idOrPrefix` names: a whole uuid, or its first MIN_ID_PREFIX or
   * more characters (any case). Throws 'not-found', or 'ambiguous' listing the candidates.
   */
  resolveRunId(idOrPrefix: string): string {
    const text = idOrPrefix.trim().toLowerCase();
    if (UUID_PATTERN.test(text)) {
      if (this.selectSummary.get(text) === undefined) throw new HistoryError('not-found', `no run with id ${text}`);
      return text;
    }
    if (!/^[0-9a-f-]+$/.test(text)) throw new HistoryError('not-found', `no run with id "${idOrPrefix}" (a run id looks like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed)`);
    if (text.length < MIN_ID_PREFIX) {
      throw new HistoryError('invalid-argument', `"${idOrPrefix}" is too short: give at least the first ${MIN_ID_PREFIX} characters of a run id`);
    }
    const matches = this.selectPrefix.all(text, `${text}g`) as { id: string; name: string }[];
    if (matches.length === 0) throw new HistoryError('not-found', `no run id starts with ${text}`);
    if (matches.length > 1) {
      const listed = matches.slice(0, 10).map((m) => `${m.id} (${m.name})`);
      throw new HistoryError('ambiguous', `${text} matches several runs: ${listed.join(', ')}${matches.length > 10 ? ', …' : ''}; give more characters`, {
        candidates: matches.slice(0, 10),
      });
    }
    return matches[0]!.id;
  }

  /** One run's summary (full id); throws 'not-found'. */
  getSummary(runId: string): RunSummary {
    const row = this.selectSummary.get(runId) as SummaryRow | undefined;
    if (row === undefined) throw new HistoryError('not-found', `no run with id ${runId}`);
    return summaryFromRow(row);
  }

  /** One run with its spec, full step and eval series, and the steps that have diagnostics and network snapshots. */
  getRun(runId: string): RunDetail {
    const summary = this.getSummary(runId);
    const { spec, stepsPerEpoch } = this.getSpec(runId);
    return {
      ...summary,
      spec,
      stepsPerEpoch,
      steps: this.steps(runId),
      evals: this.evals(runId),
      diagnosticsSteps: this.selectDiagnosticsSteps.all(runId) as number[],
      networkSteps: this.selectNetworkSteps.all(runId) as number[],
    };
  }

  /** The run's spec and steps per epoch (null before start). */
  getSpec(runId: string): { spec: RunSpec; stepsPerEpoch: number | null } {
    const row = this.selectSpec.get(runId) as { spec: string; steps_per_epoch: number | null } | undefined;
    if (row === undefined) throw new HistoryError('not-found', `no run with id ${runId}`);
    return { spec: JSON.parse(row.spec) as RunSpec, stepsPerEpoch: row.steps_per_epoch };
  }

  /** Step metrics, columnar, by step; with each step's time when every step has one. */
  steps(runId: string): StepSeries {
    const series: StepSeries = { step: [], epoch: [], loss: [], dataLoss: [] };
    const times: number[] = [];
    let timed = true;
    for (const [step, epoch, loss, dataLoss, elapsed] of this.selectSteps.all(runId) as [number, number, number, number, number | null][]) {
      series.step.push(step);
      series.epoch.push(epoch);
      series.loss.push(loss);
      series.dataLoss.push(dataLoss);
      if (elapsed === null) timed = false;
      else if (timed) times.push(stepTimeFromStored(elapsed));
    }
    // A run recorded before steps carried times has none; one with a gap is shown as if it had none.
    if (timed && times.length > 0) series.elapsedMs = times;
    return series;
  }

  /** Evaluations, columnar, by step. */
  evals(runId: string): EvalSeries {
    const series: EvalSeries = { step: [], epoch: [], trainLoss: [], trainAccuracy: [], testLoss: [], testAccuracy: [] };
    type Row = [number, number, number, number | null, number | null, number | null];
    for (const [step, epoch, trainLoss, trainAccuracy, testLoss, testAccuracy] of this.selectEvals.all(runId) as Row[]) {
      series.step.push(step);
      series.epoch.push(epoch);
      series.trainLoss.push(trainLoss);
      series.trainAccuracy.push(trainAccuracy);
      series.testLoss.push(testLoss);
      series.testAccuracy.push(testAccuracy);
    }
    return series;
  }

  /** The diagnostics snapshot taken at `step`, or null when there is none. */
  getDiagnostics(runId: string, step: number): DiagnosticsEvent | null {
    const row = this.selectDiagnostics.get(runId, step) as DiagnosticsRow | undefined;
    return row === undefined ? null : diagnosticsEvent(row);
  }

  /** Every diagnostics snapshot of the run, by step. */
  allDiagnostics(runId: string): DiagnosticsEvent[] {
    return (this.selectAllDiagnostics.all(runId) as DiagnosticsRow[]).map(diagnosticsEvent);
  }

  /** The latest network snapshot taken at or before `step`, or null when there is none. */
  getNetworkSnapshot(runId: string, step: number): NetworkSnapshotEvent | null {
    const row = this.selectNetworkSnapshot.get(runId, step) as NetworkSnapshotRow | undefined;
    return row === undefined ? null : networkSnapshotEvent(row);
  }

  /** Every network snapshot of the run, by step. */
  allNetworkSnapshots(runId: string): NetworkSnapshotEvent[] {
    return (this.selectAllNetworkSnapshots.all(runId) as NetworkSnapshotRow[]).map(networkSnapshotEvent);
  }

  /** The confusion matrices and sample predictions of the run's evaluations that have them, by step. */
  evalExtras(runId: string): EvalExtras[] {
    return (this.selectEvalExtras.all(runId) as { step: number; confusion: string | null; samples: string | null }[]).map((row) => {
      const extras: EvalExtras = { step: row.step };
      if (row.confusion !== null) extras.confusion = JSON.parse(row.confusion) as number[][];
      if (row.samples !== null) extras.samples = JSON.parse(row.samples) as SamplePrediction[];
      return extras;
    });
  }

  /** The run's final weights, or null when none were saved. */
  getWeights(runId: string): WeightsFile | null {
    const file = this.selectWeights.get(runId) as Buffer | undefined;
    return file === undefined ? null : (storedValue(file, `the weights of run ${runId}`) as WeightsFile);
  }
}

/** A stored compact value; one that cannot be read is 'corrupt', naming what it was. */
function storedValue(bytes: Buffer, what: string): unknown {
  try {
    return decodeCompactJson(bytes);
  } catch (error) {
    throw new HistoryError('corrupt', `${what} cannot be read from the run history: ${messageOf(error)}`, { cause: error });
  }
}

interface DiagnosticsRow {
  run_id: string;
  step: number;
  epoch: number;
  layers: Buffer;
}

function diagnosticsEvent(row: DiagnosticsRow): DiagnosticsEvent {
  return { type: 'diagnostics', step: row.step, epoch: row.epoch, layers: storedValue(row.layers, `the diagnostics of step ${row.step} of run ${row.run_id}`) as LayerDiagnostics[] };
}

interface NetworkSnapshotRow {
  run_id: string;
  step: number;
  epoch: number;
  snapshot: Buffer;
}

function networkSnapshotEvent(row: NetworkSnapshotRow): NetworkSnapshotEvent {
  return { type: 'network', step: row.step, epoch: row.epoch, ...(storedValue(row.snapshot, `the network snapshot of step ${row.step} of run ${row.run_id}`) as Omit<NetworkSnapshotEvent, 'type' | 'step' | 'epoch'>) };
}

/** One evaluation's extras (the eval event's optional confusion and samples), by its step. */
export interface EvalExtras {
  step: number;
  confusion?: number[][];
  samples?: SamplePrediction[];
}
