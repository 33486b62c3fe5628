import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LabService } from '../engine/service/lab-service';
import { importReaderBundle } from '../vite.reader.config';
import { closeKeepingAlive } from './pool-runs';
import { progress } from './timing';

/**
 * Importing a class's hand-ins into a teacher's history as the app does: one LabService, each file
 * read from disk and handed to importRuns (which validates it in a kept reader process, then stores
 * it) two at a time, as the history screen's multi-file import does; and the class view of the
 * result. While the files import, the event loop of this process (the app's main process, the
 * browser host) is watched: a long delay there is a UI that does not answer.
 */

/** The event loop's sampling interval: an idle loop reports this, a blocked one how long it was blocked. */
const LOOP_RESOLUTION_MS = 10;

/** One import of every hand-in into a fresh teacher history. */
export interface ImportTiming {
  seconds: number;
  /** The event loop's longest delay over the whole import, and its 99th percentile, in ms. */
  loopMaxMs: number;
  loopP99Ms: number;
  /** The longest delay while each file was imported, in ms, by file. */
  loopMaxByFile: number[];
  /** The teacher's database after the import (file, WAL included), in bytes. */
  dbBytes: number;
  imported: number;
}

/**
 * The import reader as the app and `nnlab` run it: the bundled import-reader.mjs under plain
 * Node (not the TypeScript source through tsx, which starts several times slower). Built into
 * `dir` once per bench run; null when the bundle cannot be built (the source is used then).
 */
export async function buildImportReader(dir: string): Promise<string | null> {
  try {
    const plugin = importReaderBundle(dir) as { closeBundle: () => Promise<void> };
    await plugin.closeBundle();
    return join(dir, 'import-reader.mjs');
  } catch (error) {
    progress(`  history: the import reader could not be bundled (${error instanceof Error ? error.message : String(error)}); the TypeScript source is used`);
    return null;
  }
}

/** Files imported at once, as the history screen does (renderer/src/lib/history/import-queue.ts IMPORTS_AT_ONCE). */
export const IMPORTS_AT_ONCE = 2;

/** Imports `files`, IMPORTS_AT_ONCE at a time in order, into a new history at `dbPath` that has `packData` opened (the teacher made the pack). */
export async function importHandIns(dbPath: string, files: readonly string[], packData: Buffer, readerScript: string | null): Promise<ImportTiming> {
  const service = LabService.open({ dbPath, instanceId: randomUUID(), pool: { size: 1 }, ...(readerScript === null ? {} : { importReader: { script: readerScript } }) });
  try {
    service.openPack(packData);
    const whole = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    const loopMaxByFile: number[] = [];
    let imported = 0;
    let next = 0;
    whole.enable();
    const start = performance.now();
    const importNext = async () => {
      while (next < files.length) {
        const file = files[next++]!;
        // Each file's own watch of the loop, while it is imported (the other file's import included).
        const perFile = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
        perFile.enable();
        const result = await service.importRuns(await readFile(file));
        // A stall at the end of the import (the store) is recorded only by the sampler's next tick.
        await new Promise((resolve) => setTimeout(resolve, 2 * LOOP_RESOLUTION_MS));
        perFile.disable();
        loopMaxByFile.push(perFile.max / 1e6);
        imported += result.imported.length;
        if (result.handIn?.status !== 'new') throw new Error(`${file}: the hand-in was not stored as a new student's (${result.handIn?.status ?? 'no stamp'})`);
      }
    };
    await Promise.all(Array.from({ length: IMPORTS_AT_ONCE }, importNext));
    const seconds = (performance.now() - start) / 1000;
    whole.disable();
    return { seconds, loopMaxMs: whole.max / 1e6, loopP99Ms: whole.percentile(99) / 1e6, loopMaxByFile, dbBytes: await fileBytes(dbPath), imported };
  } finally {
    await closeKeepingAlive(() => service.close());
  }
}

async function fileBytes(dbPath: string): Promise<number> {
  let bytes = 0;
  for (const suffix of ['', '-wal']) bytes += await stat(`${dbPath}${suffix}`).then((s) => s.size, () => 0);
  return bytes;
}

/** The class view's data: its first opening (a fresh service on the history) and repeated openings, in ms; null when classSummary is not available. */
export async function timeClassSummary(dbPath: string, packId: string, repetitions: number): Promise<{ firstMs: number; repeatMs: number[]; students: number } | { unavailable: string }> {
  const service = LabService.open({ dbPath, instanceId: randomUUID(), pool: { size: 1 } });
  try {
    const open = async () => {
      const start = performance.now();
      const summary = await Promise.resolve(service.classSummary(packId));
      return { ms: performance.now() - start, students: summary.students.length };
    };
    let first: { ms: number; students: number };
    try {
      first = await open();
    } catch (error) {
      return { unavailable: error instanceof Error ? error.message : String(error) };
    }
    const repeatMs: number[] = [];
    for (let i = 0; i < repetitions; i++) repeatMs.push((await open()).ms);
    return { firstMs: first.ms, repeatMs, students: first.students };
  } finally {
    await closeKeepingAlive(() => service.close());
  }
}
