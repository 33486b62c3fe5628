import { z } from 'zod';
import { StudentIdentitySchema, type HandInStamp, type LabPack, type StudentIdentity } from '../api/lab-pack';
import { PACK_LIMITS, packSchemaParts } from '../api/lab-pack';
import { writeEnvelopedFile, zodProblems, type KnownFormat } from './enveloped-file';
import { ImportError } from './import-error';
import { UUID_PATTERN } from './limits';
import { checkPackPayload } from './lab-pack-file';
import { MAX_DECOMPRESSED_BYTES, checkRunPayload, type RunFileContent } from './run-file';
import type { RunHistory } from './run-history';

/**
 * Hand-in files: one student's work on one lab pack, in the envelope every NN Lab file has
 * (enveloped-file.ts) with format "nnlab-handin". The payload is a runs file's payload (exactly
 * the pack's runs, and the notebook entries of the pack's sheets only) with the stamp: the pack it
 * answers and the student who made it. Its runs and notebook are validated as a runs file's are.
 *
 * It also carries the pack itself (`pack`, checked as a pack file's payload is), so a teacher's
 * history that never opened the pack (it was made on another PC, or with `nnlab pack create`)
 * still knows the pack its hand-ins answer and can show the class. Files from before carry none.
 */

export const HAND_IN_FORMAT = 'nnlab-handin';
/** 2: runs may carry step times (`steps.elapsedMs`); a hand-in whose runs have none is written as 1. */
export const HAND_IN_VERSION = 2;
export const HAND_IN_VERSION_WITHOUT_STEP_TIMES = 1;
export const HAND_IN_KIND: KnownFormat = { format: HAND_IN_FORMAT, versions: [HAND_IN_VERSION_WITHOUT_STEP_TIMES, HAND_IN_VERSION], noun: 'hand-in' };

const StampSchema = z.strictObject({
  packId: z.string().regex(UUID_PATTERN, 'must be a uuid').transform((id) => id.toLowerCase()),
  packTitle: packSchemaParts.shown(PACK_LIMITS.title, 'a title'),
  student: StudentIdentitySchema,
});

/** A hand-in, validated: its runs and notebook as a runs file's, and whose and for which pack. */
export interface HandInContent extends RunFileContent {
  stamp: Omit<HandInStamp, 'status'>;
  /** The pack the hand-in answers, as the student had it (absent in hand-ins made before it was carried). */
  pack?: LabPack;
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
  const payload = { packId: pack.id, packTitle: pack.title, student, pack, runs, notebook };
  const version = runs.some((run) => run.steps.elapsedMs !== undefined) ? HAND_IN_VERSION : HAND_IN_VERSION_WITHOUT_STEP_TIMES;
  const data = writeEnvelopedFile(HAND_IN_FORMAT, version, payload, {
    ...options,
    maxContent: { bytes: MAX_DECOMPRESSED_BYTES, refusal: (size, limit) => `this hand-in's ${runs.length} runs make ${size} MB, more than a file may hold (${limit} MB): delete runs of this lab you do not hand in, then try again` },
  });
  return { data, runs: runs.length, entries: notebook.length };
}

/** Checks a hand-in's payload: the stamp, then the runs and notebook as a runs file's (format 3). Throws ImportError. */
export function checkHandInPayload(payload: unknown, now: number): Omit<HandInContent, 'file'> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw ImportError.fromProblems([{ field: 'payload', message: 'must be an object' }]);
  const { runs, notebook, pack, ...stamp } = payload as Record<string, unknown>;
  const parsed = StampSchema.safeParse(stamp);
  if (!parsed.success) throw ImportError.fromProblems(zodProblems(parsed.error, 'payload'));
  const carried = pack === undefined ? undefined : checkCarriedPack(pack, parsed.data.packId, now);
  return { ...checkRunPayload({ runs, ...(notebook === undefined ? {} : { notebook }) }, 3, now, 'payload'), stamp: parsed.data, ...(carried === undefined ? {} : { pack: carried }) };
}

/** The pack a hand-in carries, checked as a pack file's payload; it must be the pack the stamp names. */
function checkCarriedPack(pack: unknown, packId: string, now: number): LabPack {
  let checked: LabPack;
  try {
    checked = checkPackPayload(pack, now);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    throw ImportError.fromProblems(error.problems.map((p) => ({ ...p, field: p.field.replace(/^payload/, 'payload.pack') })));
  }
  if (checked.id !== packId) throw ImportError.fromProblems([{ field: 'payload.pack.id', message: `is "${checked.id}", not the pack the hand-in answers ("${packId}")` }]);
  return checked;
}
