import { UsageError } from './cli-io';

/** The languages `nnlab` writes. */
export type Lang = 'ko' | 'en';

/** The help line every command's --lang has. */
export const LANG_HELP = 'language of the text (default $NNLAB_LANG, else the system\'s: see nnlab --help)';

/**
 * The language of one `nnlab` invocation: `--lang`, else NNLAB_LANG, else the system's. The
 * system's is the first of LC_ALL, LC_MESSAGES, LANG that is set (POSIX's order): Korean when it
 * starts with "ko", English for any other language. When none names a language (unset, or "C" /
 * "POSIX", as on Windows lab PCs and bare containers) it is Korean, the class's language and the
 * app's default. A bad --lang or NNLAB_LANG is an error, the same one line for every command.
 */
export function chooseLanguage(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  if (flag !== undefined) return checked('--lang', flag);
  const chosen = env.NNLAB_LANG;
  if (chosen !== undefined && chosen !== '') return checked('NNLAB_LANG', chosen);
  const system = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  if (system === undefined || /^(C|POSIX)([._@]|$)/.test(system)) return 'ko';
  return /^ko([_.@-]|$)/i.test(system) ? 'ko' : 'en';
}

function checked(source: string, value: string): Lang {
  if (value === 'ko' || value === 'en') return value;
  throw new UsageError(`${source}: "${value}" is not a language here (use ko or en)`);
}

/**
 * The `--lang` value among a command's arguments (`--lang en` or `--lang=en`), read before the
 * command parses them, so every command gets its language the same way. Arguments after `--`
 * are not options.
 */
export function langArgument(args: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
    else if (arg === '--lang') {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError('--lang: give ko or en');
      value = next;
      i++;
    }
  }
  return value;
}

/** The language main chose for this invocation (Korean for a CliIO made without main). */
export function languageOf(io: { lang?: Lang }): Lang {
  return io.lang ?? 'ko';
}
