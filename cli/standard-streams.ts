import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseRunSpecJson } from '../engine/api/parse-run-spec';
import type { RunSpec } from '../engine/api/run-spec';
import { SpecError } from '../engine/api/spec-error';
import { messageOf } from '../engine/api/error-message';
import { UsageError, type CliIO } from './cli-io';
import { writeAtomically } from './write-atomically';

/** A file argument that means standard input or standard output. */
export const STANDARD_STREAM = '-';

/** The most a spec piped in may hold (an inline dataset of a few hundred thousand points). */
export const MAX_STDIN_SPEC_BYTES = 64 * 1024 * 1024;

/**
 * A RunSpec from `--spec FILE`, or from standard input with `--spec -`, and the name to show for
 * where it came from. Empty or invalid input from standard input says "standard input".
 */
export async function readSpecArgument(option: string, path: string, io: CliIO): Promise<{ spec: RunSpec; source: string }> {
  if (path !== STANDARD_STREAM) return { spec: parseRunSpecJson(readSpecFile(path)), source: basename(path) };
  if (io.readStdin === undefined) throw new UsageError(`--${option} -: standard input cannot be read here`);
  const text = Buffer.from(await io.readStdin(MAX_STDIN_SPEC_BYTES)).toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UsageError(`--${option} -: standard input is empty (pipe a RunSpec in, e.g. nnlab train --spec - < my-spec.json)`);
  try {
    return { spec: parseRunSpecJson(text), source: 'standard input' };
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError(error.problems.map((p) => (p.field === '' ? { field: '', message: `standard input: ${p.message}` } : { field: `standard input: ${p.field}`, message: p.message })));
  }
}

function readSpecFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read spec file "${path}": ${describeFsError(error)}`);
  }
}

/** A file system error in a few words. */
export function describeFsError(error: unknown): string {
  const { code } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return messageOf(error);
}

/** What an `--out` writes: its bytes, and whether they are binary (gzip), which a terminal is not shown. */
export interface OutputFile {
  data: Uint8Array;
  binary: boolean;
}

/**
 * Writes `file` to `path`, or to standard output when `path` is "-" (then nothing else may go to
 * standard output: the caller prints its note to standard error or not at all). A binary file
 * is refused on a terminal, as gzip does, so it does not fill the screen with noise.
 */
export function writeOutput(option: string, path: string, file: OutputFile, io: CliIO): void {
  if (path !== STANDARD_STREAM) {
    writeAtomically(path, Buffer.from(file.data));
    return;
  }
  if (file.binary && io.outIsTerminal === true) {
    throw new UsageError(`--${option} -: this file is compressed (binary); redirect standard output to a file or a program (e.g. > runs.nnlab), or give a file name`);
  }
  if (io.outBytes !== undefined) io.outBytes(file.data);
  else io.out(Buffer.from(file.data).toString('utf8').replace(/\r?\n$/, ''));
}

/** `--json` prints a document on standard output, so it cannot share it with `--out -`. */
export function checkOutputWithJson(option: string, path: string, json: boolean | undefined): void {
  if (path === STANDARD_STREAM && json === true) throw new UsageError(`--${option} - and --json both write to standard output; give --${option} a file name, or leave --json out`);
}
