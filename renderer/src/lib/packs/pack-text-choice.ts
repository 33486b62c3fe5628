import type { PackText } from '$engine/api/lab-pack';
import type { Locale } from '../i18n/locale';

/** A teacher's text in the UI's language, else in the one the teacher wrote ('' when neither). */
export function localText(text: PackText, locale: Locale): string {
  const chosen = text[locale];
  if (chosen !== undefined && chosen.trim() !== '') return chosen;
  return (locale === 'ko' ? text.en : text.ko) ?? '';
}
