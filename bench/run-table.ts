import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { RunQuery } from '../engine/api/runs';
import type { RunRecord } from '../engine/history/run-record';
import { LabService } from '../engine/service/lab-service';
import { studentIdentity, tableRuns } from './class-fixtures';
import { insertStampedRuns } from './class-handins';
import { closeKeepingAlive } from './pool-runs';
import { summarize, type Summary } from './stats';

/**
 * The history screen's runs table over a large history: `runs` runs written with the engine's
 * writer (copies of the trained runs' rows: real specs, varied names, statuses, metrics, times,
 * tags, notes, and for most an author and a pack), then the queries the table makes, timed
 * through LabService as the app calls them.
 */

/** A query the table makes, and what it is called in the report. */
export interface TableQuery {
  label: string;
  kind: 'page' | 'keys';
  query: RunQuery;
}

/** The queries timed: sorted, filtered each way, and both; and "select all" with and without a filter. */
export function tableQueries(packId: string): TableQuery[] {
  const sort = { sortBy: 'finalTestAccuracy', order: 'desc' } as const;
  const search = studentIdentity(6).name.slice(0, 2); // a family name: many students' runs
  return [
    { label: 'page, newest first (the default)', kind: 'page', query: {} },
    { label: 'page, sorted by test accuracy', kind: 'page', query: { ...sort } },
    { label: `page, sorted, search "${search}"`, kind: 'page', query: { ...sort, search } },
    { label: 'page, sorted, status completed + pack', kind: 'page', query: { ...sort, status: ['completed'], packId } },
    { label: `page, sorted, search + status + pack`, kind: 'page', query: { ...sort, search, status: ['completed'], packId } },
    { label: 'page 40 (offset 2,000), sorted', kind: 'page', query: { ...sort, offset: 2000 } },
    { label: 'select all (every key)', kind: 'keys', query: {} },
    { label: 'select all, search + status + pack', kind: 'keys', query: { search, status: ['completed'], packId } },
  ];
}

export interface TableTiming {
  label: string;
  kind: TableQuery['kind'];
  ms: Summary;
  /** Runs the query matched (keys) or listed (page). */
  rows: number;
}

/** Writes the history, then times each query `repetitions` times (after one untimed call that prepares its statement). */
export async function timeRunTable(dir: string, templates: readonly RunRecord[], runs: number, repetitions: number): Promise<{ timings: TableTiming[]; runs: number }> {
  const dbPath = join(dir, `table-${runs}.db`);
  const packIds = Array.from({ length: 5 }, () => randomUUID());
  // The table reads the runs row and its tags only: the copies keep the rows, not the series.
  const slim = templates.map((t) => ({ ...t, steps: { step: [], epoch: [], loss: [], dataLoss: [] }, evals: { step: [], epoch: [], trainLoss: [], trainAccuracy: [], testLoss: [], testAccuracy: [] }, diagnostics: [], networkSnapshots: [], evalExtras: [], weights: null }));
  insertStampedRuns(dbPath, tableRuns(slim, { runs, packIds, students: 40, handedIn: 0.7, startMs: Date.parse('2025-03-02T00:00:00Z'), seed: 14 }, () => randomUUID()));
  const service = LabService.open({ dbPath, instanceId: randomUUID(), pool: { size: 1 } });
  try {
    const timings = tableQueries(packIds[0]!).map(({ label, kind, query }) => {
      const call = () => (kind === 'page' ? service.listRunPage(query).runs.length : service.listRunKeys(query).length);
      const rows = call();
      const samples: number[] = [];
      for (let i = 0; i < repetitions; i++) {
        const start = performance.now();
        call();
        samples.push(performance.now() - start);
      }
      return { label, kind, ms: summarize(samples), rows };
    });
    return { timings, runs };
  } finally {
    await closeKeepingAlive(() => service.close());
  }
}
