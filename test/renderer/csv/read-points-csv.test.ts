import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePointsCsv, pointsToInlineDataset } from '$engine/api/points-csv';
import { pointsCsvTask } from '../../../renderer/src/lib/csv/points-csv-task';
import { defaultDraft, draftToSpec } from '../../../renderer/src/lib/state/spec-draft';
import { localSpecProblems } from '../../../renderer/src/lib/state/spec-problems';
import { PointsCsvError, PointsCsvReader, type CsvWorker } from '../../../renderer/src/lib/csv/read-points-csv';

const BOOTSTRAP = new URL('../../../engine/train/pool/tsx-worker-bootstrap.mjs', import.meta.url);
const SHIM = new URL('./page-worker-shim.ts', import.meta.url).href;
const MODULE = new URL('../../../renderer/src/lib/csv/points-csv.worker.ts', import.meta.url).href;

const threads: Worker[] = [];
afterEach(async () => {
  await Promise.all(threads.splice(0).map((thread) => thread.terminate()));
});

/** The page's worker module in a real thread, seen through the interface the reader uses. */
function realWorker(module = MODULE): CsvWorker {
  const thread = new Worker(BOOTSTRAP, { workerData: { entry: SHIM, module }, execArgv: [] });
  threads.push(thread);
  return {
    postMessage: (request) => thread.postMessage(request),
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
      if (type === 'message') thread.on('message', (data) => listener({ data } as never));
      else thread.on('error', (error) => listener({ message: error.message } as never));
    },
  };
}

function pointsText(count: number): string {
  const rows = ['x1,x2,label'];
  for (let i = 0; i < count; i++) rows.push(`${(i % 97) / 10},${-(i % 89) / 10},${i % 3}`);
  return rows.join('\n');
}

describe('the CSV task the worker runs', () => {
  it('is parsePointsCsv and pointsToInlineDataset, with the counts the page shows', () => {
    const text = pointsText(500);
    const reply = pointsCsvTask({ id: 7, text, testFraction: 0.3, seed: 4 });
    const points = parsePointsCsv(text);
    expect(reply).toEqual({ id: 7, ok: true, inline: pointsToInlineDataset(points, 0.3, 4), count: 500, classes: 3, problems: [] });
  });

  it("answers a bad file with the parser's own problem, a code and parameters for the page to word", () => {
    const text = 'x1,x2,label\n1,2,0\n3,abc,1\n';
    expect(() => parsePointsCsv(text)).toThrow('line 3, column x2: "abc" is not a number');
    expect(pointsCsvTask({ id: 1, text, testFraction: 0.5, seed: 0 })).toEqual({ id: 1, ok: false, problem: { code: 'not-a-number', line: 3, column: 'x2', text: 'abc' } });
  });
});

describe('PointsCsvReader with the real worker module in a thread', () => {
  it('reads 50,000 points off the calling thread, the same as parsing in place', async () => {
    const reader = new PointsCsvReader(() => realWorker());
    const text = pointsText(50_000);
    const result = await reader.read(text, 0.5, 1);
    expect(result.count).toBe(50_000);
    expect(result.classes).toBe(3);
    expect(result.inline).toEqual(pointsToInlineDataset(parsePointsCsv(text), 0.5, 1));
  });

  it("the worker's check of the points is the page's: the builder does not check them again", async () => {
    const reader = new PointsCsvReader(() => realWorker());
    const { inline } = await reader.read(pointsText(1000), 0.5, 1);
    // Never done by the app (points are replaced, not edited): it shows the page does not read them again.
    inline.x[0]![0] = Number.NaN;
    expect(localSpecProblems({ ...draftToSpec(defaultDraft()), dataset: inline })).toEqual([]);
  });

  it('matches replies to requests, one worker for all, and rejects a bad file with its message', async () => {
    let started = 0;
    const reader = new PointsCsvReader(() => (started++, realWorker()));
    const [good, bad, other] = await Promise.allSettled([
      reader.read(pointsText(10), 0.5, 0),
      reader.read('x1,x2,label\n1,2,0\n3,abc,1\n', 0.5, 0),
      reader.read(pointsText(20), 0.25, 0),
    ]);
    expect(started).toBe(1);
    expect(good).toMatchObject({ status: 'fulfilled', value: { count: 10 } });
    expect(other).toMatchObject({ status: 'fulfilled', value: { count: 20 } });
    expect(bad.status).toBe('rejected');
    const reason = (bad as PromiseRejectedResult).reason as Error;
    expect(reason).toBeInstanceOf(PointsCsvError);
    expect(reason.message).toBe('line 3, column x2: "abc" is not a number');
    expect((reason as PointsCsvError).problem).toEqual({ code: 'not-a-number', line: 3, column: 'x2', text: 'abc' });
  });

  it('a worker that cannot start fails the file with a clear message, and the next file starts a new one', async () => {
    let started = 0;
    const reader = new PointsCsvReader(() => (started++ === 0 ? realWorker(new URL('./no-such-worker.ts', import.meta.url).href) : realWorker()));
    await expect(reader.read(pointsText(10), 0.5, 0)).rejects.toMatchObject({ problem: { code: 'reader-stopped' }, message: expect.stringMatching(/^the CSV reader stopped: /) });
    await expect(reader.read(pointsText(10), 0.5, 0)).resolves.toMatchObject({ count: 10 });
    expect(started).toBe(2);
  });
});
