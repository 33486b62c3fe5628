import type { Timers } from '../../../engine/service/event-throttle';

/** Timers that fire only when a test advances time. */
export class ManualTimers implements Timers {
  private now = 0;
  private nextId = 1;
  private readonly queue = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.queue.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.queue.delete(handle as number);
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Moves time forward, firing due callbacks in order (including ones they schedule). */
  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const due = [...this.queue.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.queue.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = target;
  }
}
