import { createSubscriber } from 'svelte/reactivity';

/**
 * Where the link to the app stands: `connecting` (first attempt), `open`, `reconnecting` (lost;
 * retrying with backoff), `closed` (given up or closed on purpose). Electron's IPC is always open.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Failed attempts since the link was last open (0 when open). */
  retries: number;
  /** True once the link has dropped at least once: after reopening, the UI should reload what it shows. */
  reconnected: boolean;
}

/**
 * The connection's state for the UI. Its getters are reactive in Svelte (createSubscriber: a
 * template or $derived that reads `status` updates when it changes) and `onChange` serves
 * anything else. Only the transport sets it.
 */
export class ConnectionState {
  #snapshot: ConnectionSnapshot;
  readonly #listeners = new Set<(snapshot: ConnectionSnapshot) => void>();
  readonly #subscribe = createSubscriber((update) => this.onChange(update));

  constructor(status: ConnectionStatus) {
    this.#snapshot = { status, retries: 0, reconnected: false };
  }

  get status(): ConnectionStatus {
    this.#subscribe();
    return this.#snapshot.status;
  }

  get retries(): number {
    this.#subscribe();
    return this.#snapshot.retries;
  }

  get reconnected(): boolean {
    this.#subscribe();
    return this.#snapshot.reconnected;
  }

  /** Calls `listener` with each new state; returns the unsubscribe function. */
  onChange(listener: (snapshot: ConnectionSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** For the transport. */
  set(change: Partial<ConnectionSnapshot>): void {
    const next = { ...this.#snapshot, ...change };
    if (next.status === this.#snapshot.status && next.retries === this.#snapshot.retries && next.reconnected === this.#snapshot.reconnected) return;
    this.#snapshot = next;
    for (const listener of [...this.#listeners]) listener(next);
  }
}
