/**
 * An on/off choice the page remembers in a Web Storage area under `key`: localStorage to keep it
 * on this machine, sessionStorage for this session only. Storage may be unavailable (private
 * mode, a locked-down profile): the choice then lasts while the page is open.
 */
export class StoredSwitch {
  #on: boolean;

  constructor(
    private readonly storage: () => Storage,
    private readonly key: string,
  ) {
    this.#on = $state(this.#readSaved());
  }

  get on(): boolean {
    return this.#on;
  }

  set on(value: boolean) {
    this.#on = value;
    try {
      this.storage().setItem(this.key, value ? '1' : '0');
    } catch {
      // Kept in memory only (see above).
    }
  }

  #readSaved(): boolean {
    try {
      return this.storage().getItem(this.key) === '1';
    } catch {
      return false;
    }
  }
}
