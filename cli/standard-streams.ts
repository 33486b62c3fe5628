import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseRunSpecJson } from '../engine/api/parse-run-spec';
import type { RunSpec } from '../engine/api/run-spec';
import { SpecError } from '../engine/api/spec-error';
import { withParticle } from '../engine/lab/claims/wording/korean-particles';
import { UsageError, type CliIO } from './cli-io';
import { describeFsError } from './fs-error-text';
import { writeAtomically } from './write-atomically';

export { describeFsError };

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
  if (io.readStdin === undefined) throw new UsageError(`--${option} -: standard input cannot be read here`, `--${option} -: 여기서는 표준 입력을 읽을 수 없습니다`);
  const text = Buffer.from(await io.readStdin(MAX_STDIN_SPEC_BYTES)).toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UsageError(
      `--${option} -: standard input is empty (pipe a RunSpec in, e.g. nnlab train --spec - < my-spec.json)`,
      `--${option} -: 표준 입력이 비어 있습니다 (설정 파일을 보내세요, 예: nnlab train --spec - < my-spec.json)`,
    );
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
    throw new UsageError(`cannot read spec file "${path}": ${describeFsError(error)}`, `설정 파일 ${withParticle(`"${path}"`, '을/를')} 읽을 수 없습니다: ${describeFsError(error, 'ko')}`);
  }
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
    throw new UsageError(
      `--${option} -: this file is compressed (binary); redirect standard output to a file or a program (e.g. > runs.nnlab), or give a file name`,
      `--${option} -: 압축된 (이진) 파일입니다; 표준 출력을 파일이나 프로그램으로 돌리거나 (예: > runs.nnlab) 파일 이름을 주세요`,
    );
  }
  if (io.outBytes !== undefined) io.outBytes(file.data);
  else io.out(Buffer.from(file.data).toString('utf8').replace(/\r?\n$/, ''));
}

/** `--json` prints a document on standard output, so it cannot share it with `--out -`. */
export function checkOutputWithJson(option: string, path: string, json: boolean | undefined): void {
  if (path === STANDARD_STREAM && json === true) {
    throw new UsageError(
      `--${option} - and --json both write to standard output; give --${option} a file name, or leave --json out`,
      `--${option} -와 --json은 둘 다 표준 출력에 씁니다; --${option}에 파일 이름을 주거나 --json을 빼세요`,
    );
  }
}
