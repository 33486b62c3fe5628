/** "12초", "2분 05초" / "12 s", "2 min 05 s": durations for people, in the UI's language. */
export function durationText(ms: number, locale: 'ko' | 'en'): string {
  if (ms < 1000) return locale === 'ko' ? '1초 미만' : 'under 1 s';
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (locale === 'ko') return minutes > 0 ? `${minutes}분 ${String(seconds).padStart(2, '0')}초` : `${seconds}초`;
  return minutes > 0 ? `${minutes} min ${String(seconds).padStart(2, '0')} s` : `${seconds} s`;
}

/** "96.5%", or "–". */
export function percentText(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** A loss with 4 significant digits, or "–". */
export function lossText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5 ? value.toPrecision(4) : value.toExponential(2);
}
