import { csvProblemText, type CsvImportProblem } from './csv-problem-text';
import { rememberCheckedPoints } from '../state/spec-problems';
import type { PointsCsvReply, PointsCsvRequest } from './points-csv-task';

/** A file's points, split into training and test rows, with the counts the page shows. */
export type PointsCsvResult = Extract<PointsCsvReply, { ok: true }>;

/** The part of a Worker the reader uses (a real one in the page). */
export interface CsvWorker {
  postMessage(request: PointsCsvRequest): void;
  addEventListener(type: 'message', listener: (event: { data: PointsCsvReply }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}

/**
 * A file the worker could not read as points, or a worker that failed: the problem as a code and
 * parameters (csvProblemText words it in the UI's language), and in English as the message.
 */
export class PointsCsvError extends Error {
  override readonly name = 'PointsCsvError';
  readonly problem: CsvImportProblem;

  constructor(problem: CsvImportProblem) {
    super(csvProblemText(problem, 'en'));
    this.problem = problem;
  }
}

/**
 * Reads CSV points off the main thread: each call is one request to one worker, started on first
 * use and kept for the next file. Replies are matched to requests by id, so a file chosen while
 * another is still being read gets its own answer.
 */
export class PointsCsvReader {
  #worker: CsvWorker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (result: PointsCsvResult) => void; reject: (error: Error) => void }>();
  readonly #start: () => CsvWorker;

  /** @param start starts the worker (page-csv-reader.ts: the page's module worker) */
  constructor(start: () => CsvWorker) {
    this.#start = start;
  }

  /** The file's points split as the toy sets are; rejects with PointsCsvError naming the fault. */
  read(text: string, testFraction: number, seed: number): Promise<PointsCsvResult> {
    const worker = this.#workerOnce();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, testFraction, seed });
    });
  }

  #workerOnce(): CsvWorker {
    if (this.#worker) return this.#worker;
    const worker = this.#start();
    worker.addEventListener('message', (event) => {
      const reply = event.data;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.ok) {
        // These arrays (the page's copy of the reply) are the ones the draft will hold.
        rememberCheckedPoints(reply.inline, reply.problems);
        pending.resolve(reply);
      } else pending.reject(new PointsCsvError(reply.problem));
    });
    // A worker that fails to load or throws fails every file it holds, and the next file starts a new one.
    worker.addEventListener('error', (event) => {
      const error = new PointsCsvError({ code: 'reader-stopped', detail: event.message || 'it could not start' });
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
      this.#worker = null;
    });
    this.#worker = worker;
    return worker;
  }
}
