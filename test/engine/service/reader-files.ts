import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { ImportError, exportRuns } from '../../../engine/history/run-file';
import { openHistory } from '../../../engine/history/run-history';
import { recordRun } from '../history/history-helpers';
import { circleSpec } from '../train/run-helpers';

/** What the import reader tests feed their readers: a real run file, a file of numbers, and the refusal a read ends in. */

/** A real exported run file: one circle run of `epochs`, recorded in a history of its own under `dir`. */
export function realRunFile(dir: string, epochs: number): Buffer {
  const history = openHistory(join(dir, `student-${Math.random()}.db`), { instanceId: 'student' });
  const { id } = recordRun(history, circleSpec({ training: { batchSize: 50, epochs } }));
  const file = exportRuns(history, [id]);
  history.close();
  return file;
}

/** `count` numbers of 11 characters each (`0.12345678,`) as a run file: inside the caps up to 23 million; 8 million are past a 64 MB heap. */
export function numbersFile(count: number): Buffer {
  return gzipSync(Buffer.from(`{"format":"nnlab-runs","payload":[${'0.12345678,'.repeat(count - 1)}0.5]}`), { level: 1 });
}

/** The ImportError a read was refused with (fails the test when it resolved or failed otherwise). */
export async function refusal(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}
