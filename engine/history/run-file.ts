import { isDeepStrictEqual } from 'node:util';
import { MAX_IMPORT_FILE_BYTES } from '../api/import-limits';
import type { NotebookEntry } from '../api/lab-notebook';
import { parseRunSpec } from '../api/parse-run-spec';
import type { RunSpec } from '../api/run-spec';
import { SpecError, type FieldProblem } from '../api/spec-error';
import type { ImportResult, RunHistory } from './run-history';
import type { RunRecord } from './run-record';
import { RUN_FILE_FORMAT, RUN_FILE_VERSION, RUN_FILE_VERSION_WITH_NOTEBOOK, RUN_FILE_VERSION_WITHOUT_NOTEBOOK, RUN_FILE_VERSIONS_READ, RunFilePayloadSchema } from './run-file-schema';
import { weightsMismatch } from './weights-fit';
import { plainText } from '../api/plain-text';
import type { JsonShapeLimits } from './json-shape';
import { formatOf, futureTimeProblem, openEnvelope, readGzipJson, writeEnvelopedFile, zodProblems, type EnvelopeLimits, type FileIdentity, type KnownFormat } from './enveloped-file';
import { ImportError } from './import-error';
import { notebookSource } from './notebook-source';

/**
 * Export files: runs a student hands to a teacher. A file is gzip-compressed JSON:
 *
 * ```jsonc
 * { "format": "nnlab-runs", "formatVersion": 4, "appVersion": "0.1.0", "engineVersion": "0.1.0",
 *   "generator": "NN Lab", "createdAt": "2025-03-14T09:00:00.000Z",
 *   "payloadSha256": "<SHA-256 hex of JSON.stringify(payload)>",
 *   "payload": { "runs": [ { id, name, status, createdAt, …, spec, tags, notes,
 *                            steps: {step, epoch, loss, dataLoss, elapsedMs?}, evals: {…}, diagnostics: [ {step, epoch, layers} ],
 *                            networkSnapshots: [ {step, epoch, extent, resolution, predicted, …} ],
 *                            evalExtras: [ {step, confusion?, samples?} ],
 *                            weights: {…} | null } ],
 *                "notebook": [ { sheetId, key, value, updatedAt } ] } }
 * ```
 * (each run is a RunRecord). The lab notebook goes in only when the export asks for it
 * (`withNotebook`): all its entries, every sheet's. A file whose runs have step times is format 4;
 * else one with a notebook is format 3, and one without is written as format 2, which it then
 * matches exactly, so NN Lab versions from before the notebook import it too (runFileVersion).
 * Formats 1 (no networkSnapshots, no evalExtras), 2 and 3 (no step times) are read.
 * Import checks everything before it touches the database, and merges notebook entries that are
 * new or newer than the stored ones (unless told not to take them).
 */

export { ImportError } from './import-error';
export { CLOCK_SKEW_MS } from './enveloped-file';

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
  return writeEnvelopedFile(RUN_FILE_FORMAT, runFileVersion(runs, options.withNotebook === true), payload, {
    ...(options.appVersion === undefined ? {} : { appVersion: options.appVersion }),
    ...(options.now === undefined ? {} : { now: options.now }),
    maxContent: {
      bytes: options.maxDecompressedBytes ?? MAX_DECOMPRESSED_BYTES,
      refusal: (size, limit) => `these ${runs.length} runs make ${size} MB, more than a run file may hold (${limit} MB): export fewer runs at once`,
    },
  });
}

