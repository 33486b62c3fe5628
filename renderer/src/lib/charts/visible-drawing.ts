import type { ChartQueue } from './chart-queue';

/**
 * One chart's drawing, held back while the chart is out of sight. While runs train, every push
 * brings every chart a new option; drawing the ones scrolled out of view (the detailed charts
 * below the training screen's first view) kept the page busy for nothing and stretched the tasks
 * of those in view (issue 15). The first drawing is made wherever the chart is, so every chart on a
 * screen has its picture (a full-page screenshot, a glance while scrolling); after it, out of
 * sight, only the latest drawing is kept, queued the moment the chart comes into view.
 */
export class VisibleDrawing {
  readonly #queue: ChartQueue;
  readonly #key: object;
  #visible = false;
  #held: (() => void) | null = null;
  /** Whether a drawing has been made (until then, drawings are queued wherever the chart is). */
  #drawn = false;

  /** @param key the chart's key in `queue` (one per chart) */
  constructor(queue: ChartQueue, key: object) {
    this.#queue = queue;
    this.#key = key;
  }

  /** Whether the chart is in (or near) view; until told, it is not. */
  get visible(): boolean {
    return this.#visible;
  }

  set visible(visible: boolean) {
    this.#visible = visible;
    if (visible && this.#held) {
      const held = this.#held;
      this.#held = null;
      this.push(held);
    }
  }

  /** Draws with `work` in the queue when in view (or not drawn yet), else when the chart next comes into view (the latest work only). */
  push(work: () => void): void {
    if (this.#visible || !this.#drawn) {
      this.#queue.push(this.#key, () => {
        this.#drawn = true;
        work();
      });
      return;
    }
    // Drawing already queued from when it was in view is replaced by this, newer one.
    this.#queue.cancel(this.#key);
    this.#held = work;
  }

  /** Forgets the held drawing and any queued one (the chart going away). */
  cancel(): void {
    this.#held = null;
    this.#queue.cancel(this.#key);
  }

  /** Whether a drawing waits for the chart to come into view. */
  get holding(): boolean {
    return this.#held !== null;
  }
}
