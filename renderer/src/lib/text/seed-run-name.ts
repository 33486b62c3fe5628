import { splitSeedName } from '$engine/lab/run-names';
import type { Locale } from '../i18n/locale';

/**
 * A seed group's run as the page names it: the service stores "<name> (seed s)" or, started from
 * the Korean UI, "<name> (시드 s)"; the page shows "<name> · 시드 s" in Korean and "<name> (seed s)"
 * in English. Other names are shown as they are.
 */
export function seedRunName(name: string, seed: number | null, locale: Locale): string {
  const split = seed === null ? null : splitSeedName(name);
  if (split === null || split.seed !== seed) return name;
  return locale === 'ko' ? `${split.base} · 시드 ${seed}` : `${split.base} (seed ${seed})`;
}
