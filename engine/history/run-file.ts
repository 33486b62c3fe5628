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
import { plainText } from '../api/plain-text';
import { forbiddenKeyPath, mayHoldForbiddenKey } from '../api/untrusted-json';
import { jsonShapeProblem, type JsonShapeLimits } from './json-shape';
import { notebookSource } from './notebook-source';
import { HistoryError } from './history-error';

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
  /** Largest file content written (default MAX_DECOMPRESSED_BYTES: what an import accepts). */
  maxDecompressedBytes?: number;
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
  const text = Buffer.from(`${JSON.stringify(header).slice(0, -1)},"payload":${payloadText}}`, 'utf8');
  // A file the importer would refuse is no use to the student it is handed to.
  const limit = options.maxDecompressedBytes ?? MAX_DECOMPRESSED_BYTES;
  if (text.length > limit) {
    const mb = (bytes: number) => Math.ceil(bytes / (1024 * 1024));
    throw new HistoryError('invalid-argument', `these ${runs.length} runs make ${mb(text.length)} MB, more than a run file may hold (${mb(limit)} MB): export fewer runs at once`);
  }
  return gzipSync(text);
}

export interface ImportOptions {
  /** Keep the file's lab notebook entries, if it has any, apart under the file's source (default true). */
  withNotebook?: boolean;
  /** Largest compressed file accepted (default MAX_COMPRESSED_BYTES). */
  maxCompressedBytes?: number;
  /** Largest decompressed JSON accepted (default MAX_DECOMPRESSED_BYTES); decompression stops there. */
  maxDecompressedBytes?: number;
  /** Milliseconds since the epoch (default Date.now): times later than this plus a day are refused. */
  now?: () => number;
}

/** Largest compressed file accepted: as large as the decompressed cap (numbers' digits compress little). */
export const MAX_COMPRESSED_BYTES = 256 * 1024 * 1024;
/**
 * Largest decompressed JSON accepted: 256 MB. The spec alone does not bound a run (100 million
 * iterations would be allowed), so the cap comes from what the trainer records for the heaviest
 * run a lab does, as JSON: 200 network snapshots (the most a run keeps) of a 2-D network at the
 * snapshot limits (40² boundary cells, 64 neuron thumbnails of 16², 20,000 weights at ~11
 * characters) ≈ 0.3 MB each, 60 MB; 100,000 steps ≈ 7 MB; diagnostics every 50 steps of 8 layers
 * ≈ 25 MB; the final weights of a 784-1024-1024-10 MNIST network ≈ 20 MB: ~110 MB. 256 MB holds
 * that run twice over, or a class's worth of ordinary runs (0.1-5 MB each). Gunzip stops as soon
 * as the output passes it (zlib's maxOutputLength), so a zip bomb costs no more than this.
 */
export const MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;
/**
 * The structure a file may have, counted on its bytes before JSON.parse builds anything (json-shape.ts).
 * Depth: JSON.parse takes any depth, but the checksum (JSON.stringify) and the validators walk
 * values recursively and would overflow the stack on a few hundred kilobytes of "[[[[…"; a real
 * file goes 11 levels deep in its diagnostics and at most 36 in a notebook answer (32 allowed).
 * Containers: the run above has ~200,000 arrays and objects (a diagnostics snapshot's layer is 9,
 * a snapshot's neuron 2, a weights row 1), so 2 million leave room for ten such runs, and cost at
 * most a few hundred megabytes once parsed, where 100 MB of `[{},{},…]` is 33 million objects and
 * 5.4 GB. Values: numbers are most of a real file, at 8 or more characters each with their
 * comma (4-digit grid values, float32 weights, float64 losses), so 32 million fill the whole cap,
 * while 256 MB of "0," would be 128 million. At the caps, a file (28 million numbers, 252 MB)
 * reads in 23 s with the process peaking at 2.9 GB; in the import reader's process, whose heap
 * (run-file-reader.ts) is 1.5 GB, the largest real export inside the caps reads at 1.8 GB of RSS.
 */
