/**
 * Chart work (ECharts setOption, resize) taken off the frame it was asked in and done a little at a
 * time. Each ECharts chart with `lazyUpdate` renders in its own animation-frame callback, and every
 * callback of one frame is one main-thread task: a screen of eight charts, all updated at once,
 * held the page for 300–600 ms (issue 15). Queued, each task does work only until its budget is
 * spent, then yields to input and the next frame; a chart asked twice before its turn draws once,
 * with the latest.
 */

/** How work gets its next turn: a fresh task (setTimeout in the page). */
export type Schedule = (run: () => void) => void;

export class ChartQueue {
  readonly #pending = new Map<object, () => void>();
  readonly #schedule: Schedule;
  readonly #budgetMs: number;
  readonly #now: () => number;
  #scheduled = false;

  /**
   * @param budgetMs how long one task may keep taking work; at least one piece of work runs per task
   */
  constructor(schedule: Schedule = (run) => setTimeout(run, 0), budgetMs = 12, now: () => number = () => performance.now()) {
    this.#schedule = schedule;
    this.#budgetMs = budgetMs;
    this.#now = now;
  }

  /** Queues `work` under `key`, replacing work still waiting under the same key (it keeps its place in line). */
  push(key: object, work: () => void): void {
    this.#pending.set(key, work);
    this.#turn();
  }

  /** Drops the work waiting under `key` (a chart going away). */
  cancel(key: object): void {
    this.#pending.delete(key);
  }

  /** Work waiting. */
  get size(): number {
    return this.#pending.size;
  }

  #turn(): void {
    if (this.#scheduled || this.#pending.size === 0) return;
    this.#scheduled = true;
    this.#schedule(() => this.#run());
  }

  #run(): void {
    this.#scheduled = false;
    const started = this.#now();
    let done = 0;
    for (const [key, work] of this.#pending) {
      if (done > 0 && this.#now() - started >= this.#budgetMs) break;
      this.#pending.delete(key);
      done++;
      try {
        work();
      } catch (error) {
        // One chart's failure must not strand the others' work.
        this.#turn();
        throw error;
      }
    }
    this.#turn();
  }
}

/** The page's queue, shared by every chart so that together they stay within a task's budget. */
export const chartQueue = new ChartQueue();