/** The oldest format that holds what the file carries, so older NN Lab versions read all they can. */
export function runFileVersion(runs: readonly RunRecord[], withNotebook: boolean): number {
  if (runs.some((run) => run.steps.elapsedMs !== undefined)) return RUN_FILE_VERSION;
  return withNotebook ? RUN_FILE_VERSION_WITH_NOTEBOOK : RUN_FILE_VERSION_WITHOUT_NOTEBOOK;
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
export const MAX_COMPRESSED_BYTES = MAX_IMPORT_FILE_BYTES;
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
/** The runs file as the envelope's readers name it. */
export const RUN_FILE_KIND: KnownFormat = { format: RUN_FILE_FORMAT, versions: RUN_FILE_VERSIONS_READ, noun: 'runs file' };

/** The caps of an import (ImportOptions's, else the defaults). */
export function envelopeLimits(options: Pick<ImportOptions, 'maxCompressedBytes' | 'maxDecompressedBytes'>): EnvelopeLimits {
  return { maxCompressedBytes: options.maxCompressedBytes ?? MAX_COMPRESSED_BYTES, maxDecompressedBytes: options.maxDecompressedBytes ?? MAX_DECOMPRESSED_BYTES, shape: JSON_SHAPE_LIMITS };
}

/** The refusal for bytes that are not gzip at all. */
export const NOT_GZIP = 'this is not an NN Lab runs file: it is not gzip-compressed (export files end in .nnlab and are made by "Export runs")';

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
  const json = readGzipJson(data, envelopeLimits(options), NOT_GZIP);
  const format = formatOf(json);
  if (format !== RUN_FILE_FORMAT) {
    throw new ImportError(`this is not an NN Lab runs file (its "format" is ${describe(format)}, expected "${RUN_FILE_FORMAT}")`);
  }
  const now = (options.now ?? Date.now)();
  const envelope = openEnvelope(json, RUN_FILE_KIND, now);
  return { ...checkRunPayload(envelope.payload, envelope.formatVersion, now, 'payload'), file: envelope.file };
}

/** What tells one export file from another: when it was made, and its content's hash. */
export type RunFileIdentity = FileIdentity;

/** Every run's fields and series, then each spec (parseRunSpec) and how the parts fit together; the notebook's entries. */
export function checkRunPayload(payload: unknown, formatVersion: number, now: number, at: string): Omit<RunFileContent, 'file'> {
  const parsed = RunFilePayloadSchema.safeParse(payload);
  if (!parsed.success) throw ImportError.fromProblems(zodProblems(parsed.error, at));
  const found: FieldProblem[] = [];
  const { notebook } = parsed.data;
  if (notebook !== undefined && formatVersion < 3) {
    found.push({ field: `${at}.notebook`, message: `appears in a runs file of format ${formatVersion}; notebooks came with format 3` });
  }
  const seen = new Set<string>();
  const records = parsed.data.runs.map((run, i): RunRecord | null => {
    const where = `${at}.runs[${i}]`;
    if (seen.has(run.id)) found.push({ field: `${where}.id`, message: `repeats the id of an earlier run (${run.id})` });
    seen.add(run.id);
    for (const field of ['createdAt', 'startedAt', 'endedAt'] as const) {
      const time = run[field];
      const future = time === null ? null : futureTimeProblem(time, now);
      if (future !== null) found.push({ field: `${where}.${field}`, message: future });
    }
    let spec;
    try {
      spec = parseRunSpec(run.spec);
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      found.push(...error.problems.map((p) => ({ field: p.field ? `${where}.spec.${p.field}` : `${where}.spec`, message: p.message })));
      return null;
    }
    if (run.dataset !== null && run.dataset.name !== spec.dataset.name) {
      found.push({ field: `${where}.dataset.name`, message: `is "${run.dataset.name}", but the spec's dataset is "${spec.dataset.name}"` });
    }
    found.push(...activationLabelProblems(run.diagnostics, spec, where));
    if (run.weights !== null) {
      const mismatch = weightsMismatch(spec, run.weights, run.dataset?.inputSize ?? null);
      if (mismatch !== null) found.push({ field: `${where}.weights`, message: mismatch });
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
    if (future !== null) found.push({ field: `${at}.notebook[${i}].updatedAt`, message: future });
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

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  return typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
}
