import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io';
import { messageOf } from '../engine/api/error-message';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `--lang ko|en`: every command takes it (main reads it, see cli-language.ts). */
const LANG_OPTION = { lang: { type: 'string' } } as const;

/**
 * Parses a command's arguments with node:util's parseArgs (strict: unknown options are errors),
 * turning its errors into UsageError with the command's name. `--lang` is accepted everywhere.
 */
export function parseOptions<T extends Options>(command: string, args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...LANG_OPTION, ...options }, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(`nnlab ${command}: ${messageOf(error).replace(/\. To specify a positional argument.*$/s, '')}`);
  }
}

/** A finite number from an option value, or a UsageError naming the option. */
export function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`--${name}: "${value}" is not a number`);
  return parsed;
}

/** A whole number ≥ min from an option value, or a UsageError naming the option. */
export function integerOption(name: string, value: string | undefined, min: number): number | undefined {
  const parsed = numberOption(name, value);
  if (parsed === undefined) return undefined;
  if (!Number.isInteger(parsed) || parsed < min) throw new UsageError(`--${name}: must be a whole number of at least ${min} (got ${value})`);
  return parsed;
}
