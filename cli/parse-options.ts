import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io';
import { messageOf } from '../engine/api/error-message';
import { withParticle } from '../engine/lab/claims/wording/korean-particles';
import { koreanByRules, type KoreanRule } from '../engine/lab/problem-words';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `--lang ko|en`: every command takes it (main reads it, see cli-language.ts). */
const LANG_OPTION = { lang: { type: 'string' } } as const;

/** node:util's parseArgs messages (English) in Korean. */
const PARSE_ARGS_KOREAN: readonly KoreanRule[] = [
  [/^Unknown option '(.+?)'/, (m) => `알 수 없는 옵션 ${m[1]}`],
  [/^Option '(\S+)(?: <value>)?' argument missing/, (m) => `${m[1]} 옵션에 값이 없습니다`],
  [/^Unexpected argument '(.*?)'/s, (m) => `필요 없는 인자 '${m[1]}'`],
  [/^Option '(\S+)' does not take an argument/, (m) => `${withParticle(m[1]!, '은/는')} 값을 받지 않습니다`],
];

/**
 * Parses a command's arguments with node:util's parseArgs (strict: unknown options are errors),
 * turning its errors into UsageError with the command's name. `--lang` is accepted everywhere.
 */
export function parseOptions<T extends Options>(command: string, args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...LANG_OPTION, ...options }, strict: true, allowPositionals });
  } catch (error) {
    const message = messageOf(error).replace(/\. To specify a positional argument.*$/s, '');
    const korean = koreanByRules(message, PARSE_ARGS_KOREAN);
    throw new UsageError(`nnlab ${command}: ${message}`, korean === null ? undefined : `nnlab ${command}: ${korean}`);
  }
}

/** A finite number from an option value, or a UsageError naming the option. */
export function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`--${name}: "${value}" is not a number`, `--${name}: ${withParticle(`"${value}"`, '은/는')} 숫자가 아닙니다`);
  return parsed;
}

/** A whole number ≥ min from an option value, or a UsageError naming the option. */
export function integerOption(name: string, value: string | undefined, min: number): number | undefined {
  const parsed = numberOption(name, value);
  if (parsed === undefined) return undefined;
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new UsageError(`--${name}: must be a whole number of at least ${min} (got ${value})`, `--${name}: ${min} 이상의 정수여야 합니다 (받은 값 ${value})`);
  }
  return parsed;
}
