import type { DatasetSummary, Metrics, RunStatus } from '../api/events';
import type { RunSummary } from '../api/runs';

/** The columns of `runs` that make a RunSummary, plus the run's tags as a JSON array. */
export const SUMMARY_COLUMNS = `
  runs.id, runs.name, runs.status, runs.created_at, runs.started_at, runs.ended_at, runs.duration_ms,
  runs.engine_version, runs.seed, runs.dataset, runs.architecture, runs.activation, runs.init,
  runs.regularization, runs.final, runs.message, runs.steps_done, runs.total_steps, runs.notes,
  runs.source_run_id, runs.author_name, runs.author_number, runs.pack_id, runs.group_id,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM run_tags WHERE run_tags.run_id = runs.id ORDER BY tag)) AS tags`;

/** A row selected with SUMMARY_COLUMNS. */
export interface SummaryRow {
  id: string;
  name: string;
  status: RunStatus;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
  engine_version: string;
  seed: number;
  dataset: string | null;
  architecture: string | null;
  activation: string;
  init: string;
  regularization: string;
  final: string | null;
  message: string | null;
  steps_done: number;
  total_steps: number | null;
  notes: string;
  source_run_id: string | null;
  author_name: string | null;
  author_number: string | null;
  pack_id: string | null;
  group_id: string | null;
  tags: string;
}

/** A run's final metrics as stored in `runs.final`. */
export type FinalMetrics = { train: Metrics; test?: Metrics };

/** The RunSummary a row describes. */
export function summaryFromRow(row: SummaryRow): RunSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: row.duration_ms,
    engineVersion: row.engine_version,
    seed: row.seed,
    dataset: row.dataset === null ? null : (JSON.parse(row.dataset) as DatasetSummary),
    architecture: row.architecture,
    activation: row.activation,
    init: row.init,
    regularization: row.regularization,
    final: row.final === null ? null : (JSON.parse(row.final) as FinalMetrics),
    message: row.message,
    stepsDone: row.steps_done,
    totalSteps: row.total_steps,
    notes: row.notes,
    tags: JSON.parse(row.tags) as string[],
    sourceRunId: row.source_run_id,
    author: row.author_name === null || row.author_number === null ? null : { name: row.author_name, number: row.author_number },
    packId: row.pack_id,
    groupId: row.group_id,
  };
}

/** The final-metric columns kept for sorting, from a final object. */
export function finalColumns(final: FinalMetrics | null): {
  final_train_loss: number | null;
  final_train_accuracy: number | null;
  final_test_loss: number | null;
  final_test_accuracy: number | null;
} {
  return {
    final_train_loss: final?.train.loss ?? null,
    final_train_accuracy: final?.train.accuracy ?? null,
    final_test_loss: final?.test?.loss ?? null,
    final_test_accuracy: final?.test?.accuracy ?? null,
  };
}

/** Milliseconds since the epoch as the ISO 8601 UTC text stored in timestamp columns. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