export const JSON_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 64, maxContainers: 2_000_000, maxValues: 32_000_000 };
/** Kept for callers that name it: the deepest nesting accepted. */
export const MAX_NESTING = JSON_SHAPE_LIMITS.maxDepth;
/** How far in the future a time in a file may be (clocks of two PCs disagree); later is refused. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/**
 * Imports an export file: decompress (within the size caps), parse, validate everything — the
 * format and its version, the payload's SHA-256, every run's fields, series and spec, the
 * notebook's entries — and only then insert all new runs, and keep the notebook entries apart
 * under the file's source (never in the importer's own notebook: notebook-source.ts), in ONE
 * transaction. Runs whose id is already stored are skipped and reported. Runs exported while
 * queued or running come in as `interrupted`. Throws ImportError naming the problem (e.g.
 * `payload.runs[2].steps.loss[17]: must be a number`); the database is then unchanged.
 *
 * This runs on the calling thread: the app and the CLI read files with readRunFileApart
 * (engine/service/run-file-reader.ts, a child process), then call storeRunFileContent.
 */
export function importRuns(history: RunHistory, data: Uint8Array, options: ImportOptions = {}): ImportResult {
  return storeRunFileContent(history, readRunFileContent(data, options), options);
}

/** Stores what readRunFileContent validated: the new runs, and the notebook apart under its source (unless withNotebook is false). */
export function storeRunFileContent(history: RunHistory, content: RunFileContent, options: { withNotebook?: boolean } = {}): ImportResult {
  const notebook = options.withNotebook === false || content.notebook === undefined ? undefined : { source: notebookSource(content.notebook, content.file), entries: content.notebook };
  return history.insertRecords(content.runs, notebook);
}

/** Decompresses, parses and validates an export file's bytes into records ready to insert. */
export function readRunFile(data: Uint8Array, options: ImportOptions = {}): RunRecord[] {
  return readRunFileContent(data, options).runs;
}

/** What an export file holds, validated: its runs, its notebook entries when it has them, and what identifies the file. */
export interface RunFileContent {
  runs: RunRecord[];
  notebook?: NotebookEntry[];
  file: RunFileIdentity;
}

/** Decompresses, parses and validates an export file's bytes: records ready to insert and notebook entries ready to keep. */
export function readRunFileContent(data: Uint8Array, options: ImportOptions = {}): RunFileContent {
  const maxCompressed = options.maxCompressedBytes ?? MAX_COMPRESSED_BYTES;
  const maxDecompressed = options.maxDecompressedBytes ?? MAX_DECOMPRESSED_BYTES;
  if (data.length > maxCompressed) {
    throw new ImportError(`this file is too large to import (${megabytes(data.length)}; at most ${megabytes(maxCompressed)})`);
  }
  if (data.length < 2 || data[0] !== 0x1f || data[1] !== 0x8b) {
    throw new ImportError('this is not an NN Lab runs file: it is not gzip-compressed (export files end in .nnlab and are made by "Export runs")');
  }
  let bytes: Buffer;
  try {
    bytes = gunzipSync(data, { maxOutputLength: maxDecompressed });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new ImportError(`this file is too large to import: it unpacks to more than ${megabytes(maxDecompressed)}`);
    }
    throw new ImportError(`this file is damaged or incomplete: it cannot be decompressed (${messageOf(error)})`);
  }
  const shapeProblem = jsonShapeProblem(bytes, JSON_SHAPE_LIMITS);
  if (shapeProblem !== null) throw new ImportError(`this file is not one NN Lab exported, or it is damaged: ${shapeProblem}`);
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`this file is damaged: its content is not valid JSON (${messageOf(error)})`);
  }
  if (mayHoldForbiddenKey(text)) {
    const where = forbiddenKeyPath(json, '');
    if (where !== null) throw new ImportError(`this file cannot be imported: ${where === '' ? 'the file' : where} has a "__proto__" key, which is not accepted`);
  }
  const now = (options.now ?? Date.now)();
  const { payload, formatVersion, file } = checkEnvelope(json, now);
  return { ...checkPayload(payload, formatVersion, now), file };
}

