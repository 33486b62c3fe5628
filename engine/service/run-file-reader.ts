import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FieldProblem } from '../api/spec-error';
import { expectRuns, type LabFileContent } from '../history/lab-file';
import { ImportError, type ImportOptions, type RunFileContent } from '../history/run-file';
import { isTypeScriptUrl } from '../train/pool/worker-url';

/**
 * Reading an export file in a child process. Parsing and validating a file is the costly part of
 * an import (seconds for a large real file; for a hostile one, whatever it can make JSON.parse
 * build), and on the main thread it would stop the app, or the browser host's every other request,
 * for as long as it takes. A process, not a worker thread: when JSON.parse or the validation
 * reaches a worker's heap limit, Node can abort the whole process, the app with it
 * (nodejs/node#47224); a child that reaches its heap limit dies alone, and the file is refused.
 * The child gets a heap limit and a time limit and is killed past the time; the parent only
 * stores what comes back.
 */

/**
 * The reader beside this module: the TypeScript source, or the bundle's built import-reader.mjs
 * (written beside out/main's and out/cli's chunks by vite.reader.config.ts; .mjs because in the
 * packaged app it sits in app.asar.unpacked, where no package.json says "type": "module").
 */
const READER_ENTRY = isTypeScriptUrl(new URL(import.meta.url)) ? './import-reader.ts' : './import-reader.mjs';

/**
 * The reader's heap (V8's old generation), in MB: what a lab PC can lend beside the app. Measured
 * (npm run build, the CLI): the largest real export inside the caps, 48 MNIST runs of the
 * vanishing-sigmoid preset (253 MB of JSON, 19 million values), reads within it (not within
 * 768 MB; within 1024 MB), the reader peaking at 1.8 GB of RSS; so does 253 MB of plain numbers.
 * A file that needs more is refused, and only the reader dies.
 */
export const IMPORT_HEAP_LIMIT_MB = 1536;
/** Longest an import may read for: a file at the caps takes well under a minute on a lab PC. */
export const IMPORT_TIME_LIMIT_MS = 3 * 60_000;

/** What the reader is sent. */
export interface ImportRequest {
  data: Uint8Array;
  options: Omit<ImportOptions, 'now' | 'withNotebook'>;
  now: number;
}

/** What the reader answers: first that it is listening, then the file's content or why not. */
export type ReaderMessage = { ready: true } | ImportReply;
export type ImportReply = { ok: true; content: LabFileContent } | { ok: false; importError: { message: string; problems: FieldProblem[] } } | { ok: false; internal: string };

/** A started reader, whatever started it (a Node child process, an Electron utility process). */
export interface ReaderProcess {
  send(request: ImportRequest): void;
  onMessage(listener: (message: ReaderMessage) => void): void;
  /** Called once when the process is gone, with how it ended ("exit code 1", "signal SIGABRT"). */
  onExit(listener: (how: string) => void): void;
  /** Ends the process now, wherever it is (a stuck JSON.parse included). */
  kill(): void;
}

/** Starts the reader script (a file path) with a heap limit. */
export type ReaderLauncher = (script: string, heapLimitMb: number) => ReaderProcess;

export interface ImportReaderOptions {
  /** The reader script (default: beside this module). */
  script?: string;
  /** Default IMPORT_HEAP_LIMIT_MB. */
  heapLimitMb?: number;
  /** Default IMPORT_TIME_LIMIT_MS. */
  timeLimitMs?: number;
  /** Default forkReader (Node's child_process.fork); the desktop app passes Electron's utility process. */
  launch?: ReaderLauncher;
}

/** The reader's default path, beside this module. */
export function defaultReaderScript(): string {
  return fileURLToPath(new URL(READER_ENTRY, import.meta.url));
}

/**
 * child_process.fork of the reader under this Node, with `--max-old-space-size`; TypeScript source
 * (tests, `npm run nnlab`) through tsx's loader. V8 values cross the channel as they are
 * (serialization 'advanced': typed arrays stay typed arrays). The child's stderr (V8's own report
 * of a heap limit reached) is not the user's: it is dropped.
 */
