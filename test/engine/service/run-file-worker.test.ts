import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, exportRuns } from '../../../engine/history/run-file';
import { openHistory } from '../../../engine/history/run-history';
import { LabService } from '../../../engine/service/lab-service';
import { readRunFileInWorker } from '../../../engine/service/run-file-worker';
import { recordRun } from '../history/history-helpers';
import { circleSpec } from '../train/run-helpers';

/** Import files are read on a real worker thread, with a heap and a time limit; the service keeps answering meanwhile. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-import-worker-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 100 MB of `[{},{},…]` as a run file: 101 KB of gzip. */
function emptyObjects(count: number): Buffer {
  return gzipSync(Buffer.from(`{"format":"nnlab-runs","payload":[${'{},'.repeat(count - 1)}{}]}`), { level: 9 });
}

async function refusal(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

function realFile(): Buffer {
  const history = openHistory(join(dir, `student-${Math.random()}.db`), { instanceId: 'student' });
  const { id } = recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 2 } }));
  const file = exportRuns(history, [id]);
  history.close();
  return file;
}

describe('reading a run file on a worker thread', () => {
  it('reads a real file: the same runs as on this thread', async () => {
    const content = await readRunFileInWorker(realFile());
    expect(content.runs).toHaveLength(1);
    expect(content.runs[0]!.steps.step.length).toBeGreaterThan(0);
  });

  it('refuses the 100 MB `[{},{},…]` file within a 256 MB heap, in one line', async () => {
    const error = await refusal(readRunFileInWorker(emptyObjects(33_000_000), {}, { resourceLimits: { maxOldGenerationSizeMb: 256 } }));
    expect(error.message).toBe('this file is not one NN Lab exported, or it is damaged: its content has more than 2 million arrays and objects');
  });

  it('stops a file that takes longer than the time limit and says why', async () => {
    const error = await refusal(readRunFileInWorker(realFile(), {}, { timeLimitMs: 1 }));
    expect(error.message).toMatch(/^this file took longer than 0\.0 s to read, so its import was stopped/);
  });
});

describe('an import through the service', () => {
  it('keeps the service answering while a hostile file is read: other requests are answered before the import settles', async () => {
    const service = LabService.open({ dbPath: join(dir, 'service.db'), pool: { size: 1 } });
    try {
      const order: string[] = [];
      const importing = service.importRuns(emptyObjects(33_000_000)).then(
        () => order.push('import done'),
        (error: unknown) => order.push(`import refused: ${(error as Error).message}`),
      );
      // Timers fire and requests are answered while the worker reads the file: on the calling thread they could not until it was done.
      await new Promise((resolve) => setTimeout(resolve, 0));
      order.push(`timer fired (listRuns: ${service.listRuns().length} runs)`);
      await importing;
      expect(order).toEqual(['timer fired (listRuns: 0 runs)', 'import refused: this file is not one NN Lab exported, or it is damaged: its content has more than 2 million arrays and objects']);
      expect((await service.importRuns(realFile())).imported).toHaveLength(1);
    } finally {
      await service.close();
    }
  });
});
