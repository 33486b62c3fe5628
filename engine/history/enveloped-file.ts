import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { messageOf } from '../api/error-message';
import { plainText } from '../api/plain-text';
import { fieldPath, problemsFromZod, type FieldProblem } from '../api/spec-error';
import { forbiddenKeyPath, mayHoldForbiddenKey } from '../api/untrusted-json';
import { ENGINE_VERSION } from '../version';
import { HistoryError } from './history-error';
import { ImportError } from './import-error';
import { jsonShapeProblem, type JsonShapeLimits } from './json-shape';
import { HISTORY_LIMITS } from './limits';

/**
 * The envelope every NN Lab file shares (runs files, hand-ins, lab packs): gzip-compressed JSON
 *
 * ```jsonc
 * { "format": "nnlab-runs" | "nnlab-handin" | "nnlab-pack", "formatVersion": 3, "appVersion": "0.1.0",
 *   "engineVersion": "0.1.0", "generator": "NN Lab", "createdAt": "2025-03-14T09:00:00.000Z",
 *   "payloadSha256": "<SHA-256 hex of JSON.stringify(payload)>", "payload": { … } }
 * ```
 * Reading is the same for all of them and happens before anything is built from the content:
 * the size caps (compressed, and gunzip stopping at the decompressed cap), the byte scan of the
 * JSON's shape (json-shape.ts), JSON.parse, the "__proto__" check, then the envelope's schema and
 * the payload's checksum. Each format validates its payload itself.
 */

export const FILE_GENERATOR = 'NN Lab';

/** How far in the future a time in a file may be (clocks of two PCs disagree); later is refused. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export interface EnvelopeLimits {
  maxCompressedBytes: number;
  maxDecompressedBytes: number;
  shape: JsonShapeLimits;
}

/** What tells one file from another: when it was made, and its content's hash. */
export interface FileIdentity {
  createdAt: string;
  payloadSha256: string;
}

/** A file's envelope, checked, with its payload still unvalidated. */
export interface OpenedEnvelope {
  format: string;
  formatVersion: number;
  appVersion: string;
  engineVersion: string;
  payload: unknown;
  file: FileIdentity;
}

/** The formats this code knows, with the versions it reads, to name them in refusals. */
export interface KnownFormat {
  format: string;
  versions: readonly number[];
  /** "runs file", "hand-in", "lab pack". */
  noun: string;
}

const boundedText = (max: number) => z.string().max(max, `must have at most ${max} characters`);
/** An ISO 8601 UTC timestamp, stored in the canonical form toISOString writes. */
export const timestampSchema = z.iso.datetime({ error: 'must be an ISO 8601 UTC timestamp such as 2025-03-14T09:00:00.000Z' }).transform((t) => new Date(t).toISOString());
export const versionSchema = boundedText(HISTORY_LIMITS.version).min(1, 'cannot be empty').transform((text) => plainText(text));

/** The envelope of one format: its name, a version it reads, the versions and the checksum. */
export function envelopeSchema(format: string, versions: readonly [number, ...number[]]) {
  return z.strictObject({
    format: z.literal(format),
    formatVersion: z.literal(versions),
    appVersion: versionSchema,
    engineVersion: versionSchema,
    generator: boundedText(100),
    createdAt: timestampSchema,
    payloadSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits'),
    payload: z.unknown(),
  });
}

/** A file's bytes: the envelope and its payload, whose JSON text is hashed exactly as written. */
export function writeEnvelopedFile(
  format: string,
  formatVersion: number,
  payload: unknown,
  options: { appVersion?: string; now?: () => number; maxContent?: { bytes: number; refusal: (megabytes: number, limitMegabytes: number) => string } } = {},
): Buffer {
  const payloadText = JSON.stringify(payload);
  const header = {
    format,
    formatVersion,
    appVersion: options.appVersion ?? ENGINE_VERSION,
    engineVersion: ENGINE_VERSION,
    generator: FILE_GENERATOR,
    createdAt: new Date((options.now ?? Date.now)()).toISOString(),
    payloadSha256: sha256(payloadText),
  };
  // The payload's text is spliced in as serialized above, so the hash is of exactly these bytes.
  const text = Buffer.from(`${JSON.stringify(header).slice(0, -1)},"payload":${payloadText}}`, 'utf8');
  // A file the importer would refuse is no use to the person it is handed to.
  if (options.maxContent !== undefined && text.length > options.maxContent.bytes) {
    const mb = (bytes: number) => Math.ceil(bytes / (1024 * 1024));
    throw new HistoryError('invalid-argument', options.maxContent.refusal(mb(text.length), mb(options.maxContent.bytes)));
  }
  return gzipSync(text);
}

