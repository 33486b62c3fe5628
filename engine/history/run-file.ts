import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { z } from 'zod';
import type { NotebookEntry } from '../api/lab-notebook';
import { parseRunSpec } from '../api/parse-run-spec';
import type { RunSpec } from '../api/run-spec';
import { SpecError, fieldPath, problemsFromZod, type FieldProblem } from '../api/spec-error';
import { ENGINE_VERSION } from '../version';
import type { ImportResult, RunHistory } from './run-history';
import type { RunRecord } from './run-record';
import { RUN_FILE_FORMAT, RUN_FILE_GENERATOR, RUN_FILE_VERSION, RUN_FILE_VERSION_WITHOUT_NOTEBOOK, RunFileEnvelopeSchema, RunFilePayloadSchema } from './run-file-schema';
import { weightsMismatch } from './weights-fit';
import { messageOf } from '../api/error-message';

/**
 * Export files: runs a student hands to a teacher. A file is gzip-compressed JSON:
 *
 * ```jsonc
 * { "format": "nnlab-runs", "formatVersion": 3, "appVersion": "0.1.0", "engineVersion": "0.1.0",
 *   "generator": "NN Lab", "createdAt": "2025-03-14T09:00:00.000Z",
 *   "payloadSha256": "<SHA-256 hex of JSON.stringify(payload)>",
 *   "payload": { "runs": [ { id, name, status, createdAt, …, spec, tags, notes,
 *                            steps: {step, epoch, loss, dataLoss}, evals: {…}, diagnostics: [ {step, epoch, layers} ],
 *                            networkSnapshots: [ {step, epoch, extent, resolution, predicted, …} ],
 *                            evalExtras: [ {step, confusion?, samples?} ],
 *                            weights: {…} | null } ],
 *                "notebook": [ { sheetId, key, value, updatedAt } ] } }
 * ```
 * (each run is a RunRecord). The lab notebook goes in only when the export asks for it
 * (`withNotebook`): all its entries, every sheet's. A file with a notebook is format 3; one
 * without is written as format 2, which it then matches exactly, so NN Lab versions from before
 * the notebook import it too. Formats 1 (no networkSnapshots, no evalExtras) and 2 are read.
 * Import checks everything before it touches the database, and merges notebook entries that are
 * new or newer than the stored ones (unless told not to take them).
 */

/** A file that cannot be imported; the message names what is wrong, and nothing was stored. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ImportError';
  }

  static fromProblems(problems: readonly FieldProblem[]): ImportError {
    const lines = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
    const shown = lines.slice(0, 5).join('\n');
    return new ImportError(`this file cannot be imported: ${shown}${lines.length > 5 ? `\n(and ${lines.length - 5} more problems)` : ''}`, problems);
  }
}

export interface ExportOptions {
  /** Also carry every lab notebook entry (the students' predictions and answers); default false. */
  withNotebook?: boolean;
  /** The app's version, written in the file (default: the engine version). */
  appVersion?: string;
  /** Milliseconds since the epoch for createdAt (default Date.now). */
  now?: () => number;
}

/**
 * These runs (ids or 8+ character prefixes) as an export file's bytes. Writes nothing to disk:
 * the caller writes the buffer (to a temporary file, then renames it).
 */
export function exportRuns(history: RunHistory, idsOrPrefixes: readonly string[], options: ExportOptions = {}): Buffer {
  const runs = history.readRecords(idsOrPrefixes);
  const payload = options.withNotebook === true ? { runs, notebook: history.notebookEntries() } : { runs };
  const payloadText = JSON.stringify(payload);
  const header = {
    format: RUN_FILE_FORMAT,
    formatVersion: options.withNotebook === true ? RUN_FILE_VERSION : RUN_FILE_VERSION_WITHOUT_NOTEBOOK,
    appVersion: options.appVersion ?? ENGINE_VERSION,
    engineVersion: ENGINE_VERSION,
    generator: RUN_FILE_GENERATOR,
    createdAt: new Date((options.now ?? Date.now)()).toISOString(),
    payloadSha256: sha256(payloadText),
  };
  // The payload's text is spliced in as serialized above, so the hash is of exactly these bytes.
  const text = `${JSON.stringify(header).slice(0, -1)},"payload":${payloadText}}`;
  return gzipSync(Buffer.from(text, 'utf8'));
}

