/**
 * A loss for tables and cards: 4 significant digits, exponent form with 3 below 0.001 and from
 * 100,000 on ("2.50e-5"); "–" when missing. A non-finite loss (a diverged run) prints as itself.
 */
export function lossText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5 ? value.toPrecision(4) : value.toExponential(2);
}
