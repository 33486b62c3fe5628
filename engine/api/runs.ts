import type { DatasetSummary, Metrics, RunStatus } from './events';
import type { StudentIdentity } from './lab-pack';
import type { RunSpec } from './run-spec';

/**
 * Stored runs as every caller sees them (the LabService, the CLI's `runs` commands, export files).
 * Series are columnar (one array per field) so long runs stay compact.
 */

/** One row of the runs table. */
export interface RunSummary {
  /** uuid v4. */
  id: string;
  name: string;
  status: RunStatus;
  /** ISO 8601 timestamps (UTC). */
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  engineVersion: string;
  seed: number;
  /** Dataset name and sizes (null until the run has started). */
  dataset: DatasetSummary | null;
  /** "2-8-8-2", "784-100×5-10": input width, then each layer, repeats folded. Null before start. */
  architecture: string | null;
  /** Hidden activations / initializers, "relu" or "relu, tanh" when they differ. */
  activation: string;
  init: string;
  /** "L2 0.1, dropout 0.2, batch norm"; "" for none. */
  regularization: string;
  final: { train: Metrics; test?: Metrics } | null;
  message: string | null;
  stepsDone: number;
  totalSteps: number | null;
  notes: string;
  tags: string[];
  /** The run this one was duplicated or re-run from. */
  sourceRunId: string | null;
  /** The student who made it (runs made for a lab pack, and hand-ins' runs); null for others. */
  author: StudentIdentity | null;
  /** The lab pack it answers, or null. */
  packId: string | null;
  /** The seed group it belongs to (runs of one spec over several seeds, started together), or null. */
  groupId: string | null;
}

/** Step metrics of a run, columnar. */
export interface StepSeries {
  step: number[];
  epoch: number[];
  loss: number[];
  dataLoss: number[];
  /**
   * Milliseconds of training at each step (StepEvent.elapsedMs), non-decreasing; absent when the
   * run has no times (recorded before steps carried them).
   */
  elapsedMs?: number[];
}

/** Evaluations of a run, columnar; accuracy and test columns hold null where absent. */
export interface EvalSeries {
  step: number[];
  epoch: number[];
  trainLoss: number[];
  trainAccuracy: (number | null)[];
  testLoss: (number | null)[];
  testAccuracy: (number | null)[];
}

/** A stored run with everything recorded. */
export interface RunDetail extends RunSummary {
  spec: RunSpec;
  stepsPerEpoch: number | null;
  steps: StepSeries;
  evals: EvalSeries;
  /** Step numbers that have a diagnostics snapshot (fetch one with getDiagnostics). */
  diagnosticsSteps: number[];
  /** Step numbers that have a network snapshot (2-D inputs only; fetch one with getNetworkSnapshot). */
  networkSteps: number[];
}

/** Filters and order for listing runs; every field optional. */
export interface RunQuery {
  /** Case-insensitive substring of name, notes, tags, or the author's name or student number. */
  search?: string;
  status?: RunStatus[];
  tag?: string;
  dataset?: string;
  activation?: string;
  init?: string;
  /** Runs of this lab pack (its full id). */
  packId?: string;
  /** Runs of this seed group. */
  groupId?: string;
  /** ISO dates, inclusive. */
  createdAfter?: string;
  createdBefore?: string;
  sortBy?: 'createdAt' | 'name' | 'status' | 'durationMs' | 'finalTrainLoss' | 'finalTestLoss' | 'finalTestAccuracy' | 'finalTrainAccuracy';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** One page of the runs matching a query, with how many match and how many are stored. */
export interface RunPage {
  runs: RunSummary[];
  /** Where this page starts in the matching runs: the asked offset, or the last page's when the asked one is past the end. */
  offset: number;
  /** Runs matching the query's filters (all pages). */
  matching: number;
  /** Runs stored, whatever the filters. */
  total: number;
}

/** A run as a selection holds it: its id, and when it was made (a selection lists newest first). */
export interface RunKey {
  id: string;
  createdAt: string;
}

/** The values the stored runs have, for the history's filter menus. */
export interface RunFilterOptions {
  /** In lifecycle order (queued … interrupted). */
  statuses: RunStatus[];
  datasets: string[];
  /** Each hidden activation on its own ("relu, tanh" counts for both). */
  activations: string[];
  /** Once whatever their case. */
  tags: string[];
}

/** One spec field that differs between runs: its JSON path and each run's value (undefined = absent). */
export interface ConfigDifference {
  field: string;
  values: unknown[];
}
