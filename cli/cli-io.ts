import { plainText } from '../engine/api/plain-text';
import type { Lang } from './cli-language';

/** A terminal written to as it is: carriage returns and erase sequences reach it. */
export interface RawTerminal {
  write(raw: string): void;
  /** Its width in characters; 0 or undefined when the terminal does not say (a pty without a size). */
  columns: number | undefined;
}

/** The one line that updates itself in place on standard error (`--json` and pipes have none). */
export interface StatusLine {
  /** Draws `text` over what the line showed. */
  show(text: string): void;
  /** Erases the line (before other output, and at the end). */
  clear(): void;
}

/** Where a command writes; injected so tests can run commands in-process. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Standard output for bytes as they are (a file written with `--out -`); without it, `out` gets the text. */
  outBytes?(data: Uint8Array): void;
  /** Whether standard output is a terminal (bytes of a binary file are not written to one). */
  outIsTerminal?: boolean;
  /** Standard error when it is a terminal: present only then, so a pipe or a file never gets progress. */
  errTerminal?: RawTerminal;
  /** Standard input, read whole; more than `limit` bytes is an error. */
  readStdin?(limit: number): Promise<Uint8Array>;
  /** The environment (NNLAB_LANG, LC_ALL, LC_MESSAGES, LANG); process.env when absent. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Set by main: the language of what the command prints (--lang, else NNLAB_LANG, else the system's). */
  lang?: Lang;
  /** Set by terminalIO when standard error is a terminal and the output is not --json. */
  status?: StatusLine;
}

/** The real terminal. */
export const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  outBytes: (data) => process.stdout.write(data),
  get outIsTerminal() {
    return process.stdout.isTTY === true;
  },
  get errTerminal() {
    // A dumb terminal cannot erase a line: it gets no progress, as a pipe.
    if (process.stderr.isTTY !== true || process.env.TERM === 'dumb') return undefined;
    return { write: (raw: string) => void process.stderr.write(raw), columns: process.stderr.columns };
  },
  readStdin: (limit) => readWhole(process.stdin, limit),
  get env() {
    return process.env;
  },
};

/** A stream's bytes, or a UsageError naming standard input when it holds more than `limit`. */
export async function readWhole(stream: AsyncIterable<Uint8Array | string>, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += bytes.length;
    if (size > limit) throw new UsageError(`standard input: more than ${limit / (1024 * 1024)} MB; give a file instead`, `표준 입력: ${limit / (1024 * 1024)} MB보다 큽니다; 대신 파일을 주세요`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * `io` as the terminal should get it: every line without control or bidi-override characters, so
 * a run's name, notes or tags from someone else's file cannot erase lines, fake output, set the
 * window title or reorder what the teacher reads. JSON output (`json`) is passed on as it is:
 * JSON.stringify already writes control characters as escapes, and a program reading it gets the
 * stored text exactly. A progress line is offered only on a terminal and never with `--json`;
 * any other line first erases it, so the two never mix.
 */
export function terminalIO(io: CliIO, json: boolean): CliIO {
  const shown = (line: string) => plainText(line, { multiline: true });
  const status = json || io.errTerminal === undefined ? undefined : statusLineOn(io.errTerminal);
  const before = () => status?.clear();
  return {
    ...pick(io),
    out: json ? (line) => (before(), io.out(line)) : (line) => (before(), io.out(shown(line))),
    err: (line) => (before(), io.err(shown(line))),
    ...(io.outBytes === undefined ? {} : { outBytes: (data: Uint8Array) => (before(), io.outBytes!(data)) }),
    ...(status === undefined ? {} : { status }),
  };
}

/** The members of `io` that terminalIO passes on unchanged (read once: processIO's are getters). */
function pick(io: CliIO): Partial<CliIO> {
  const { outIsTerminal, errTerminal, readStdin, env, lang } = io;
  return { outIsTerminal, errTerminal, readStdin, env, lang };
}

/** One line on `terminal` redrawn in place: carriage return, the text cut to the width, erase to the end. */
function statusLineOn(terminal: RawTerminal): StatusLine {
  let shown = false;
  return {
    show(text) {
      // One column short of the width, so the cursor never wraps to a new line; 80 when unknown.
      const width = (terminal.columns || 80) - 1;
      terminal.write(`\r${plainText(text).slice(0, width)}\x1b[K`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      terminal.write('\r\x1b[K');
      shown = false;
    },
  };
}

/**
 * Bad command-line input: printed as one clear line in the invocation's language, exit code 2.
 * `message` is the English line; `korean` the same line in Korean (without it, Korean output
 * shows the English one).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    readonly korean?: string,
  ) {
    super(message);
  }
}

/** Exit codes of `nnlab`. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
