import { LOCALES, translator, type Locale, type Messages, type Translate } from './locale';

const STORAGE_KEY = 'nnlab.locale';

/**
 * The current language, shared by every component. Korean by default; the choice is remembered
 * on this machine (localStorage) so a lab PC keeps the class's language.
 */
class I18n {
  #locale = $state<Locale>(readSavedLocale());

  get locale(): Locale {
    return this.#locale;
  }

  set locale(value: Locale) {
    this.#locale = value;
    try {
      localStorage.setItem(STORAGE_KEY, value);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this session.
    }
    document.documentElement.lang = value;
  }

  /** A translator for one namespace in the current language; call it inside a component's markup or a $derived so it follows changes. */
  use<K extends string>(messages: Messages<K>): Translate<K> {
    return translator(messages, this.#locale);
  }
}

function readSavedLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    // fall through to the default
  }
  return 'ko';
}

export const i18n = new I18n();
