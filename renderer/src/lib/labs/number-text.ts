/**
 * Numbers as the walkthrough shows them to students: a typographic minus (−), a fixed number of
 * significant digits, scientific notation only where decimals would be unreadable.
 */

const MINUS = '\u2212';

/**
 * `value` with `digits` significant digits, trailing zeros dropped; scientific notation below 1e-3
 * and from 1e5 on ("7.09e−23"); negative numbers with a real minus sign.
 */
export function numberText(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '–' : value > 0 ? '∞' : `${MINUS}∞`;
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude < 1e-3 || magnitude >= 1e5) {
    const [mantissa, exponent] = magnitude.toExponential(digits - 1).split('e');
    const power = Number(exponent);
    text = `${String(Number(mantissa))}e${power < 0 ? MINUS : ''}${Math.abs(power)}`;
  } else text = String(Number(magnitude.toPrecision(digits)));
  return value < 0 ? `${MINUS}${text}` : text;
}

/** A factor inside a product: negative numbers in parentheses, "(−0.1092)". */
export function factorText(value: number, digits = 4): string {
  const text = numberText(value, digits);
  return value < 0 ? `(${text})` : text;
}

/**
 * A tiny number written out in full, the way the lecture writes "Gradient = 0.00…01":
 * 7.09e-23 → "0.0000000000000000000000709" (`digits` significant digits). Numbers ≥ 1e-3 are
 * written as numberText would.
 */
export function longDecimalText(value: number, digits = 3): string {
  const magnitude = Math.abs(value);
  if (value === 0 || !Number.isFinite(value) || magnitude >= 1e-3) return numberText(value, digits);
  const [mantissa, exponent] = magnitude.toExponential(digits - 1).split('e');
  const zeros = -Number(exponent) - 1;
  const significant = mantissa!.replace('.', '').replace(/0+$/, '');
  return `${value < 0 ? MINUS : ''}0.${'0'.repeat(zeros)}${significant}`;
}

/** How many zeros follow the decimal point before a tiny number's first digit (7.09e-23 → 22). */
export function leadingZeros(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude === 0 || magnitude >= 1 || !Number.isFinite(magnitude)) return 0;
  return -Number(magnitude.toExponential().split('e')[1]) - 1;
}

/** Parses what a student types: accepts "−" as a minus sign and "," as a decimal point. NaN if not a number. */
export function parseNumberInput(text: string): number {
  const normalised = text.trim().replace(/\u2212/g, '-').replace(',', '.');
  return normalised === '' ? Number.NaN : Number(normalised);
}
