import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { FieldProblem } from '../api/spec-error';
import { expectRuns, type LabFileContent } from '../history/lab-file';
import { ImportError, type ImportOptions, type RunFileContent } from '../history/run-file';
import { isTypeScriptUrl, workerLaunch } from '../train/pool/worker-url';

/**
 * Reading an export file on a worker thread. Parsing and validating a file is the costly part of
 * an import (seconds for a large real file; for a hostile one, whatever it can make JSON.parse
 * build), and on the main thread it would stop the app, or the browser host's every other request,
 * for as long as it takes. The worker gets a heap limit and a time limit and is terminated past
 * either, so a file can cost at most those; the main thread only stores what comes back.
 */

/** The worker entry beside this module: the TypeScript source, or the bundle's built import-worker.js (vite.cli.config.ts, electron.vite.config.ts). */
const WORKER_ENTRY = isTypeScriptUrl(new URL(import.meta.url)) ? './import-worker.ts' : './import-worker.js';

/**
 * The worker's heap: room for any file the caps let through (run-file.ts: 256 MB of text, its
 * parsed values, the checksum's second copy of the text; measured at the caps, 28 million numbers:
 * the whole process peaked at 2.9 GB), and no more, whatever the machine has. The limit is a
 * backstop, not the defence: Node terminates a worker that reaches it, but an allocation inside
 * native code (JSON.parse growing one huge array) can abort the whole process instead
 * (nodejs/node#47224), so the caps and the byte scan (json-shape.ts) keep every file that gets
 * to JSON.parse well below it.
 */
export const IMPORT_WORKER_RESOURCE_LIMITS: Readonly<ResourceLimits> = { maxOldGenerationSizeMb: 3072, maxYoungGenerationSizeMb: 64 };
/** Longest an import may read for: a file at the caps takes well under a minute on a lab PC. */
export const IMPORT_TIME_LIMIT_MS = 3 * 60_000;

export interface ImportWorkerOptions {
  /** The worker entry (default: beside this module). */
  workerUrl?: URL;
  /** Over IMPORT_WORKER_RESOURCE_LIMITS, field by field. */
  resourceLimits?: ResourceLimits;
  /** Default IMPORT_TIME_LIMIT_MS. */
  timeLimitMs?: number;
}

/** What the worker is sent. */
export interface ImportRequest {
  data: Uint8Array;
  options: Omit<ImportOptions, 'now' | 'withNotebook'>;
  now: number;
}

/** What the worker answers. */
export type ImportReply = { ok: true; content: LabFileContent } | { ok: false; importError: { message: string; problems: FieldProblem[] } } | { ok: false; internal: string };

/** readLabFileInWorker for a runs file only: a hand-in or a pack is refused saying what it is. */
export async function readRunFileInWorker(data: Uint8Array, options: Omit<ImportOptions, 'withNotebook'> = {}, worker: ImportWorkerOptions = {}): Promise<RunFileContent> {
  return expectRuns(await readLabFileInWorker(data, options, worker));
}

/**
 * readLabFile (any NN Lab file, told apart by its content) on a worker thread: resolves with the
 * validated content, rejects with ImportError (the file's problem, a heap or time limit passed)
 * or an Error (the worker could not run).
 */
export function readLabFileInWorker(data: Uint8Array, options: Omit<ImportOptions, 'withNotebook'> = {}, worker: ImportWorkerOptions = {}): Promise<LabFileContent> {
  const { script, workerData, execArgv } = workerLaunch(worker.workerUrl ?? new URL(WORKER_ENTRY, import.meta.url));
  const limits = { ...IMPORT_WORKER_RESOURCE_LIMITS, ...worker.resourceLimits };
  const timeLimitMs = worker.timeLimitMs ?? IMPORT_TIME_LIMIT_MS;
  const { now, ...readOptions } = options;
  // A copy the worker owns (transferred, not cloned): `data` may be a view of a larger buffer.
  const bytes = new Uint8Array(data);
  return new Promise((resolve, reject) => {
    const thread = new Worker(script, { ...(workerData !== undefined ? { workerData } : {}), ...(execArgv !== undefined ? { execArgv } : {}), resourceLimits: limits });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void thread.terminate();
      outcome();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new ImportError(`this file took longer than ${seconds(timeLimitMs)} to read, so its import was stopped: it is not a file NN Lab exported, or it is damaged`)));
    }, timeLimitMs);
    thread.once('message', (reply: ImportReply) => {
      settle(() => {
        if (reply.ok) resolve(reply.content);
        else if ('importError' in reply) reject(new ImportError(reply.importError.message, reply.importError.problems));
        else reject(new Error(`the import worker failed: ${reply.internal}`));
      });
    });
    thread.once('error', (error: Error & { code?: string }) => {
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ImportError(`this file needs more than the ${limits.maxOldGenerationSizeMb} MB an import may use, so its import was stopped: it is not a file NN Lab exported, or it is damaged`)
            : new Error(`the import worker failed: ${error.message}`),
        ),
      );
    });
    thread.once('exit', (code) => settle(() => reject(new Error(`the import worker stopped (exit code ${code}) before reading the file`))));
    const request: ImportRequest = { data: bytes, options: readOptions, now: (now ?? Date.now)() };
    thread.postMessage(request, [bytes.buffer]);
  });
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
