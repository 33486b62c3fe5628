import { plainText } from '../engine/api/plain-text';

/** Where a command writes; injected so tests can run commands in-process. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

/** The real terminal. */
export const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * `io` as the terminal should get it: every line without control or bidi-override characters, so
 * a run's name, notes or tags from someone else's file cannot erase lines, fake output, set the
 * window title or reorder what the teacher reads. JSON output (`json`) is passed on as it is:
 * JSON.stringify already writes control characters as escapes, and a program reading it gets the
 * stored text exactly.
 */
export function terminalIO(io: CliIO, json: boolean): CliIO {
  const shown = (line: string) => plainText(line, { multiline: true });
  return { out: json ? (line) => io.out(line) : (line) => io.out(shown(line)), err: (line) => io.err(shown(line)) };
}

/** Bad command-line input: printed as one clear line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes of `nnlab`. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
