import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, readRunFile } from '../../../engine/history/run-file';
import { openHistory } from '../../../engine/history/run-history';
import { LabService } from '../../../engine/service/lab-service';
import { forkReader, readRunFileApart, type ReaderLauncher } from '../../../engine/service/run-file-reader';
import { dumpDatabase } from '../history/history-helpers';
import { numbersFile, realRunFile, refusal } from './reader-files';

/** Import files are read in a real child process, with a heap and a time limit; the service keeps answering meanwhile, and goes on whatever the file does to the child. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-import-reader-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 100 MB of `[{},{},…]` as a run file: 101 KB of gzip. */
function emptyObjects(count: number): Buffer {
  return gzipSync(Buffer.from(`{"format":"nnlab-runs","payload":[${'{},'.repeat(count - 1)}{}]}`), { level: 9 });
}


const realFile = (): Buffer => realRunFile(dir, 2);

const numbers = numbersFile;

/** forkReader, noting what each child said and how it ended. */
function watchedFork(): { launch: ReaderLauncher; messages: string[]; exits: Promise<string>[] } {
  const messages: string[] = [];
  const exits: Promise<string>[] = [];
  const launch: ReaderLauncher = (script, heapLimitMb) => {
    const child = forkReader(script, heapLimitMb);
    child.onMessage((message) => messages.push('ready' in message ? 'ready' : 'reply'));
    let exited!: (how: string) => void;
    exits.push(new Promise((resolve) => (exited = resolve)));
    return {
      ...child,
      onExit: (listener) =>
        child.onExit((how) => {
          exited(how);
          listener(how);
        }),
    };
  };
  return { launch, messages, exits };
}

describe('reading a run file in a child process', () => {
  it('reads a real file: the same runs as on this thread', async () => {
    const content = await readRunFileApart(realFile());
    expect(content.runs).toHaveLength(1);
    expect(content.runs[0]!.steps.step.length).toBeGreaterThan(0);
  });

  it('refuses the 100 MB `[{},{},…]` file within a 256 MB heap, in one line', async () => {
    const error = await refusal(readRunFileApart(emptyObjects(33_000_000), {}, { heapLimitMb: 256 }));
    expect(error.message).toBe('this file is not one NN Lab exported, or it is damaged: its content has more than 2 million arrays and objects');
  });

  it('stops a file that takes longer than the time limit and says why', async () => {
    const error = await refusal(readRunFileApart(realFile(), {}, { timeLimitMs: 1 }));
    expect(error.message).toMatch(/^this file took longer than 0\.0 s to read, so its import was stopped/);
  });

  it('kills a child still reading when the time limit passes, and refuses the file', async () => {
    // 16 million numbers (176 MB of text): seconds of gunzip, byte scan and JSON.parse, well past 2 s.
    const { launch, messages, exits } = watchedFork();
    const started = Date.now();
    const error = await refusal(readRunFileApart(numbers(16_000_000), {}, { timeLimitMs: 2000, heapLimitMb: 4096, launch }));
    expect(error.message).toBe('this file took longer than 2 s to read, so its import was stopped: it is not a file NN Lab exported, or it is damaged');
    expect(Date.now() - started).toBeLessThan(5000);
    // It had started reading (it said it was ready, never answered), and was killed, not left to finish.
    expect(messages).toEqual(['ready']);
    expect(await exits[0]).toBe('signal SIGKILL');
  }, 30_000);

  it('refuses a file inside the caps that needs more memory than the heap limit, in one line, and this process goes on to import a good file', async () => {
    // 8 million numbers (88 MB of text, 64 MB as an array): inside every cap, past a 64 MB heap.
    // On a worker thread, reaching the limit inside JSON.parse can abort the whole process (nodejs/node#47224).
    const { launch, messages, exits } = watchedFork();
    const error = await refusal(readRunFileApart(numbers(8_000_000), {}, { heapLimitMb: 64, launch }));
    expect(error.message).toBe('this file needs more memory than an import may use (64 MB), so its import was stopped: it is not a file NN Lab exported, or it is damaged');
    expect(error.message).not.toContain('\n');
    expect(messages).toEqual(['ready']);
    // V8 ends a process at its heap limit with abort().
    expect(await exits[0]).toMatch(/^signal SIG(ABRT|TRAP|SEGV)$|^exit code [1-9]/);
    const content = await readRunFileApart(realFile(), {}, { heapLimitMb: 64 });
    expect(content.runs).toHaveLength(1);
  }, 30_000);

  it('says so in one line when the reader cannot start', async () => {
    const error = await readRunFileApart(realFile(), {}, { script: join(dir, 'no-such-reader.mjs') }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).not.toBeInstanceOf(ImportError);
    expect(error?.message).toBe('the import reader stopped (exit code 1) before reading the file');
  });
});

describe('an import through the service', () => {
  it('gets runs whose diagnostics, network snapshots and weights the reader has already encoded, and stores them as an import on this thread does', async () => {
    // Encoding and rebuilding a hand-in's MNIST runs on the app's thread held it for seconds (bench/class-import.ts).
    const file = realFile();
    const content = await readRunFileApart(file);
    const [run] = content.runs;
    expect(run!.diagnostics).toEqual([]);
    expect(run!.networkSnapshots).toEqual([]);
    expect(run!.weights).toBeNull();
    expect(run!.stored?.diagnostics.length).toBeGreaterThan(0);
    expect(run!.stored?.networkSnapshots.length).toBeGreaterThan(0);
    expect(run!.stored?.weights).toBeInstanceOf(Uint8Array);

    const here = join(dir, `here-${Math.random()}.db`);
    const apart = join(dir, `apart-${Math.random()}.db`);
    const history = openHistory(here, { instanceId: 'here' });
    const expected = readRunFile(file);
    history.insertRecords(expected);
    const service = LabService.open({ dbPath: apart, pool: { size: 1 } });
    try {
      expect((await service.importRuns(file)).imported).toEqual([expected[0]!.id]);
    } finally {
      await service.close();
    }
    const stored = openHistory(apart, { instanceId: 'apart' });
    try {
      expect(stored.readRecords([expected[0]!.id])).toEqual(history.readRecords([expected[0]!.id]));
      expect(stored.readRecords([expected[0]!.id])[0]!.diagnostics).toEqual(expected[0]!.diagnostics);
    } finally {
      stored.close();
      history.close();
    }
    const tables = ['diagnostics', 'network_snapshots', 'weights', 'steps', 'evals'];
    const [a, b] = [dumpDatabase(here), dumpDatabase(apart)];
    for (const table of tables) expect(b[table], table).toEqual(a[table]);
  });

  it('keeps the service answering while a hostile file is read: other requests are answered before the import settles', async () => {
    const service = LabService.open({ dbPath: join(dir, 'service.db'), pool: { size: 1 } });
    try {
      const order: string[] = [];
      const importing = service.importRuns(emptyObjects(33_000_000)).then(
        () => order.push('import done'),
        (error: unknown) => order.push(`import refused: ${(error as Error).message}`),
      );
      // Timers fire and requests are answered while the child reads the file: on the calling thread they could not until it was done.
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
