import type { LabApi } from '$engine/api/lab-api';
import type { NotebookExpected } from '$engine/api/lab-notebook';
import { messageOf } from '$engine/api/error-message';

/** Where a typed entry stands: being saved, saved, not saved (a retry waits), or refused because another tab saved first. */
export type EntrySaveState = 'saving' | 'saved' | 'failed' | 'conflict';

/** Two texts of one entry: this page's, and the one another tab or window stored meanwhile. */
export interface EntryConflict {
  mine: string;
  theirs: string;
  /** When the other one was stored (ISO 8601 UTC). */
  theirsSavedAt: string;
}

/** What the student keeps of a conflict. */
export type ConflictChoice = 'mine' | 'theirs' | 'both';

/** The pages of this origin that have the same sheet open hear each save at once (a hint only: the store decides). */
const CHANNEL = 'nnlab-notebook';

interface SavedMessage {
  sheetId: string;
  key: string;
  value: unknown;
}

/** What the saver reads of the page (the window; absent in tests run without one). */
export interface SaverPage {
  addEventListener(type: 'pagehide' | 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'pagehide' | 'visibilitychange', listener: () => void): void;
  readonly document?: { readonly visibilityState: string };
}

/**
 * Saves one sheet's typed notebook entries as they change, so that nothing typed is lost and
 * nothing is overwritten unseen.
 *
 * Each change is sent at once; while a save of the key is in flight the newest value waits and
 * goes next (never dropped). When the page is hidden or goes away (reload, closing the tab) the
 * waiting values are sent right behind the ones in flight on the same ordered channel, expecting
 * them. Every save is a compare-and-set (saveLabNotebookEntryIfUnchanged) against what this page
 * last read or saved: when another tab or window saved a different text meanwhile, the store
 * refuses and the entry holds both texts in `conflicts` until the student keeps one or both.
 *
 * The flush on pagehide needs no keepalive fetch or beacon: neither transport is a fetch. The
 * browser host's WebSocket sends every frame handed to it before the page's closing frame, and the
 * host runs what it received even when the answer finds the page gone; Electron's ipcRenderer.invoke
 * posts the message to the main process at the call. Both carry the same compare-and-set.
 */
export class NotebookSaver {
  /** Each entry's save state (absent: untouched since the sheet opened). */
  states = $state<Record<string, EntrySaveState>>({});
  conflicts = $state<Record<string, EntryConflict>>({});
  /** The last failure's message (null once a save goes through). */
  error = $state<string | null>(null);

  /** What the store holds, as far as this page knows (read at load, or saved, or answered by a refusal). */
  readonly #stored = new Map<string, NotebookExpected>();
  /** Values sent and not answered yet, oldest first. */
  readonly #inFlight = new Map<string, unknown[]>();
  /** The newest value of each key not sent yet. */
  readonly #waiting = new Map<string, unknown>();
  readonly #channel: BroadcastChannel | null;
  readonly #page: SaverPage | null;
  readonly #onHide = (): void => this.flushNow();
  readonly #onVisibility = (): void => {
    if (this.#page?.document?.visibilityState === 'hidden') this.flushNow();
  };

  constructor(
    private readonly api: LabApi,
    readonly sheetId: string,
    /** Called with a value another tab saved, for a key this page has no unsaved change of. */
    private readonly onSavedElsewhere: (key: string, value: unknown) => void = () => {},
    page: SaverPage | null = typeof window === 'undefined' ? null : window,
  ) {
    this.#page = page;
    this.#page?.addEventListener('pagehide', this.#onHide);
    this.#page?.addEventListener('visibilitychange', this.#onVisibility);
    this.#channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    if (this.#channel) this.#channel.onmessage = (event: MessageEvent<SavedMessage>) => this.#heard(event.data);
  }

