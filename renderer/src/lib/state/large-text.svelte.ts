const STORAGE_KEY = 'nnlab.largeText';

/**
 * Large-text mode for a teacher's projector: the whole page drawn 1.4 times larger (text, lines,
 * buttons), so a 1920 × 1080 projector shows what a 1366 × 768 lab PC shows, readable from the
 * back of the room. Remembered on this machine (localStorage), as the language is.
 */
class LargeText {
  #on = $state(readSaved());

  get on(): boolean {
    return this.#on;
  }

  set on(value: boolean) {
    this.#on = value;
    try {
      localStorage.setItem(STORAGE_KEY, value ? 'on' : 'off');
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this session.
    }
  }
}

function readSaved(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

export const largeText = new LargeText();