export function forkReader(script: string, heapLimitMb: number): ReaderProcess {
  const loader = /\.[mc]?ts$/.test(script) ? ['--import', 'tsx'] : [];
  const child = fork(script, [], { execArgv: [`--max-old-space-size=${heapLimitMb}`, ...loader], serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  let exited: ((how: string) => void) | null = null;
  let gone = false;
  const exit = (how: string) => {
    if (gone) return;
    gone = true;
    exited?.(how);
  };
  child.once('exit', (code, signal) => exit(signal !== null ? `signal ${signal}` : `exit code ${code}`));
  // Not started at all (no such executable, no memory for a process): reported as an exit.
  child.once('error', (error) => exit(`error ${error.message}`));
  return {
    send: (request) => child.send(request),
    onMessage: (listener) => child.on('message', (message) => listener(message as ReaderMessage)),
    onExit: (listener) => {
      exited = listener;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** readLabFileApart for a runs file only: a hand-in or a pack is refused saying what it is. */
export async function readRunFileApart(data: Uint8Array, options: Omit<ImportOptions, 'withNotebook'> = {}, reader: ImportReaderOptions = {}): Promise<RunFileContent> {
  return expectRuns(await readLabFileApart(data, options, reader));
}

/**
 * readLabFile (any NN Lab file, told apart by its content) in a child process started for it and
 * ended after it: resolves with the validated content, rejects with ImportError (the file's
 * problem, the heap or time limit passed) or an Error (the reader could not run). Whatever the
 * file does to the child, this process goes on. (The service keeps its readers across files: see
 * ImportReaders.)
 */
export async function readLabFileApart(data: Uint8Array, options: Omit<ImportOptions, 'withNotebook'> = {}, reader: ImportReaderOptions = {}): Promise<LabFileContent> {
  const session = ReaderSession.start(reader);
  try {
    return await session.read(data, options);
  } finally {
    session.kill();
  }
}

/**
 * One started reader, asked for one file at a time. A read that does not end with the file's
 * content (the file refused, the time or heap limit passed, the reader failed) kills the reader:
 * whatever the file did to it (a heap grown to the limit, a stuck parse), the next file gets a
 * fresh one. Limits are per file: the time limit counts from the request, the heap is the process's.
 */
export class ReaderSession {
  private readonly heapLimitMb: number;
  private readonly timeLimitMs: number;
  private ready = false;
  private gone: string | null = null;
  /** The read under way: what to do with the reader's answer, its readiness and its end. */
  private current: { onReady: () => void; onReply: (reply: ImportReply) => void; onExit: (how: string) => void } | null = null;

  private constructor(
    private readonly child: ReaderProcess | { startError: string },
    reader: ImportReaderOptions,
  ) {
    this.heapLimitMb = reader.heapLimitMb ?? IMPORT_HEAP_LIMIT_MB;
    this.timeLimitMs = reader.timeLimitMs ?? IMPORT_TIME_LIMIT_MS;
    if ('startError' in child) return;
    child.onMessage((message) => {
      if ('ready' in message) {
        if (this.ready) return;
        this.ready = true;
        this.current?.onReady();
      } else this.current?.onReply(message);
    });
    child.onExit((how) => {
      this.gone = how;
      this.current?.onExit(how);
    });
  }

  /** Starts a reader (it loads while the first request waits for its "ready"). */
  static start(reader: ImportReaderOptions = {}): ReaderSession {
    let child: ReaderProcess | { startError: string };
    try {
      child = (reader.launch ?? forkReader)(reader.script ?? defaultReaderScript(), reader.heapLimitMb ?? IMPORT_HEAP_LIMIT_MB);
    } catch (error) {
      child = { startError: error instanceof Error ? error.message : String(error) };
    }
    return new ReaderSession(child, reader);
  }

  /** Whether it can take another file (alive, not reading one). */
  get usable(): boolean {
    return this.gone === null && this.current === null && !('startError' in this.child);
  }

  /** Ends the process now, wherever it is (a stuck JSON.parse included). */
  kill(): void {
    if ('startError' in this.child) return;
    this.gone ??= 'killed';
    this.child.kill();
  }

  /** One file's content, or why not (see readLabFileApart). */
  read(data: Uint8Array, options: Omit<ImportOptions, 'withNotebook'> = {}): Promise<LabFileContent> {
    const child = this.child;
    if ('startError' in child) return Promise.reject(new Error(`the import reader could not start: ${child.startError}`));
    if (this.current !== null) return Promise.reject(new Error('the import reader is reading another file'));
    if (this.gone !== null) return Promise.reject(new Error(`the import reader stopped (${this.gone}) before reading the file`));
    const { now, ...readOptions } = options;
    const request: ImportRequest = { data, options: readOptions, now: (now ?? Date.now)() };
    return new Promise((resolve, reject) => {
      let reading = false;
      const settle = (kept: boolean, outcome: () => void) => {
        if (this.current === null) return;
        this.current = null;
        clearTimeout(timer);
        if (!kept) this.kill();
        outcome();
      };
      const timer = setTimeout(() => {
        settle(false, () => reject(new ImportError(`this file took longer than ${seconds(this.timeLimitMs)} to read, so its import was stopped: it is not a file NN Lab exported, or it is damaged`)));
      }, this.timeLimitMs);
      const send = () => {
        reading = true;
        child.send(request);
      };
      this.current = {
        onReady: send,
        onReply: (message) =>
          settle(message.ok, () => {
            if (message.ok) resolve(message.content);
            else if ('importError' in message) reject(new ImportError(message.importError.message, message.importError.problems));
            else reject(new Error(`the import reader failed: ${message.internal}`));
          }),
        onExit: (how) =>
          settle(false, () =>
            reject(
              // Dead while reading, without a word: the heap limit (V8 aborts the process), or the
              // system ending a process that took more memory than it had.
              reading
                ? new ImportError(`this file needs more memory than an import may use (${this.heapLimitMb} MB), so its import was stopped: it is not a file NN Lab exported, or it is damaged`)
                : new Error(`the import reader stopped (${how}) before reading the file`),
            ),
          ),
      };
      if (this.ready) send();
    });
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
