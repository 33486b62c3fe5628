import type { LocalizedText } from '../../presets';

/** How the claims' texts write numbers: steps, losses, percentages, percentage points, ratios. */

/** A language of the texts. */
export type Lang = keyof LocalizedText;

/** A step or count with thousands separators: 12345 → "12,345" (rounded to an integer). */
export function group(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A loss: 2 decimals (plus `extraDigits`), or 2 significant digits in exponent form from 10,000 on. */
export function formatLoss(value: number, extraDigits = 0): string {
  return Math.abs(value) < 1e4 ? value.toFixed(2 + extraDigits) : value.toExponential(1 + extraDigits);
}

/** A loss to compare with the slide's numbers: 4 decimals. */
export function formatSlideLoss(value: number): string {
  return value.toFixed(4);
}

/** An accuracy as a percentage: 0.953 → "95 %" (English, as the lecture texts write it) or "95%" (Korean). */
export function formatPercent(value: number, lang: Lang, extraDigits = 0): string {
  const percent = hundredths(value, extraDigits);
  return lang === 'ko' ? `${percent}%` : `${percent} %`;
}

/** A difference of accuracies in percentage points: "27 points" / "27%p". */
export function formatPoints(value: number, lang: Lang, extraDigits = 0): string {
  const points = hundredths(value, extraDigits);
  return lang === 'ko' ? `${points}%p` : `${points} points`;
}

/** value × 100 with `extraDigits` decimals; a tiny negative value rounded to "-0" or "-0.0" is "0". */
function hundredths(value: number, extraDigits: number): string {
  const text = (value * 100).toFixed(extraDigits);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** A ratio below 1 as a fraction with two significant digits: 3.5e-6 → "1/290,000"; ratios of 1 or more as "×2.3". */
export function formatRatio(ratio: number): string {
  if (ratio >= 1) return `×${formatFactor(ratio)}`;
  const inverse = 1 / ratio;
  const digits = Math.floor(Math.log10(inverse));
  const rounded = digits >= 1 ? Math.round(inverse / 10 ** (digits - 1)) * 10 ** (digits - 1) : Math.round(inverse);
  return `1/${group(rounded)}`;
}

/** A factor: one decimal below 10 ("2.3"), a grouped integer from 10 on ("1,200"). */
export function formatFactor(factor: number): string {
  return factor < 10 ? factor.toFixed(1) : group(factor);
}
