import { IMPORT_KOREAN_RULES } from '$engine/lab/import-words';
import type { Locale } from '../i18n/locale';
import { translateMessage } from '../i18n/message-rules';

export { IMPORT_KOREAN_RULES };

/** An import message (a skipped run's reason, or why the file was refused) in the UI's language. */
export function importMessage(message: string, locale: Locale): string {
  return translateMessage(message, locale, IMPORT_KOREAN_RULES);
}
