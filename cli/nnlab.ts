import { SpecError } from '../engine/api/spec-error';
import { DatasetError } from '../engine/data/dataset-error';
import { HistoryError } from '../engine/history/history-error';
import { ImportError } from '../engine/history/run-file';
import { version } from '../package.json';
import { EXIT_BAD_INPUT, EXIT_FAILURE, processIO, terminalIO, UsageError, type CliIO } from './cli-io';
import { chooseLanguage, langArgument } from './cli-language';
import { COMMANDS } from './commands';

/** The command list's first column fits the longest name. */
const COMMAND_COLUMN = Math.max(12, ...Object.keys(COMMANDS).map((name) => name.length + 1));

const USAGE = `nnlab — NN Lab from the command line

Usage: nnlab <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(COMMAND_COLUMN)} ${command.summary}`)
  .join('\n')}

Options:
  --version    print the version of NN Lab and exit
  -h, --help   show this help

Every command takes:
  --lang ko|en  the language of what it prints; without it $NNLAB_LANG, else the
                system's: en when LC_ALL, LC_MESSAGES or LANG names a language other
                than Korean, else ko (the class's language)
  --json        (where it prints results) JSON only on standard output, no progress

A FILE argument "-" means standard input (--spec -) or standard output (--out -).
On a terminal, long runs show one progress line on standard error; in a pipe, none.

Run "nnlab <command> --help" for a command's options.`;

/**
 * Runs one `nnlab` invocation and returns its exit code (0 ok, 1 failed run, 2 bad input).
 * `--version` prints package.json's version (inlined by the bundle, read by tsx from source).
 */
export async function main(argv: string[], terminal: CliIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  const io = terminalIO(terminal, args.includes('--json'));
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return 0;
  }
  if (name === '--version') {
    io.out(version);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`nnlab: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
    return EXIT_BAD_INPUT;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out((args[0] !== undefined && command.subcommandHelp?.[args[0]]) || command.help);
    return 0;
  }
  try {
    io.lang = chooseLanguage(langArgument(args), terminal.env ?? process.env);
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof SpecError) {
      for (const p of error.problems) io.err(`error: ${p.field ? `${p.field}: ` : ''}${p.message}`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof HistoryError || error instanceof ImportError) {
      io.err(`error: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof DatasetError) {
      io.err(`error: ${error.message.startsWith(error.field) ? '' : `${error.field}: `}${error.message}`);
      return EXIT_BAD_INPUT;
    }
    io.err(`nnlab ${name}: ${(error as Error).stack ?? String(error)}`);
    return EXIT_FAILURE;
  }
}
