import type { Locale } from '../i18n/locale';

/** How durationText writes a duration. */
export interface DurationStyle {
  /**
   * Seconds in two digits after minutes, "2분 05초" (default: a counter that changes every second
   * keeps its width), or as a number in prose, "2분 5초" (the lab report).
   */
  padSeconds?: boolean;
  /** "1초 미만" under a second (default), or the seconds rounded like any other ("0초", the lab report). */
  underASecond?: boolean;
  /**
   * An estimate: "약 12초" / "about 12 s". Under a second it stays "1초 미만" (never "약 1초 미만",
   * which says two things at once).
   */
  approximate?: boolean;
}

/**
 * A duration for people, in the UI's language: "12초", "2분 05초" / "12 s", "2 min 05 s" (see
 * DurationStyle); "–" when missing or not finite.
 */
export function durationText(ms: number | null | undefined, locale: Locale, style: DurationStyle = {}): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const { padSeconds = true, underASecond = true, approximate = false } = style;
  if (underASecond && ms < 1000) return locale === 'ko' ? '1초 미만' : 'under 1 s';
  const exact = exactDuration(ms, locale, padSeconds);
  if (!approximate) return exact;
  return locale === 'ko' ? `약 ${exact}` : `about ${exact}`;
}

function exactDuration(ms: number, locale: Locale, padSeconds: boolean): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = padSeconds ? String(total % 60).padStart(2, '0') : String(total % 60);
  if (locale === 'ko') return minutes > 0 ? `${minutes}분 ${seconds}초` : `${total}초`;
  return minutes > 0 ? `${minutes} min ${seconds} s` : `${total} s`;
}
