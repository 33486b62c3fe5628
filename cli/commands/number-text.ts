import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import { UsageError } from '../cli-io';

/**
 * Numbers on the command line and in the text output of `nnlab train`, `nnlab probe`, `nnlab
 * walkthrough` and `nnlab runs`.
 */

/**
 * node:util's parseArgs refuses `--x -1,1` (a value starting with a dash looks like an option).
 * For the given number-valued options, a following token that looks like a negative number is
 * joined as `--x=-1,1`, so students can type what they mean.
 */
export function joinNegativeValues(args: string[], numberOptions: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (numberOptions.includes(arg.replace(/^--/, '')) && arg.startsWith('--') && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Comma-separated finite numbers ("1,-1"), or a UsageError naming the option. */
export function numberList(name: string, value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  return parts.map((part) => {
    const parsed = Number(part);
    if (part === '' || !Number.isFinite(parsed)) {
      throw new UsageError(
        `--${name}: "${part}" in "${value}" is not a number (write numbers separated by commas, e.g. 1,-1)`,
        `--${name}: "${value}"의 ${withParticle(`"${part}"`, '은/는')} 숫자가 아닙니다 (쉼표로 나눈 숫자를 쓰세요, 예: 1,-1)`,
      );
    }
    return parsed;
  });
}

/**
 * A number for a student to read: `digits` significant digits, trailing zeros dropped, scientific
 * notation below 1e-3 and from 1e5 on (7.095e-23, 1.59e4); null (not finite) prints as "n/a".
 */
export function formatNumber(value: number | null, digits = 4): string {
  if (value === null) return 'n/a';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e5) {
    const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
    return `${String(Number(mantissa))}e${Number(exponent)}`;
  }
  return String(Number(value.toPrecision(digits)));
}

/** How percentText writes a percentage. */
export interface PercentStyle {
  /** Decimals after the point. */
  digits: number;
  /** A space before the sign, "12.5 %" (the probe's table); else "96.51%". */
  spaced?: boolean;
}

/** A loss with four decimals (exponent form when tiny or huge), or "–". */
export function lossText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const magnitude = Math.abs(value);
  return value === 0 || (magnitude >= 1e-3 && magnitude < 1e6) ? value.toFixed(4) : value.toExponential(3);
}

/** "350ms", "12.3s" (12.3초), "2m05s" (2분 05초), or "–". */
export function durationText(ms: number | null, lang: 'ko' | 'en' = 'en'): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}${lang === 'ko' ? '초' : 's'}`;
  const whole = Math.round(s);
  const seconds = String(whole % 60).padStart(2, '0');
  return lang === 'ko' ? `${Math.floor(whole / 60)}분 ${seconds}초` : `${Math.floor(whole / 60)}m${seconds}s`;
}

/**
 * A fraction as a percentage, "96.51%" (2 digits) or "12.5 %" (1 digit, spaced), "–" when
 * missing; a value that is not finite prints as itself ("NaN%").
 */
export function percentText(fraction: number | null | undefined, style: PercentStyle): string {
  if (fraction === null || fraction === undefined) return '–';
  return `${(fraction * 100).toFixed(style.digits)}${style.spaced ? ' %' : '%'}`;
}

/** A factor inside a product: negative numbers in parentheses, "(-0.1092)". */
export function factor(value: number, digits = 4): string {
  const text = formatNumber(value, digits);
  return value < 0 ? `(${text})` : text;
}
