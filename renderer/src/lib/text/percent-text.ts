/** How formatPercent writes a percentage. */
export interface PercentStyle {
  /** Add the % sign ("12.3%"); without it ("12.3") the sign is in the message template around it. */
  sign?: boolean;
}

/**
 * A fraction in [0, 1] as a percentage with one decimal, "12.3" (or "12.3%" with `sign`), the
 * precision every screen shows accuracies and fractions with; "–" when missing or not finite.
 */
export function formatPercent(fraction: number | null | undefined, style: PercentStyle = {}): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(1)}${style.sign ? '%' : ''}`;
}
