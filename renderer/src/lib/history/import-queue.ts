import type { ImportOutcome } from '$engine/api/lab-api';
import { messageOf } from '$engine/api/error-message';
import { MAX_IMPORT_FILE_BYTES } from '$engine/api/import-limits';
import { MAX_SOCKET_MESSAGE_BYTES } from '$engine/api/lab-transport';

/**
 * Importing many files (a multi-selection, a folder, a drop) two at a time, in the order given:
 * each file is read only when its turn comes, so 40 hand-ins never sit in memory at once, and a
 * Cancel stops after the files being imported. Two because the service reads each file in a
 * process of its own and a lab PC has at least two cores: a class's import takes about half as
 * long (bench/class-import.ts). The service decides what a file is (a runs file, a hand-in, or
 * something it refuses) and which of one student's hand-ins wins (the newer file, whatever order
 * they are stored in); this only keeps the order and the tally.
 */

/** A file waiting to be imported: its name as shown (a folder's files with their path), its size when known, and how to read it. */
export interface ImportCandidate {
  name: string;
  /** Bytes, when the browser says (a File does); null when unknown. */
  size: number | null;
  read(): Promise<Uint8Array>;
}

/** Why a file was not imported: larger than an import takes (told before reading it), or the service's (or transport's) message. */
export type ImportRefusal = { kind: 'too-large'; size: number; limit: number } | { kind: 'message'; message: string };

/** One file's result: imported (something new came in), already present (nothing new), or refused. */
export type FileResult = { file: string; kind: 'imported' | 'present'; outcome: ImportOutcome } | { file: string; kind: 'refused'; refusal: ImportRefusal };

export interface ImportReport {
  /** Every file started, in order. */
  files: FileResult[];
  /** Files left out because Cancel was pressed (0 when all ran). */
  notStarted: number;
}

export interface ImportProgress {
  /** Files finished, of `total`. */
  done: number;
  total: number;
  /** The first (in the order given) of the files being imported now, or null when none is (before the first, after the last). */
  current: string | null;
}

/** Files imported at once. */
export const IMPORTS_AT_ONCE = 2;

export interface ImportQueueOptions {
  /** One file's import (LabApi.importRuns). */
  importFile: (bytes: Uint8Array) => Promise<ImportOutcome>;
  /** Files larger than this are refused without being read. */
  maxFileBytes: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Asked before each file: true stops the queue there (the files being imported finish first). */
  stopRequested?: () => boolean;
  /** Files imported at once (default IMPORTS_AT_ONCE). */
  atOnce?: number;
}

/** Room a call's message needs beside the file's bytes (method name, id, devalue's framing). */
const MESSAGE_FRAMING_BYTES = 64 * 1024;

/**
 * The largest file an import can take here: what the history accepts, and over the browser host's
 * WebSocket also what one message can carry (the file goes as base64, 4 characters per 3 bytes).
 */
export function largestImportFile({ overSocket }: { overSocket: boolean }): number {
  if (!overSocket) return MAX_IMPORT_FILE_BYTES;
  return Math.min(MAX_IMPORT_FILE_BYTES, Math.floor(((MAX_SOCKET_MESSAGE_BYTES - MESSAGE_FRAMING_BYTES) * 3) / 4));
}

/** Names of files an operating system leaves in folders (Finder's, Explorer's, AppleDouble copies): skipped without a word. */
const SYSTEM_FILES = /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini|\._[^/]*|\.directory|\.localized)$/i;

/** True for a file a folder holds only because an operating system put it there (.DS_Store, Thumbs.db, ._name …). */
export function isSystemFile(name: string): boolean {
  return SYSTEM_FILES.test(name);
}

/** Files as candidates, system files left out, in the order given (a folder's in path order). */
export function candidatesOf(files: Iterable<{ name: string; size: number; webkitRelativePath?: string; arrayBuffer(): Promise<ArrayBuffer> }>): ImportCandidate[] {
  const candidates: ImportCandidate[] = [];
  for (const file of files) {
    const name = file.webkitRelativePath || file.name;
    if (isSystemFile(name)) continue;
    candidates.push({ name, size: file.size, read: async () => new Uint8Array(await file.arrayBuffer()) });
  }
  return candidates;
}

/** What an outcome counts as: imported when a run, a hand-in's answers or a notebook came in; else already present. */
export function outcomeKind(outcome: ImportOutcome): 'imported' | 'present' {
  if (outcome.imported.length > 0) return 'imported';
  if (outcome.handIn !== undefined) return outcome.handIn.status === 'older-kept' ? 'present' : 'imported';
  return (outcome.notebook?.merged ?? 0) > 0 ? 'imported' : 'present';
}

/** Imports `candidates`, IMPORTS_AT_ONCE at a time, starting them in order, and reports each file's result in that order. */
export async function runImportQueue(candidates: readonly ImportCandidate[], options: ImportQueueOptions): Promise<ImportReport> {
  const results: FileResult[] = [];
  const total = candidates.length;
  /** Indexes of the files being imported, in order. */
  const inFlight: number[] = [];
  let started = 0;
  let done = 0;
  let stopped = false;
  const report = () => options.onProgress?.({ done, total, current: inFlight.length > 0 ? candidates[inFlight[0]!]!.name : null });
  const importNext = async (): Promise<void> => {
    while (started < total && !stopped) {
      if (options.stopRequested?.()) {
        stopped = true;
        break;
      }
      const index = started++;
      inFlight.push(index);
      inFlight.sort((a, b) => a - b);
      report();
      results[index] = await importOne(candidates[index]!, options);
      inFlight.splice(inFlight.indexOf(index), 1);
      done++;
    }
    // Nothing more for this one to start: the tally as it stands (after the last file, current is null).
    report();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.atOnce ?? IMPORTS_AT_ONCE, total)) }, importNext));
  // Files start in order, so the first `started` have each a result.
  return { files: results.slice(0, started), notStarted: total - started };
}

async function importOne(candidate: ImportCandidate, options: ImportQueueOptions): Promise<FileResult> {
  const file = candidate.name;
  if (candidate.size !== null && candidate.size > options.maxFileBytes) return { file, kind: 'refused', refusal: { kind: 'too-large', size: candidate.size, limit: options.maxFileBytes } };
  try {
    const outcome = await options.importFile(await candidate.read());
    return { file, kind: outcomeKind(outcome), outcome };
  } catch (error) {
    return { file, kind: 'refused', refusal: { kind: 'message', message: messageOf(error) } };
  }
}
