import { z } from 'zod';
import { StudentIdentitySchema, type HandInStamp, type LabPack, type StudentIdentity } from '../api/lab-pack';
import { PACK_LIMITS, packSchemaParts } from '../api/lab-pack';
import { writeEnvelopedFile, zodProblems, type KnownFormat } from './enveloped-file';
import { ImportError } from './import-error';
import { UUID_PATTERN } from './limits';
import { MAX_DECOMPRESSED_BYTES, checkRunPayload, type RunFileContent } from './run-file';
import type { RunHistory } from './run-history';

/**
 * Hand-in files: one student's work on one lab pack, in the envelope every NN Lab file has
 * (enveloped-file.ts) with format "nnlab-handin". The payload is a runs file's payload (exactly
 * the pack's runs, and the notebook entries of the pack's sheets only) with the stamp: the pack it
 * answers and the student who made it. Its runs and notebook are validated as a runs file's are.
 */

export const HAND_IN_FORMAT = 'nnlab-handin';
export const HAND_IN_VERSION = 1;
export const HAND_IN_KIND: KnownFormat = { format: HAND_IN_FORMAT, versions: [HAND_IN_VERSION], noun: 'hand-in' };

const StampSchema = z.strictObject({
  packId: z.string().regex(UUID_PATTERN, 'must be a uuid').transform((id) => id.toLowerCase()),
  packTitle: packSchemaParts.shown(PACK_LIMITS.title, 'a title'),
  student: StudentIdentitySchema,
});

/** A hand-in, validated: its runs and notebook as a runs file's, and whose and for which pack. */
export interface HandInContent extends RunFileContent {
  stamp: Omit<HandInStamp, 'status'>;
}

/**
 * The hand-in of `student` for `pack`: every run stored as belonging to the pack, and the own
 * notebook's entries of the pack's sheets (not other sheets' answers).
 *
 * The runs go without their final weights: nothing a teacher does with a class (the class view,
 * compare, replay, re-run, the claims) reads them, and they are most of an MNIST run's size (a
 * 10-layer run's 170,410 float32 weights are about 0.6 of its 1.2 MB stored), so a class's
 * hand-ins and the teacher's history are about half as large. A student who wants to share a
 * trained network exports the run as a run file, which keeps them.
 */
export function writeHandIn(history: RunHistory, pack: LabPack, student: StudentIdentity, options: { appVersion?: string; now?: () => number } = {}): { data: Buffer; runs: number; entries: number } {
  const sheetIds = new Set(pack.sheets.map((sheet) => sheet.id));
  const runs = history.readRecords(history.runIdsOfPack(pack.id)).map((run) => ({ ...run, weights: null }));
  const notebook = history.notebookEntries().filter((entry) => sheetIds.has(entry.sheetId));
  const payload = { packId: pack.id, packTitle: pack.title, student, runs, notebook };
  const data = writeEnvelopedFile(HAND_IN_FORMAT, HAND_IN_VERSION, payload, {
    ...options,
    maxContent: { bytes: MAX_DECOMPRESSED_BYTES, refusal: (size, limit) => `this hand-in's ${runs.length} runs make ${size} MB, more than a file may hold (${limit} MB): delete runs of this lab you do not hand in, then try again` },
  });
  return { data, runs: runs.length, entries: notebook.length };
}

/** Checks a hand-in's payload: the stamp, then the runs and notebook as a runs file's (format 3). Throws ImportError. */
export function checkHandInPayload(payload: unknown, now: number): Omit<HandInContent, 'file'> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw ImportError.fromProblems([{ field: 'payload', message: 'must be an object' }]);
  const { runs, notebook, ...stamp } = payload as Record<string, unknown>;
  const parsed = StampSchema.safeParse(stamp);
  if (!parsed.success) throw ImportError.fromProblems(zodProblems(parsed.error, 'payload'));
  return { ...checkRunPayload({ runs, ...(notebook === undefined ? {} : { notebook }) }, 3, now, 'payload'), stamp: parsed.data };
}