export interface ImportOptions {
  /** Merge the file's lab notebook entries, if it has any (default true). */
  withNotebook?: boolean;
  /** Largest compressed file accepted (default 256 MB). */
  maxCompressedBytes?: number;
  /** Largest decompressed JSON accepted (default 512 MB); decompression stops there. */
  maxDecompressedBytes?: number;
}

export const MAX_COMPRESSED_BYTES = 256 * 1024 * 1024;
export const MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024;
/**
 * Deepest nesting of arrays and objects accepted. JSON.parse takes any depth, but the checksum
 * (JSON.stringify) and the validators walk values recursively and would overflow the stack on a
 * file of a few hundred kilobytes of "[[[[…": the file is refused before either sees it. A real
 * file goes 11 levels deep in its diagnostics and at most 36 in a notebook answer (32 allowed).
 */
export const MAX_NESTING = 64;

/**
 * Imports an export file: decompress (within the size caps), parse, validate everything — the
 * format and its version, the payload's SHA-256, every run's fields, series and spec, the
 * notebook's entries — and only then insert all new runs, and merge the notebook entries that are
 * new or newer than the stored ones, in ONE transaction. Runs whose id is already stored are
 * skipped and reported. Runs exported while queued or running come in as `interrupted`.
 * Throws ImportError naming the problem (e.g. `payload.runs[2].steps.loss[17]: must be a number`);
 * the database is then unchanged.
 */
export function importRuns(history: RunHistory, data: Uint8Array, options: ImportOptions = {}): ImportResult {
  const { runs, notebook } = readRunFileContent(data, options);
  return history.insertRecords(runs, options.withNotebook === false ? undefined : notebook);
}

/** Decompresses, parses and validates an export file's bytes into records ready to insert. */
export function readRunFile(data: Uint8Array, options: ImportOptions = {}): RunRecord[] {
  return readRunFileContent(data, options).runs;
}

/** What an export file holds, validated: its runs, and its notebook entries when it has them. */
export interface RunFileContent {
  runs: RunRecord[];
  notebook?: NotebookEntry[];
}

