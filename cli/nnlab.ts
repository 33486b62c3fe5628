import { version } from '../package.json';
import { EXIT_BAD_INPUT, EXIT_FAILURE, processIO, terminalIO, type CliIO } from './cli-io';
import { chooseLanguage, fallbackLanguage, langArgument, languageForErrors } from './cli-language';
import { badInputLines } from './error-lines';
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
    const names = Object.keys(COMMANDS).join(', ');
    const env = terminal.env ?? process.env;
    io.err(languageForErrors(args, env) === 'ko' ? `nnlab: 알 수 없는 명령 "${name}" (명령: ${names})` : `nnlab: unknown command "${name}" (commands: ${names})`);
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
    const lines = badInputLines(error, io.lang ?? fallbackLanguage(terminal.env ?? process.env));
    if (lines !== null) {
      for (const line of lines) io.err(line);
      return EXIT_BAD_INPUT;
    }
    io.err(`nnlab ${name}: ${(error as Error).stack ?? String(error)}`);
    return EXIT_FAILURE;
  }
}