/**
 * Decompresses (within the caps), scans and parses a file's bytes; refuses a "__proto__" key
 * anywhere. `notGzip` is the refusal for bytes that are not gzip at all.
 */
export function readGzipJson(data: Uint8Array, limits: EnvelopeLimits, notGzip: string): unknown {
  if (data.length > limits.maxCompressedBytes) {
    throw new ImportError(`this file is too large to import (${megabytes(data.length)}; at most ${megabytes(limits.maxCompressedBytes)})`);
  }
  if (data.length < 2 || data[0] !== 0x1f || data[1] !== 0x8b) throw new ImportError(notGzip);
  let bytes: Buffer;
  try {
    bytes = gunzipSync(data, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new ImportError(`this file is too large to import: it unpacks to more than ${megabytes(limits.maxDecompressedBytes)}`);
    }
    throw new ImportError(`this file is damaged or incomplete: it cannot be decompressed (${messageOf(error)})`);
  }
  const shapeProblem = jsonShapeProblem(bytes, limits.shape);
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
  return json;
}

/** The "format" field of parsed JSON, or undefined. */
export function formatOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>).format : undefined;
}

/**
 * Checks the envelope of a file of a known format: a newer version than this code reads is
 * refused with the advice to update, then the schema, the checksum and the creation time.
 */
export function openEnvelope(json: unknown, known: KnownFormat, now: number): OpenedEnvelope {
  const fields = json as Record<string, unknown>;
  const formatVersion = fields.formatVersion;
  const newest = Math.max(...known.versions);
  if (typeof formatVersion === 'number' && Number.isInteger(formatVersion) && formatVersion > newest) {
    const by = typeof fields.appVersion === 'string' ? ` ${plainText(fields.appVersion.slice(0, 40))}` : '';
    throw new ImportError(`this file was made by a newer NN Lab${by} (${known.noun} format ${formatVersion}; this version reads formats up to ${newest}): update NN Lab to import it`);
  }
  const envelope = envelopeSchema(known.format, known.versions as [number, ...number[]]).safeParse(json);
  if (!envelope.success) throw ImportError.fromProblems(zodProblems(envelope.error, ''));
  if (sha256(JSON.stringify(envelope.data.payload)) !== envelope.data.payloadSha256) {
    throw new ImportError('this file is damaged or was edited: its content does not match its checksum (payloadSha256)');
  }
  const future = futureTimeProblem(envelope.data.createdAt, now);
  if (future !== null) throw ImportError.fromProblems([{ field: 'createdAt', message: future }]);
  const { format, appVersion, engineVersion, payload, createdAt, payloadSha256 } = envelope.data;
  return { format, formatVersion: envelope.data.formatVersion, appVersion, engineVersion, payload, file: { createdAt, payloadSha256 } };
}

/**
 * Why a time is refused as being in the future, or null. Times decide which of two entries (or
 * files) is newer: one stamped 9999-12-31 would win against every later real one.
 */
export function futureTimeProblem(time: string, now: number): string | null {
  return Date.parse(time) > now + CLOCK_SKEW_MS ? `is ${time}, in the future (this computer's clock says ${new Date(now).toISOString()}); a file cannot be from later than a day from now` : null;
}

/** zod's problems with their fields under `prefix` ("payload"). */
export function zodProblems(error: z.ZodError, prefix: string): FieldProblem[] {
  return problemsFromZod(error).map((p, i) => {
    const path = fieldPath(error.issues[i]!.path);
    const field = prefix === '' ? path : path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
    return { field, message: p.message };
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 3 : 0)} MB`;
}
