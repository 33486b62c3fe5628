import type { Locale } from '../i18n/locale';
import { translateMessage } from '../i18n/message-rules';
import { PACK_KOREAN_RULES } from '$engine/lab/pack-words';
import { importMessage } from '../history/import-text';

export { PACK_KOREAN_RULES };

/** A pack or hand-in message in the UI's language. */
export function packMessage(message: string, locale: Locale): string {
  const translated = translateMessage(message, locale, PACK_KOREAN_RULES);
  return translated === message ? importMessage(message, locale) : translated;
}
