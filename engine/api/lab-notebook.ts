import { z } from 'zod';
import { FORBIDDEN_KEY } from './untrusted-json';

/**
 * The lab notebook: the students' predictions and answers for the lab sheets, kept in the run
 * history beside the runs (one JSON value per sheet and key) and carried by export files on
 * request. This module is the contract's part of it, pure (no Node, no DOM beyond TextEncoder):
 * the limits and checks shared by the transports (LabApiArgs), the history and the import file.
 */

export const NOTEBOOK_LIMITS = {
  /** Characters of a sheet id ("04-initialization"). */
  sheetId: 64,
  /** Characters of an entry key ("prediction:init-which-learns"). */
  key: 128,
  /** UTF-8 bytes of an entry's value as JSON text. */
  valueBytes: 20 * 1024,
  /** Nesting of arrays and objects in a value. */
  valueDepth: 32,
  /** Entries in one export file. */
  entriesPerFile: 10_000,
} as const;

/** The notebook key of the student's name on a sheet's report (an imported file's notebook is kept under it: notebook-source.ts). */
export const STUDENT_NAME_KEY = 'report:student-name';

/** A sheet id: a letter or digit, then letters, digits, ".", "_" or "-". */
export const NOTEBOOK_SHEET_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** An entry key: a letter or digit, then letters, digits, ".", "_", ":" or "-". */
export const NOTEBOOK_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const NotebookSheetIdSchema = z
  .string()
  .regex(NOTEBOOK_SHEET_ID_PATTERN, `must be a lab sheet id: 1 to ${NOTEBOOK_LIMITS.sheetId} letters, digits, ".", "_" or "-", starting with a letter or digit`);
export const NotebookKeySchema = z
  .string()
  .regex(NOTEBOOK_KEY_PATTERN, `must be a notebook key: 1 to ${NOTEBOOK_LIMITS.key} letters, digits, ".", "_", ":" or "-", starting with a letter or digit`);

/** Any JSON value the notebook accepts (checked with notebookValueProblem). */
export const NotebookValueSchema = z.unknown().superRefine((value, ctx) => {
  const problem = notebookValueProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

/** One stored entry, as export files carry it. */
export interface NotebookEntry {
  sheetId: string;
  key: string;
  value: unknown;
  /** ISO 8601 UTC time of the last save; an import keeps the newer of two entries. */
  updatedAt: string;
}

/**
 * What a page believes a notebook key holds when it saves over it: nothing yet, or the value it
 * last read or saved. A save is refused when the store holds something else (another tab or
 * window saved meanwhile), so neither text is overwritten unseen.
 */
export type NotebookExpected = { stored: false } | { stored: true; value: unknown };

export const NotebookExpectedSchema = z.union([z.strictObject({ stored: z.literal(false) }), z.strictObject({ stored: z.literal(true), value: NotebookValueSchema })]);

/** A compare-and-set save's answer: saved, or refused with what the store holds (saved elsewhere at `updatedAt`). */
export type NotebookSaveOutcome = { saved: true } | { saved: false; stored: unknown; updatedAt: string };

/**
 * A lab notebook that came in an imported file, kept apart from the importer's own: whose it is
 * (the student's name the file gives, or the file), and its entries for one sheet.
 */
export interface ImportedNotebook {
  /** What identifies the source: `name:<student name, lower case>`, or `file:<hash>` for a file that names nobody. */
  sourceId: string;
  /** The student's name as the file gives it (the report's name field), or null. */
  studentName: string | null;
  /** When the source's newest file was imported, and when the newest of its files was made (ISO 8601 UTC). */
  importedAt: string;
  fileCreatedAt: string;
  /** The sheet's entries from that source, key → value. */
  entries: Record<string, unknown>;
}

/** Why a sheet id is refused, or null. */
export function notebookSheetIdProblem(sheetId: unknown): string | null {
  const result = NotebookSheetIdSchema.safeParse(sheetId);
  return result.success ? null : `the lab sheet id ${describe(sheetId)} ${result.error.issues[0]!.message}`;
}

/** Why an entry key is refused, or null. */
export function notebookKeyProblem(key: unknown): string | null {
  const result = NotebookKeySchema.safeParse(key);
  return result.success ? null : `the notebook key ${describe(key)} ${result.error.issues[0]!.message}`;
}

/**
 * Why `value` cannot be kept in the notebook, or null. A value must be plain JSON — null, a
 * boolean, a finite number, a string, or arrays and plain objects of those, at most 32 levels deep
 * — and at most 20 KB as JSON text. (Dates, Maps, typed arrays, undefined, NaN and the like would
 * not come back as they went in.)
 */
export function notebookValueProblem(value: unknown): string | null {
  const problem = plainJsonProblem(value, 0, 'the value');
  if (problem !== null) return problem;
  const bytes = utf8Length(JSON.stringify(value));
  if (bytes > NOTEBOOK_LIMITS.valueBytes) return `the value is ${bytes} bytes as JSON; a notebook entry can hold at most ${NOTEBOOK_LIMITS.valueBytes} bytes (20 KB)`;
  return null;
}

function plainJsonProblem(value: unknown, depth: number, where: string): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${where} is ${value}: a notebook entry holds finite numbers only`;
  if (typeof value !== 'object') return `${where} is ${value === undefined ? 'undefined' : `a ${typeof value}`}: a notebook entry holds JSON values only`;
  if (depth >= NOTEBOOK_LIMITS.valueDepth) return `${where} is nested more than ${NOTEBOOK_LIMITS.valueDepth} levels deep`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = plainJsonProblem(value[i], depth + 1, `${where}[${i}]`);
      if (problem !== null) return problem;
    }
    return null;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return `${where} is a ${(value).constructor?.name ?? 'special object'}: a notebook entry holds plain objects and arrays only`;
  for (const [key, item] of Object.entries(value)) {
    // An own __proto__ key survives JSON but not the next spread or devalue encoding (untrusted-json.ts).
    if (key === FORBIDDEN_KEY) return `${where} has a "__proto__" key, which a notebook entry cannot hold`;
    const problem = plainJsonProblem(item, depth + 1, `${where}.${key}`);
    if (problem !== null) return problem;
  }
  return null;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : typeof value;
}
