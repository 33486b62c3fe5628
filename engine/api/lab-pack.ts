import { z } from 'zod';
import { plainText } from './plain-text';
import type { RunSpec } from './run-spec';

/**
 * The class's part of the contract: lab packs a teacher hands out, the student identity kept on
 * the PC, and hand-ins (one file per student and pack). Pure: the shapes and the limits shared by
 * the transports (LabApiArgs), the pack file (engine/history/lab-pack-file.ts) and the history.
 */

export const PACK_LIMITS = {
  title: 200,
  className: 200,
  teacher: 200,
  note: 4_000,
  /** Characters of an own sheet's title, and of its text per language. */
  sheetTitle: 200,
  sheetText: 50_000,
  sheets: 50,
  presets: 100,
  specs: 50,
  studentName: 100,
  studentNumber: 32,
} as const;

/** A student as the PC knows them: what every run made here and every hand-in is stamped with. */
export interface StudentIdentity {
  name: string;
  number: string;
}

/** Text in Korean and/or English (at least one). */
export interface PackText {
  ko?: string;
  en?: string;
}

/** A sheet of a pack: one of NN Lab's (by id) or the teacher's own text, with the id its notebook is kept under. */
export type PackSheet = { kind: 'built-in'; id: string } | { kind: 'own'; id: string; title: PackText; text: PackText };

/** A lab pack's content (what the `.nnlabpack` file carries, checked). */
export interface LabPack {
  id: string;
  title: string;
  className: string;
  teacher: string;
  note: string | null;
  /** YYYY-MM-DD, or null. */
  due: string | null;
  sheets: PackSheet[];
  presets: string[];
  specs: RunSpec[];
  /** When this version of the pack was made (ISO 8601 UTC): a later one of the same id replaces it. */
  updatedAt: string;
}

/** A stored pack as lists show it: the pack's fields, with its sheets, presets and specs counted. */
export interface PackSummary extends Omit<LabPack, 'sheets' | 'presets' | 'specs'> {
  openedAt: string;
  sheets: number;
  presets: number;
  specs: number;
}

/** What opening a pack file did: new, the same version already there, a newer version stored, or an older one left out. */
export interface PackOpenOutcome {
  id: string;
  title: string;
  status: 'added' | 'already-present' | 'updated' | 'older-kept';
}

/** What a hand-in import did for its student (beside the runs imported and skipped). */
export interface HandInStamp {
  packId: string;
  packTitle: string;
  student: StudentIdentity;
  /** A first hand-in of this student for this pack, a newer one replacing their notebook, or an older/same one left out. */
  status: 'new' | 'updated' | 'older-kept';
}

const shown = (max: number, what: string) =>
  z
    .string()
    .max(max, `must have at most ${max} characters`)
    .transform((text) => plainText(text).trim())
    .refine((text) => text !== '', `${what} cannot be empty`);

export const StudentIdentitySchema = z.strictObject({
  name: shown(PACK_LIMITS.studentName, 'a name'),
  number: shown(PACK_LIMITS.studentNumber, 'a student number'),
});

export const DUE_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const dueDate = z
  .string()
  .regex(DUE_DATE_PATTERN, 'must be a date such as 2025-03-14')
  .refine((date) => !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date), 'is not a real date');

const packText = (max: number) =>
  z
    .strictObject({ ko: z.string().max(max, `must have at most ${max} characters`).optional(), en: z.string().max(max, `must have at most ${max} characters`).optional() })
    .refine((text) => (text.ko ?? '').trim() !== '' || (text.en ?? '').trim() !== '', 'needs a Korean or an English text');

/** What a teacher gives to make a pack (createPack): built-in sheet ids or own sheets, preset ids, specs (checked by parseRunSpec). */
export const NewPackSchema = z.strictObject({
  title: shown(PACK_LIMITS.title, 'a title'),
  className: shown(PACK_LIMITS.className, 'a class name'),
  teacher: z.string().max(PACK_LIMITS.teacher).transform((text) => plainText(text).trim()).optional(),
  note: z.string().max(PACK_LIMITS.note).transform((text) => plainText(text, { multiline: true })).optional(),
  due: dueDate.optional(),
  sheets: z
    .array(z.union([z.string().max(64), z.strictObject({ title: packText(PACK_LIMITS.sheetTitle), text: packText(PACK_LIMITS.sheetText) })]))
    .max(PACK_LIMITS.sheets)
    .optional(),
  presets: z.array(z.string().max(64)).max(PACK_LIMITS.presets).optional(),
  specs: z.array(z.unknown()).max(PACK_LIMITS.specs).optional(),
});
export type NewPack = z.input<typeof NewPackSchema>;

/** The schema's pieces the pack file reuses. */
export const packSchemaParts = { shown, dueDate, packText };
