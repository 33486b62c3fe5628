import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportReaders } from '../../../engine/service/import-readers';
import { LabService } from '../../../engine/service/lab-service';
import { forkReader, type ReaderLauncher } from '../../../engine/service/run-file-reader';
import { numbersFile, realRunFile, refusal } from './reader-files';

/** The service keeps its import readers (real child processes) across files, and ends one after any file it did not read. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-import-readers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const realFile = (): Buffer => realRunFile(dir, 1);

const numbers = numbersFile;

/** forkReader, counting the processes started and noting how each ended. */
function countedFork(): { launch: ReaderLauncher; exits: Promise<string>[] } {
  const exits: Promise<string>[] = [];
  const launch: ReaderLauncher = (script, heapLimitMb) => {
    const child = forkReader(script, heapLimitMb);
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
  return { launch, exits };
}


describe('the service’s import readers', () => {
  it('reads a class’s files one after another in one reader process, ended when the service closes', async () => {
    const { launch, exits } = countedFork();
    const service = LabService.open({ dbPath: join(dir, `kept-${Math.random()}.db`), pool: { size: 1 }, importReader: { launch } });
    try {
      for (let i = 0; i < 3; i++) expect((await service.importRuns(realFile())).imported).toHaveLength(1);
      expect(exits).toHaveLength(1);
    } finally {
      await service.close();
    }
    expect(await exits[0]).toBe('signal SIGKILL');
  });

  it('ends a reader left without a file for the idle time', async () => {
    const { launch, exits } = countedFork();
    const readers = new ImportReaders({ launch, idleMs: 200 });
    try {
      await readers.read(realFile());
      expect(readers.alive).toBe(1);
      expect(await exits[0]).toBe('signal SIGKILL');
      expect(readers.alive).toBe(0);
      // The next file starts another.
      await readers.read(realFile());
      expect(exits).toHaveLength(2);
    } finally {
      readers.close();
    }
  });

  it('ends the reader after a file it refused, and reads the next file in a new one', async () => {
    const { launch, exits } = countedFork();
    const readers = new ImportReaders({ launch });
    try {
      await readers.read(realFile());
      const error = await refusal(readers.read(new TextEncoder().encode('hello')));
      expect(error.message).toMatch(/not gzip-compressed/);
      expect(await exits[0]).toBe('signal SIGKILL');
      expect((await readers.read(realFile())).kind).toBe('runs');
      expect(exits).toHaveLength(2);
      expect(readers.alive).toBe(1);
    } finally {
      readers.close();
    }
  });

  it('after a file that reached the heap limit, reads the next file in a new reader', async () => {
    const { launch, exits } = countedFork();
    const readers = new ImportReaders({ launch, heapLimitMb: 64 });
    try {
      await readers.read(realFile());
      const error = await refusal(readers.read(numbers(8_000_000)));
      expect(error.message).toBe('this file needs more memory than an import may use (64 MB), so its import was stopped: it is not a file NN Lab exported, or it is damaged');
      expect(await exits[0]).toMatch(/^signal SIG(ABRT|TRAP|SEGV)$|^exit code [1-9]/);
      expect((await readers.read(realFile())).kind).toBe('runs');
      expect(exits).toHaveLength(2);
    } finally {
      readers.close();
    }
  }, 30_000);

  it('after a file that took longer than the time limit, kills its reader', async () => {
    const { launch, exits } = countedFork();
    const readers = new ImportReaders({ launch, timeLimitMs: 1 });
    try {
      const error = await refusal(readers.read(realFile()));
      expect(error.message).toMatch(/^this file took longer than 0\.0 s to read/);
      expect(await exits[0]).toBe('signal SIGKILL');
      expect(readers.alive).toBe(0);
    } finally {
      readers.close();
    }
  });

  it('reads two files at once in two readers, and keeps both for the next files', async () => {
    const { launch, exits } = countedFork();
    const readers = new ImportReaders({ launch });
    try {
      const files = [realFile(), realFile(), realFile(), realFile()];
      const first = await Promise.all([readers.read(files[0]!), readers.read(files[1]!)]);
      expect(first.map((c) => c.kind)).toEqual(['runs', 'runs']);
      expect(readers.alive).toBe(2);
      await Promise.all([readers.read(files[2]!), readers.read(files[3]!)]);
      expect(exits).toHaveLength(2);
    } finally {
      readers.close();
    }
    expect(await Promise.all(exits)).toEqual(['signal SIGKILL', 'signal SIGKILL']);
  });
});
