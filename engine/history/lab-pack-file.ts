import { z } from 'zod';
import { PACK_LIMITS, packSchemaParts, type LabPack } from '../api/lab-pack';
import { NOTEBOOK_SHEET_ID_PATTERN } from '../api/lab-notebook';
import { parseRunSpec } from '../api/parse-run-spec';
import { plainText } from '../api/plain-text';
import { SpecError, type FieldProblem } from '../api/spec-error';
import { futureTimeProblem, timestampSchema, writeEnvelopedFile, zodProblems, type EnvelopeLimits, type KnownFormat } from './enveloped-file';
import { ImportError } from './import-error';
import { UUID_PATTERN } from './limits';

/**
 * Lab pack files (`.nnlabpack`): what a teacher hands out, in the envelope every NN Lab file has
 * (enveloped-file.ts) with format "nnlab-pack". The payload is a LabPack. It is untrusted input:
 * every text is plain text (plainText), every spec goes through parseRunSpec, sheet and preset ids
 * are short ids (which of them NN Lab knows is the service's check: it knows the lab content).
 */

export const PACK_FILE_FORMAT = 'nnlab-pack';
export const PACK_FILE_VERSION = 1;
export const PACK_FILE_KIND: KnownFormat = { format: PACK_FILE_FORMAT, versions: [PACK_FILE_VERSION], noun: 'lab pack' };

/**
 * A pack is a few sheets of text and specs: 16 MB holds the largest (50 specs with inline
 * datasets, 50 own sheets of 50,000 characters in two languages); the shape limits are those of a
 * runs file scaled to it.
 */
export const PACK_FILE_LIMITS: EnvelopeLimits = { maxCompressedBytes: 16 * 1024 * 1024, maxDecompressedBytes: 16 * 1024 * 1024, shape: { maxDepth: 64, maxContainers: 200_000, maxValues: 4_000_000 } };

const { shown, dueDate, packText } = packSchemaParts;
const sheetId = z.string().regex(NOTEBOOK_SHEET_ID_PATTERN, 'must be a lab sheet id (letters, digits, ".", "_" or "-", at most 64)');
const plainPackText = (max: number) => packText(max).transform((text) => ({ ...(text.ko === undefined ? {} : { ko: plainText(text.ko, { multiline: true }) }), ...(text.en === undefined ? {} : { en: plainText(text.en, { multiline: true }) }) }));

const PackPayloadSchema = z.strictObject({
  id: z.string().regex(UUID_PATTERN, 'must be a uuid').transform((id) => id.toLowerCase()),
  title: shown(PACK_LIMITS.title, 'a title'),
  className: shown(PACK_LIMITS.className, 'a class name'),
  teacher: z.string().max(PACK_LIMITS.teacher).transform((text) => plainText(text).trim()),
  note: z.string().max(PACK_LIMITS.note).transform((text) => plainText(text, { multiline: true })).nullable(),
  due: dueDate.nullable(),
  sheets: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('built-in'), id: sheetId }),
        z.strictObject({ kind: z.literal('own'), id: sheetId, title: plainPackText(PACK_LIMITS.sheetTitle), text: plainPackText(PACK_LIMITS.sheetText) }),
      ]),
    )
    .max(PACK_LIMITS.sheets),
  presets: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a preset id')).max(PACK_LIMITS.presets),
  specs: z.array(z.unknown()).max(PACK_LIMITS.specs),
  updatedAt: timestampSchema,
});

/** A pack's file bytes. */
export function writePackFile(pack: LabPack, options: { appVersion?: string; now?: () => number } = {}): Buffer {
  return writeEnvelopedFile(PACK_FILE_FORMAT, PACK_FILE_VERSION, pack, options);
}

/** Checks a pack file's payload: its fields, then every spec (parseRunSpec) and repeated ids. Throws ImportError. */
export function checkPackPayload(payload: unknown, now: number): LabPack {
  const parsed = PackPayloadSchema.safeParse(payload);
  if (!parsed.success) throw ImportError.fromProblems(zodProblems(parsed.error, 'payload'));
  const found: FieldProblem[] = [];
  const specs = parsed.data.specs.map((spec, i) => {
    try {
      return parseRunSpec(spec);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      found.push(...error.problems.map((p) => ({ field: p.field ? `payload.specs[${i}].${p.field}` : `payload.specs[${i}]`, message: p.message })));
      return null;
    }
  });
  const ids = parsed.data.sheets.map((sheet) => sheet.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) found.push({ field: `payload.sheets[${i}].id`, message: `repeats the sheet "${id}"` });
  });
  const future = futureTimeProblem(parsed.data.updatedAt, now);
  if (future !== null) found.push({ field: 'payload.updatedAt', message: future });
  if (found.length > 0) throw ImportError.fromProblems(found);
  return { ...parsed.data, specs: specs as LabPack['specs'] };
}