/** Decompresses, parses and validates an export file's bytes: records ready to insert and notebook entries ready to merge. */
export function readRunFileContent(data: Uint8Array, options: ImportOptions = {}): RunFileContent {
  const maxCompressed = options.maxCompressedBytes ?? MAX_COMPRESSED_BYTES;
  const maxDecompressed = options.maxDecompressedBytes ?? MAX_DECOMPRESSED_BYTES;
  if (data.length > maxCompressed) {
    throw new ImportError(`this file is too large to import (${megabytes(data.length)}; at most ${megabytes(maxCompressed)})`);
  }
  if (data.length < 2 || data[0] !== 0x1f || data[1] !== 0x8b) {
    throw new ImportError('this is not an NN Lab runs file: it is not gzip-compressed (export files end in .nnlab and are made by "Export runs")');
  }
  let text: string;
  try {
    text = gunzipSync(data, { maxOutputLength: maxDecompressed }).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new ImportError(`this file is too large to import: it unpacks to more than ${megabytes(maxDecompressed)}`);
    }
    throw new ImportError(`this file is damaged or incomplete: it cannot be decompressed (${messageOf(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`this file is damaged: its content is not valid JSON (${messageOf(error)})`);
  }
  if (nestedDeeperThan(json, MAX_NESTING)) {
    throw new ImportError(`this file is damaged: its content is nested more than ${MAX_NESTING} levels deep (an export file needs at most about 40)`);
  }
  const { payload, formatVersion } = checkEnvelope(json);
  return checkPayload(payload, formatVersion);
}

/** The format, its version and the payload's hash; returns the version and the (unvalidated) payload. */
function checkEnvelope(json: unknown): { payload: unknown; formatVersion: number } {
  const format = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (format === null || format.format !== RUN_FILE_FORMAT) {
    throw new ImportError(`this is not an NN Lab runs file (its "format" is ${describe(format?.format)}, expected "${RUN_FILE_FORMAT}")`);
  }
  const formatVersion = format.formatVersion;
  if (typeof formatVersion === 'number' && Number.isInteger(formatVersion) && formatVersion > RUN_FILE_VERSION) {
    const by = typeof format.appVersion === 'string' ? ` ${format.appVersion.slice(0, 40)}` : '';
    throw new ImportError(
      `this file was made by a newer NN Lab${by} (runs file format ${formatVersion}; this version reads formats up to ${RUN_FILE_VERSION}): update NN Lab to import it`,
    );
  }
  const envelope = RunFileEnvelopeSchema.safeParse(json);
  if (!envelope.success) throw ImportError.fromProblems(problems(envelope.error, ''));
  if (sha256(JSON.stringify(envelope.data.payload)) !== envelope.data.payloadSha256) {
    throw new ImportError('this file is damaged or was edited: its content does not match its checksum (payloadSha256)');
  }
  return { payload: envelope.data.payload, formatVersion: envelope.data.formatVersion };
}

/** Every run's fields and series, then each spec (parseRunSpec) and how the parts fit together; the notebook's entries. */
function checkPayload(payload: unknown, formatVersion: number): RunFileContent {
  const parsed = RunFilePayloadSchema.safeParse(payload);
  if (!parsed.success) throw ImportError.fromProblems(problems(parsed.error, 'payload'));
  const found: FieldProblem[] = [];
  const { notebook } = parsed.data;
  if (notebook !== undefined && formatVersion < 3) {
    found.push({ field: 'payload.notebook', message: `appears in a runs file of format ${formatVersion}; notebooks came with format 3` });
  }
  const seen = new Set<string>();
  const records = parsed.data.runs.map((run, i): RunRecord | null => {
    const at = `payload.runs[${i}]`;
    if (seen.has(run.id)) found.push({ field: `${at}.id`, message: `repeats the id of an earlier run (${run.id})` });
    seen.add(run.id);
    let spec;
    try {
      spec = parseRunSpec(run.spec);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      found.push(...error.problems.map((p) => ({ field: p.field ? `${at}.spec.${p.field}` : `${at}.spec`, message: p.message })));
      return null;
    }
    if (run.dataset !== null && run.dataset.name !== spec.dataset.name) {
      found.push({ field: `${at}.dataset.name`, message: `is "${run.dataset.name}", but the spec's dataset is "${spec.dataset.name}"` });
    }
    if (run.weights !== null) {
      const mismatch = weightsMismatch(spec, run.weights, run.dataset?.inputSize ?? null);
      if (mismatch !== null) found.push({ field: `${at}.weights`, message: mismatch });
    }
    const interrupted = run.status === 'queued' || run.status === 'running';
    return {
      ...run,
      // A spec that parsing leaves unchanged is kept as written, so its stored text (key order) round-trips.
      spec: isDeepStrictEqual(spec, run.spec) ? (run.spec as RunSpec) : spec,
      status: interrupted ? 'interrupted' : run.status,
      message: interrupted && run.message === null ? 'interrupted: the run was still going when it was exported' : run.message,
    };
  });
  if (found.length > 0) throw ImportError.fromProblems(found);
  return { runs: records as RunRecord[], ...(notebook === undefined ? {} : { notebook }) };
}

function problems(error: z.ZodError, prefix: string): FieldProblem[] {
  return problemsFromZod(error).map((p, i) => {
    const path = fieldPath(error.issues[i]!.path);
    const field = prefix === '' ? path : path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
    return { field, message: p.message };
  });
}

/** Whether `value` nests arrays or objects more than `max` levels deep; iterative, so any depth can be measured. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: { node: object; depth: number }[] = value !== null && typeof value === 'object' ? [{ node: value, depth: 1 }] : [];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') pending.push({ node: child as object, depth: depth + 1 });
    }
  }
  return false;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 3 : 0)} MB`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  return typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
}