  /** Takes what the store holds (the loaded notebook) as the base of the next saves. */
  loaded(notebook: Readonly<Record<string, unknown>>): void {
    for (const [key, value] of Object.entries(notebook)) if (!this.#stored.has(key)) this.#stored.set(key, { stored: true, value });
  }

  /** Saves a key's new value: sent now, or right after the save in flight. Held while the key has a conflict to settle. */
  change(key: string, value: unknown): void {
    if (this.conflicts[key]) return;
    this.#waiting.set(key, value);
    this.states[key] = 'saving';
    if (!this.#inFlight.get(key)?.length) this.#send(key);
  }

  /** Sends a key's value again after a failure. */
  retry(key: string): void {
    if (this.#waiting.has(key) && !this.#inFlight.get(key)?.length) this.#send(key);
  }

  /** Settles a conflict: keeps this page's text, the other one, or both (the other's first); the result is saved over the other's. */
  resolve(key: string, choice: ConflictChoice): string {
    const conflict = this.conflicts[key];
    if (!conflict) return '';
    const text = choice === 'mine' ? conflict.mine : choice === 'theirs' ? conflict.theirs : `${conflict.theirs}\n\n${conflict.mine}`;
    delete this.conflicts[key];
    this.change(key, text);
    return text;
  }

  /** Whether a key has a value not yet saved (waiting, in flight, failed or in conflict). */
  unsaved(key: string): boolean {
    return this.#waiting.has(key) || (this.#inFlight.get(key)?.length ?? 0) > 0 || this.conflicts[key] !== undefined;
  }

  /** Sends every waiting value now, behind those in flight (the page is hidden or going away). */
  flushNow(): void {
    for (const key of [...this.#waiting.keys()]) if (!this.conflicts[key]) this.#send(key);
  }

  /** Sends what waits and resolves once every save in flight is answered, or after `timeoutMs` (the link may be down: the saves stay queued). */
  async flush(timeoutMs = 10_000): Promise<void> {
    this.flushNow();
    const deadline = Date.now() + timeoutMs;
    while ([...this.#inFlight.values()].some((values) => values.length > 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Stops listening to the page and the other tabs (what waits is sent first). */
  close(): void {
    this.flushNow();
    this.#page?.removeEventListener('pagehide', this.#onHide);
    this.#page?.removeEventListener('visibilitychange', this.#onVisibility);
    this.#channel?.close();
  }

  #send(key: string): void {
    if (!this.#waiting.has(key)) return;
    const value = this.#waiting.get(key);
    this.#waiting.delete(key);
    const queue = this.#inFlight.get(key) ?? [];
    // Behind a save in flight, expect its value: the channel keeps the order, so the store has it by then.
    const expected: NotebookExpected = queue.length > 0 ? { stored: true, value: queue.at(-1) } : (this.#stored.get(key) ?? { stored: false });
    queue.push(value);
    this.#inFlight.set(key, queue);
    this.states[key] = 'saving';
    this.api.saveLabNotebookEntryIfUnchanged(this.sheetId, key, value, expected).then(
      (outcome) => {
        queue.shift();
        if (outcome.saved) {
          this.#stored.set(key, { stored: true, value });
          this.#failed.delete(key);
          this.error = null;
          this.#channel?.postMessage({ sheetId: this.sheetId, key, value } satisfies SavedMessage);
        } else {
          this.#stored.set(key, { stored: true, value: outcome.stored });
          // This page's newest text: waiting, else the last one sent.
          const mine = this.#waiting.has(key) ? this.#waiting.get(key) : (queue.at(-1) ?? value);
          this.#waiting.delete(key);
          this.conflicts[key] = { mine: textOf(mine), theirs: textOf(outcome.stored), theirsSavedAt: outcome.updatedAt };
        }
        this.#settle(key);
      },
      (error: unknown) => {
        queue.shift();
        // Not saved: the newest value waits for a retry (never dropped).
        if (!this.#waiting.has(key)) this.#waiting.set(key, queue.at(-1) ?? value);
        this.error = messageOf(error);
        this.#failed.add(key);
        this.#settle(key);
      },
    );
  }

  readonly #failed = new Set<string>();

  #settle(key: string): void {
    if ((this.#inFlight.get(key)?.length ?? 0) > 0) return;
    if (this.conflicts[key]) {
      this.#failed.delete(key);
      this.states[key] = 'conflict';
    } else if (this.#failed.has(key)) {
      this.#failed.delete(key);
      this.states[key] = 'failed';
    } else if (this.#waiting.has(key)) this.#send(key);
    else this.states[key] = 'saved';
  }

  /** Another tab saved: a key this page has no unsaved change of takes the newer value (what it showed was stored, so nothing is lost). */
  #heard(message: SavedMessage): void {
    if (message.sheetId !== this.sheetId || this.unsaved(message.key) || this.states[message.key] === 'failed') return;
    this.#stored.set(message.key, { stored: true, value: message.value });
    this.onSavedElsewhere(message.key, message.value);
  }
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value);
}
