import { plainText } from '../api/plain-text';
import type { LabPack } from '../api/lab-pack';
import { formatOf, openEnvelope, readGzipJson, type FileIdentity } from './enveloped-file';
import { HAND_IN_FORMAT, HAND_IN_KIND, checkHandInPayload, type HandInContent } from './hand-in-file';
import { ImportError } from './import-error';
import { PACK_FILE_FORMAT, PACK_FILE_KIND, PACK_FILE_LIMITS, checkPackPayload } from './lab-pack-file';
import { NOT_GZIP, RUN_FILE_KIND, checkRunPayload, envelopeLimits, type ImportOptions, type RunFileContent } from './run-file';
import { RUN_FILE_FORMAT } from './run-file-schema';

/**
 * Any NN Lab file, told apart by its content (its "format"), not its name: a runs file, a
 * hand-in or a lab pack. Each is read with the same caps and checks (enveloped-file.ts) and its
 * payload validated by its own format's rules.
 */
export type LabFileContent =
  | { kind: 'runs'; content: RunFileContent }
  | { kind: 'hand-in'; content: HandInContent }
  | { kind: 'pack'; pack: LabPack; file: FileIdentity };

const KNOWN = `"${RUN_FILE_FORMAT}", "${HAND_IN_FORMAT}" or "${PACK_FILE_FORMAT}"`;

/** Reads and validates any NN Lab file; ImportError names what is wrong. */
export function readLabFile(data: Uint8Array, options: Omit<ImportOptions, 'withNotebook'> = {}): LabFileContent {
  return readParsed(readGzipJson(data, envelopeLimits(options), NOT_GZIP), (options.now ?? Date.now)());
}

/** Reads a lab pack file (within a pack's smaller caps); any other file is refused saying what it is. */
export function readPackFile(data: Uint8Array, options: { now?: () => number } = {}): { pack: LabPack; file: FileIdentity } {
  const read = readParsed(readGzipJson(data, PACK_FILE_LIMITS, 'this is not an NN Lab lab pack: it is not gzip-compressed (lab packs end in .nnlabpack)'), (options.now ?? Date.now)());
  if (read.kind !== 'pack') throw new ImportError(`this is ${read.kind === 'runs' ? 'a runs file' : 'a hand-in'}, not a lab pack: ${read.kind === 'runs' ? 'import it with "Import runs" (nnlab runs import)' : 'a teacher imports it with "Import runs" (nnlab runs import)'}`);
  return { pack: read.pack, file: read.file };
}

/** Only a runs file: a hand-in or a pack is refused saying what it is. */
export function expectRuns(read: LabFileContent): RunFileContent {
  if (read.kind === 'runs') return read.content;
  throw new ImportError(read.kind === 'pack' ? 'this is a lab pack, not a runs file: open it with "Open pack" (nnlab pack open)' : 'this is a hand-in, not a runs file: import it with "Import runs" (nnlab runs import)');
}

/** Only a hand-in: a runs file or a pack is refused saying what it is. */
export function expectHandIn(read: LabFileContent): HandInContent {
  if (read.kind === 'hand-in') return read.content;
  throw new ImportError(read.kind === 'runs' ? 'this is a runs file, not a hand-in: it names no student and no lab pack (a student makes a hand-in with "Hand in" or nnlab handin)' : 'this is a lab pack, not a hand-in: open it with "Open pack" (nnlab pack open)');
}

function readParsed(json: unknown, now: number): LabFileContent {
  const format = formatOf(json);
  if (format === RUN_FILE_FORMAT) {
    const envelope = openEnvelope(json, RUN_FILE_KIND, now);
    return { kind: 'runs', content: { ...checkRunPayload(envelope.payload, envelope.formatVersion, now, 'payload'), file: envelope.file } };
  }
  if (format === HAND_IN_FORMAT) {
    const envelope = openEnvelope(json, HAND_IN_KIND, now);
    return { kind: 'hand-in', content: { ...checkHandInPayload(envelope.payload, now), file: envelope.file } };
  }
  if (format === PACK_FILE_FORMAT) {
    const envelope = openEnvelope(json, PACK_FILE_KIND, now);
    return { kind: 'pack', pack: checkPackPayload(envelope.payload, now), file: envelope.file };
  }
  const described = format === undefined ? 'missing' : typeof format === 'string' ? `"${plainText(format.slice(0, 40))}"` : typeof format;
  throw new ImportError(`this is not an NN Lab file (its "format" is ${described}, expected ${KNOWN})`);
}
