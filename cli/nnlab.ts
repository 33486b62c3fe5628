import { version } from '../package.json';
import { EXIT_BAD_INPUT, EXIT_FAILURE, processIO, terminalIO, type CliIO } from './cli-io';
import { chooseLanguage, fallbackLanguage, langArgument, languageForErrors, type Lang, type Localized } from './cli-language';
import { badInputLines } from './error-lines';
import { COMMANDS } from './commands';

/** The command list's first column fits the longest name. */
const COMMAND_COLUMN = Math.max(12, ...Object.keys(COMMANDS).map((name) => name.length + 1));

/** The command list, each command's line in `lang`. */
function commandList(lang: Lang): string {
  return Object.entries(COMMANDS)
    .map(([name, command]) => `  ${name.padEnd(COMMAND_COLUMN)} ${command.summary[lang]}`)
    .join('\n');
}

const USAGE: Localized = {
  en: `nnlab — NN Lab from the command line

Usage: nnlab <command> [options]

Commands:
${commandList('en')}

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

Run "nnlab <command> --help" for a command's options.`,
  ko: `nnlab — 명령줄에서 쓰는 NN Lab

사용법: nnlab <명령> [옵션]

명령:
${commandList('ko')}

옵션:
  --version    NN Lab의 버전을 보여 주고 끝냅니다
  -h, --help   이 도움말을 보여 줍니다

모든 명령에 쓸 수 있는 옵션:
  --lang ko|en  출력 언어; 없으면 $NNLAB_LANG, 그것도 없으면 시스템의 언어:
                LC_ALL, LC_MESSAGES, LANG이 한국어가 아닌 언어를 가리키면 en,
                아니면 ko (수업의 언어)
  --json        (결과를 출력하는 명령에서) 표준 출력에 JSON만 쓰고 진행 상황은 보여 주지 않습니다

파일 인자 "-"는 표준 입력(--spec -)이나 표준 출력(--out -)을 뜻합니다.
터미널에서는 오래 걸리는 학습이 표준 오류에 진행 상황을 한 줄로 보여 줍니다; 파이프에서는 보여 주지 않습니다.

명령마다 쓸 수 있는 옵션은 "nnlab <명령> --help"로 볼 수 있습니다.`,
};

/**
 * Runs one `nnlab` invocation and returns its exit code (0 ok, 1 failed run, 2 bad input).
 * `--version` prints package.json's version (inlined by the bundle, read by tsx from source).
 */
export async function main(argv: string[], terminal: CliIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  const io = terminalIO(terminal, args.includes('--json'));
  const env = terminal.env ?? process.env;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE[languageForErrors(args, env)]);
    return 0;
  }
  if (name === '--version') {
    io.out(version);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    const names = Object.keys(COMMANDS).join(', ');
    io.err(languageForErrors(args, env) === 'ko' ? `nnlab: 알 수 없는 명령 "${name}" (명령: ${names})` : `nnlab: unknown command "${name}" (commands: ${names})`);
    return EXIT_BAD_INPUT;
  }
  if (args.includes('--help') || args.includes('-h')) {
    // Help is asked for to learn the options: a bad --lang does not keep it back (the fallback language shows it).
    const help = (args[0] !== undefined && command.subcommandHelp?.[args[0]]) || command.help;
    io.out(help[languageForErrors(args, env)]);
    return 0;
  }
  try {
    io.lang = chooseLanguage(langArgument(args), env);
    return await command.run(args, io);
  } catch (error) {
    const lines = badInputLines(error, io.lang ?? fallbackLanguage(env));
    if (lines !== null) {
      for (const line of lines) io.err(line);
      return EXIT_BAD_INPUT;
    }
    io.err(`nnlab ${name}: ${(error as Error).stack ?? String(error)}`);
    return EXIT_FAILURE;
  }
}
