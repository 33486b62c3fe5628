import { browserPaintScheduler, type PaintScheduler } from './after-paint';

/**
 * Pushed messages handed on together, once before the next paint, instead of one at a time in
 * the WebSocket's message task each. Every delivery changes the runs' state and so re-derives the
 * shown run's charts and panels: with four runs pushing, that was a page update per message (the
 * message tasks were up to 88–150 ms on a busy lab PC, issue 15), and now it is one per frame,
 * whatever came in meanwhile. Nothing is dropped or reordered. Whoever reads what the pushes
 * change must `flush()` first, so a push that came before a reply is routed before the reply's
 * own work (a run put back after a reload must not get events it already has).
 */
export class PushBatch<T> {
  #queued: T[] = [];
  #cancel: (() => void) | null = null;

  constructor(
    private readonly deliver: (items: readonly T[]) => void,
    private readonly scheduler: PaintScheduler = browserPaintScheduler,
  ) {}

  /** Queues one item; the first of a batch asks for the next frame. */
  add(item: T): void {
    this.#queued.push(item);
    this.#cancel ??= this.scheduler.beforeNextPaint(() => {
      this.#cancel = null;
      this.flush();
    });
  }

  /** Hands on whatever is queued now, in the order it came (nothing when the queue is empty). */
  flush(): void {
    this.#cancel?.();
    this.#cancel = null;
    if (this.#queued.length === 0) return;
    const items = this.#queued;
    this.#queued = [];
    this.deliver(items);
  }
}
