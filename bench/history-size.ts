import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDatabase } from '../engine/history/database';
import { PRESETS, type TrainPreset } from '../engine/lab/presets';
import { LabService } from '../engine/service/lab-service';
import { trainOnce } from './duration-estimate';
import { closeKeepingAlive } from './pool-runs';
import { valueMeasurement, type Measurement, type SectionResult, type TargetCheck } from './report';
import { progress } from './timing';

/** The target: one MNIST preset run, everything the history keeps of it, takes at most this many bytes in the database. */
const TARGET_BYTES = 0.6e6;

/** The presets measured: the smallest and the largest stored MNIST runs (one hidden layer; ten layers with every snapshot). */
export const HISTORY_PRESETS = ['init-mnist-he', 'vanishing-sigmoid'] as const;

/** What one stored run costs. */
interface RunSize {
  preset: string;
  /** Database file growth for the run, after VACUUM (page_count × page_size, less the empty history's). */
  bytes: number;
  /** Bytes of pages per table and index (dbstat), less the empty history's. */
  byTable: Map<string, number>;
  stepsDone: number;
}

/**
 * How much room a stored MNIST run takes in the run history: each preset trained through a
 * LabService (as the app and `nnlab train` do) into a database of its own, which is then vacuumed
 * so free pages do not count, and compared with an empty history vacuumed the same way.
 */
export async function historySection(): Promise<SectionResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'nnlab-bench-history-'));
  try {
    const empty = join(scratch, 'empty.db');
    openDatabase(empty).db.close();
    const base = measureFile(empty);
    const sizes: RunSize[] = [];
    for (const id of HISTORY_PRESETS) {
      const preset = PRESETS.find((p): p is TrainPreset => p.kind === 'train' && p.id === id);
      if (preset === undefined) throw new Error(`no training preset "${id}"`);
      progress(`  history: training ${id}`);
      const file = join(scratch, `${id}.db`);
      const service = LabService.open({ dbPath: file, pool: { size: 1 } });
      let stepsDone: number;
      try {
        stepsDone = (await trainOnce(service, preset.spec)).stepsDone;
      } finally {
        await closeKeepingAlive(() => service.close());
      }
      const size = measureFile(file);
      const byTable = new Map<string, number>();
      for (const [name, bytes] of size.byTable) {
        const grown = bytes - (base.byTable.get(name) ?? 0);
        if (grown > 0) byTable.set(name, grown);
      }
      sizes.push({ preset: id, bytes: size.bytes - base.bytes, byTable, stepsDone });
    }
    return report(sizes);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The file's size after VACUUM, and its pages per table or index. */
function measureFile(file: string): { bytes: number; byTable: Map<string, number> } {
  const { db } = openDatabase(file);
  try {
    db.exec('VACUUM');
    const bytes = pragmaNumber(db, 'page_count') * pragmaNumber(db, 'page_size');
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
    return { bytes, byTable: new Map(rows.map((r) => [r.name, r.bytes])) };
  } finally {
    db.close();
  }
}

function pragmaNumber(db: SqliteDatabase, name: string): number {
  return db.pragma(name, { simple: true }) as number;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

function report(sizes: readonly RunSize[]): SectionResult {
  const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const tables = [...new Set(sizes.flatMap((s) => [...s.byTable.keys()]))].sort();
  const measurements: Measurement[] = sizes.map((s) => valueMeasurement('history', `${s.preset}: bytes in the database`, s.bytes / 1e6, 1, 'MB'));
  const target: TargetCheck = {
    target: `an MNIST preset run ≤ ${megabytes(TARGET_BYTES)} in the database`,
    measured: sizes.map((s) => `${s.preset} ${megabytes(s.bytes)}`).join(', '),
    met: largest.bytes <= TARGET_BYTES,
  };
  return {
    title: 'Run history: room one stored MNIST run takes',
    notes: [
      'Each preset trained once through a LabService with one worker (as the app and `nnlab train` store runs) into a database of its own; bytes = page_count × page_size after VACUUM, less an empty history\'s. Per table: pages of each table and index (dbstat), less the empty history\'s.',
      `A class of 40 students × 10 such runs at the larger size: ${megabytes(largest.bytes * 400)}.`,
    ],
    tables: [
      {
        headers: ['preset', 'steps', 'bytes in the database', ...tables],
        align: `lrr${'r'.repeat(tables.length)}`,
        rows: sizes.map((s) => [s.preset, String(s.stepsDone), megabytes(s.bytes), ...tables.map((t) => megabytes(s.byTable.get(t) ?? 0))]),
      },
    ],
    measurements,
    targets: [target],
  };
}
