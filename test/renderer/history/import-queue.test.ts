import { describe, expect, it } from 'vitest';
import { exportRuns } from '../../../engine/history/run-file';
import { candidatesOf, isSystemFile, largestImportFile, outcomeKind, runImportQueue, type ImportCandidate, type ImportProgress } from '../../../renderer/src/lib/history/import-queue';
import { MAX_IMPORT_FILE_BYTES } from '../../../engine/api/import-limits';
import { circleSpec, openTemp, recordRun, tempDir } from '../../engine/history/history-helpers';
import { handIn, importer, teacherPack } from './class-import-helpers';
import { LabService } from '../../../engine/service/lab-service';
import { join } from 'node:path';

/** A candidate over bytes, counting when it is read. */
function candidate(name: string, bytes: Uint8Array, reads: string[], size: number | null = bytes.length): ImportCandidate {
  return {
    name,
    size,
    read: async () => {
      reads.push(name);
      return bytes;
    },
  };
}

describe('the import queue', () => {
  it('one at a time (atOnce 1): imports files one after another, reading each only at its turn, and tells each file’s result', async () => {
    const pack = teacherPack();
    const teacher = openTemp();
    const files = [handIn(pack.data, '홍길동', '20231234', 'A'), handIn(pack.data, '김민지', '20231235', 'B')];
    const reads: string[] = [];
    const progress: ImportProgress[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const store = importer(teacher);
    const report = await runImportQueue(
      [candidate('hong.nnlab', files[0]!, reads), candidate('junk.txt', new TextEncoder().encode('hello'), reads), candidate('pack.nnlabpack', pack.data, reads), candidate('kim.nnlab', files[1]!, reads)],
      {
        importFile: async (bytes) => {
          mostInFlight = Math.max(mostInFlight, ++inFlight);
          try {
            return await store(bytes);
          } finally {
            inFlight--;
          }
        },
        maxFileBytes: MAX_IMPORT_FILE_BYTES,
        atOnce: 1,
        onProgress: (p) => {
          progress.push(p);
          // The file named is read after its progress is shown, never before.
          if (p.current !== null) expect(reads).not.toContain(p.current);
        },
      },
    );
    expect(mostInFlight).toBe(1);
    expect(reads).toEqual(['hong.nnlab', 'junk.txt', 'pack.nnlabpack', 'kim.nnlab']);
    expect(progress).toEqual([
      { done: 0, total: 4, current: 'hong.nnlab' },
      { done: 1, total: 4, current: 'junk.txt' },
      { done: 2, total: 4, current: 'pack.nnlabpack' },
      { done: 3, total: 4, current: 'kim.nnlab' },
      { done: 4, total: 4, current: null },
    ]);
    expect(report.notStarted).toBe(0);
    expect(report.files.map((f) => [f.file, f.kind])).toEqual([
      ['hong.nnlab', 'imported'],
      ['junk.txt', 'refused'],
      ['pack.nnlabpack', 'refused'],
      ['kim.nnlab', 'imported'],
    ]);
    const [hong, junk, packFile] = report.files;
    expect(hong).toMatchObject({ outcome: { handIn: { student: { name: '홍길동', number: '20231234' }, status: 'new' } } });
    expect(junk).toMatchObject({ refusal: { kind: 'message', message: expect.stringMatching(/not gzip-compressed/) } });
    expect(packFile).toMatchObject({ refusal: { kind: 'message', message: expect.stringMatching(/this is a lab pack/) } });
    expect(teacher.listRuns()).toHaveLength(2);
  });

  it('one at a time (atOnce 1), Cancel stops after the file being imported: the rest are not read, and counted as not started', async () => {
    const history = openTemp();
    const { id } = recordRun(history, circleSpec(), { name: 'one' });
    const file = exportRuns(history, [id]);
    const reads: string[] = [];
    let stop = false;
    const report = await runImportQueue(['a', 'b', 'c', 'd'].map((name) => candidate(name, file, reads)), {
      importFile: async (bytes) => {
        const outcome = await importer(history)(bytes);
        stop = true; // Cancel pressed while the first file is imported.
        return outcome;
      },
      maxFileBytes: MAX_IMPORT_FILE_BYTES,
      atOnce: 1,
      stopRequested: () => stop,
    });
    expect(reads).toEqual(['a']);
    expect(report).toMatchObject({ notStarted: 3, files: [{ file: 'a', kind: 'present' }] });
  });

  it('imports two files at once, starting them in order, and reports them in that order whichever finishes first', async () => {
    const history = openTemp();
    const files = ['a', 'b', 'c', 'd', 'e'].map((name) => {
      const { id } = recordRun(history, circleSpec(), { name });
      return exportRuns(history, [id]);
    });
    for (const run of history.listRuns()) history.deleteRun(run.id);
    const reads: string[] = [];
    const progress: ImportProgress[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const store = importer(history);
    // a is held until the four others are done.
    let othersDone = 0;
    let releaseA!: () => void;
    const aHeld = new Promise<void>((resolve) => (releaseA = resolve));
    const report = await runImportQueue(
      files.map((bytes, i) => candidate('abcde'[i]!, bytes, reads)),
      {
        importFile: async (bytes) => {
          mostInFlight = Math.max(mostInFlight, ++inFlight);
          try {
            if (bytes === files[0]) await aHeld;
            const outcome = await store(bytes);
            if (bytes !== files[0] && ++othersDone === 4) releaseA();
            return outcome;
          } finally {
            inFlight--;
          }
        },
        maxFileBytes: MAX_IMPORT_FILE_BYTES,
        onProgress: (p) => progress.push(p),
      },
    );
    expect(mostInFlight).toBe(2);
    expect(reads).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(report.files.map((f) => [f.file, f.kind])).toEqual(['a', 'b', 'c', 'd', 'e'].map((f) => [f, 'imported']));
    // The file named is the first still being imported; the count only grows; the end names none.
    expect(progress.map((p) => p.current)).toEqual(['a', 'a', 'a', 'a', 'a', 'a', null]);
    expect(progress.map((p) => p.done)).toEqual([0, 0, 1, 2, 3, 4, 5]);
    expect(history.listRuns()).toHaveLength(5);
  });

  it('Cancel stops after the two files being imported: the rest are not read, and counted as not started', async () => {
    const history = openTemp();
    const { id } = recordRun(history, circleSpec(), { name: 'one' });
    const file = exportRuns(history, [id]);
    const reads: string[] = [];
    let stop = false;
    const report = await runImportQueue(['a', 'b', 'c', 'd'].map((name) => candidate(name, file, reads)), {
      importFile: async (bytes) => {
        const outcome = await importer(history)(bytes);
        stop = true; // Cancel pressed while the first two files are imported.
        return outcome;
      },
      maxFileBytes: MAX_IMPORT_FILE_BYTES,
      stopRequested: () => stop,
    });
    expect(reads).toEqual(['a', 'b']);
    expect(report).toMatchObject({ notStarted: 2, files: [{ file: 'a', kind: 'present' }, { file: 'b', kind: 'present' }] });
  });

  it('two hand-ins of one student in one batch, imported at once through the service: the newer file wins, whichever is stored first', async () => {
    const pack = teacherPack();
    const older = handIn(pack.data, '김민지', '20231235', 'older', Date.now() - 60_000);
    const newer = handIn(pack.data, '김민지', '20231235', 'newer', Date.now());
    for (const [order, slow] of [
      [[older, newer], older],
      [[older, newer], newer],
      [[newer, older], older],
      [[newer, older], newer],
    ] as const) {
      const service = LabService.open({ dbPath: join(tempDir(), `teacher-${Math.random()}.db`), pool: { size: 1 } });
      try {
        service.openPack(pack.data);
        const report = await runImportQueue(
          order.map((bytes, i) => candidate(`${i}.nnlab`, bytes, [])),
          {
            importFile: async (bytes) => {
              // The slow one is stored after the other.
              if (bytes === slow) await new Promise((resolve) => setTimeout(resolve, 300));
              return service.importRuns(bytes);
            },
            maxFileBytes: MAX_IMPORT_FILE_BYTES,
          },
        );
        expect(report.files.map((f) => f.kind)).toHaveLength(2);
        const notebooks = service.getImportedNotebooks('04-initialization');
        expect(notebooks).toHaveLength(1);
        expect(notebooks[0]!.entries['answer:which-learns'], `file ${order.indexOf(slow)} stored last`).toBe('newer');
      } finally {
        await service.close();
      }
    }
  }, 60_000);

  it('refuses a file larger than an import takes without reading it, and goes on with the next', async () => {
    const history = openTemp();
    const { id } = recordRun(history, circleSpec(), { name: 'one' });
    const file = exportRuns(history, [id]);
    history.deleteRun(id);
    const reads: string[] = [];
    const report = await runImportQueue([candidate('huge.nnlab', file, reads, 300 * 1024 * 1024), candidate('ok.nnlab', file, reads)], { importFile: importer(history), maxFileBytes: MAX_IMPORT_FILE_BYTES });
    expect(reads).toEqual(['ok.nnlab']);
    expect(report.files).toEqual([
      { file: 'huge.nnlab', kind: 'refused', refusal: { kind: 'too-large', size: 300 * 1024 * 1024, limit: MAX_IMPORT_FILE_BYTES } },
      expect.objectContaining({ file: 'ok.nnlab', kind: 'imported' }),
    ]);
  });

  it('an empty list reports nothing and shows its end', async () => {
    const progress: ImportProgress[] = [];
    const report = await runImportQueue([], { importFile: () => Promise.reject(new Error('not called')), maxFileBytes: 1, onProgress: (p) => progress.push(p) });
    expect(report).toEqual({ files: [], notStarted: 0 });
    expect(progress).toEqual([{ done: 0, total: 0, current: null }]);
  });
});

describe('what counts as imported', () => {
  it('a run, a new or newer hand-in, or a notebook kept apart is imported; nothing new, or an older hand-in, is already present', () => {
    const handInStamp = (status: 'new' | 'updated' | 'older-kept') => ({ packId: 'p', packTitle: 'P', student: { name: 'a', number: '1' }, status });
    expect(outcomeKind({ imported: ['x'], skipped: [] })).toBe('imported');
    expect(outcomeKind({ imported: [], skipped: [{ id: 'x', name: 'x', reason: 'r' }] })).toBe('present');
    expect(outcomeKind({ imported: [], skipped: [], handIn: handInStamp('updated') })).toBe('imported');
    expect(outcomeKind({ imported: [], skipped: [], handIn: handInStamp('new') })).toBe('imported');
    expect(outcomeKind({ imported: [], skipped: [], handIn: handInStamp('older-kept') })).toBe('present');
    expect(outcomeKind({ imported: [], skipped: [], notebook: { sourceId: 's', studentName: null, merged: 2, kept: 0 } })).toBe('imported');
    expect(outcomeKind({ imported: [], skipped: [], notebook: { sourceId: 's', studentName: null, merged: 0, kept: 2 } })).toBe('present');
  });
});

describe('choosing files', () => {
  it('leaves out the files an operating system puts in folders, quietly, and keeps a folder’s paths', () => {
    for (const name of ['.DS_Store', 'class/.DS_Store', 'Thumbs.db', 'class/desktop.ini', 'class/._hong.nnlab']) expect(isSystemFile(name), name).toBe(true);
    for (const name of ['hong.nnlab', 'notes.txt', 'class/DS_Store.nnlab', '.hidden.nnlab']) expect(isSystemFile(name), name).toBe(false);
    const file = (name: string, path = '') => ({ name, size: 3, webkitRelativePath: path, arrayBuffer: async () => new ArrayBuffer(3) });
    const chosen = candidatesOf([file('.DS_Store', 'class/.DS_Store'), file('hong.nnlab', 'class/hong.nnlab'), file('notes.txt')]);
    expect(chosen.map((c) => [c.name, c.size])).toEqual([
      ['class/hong.nnlab', 3],
      ['notes.txt', 3],
    ]);
  });

  it('over the browser host’s WebSocket a file must also fit one message (base64): about 48 MB', () => {
    expect(largestImportFile({ overSocket: false })).toBe(MAX_IMPORT_FILE_BYTES);
    const overSocket = largestImportFile({ overSocket: true });
    expect(overSocket).toBeGreaterThan(47 * 1024 * 1024);
    expect(overSocket).toBeLessThan(48 * 1024 * 1024);
  });
});