/** What tells one export file from another: when it was made, and its content's hash. */
export interface RunFileIdentity {
  createdAt: string;
  payloadSha256: string;
}

/** The format, its version and the payload's hash; returns the version and the (unvalidated) payload. */
function checkEnvelope(json: unknown, now: number): { payload: unknown; formatVersion: number; file: RunFileIdentity } {
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
  const future = futureTimeProblem(envelope.data.createdAt, now);
  if (future !== null) throw ImportError.fromProblems([{ field: 'createdAt', message: future }]);
  return { payload: envelope.data.payload, formatVersion: envelope.data.formatVersion, file: { createdAt: envelope.data.createdAt, payloadSha256: envelope.data.payloadSha256 } };
}

/**
 * Why a time is refused as being in the future, or null. Times decide which of two notebook
 * entries is newer: an entry stamped 9999-12-31 would win against every later real one.
 */
function futureTimeProblem(time: string, now: number): string | null {
  return Date.parse(time) > now + CLOCK_SKEW_MS ? `is ${time}, in the future (this computer's clock says ${new Date(now).toISOString()}); a file cannot be from later than a day from now` : null;
}

/** Every run's fields and series, then each spec (parseRunSpec) and how the parts fit together; the notebook's entries. */
function checkPayload(payload: unknown, formatVersion: number, now: number): Omit<RunFileContent, 'file'> {
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
    for (const field of ['createdAt', 'startedAt', 'endedAt'] as const) {
      const time = run[field];
      const future = time === null ? null : futureTimeProblem(time, now);
      if (future !== null) found.push({ field: `${at}.${field}`, message: future });
    }
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
    found.push(...activationLabelProblems(run.diagnostics, spec, at));
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
  notebook?.forEach((entry, i) => {
    const future = futureTimeProblem(entry.updatedAt, now);
    if (future !== null) found.push({ field: `payload.notebook[${i}].updatedAt`, message: future });
  });
  if (found.length > 0) throw ImportError.fromProblems(found);
  const shown = notebook?.map((entry) => ({ ...entry, value: shownValue(entry.value) }));
  return { runs: records as RunRecord[], ...(shown === undefined ? {} : { notebook: shown }) };
}

/**
 * Each diagnostics layer's activation name is a chart's label: it must be the activation of the
 * spec's layer it describes (the schema already allows only the engine's activation names).
 */
function activationLabelProblems(diagnostics: readonly { layers: readonly { layer: number; activationName: string }[] }[], spec: RunSpec, at: string): FieldProblem[] {
  for (let s = 0; s < diagnostics.length; s++) {
    const layers = diagnostics[s]!.layers;
    for (let l = 0; l < layers.length; l++) {
      const { layer, activationName } = layers[l]!;
      const expected = spec.layers[layer]?.activation;
      if (expected === undefined) return [{ field: `${at}.diagnostics[${s}].layers[${l}].layer`, message: `is ${layer}, but the spec has ${spec.layers.length} layers` }];
      if (activationName !== expected) return [{ field: `${at}.diagnostics[${s}].layers[${l}].activationName`, message: `is "${activationName}", but layer ${layer} of the spec uses "${expected}"` }];
    }
  }
  return [];
}

/** A notebook value with every string in it as plainText keeps it (answers keep their lines). */
function shownValue(value: unknown): unknown {
  if (typeof value === 'string') return plainText(value, { multiline: true });
  if (Array.isArray(value)) return value.map(shownValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shownValue(item)]));
  return value;
}

function problems(error: z.ZodError, prefix: string): FieldProblem[] {
  return problemsFromZod(error).map((p, i) => {
    const path = fieldPath(error.issues[i]!.path);
    const field = prefix === '' ? path : path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
    return { field, message: p.message };
  });
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
