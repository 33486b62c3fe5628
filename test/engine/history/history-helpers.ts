import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunSpec, RunSpecInput } from '../../../engine/api/run-spec';
import { loadDataset } from '../../../engine/data/load-dataset';
import { nodeDataSources } from '../../../engine/data/node-mnist';
import { decodeCompactJson, isCompactJson } from '../../../engine/history/compact-json';
import { COMPACT_STORAGE_VERSION, MIGRATIONS, registerMigrationFunctions } from '../../../engine/history/migrations';
import { openHistory, type OpenHistoryOptions, type RunHistory } from '../../../engine/history/run-history';
import { Trainer } from '../../../engine/train/trainer';
import { exportWeights } from '../../../engine/train/export-weights';

export { circleSpec } from '../train/run-helpers';

const cleanups: (() => void)[] = [];

afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** Runs `undo` after the test, before the folders made earlier in the test are removed. */
export function afterThisTest(undo: () => void): void {
  cleanups.push(undo);
}

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nnlab-history-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Opens a history in a fresh temporary folder (closed after the test). */
export function openTemp(options: Partial<OpenHistoryOptions> = {}, path = join(tempDir(), 'history.sqlite')): RunHistory {
  const history = openHistory(path, { instanceId: 'test-instance', ...options });
  cleanups.unshift(() => history.close());
  return history;
}

/** Trains `input` to the end with the trainer's real event stream (clock fixed so elapsedMs is stable). */
export function trainRun(input: RunSpecInput, runId: string, stopAfter?: number): { spec: RunSpec; events: TrainingEvent[]; trainer: Trainer } {
  const spec = parseRunSpec(input);
  const events: TrainingEvent[] = [];
  let clock = 1_000;
  const trainer = new Trainer(spec, loadDataset(spec.dataset, spec.seed, nodeDataSources()), { runId, emit: (e) => events.push(e), now: () => (clock += 7) });
  if (stopAfter === undefined) trainer.runToEnd();
  else {
    trainer.advance(stopAfter);
    trainer.stop('stopped by the test');
  }
  return { spec, events, trainer };
}

/** The events as NN Lab recorded them before steps carried their time (schema version 8 and before). */
export function withoutStepTimes(events: readonly TrainingEvent[]): TrainingEvent[] {
  return events.map((e) => {
    if (e.type !== 'step') return e;
    const { elapsedMs: _time, ...untimed } = e;
    return untimed;
  });
}

/**
 * Creates a run in `history`, records a real training of `input` in batches of `batch` events and
 * saves its final weights. Returns the run's id and the events recorded. `withoutTimes`: record
 * it as NN Lab did before steps carried their time.
 */
export function recordRun(
  history: RunHistory,
  input: RunSpecInput,
  options: { id?: string; name?: string; batch?: number; stopAfter?: number; weights?: boolean; withoutTimes?: boolean } = {},
): { id: string; spec: RunSpec; events: TrainingEvent[] } {
  const id = options.id ?? randomUUID();
  const trained = trainRun(input, id, options.stopAfter);
  const { spec, trainer } = trained;
  const events = options.withoutTimes ? withoutStepTimes(trained.events) : trained.events;
  history.createRun({ id, spec, status: 'queued', ...(options.name === undefined ? {} : { name: options.name }) });
  const batch = options.batch ?? 16;
  for (let i = 0; i < events.length; i += batch) history.recordEvents(id, events.slice(i, i + batch));
  if (options.weights ?? true) history.saveWeights(id, exportWeights(trainer.network));
  return { id, spec, events };
}

/** Every table's rows and the schema version, read through a separate connection: for before/after comparisons. */
export function dumpDatabase(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const dump: Record<string, unknown[]> = { user_version: [db.pragma('user_version', { simple: true })] };
    for (const table of tables) dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY 1, 2`).all();
    return dump;
  } finally {
    db.close();
  }
}

/**
 * A copy of the history at `sourcePath` as NN Lab wrote it at schema `version`: that version's
 * migrations only, then every row of the tables it has, in the columns it has (before COMPACT_STORAGE_VERSION,
 * weights and snapshots as the JSON text NN Lab wrote then). For upgrade tests.
 */
export function olderVersionCopy(sourcePath: string, targetPath: string, version: number): void {
  const old = new Database(targetPath);
  try {
    old.pragma('journal_mode = WAL');
    registerMigrationFunctions(old);
    old.function('as_stored_then', (value: unknown) => (version < COMPACT_STORAGE_VERSION && value instanceof Uint8Array && isCompactJson(value) ? JSON.stringify(decodeCompactJson(value)) : value));
    for (const migration of MIGRATIONS.slice(0, version)) old.exec(migration);
    old.pragma(`user_version = ${version}`);
    old.exec(`ATTACH DATABASE '${sourcePath.replaceAll("'", "''")}' AS source`);
    const tables = old.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    // Parents first, for the foreign keys.
    tables.sort((a, b) => Number(b === 'runs') - Number(a === 'runs'));
    for (const table of tables) {
      const names = (old.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).map((c) => `"${c}"`);
      old.exec(`INSERT INTO main."${table}" (${names.join(', ')}) SELECT ${names.map((c) => `as_stored_then(${c})`).join(', ')} FROM source."${table}"`);
    }
    old.exec('DETACH DATABASE source');
  } finally {
    old.close();
  }
}
