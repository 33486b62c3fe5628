import type { RunStatus } from '$engine/api/events';
import { RUN_STATUS_WORDS } from '$engine/lab/run-status-words';
import type { Locale } from '../i18n/locale';

/**
 * A run's status as a label (a badge, a table cell, a card, a report row): the lab's one word for
 * it (RUN_STATUS_WORDS, which the claim checks' sentences use too), capitalised in English.
 */
export function runStatusLabel(status: RunStatus, locale: Locale): string {
  const word = RUN_STATUS_WORDS[locale][status];
  return locale === 'en' ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}
