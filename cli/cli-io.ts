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

/** Bad command-line input: printed as one clear line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes of `nnlab`. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
