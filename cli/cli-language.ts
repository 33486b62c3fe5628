import { withParticle } from '../engine/lab/claims/wording/korean-particles';
import { UsageError } from './cli-io';

/** The languages `nnlab` writes. */
export type Lang = 'ko' | 'en';

/** A text in both languages: a command's help, its line in the command list. */
export type Localized = Readonly<Record<Lang, string>>;

/** The help line every command's --lang has. */
export const LANG_HELP: Localized = {
  en: 'language of the text (default $NNLAB_LANG, else the system\'s: see nnlab --help)',
  ko: '출력 언어 (없으면 $NNLAB_LANG, 그것도 없으면 시스템의 언어: nnlab --help 참고)',
};

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
  return systemLanguage(env);
}

/**
 * The language to say that --lang or NNLAB_LANG is wrong in: NNLAB_LANG when it is a language,
 * else the system's (the bad value cannot choose it).
 */
export function fallbackLanguage(env: Readonly<Record<string, string | undefined>>): Lang {
  return env.NNLAB_LANG === 'ko' || env.NNLAB_LANG === 'en' ? env.NNLAB_LANG : systemLanguage(env);
}

/** The language `args` and `env` choose, or the fallback when they name no language (for an error line). */
export function languageForErrors(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  try {
    return chooseLanguage(langArgument(args), env);
  } catch {
    return fallbackLanguage(env);
  }
}

/** The language of the first of LC_ALL, LC_MESSAGES, LANG that is set; Korean when none names one. */
function systemLanguage(env: Readonly<Record<string, string | undefined>>): Lang {
  const system = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  if (system === undefined || /^(C|POSIX)([._@]|$)/.test(system)) return 'ko';
  return /^ko([_.@-]|$)/i.test(system) ? 'ko' : 'en';
}

function checked(source: string, value: string): Lang {
  if (value === 'ko' || value === 'en') return value;
  throw new UsageError(`${source}: "${value}" is not a language here (use ko or en)`, `${source}: ${withParticle(`"${value}"`, '은/는')} 여기서 쓰는 언어가 아닙니다 (ko 또는 en)`);
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
      if (next === undefined || next.startsWith('--')) throw new UsageError('--lang: give ko or en', '--lang: ko 또는 en을 주세요');
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

/** The text of `lang` of a pair: say(lang, '완료', 'done'). */
export function say(lang: Lang, ko: string, en: string): string {
  return lang === 'ko' ? ko : en;
}
