import type { Locale } from '../i18n/locale';

/**
 * A seed group's run as the page names it: the engine stores "<name> (seed s)" (the same in
 * every language, as any stored name); in Korean the page shows "<name> · 시드 s". Other names
 * are shown as they are.
 */
export function seedRunName(name: string, seed: number | null, locale: Locale): string {
  if (seed === null || locale !== 'ko') return name;
  const suffix = ` (seed ${seed})`;
  return name.endsWith(suffix) ? `${name.slice(0, -suffix.length)} · 시드 ${seed}` : name;
}
