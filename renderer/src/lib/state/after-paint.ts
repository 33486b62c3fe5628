/**
 * "Frame first, heavy parts next": what a click builds (a screen's headings and controls) paints
 * in the click's own task, and the heavy parts (charts, the network drawing, tables) are built in
 * tasks of their own after that paint. Opening a screen with everything in the click was one
 * task of 135–200 ms on a busy lab PC (issue 15). After the next animation frame (which comes just
 * before the paint), a new task: so the paint is never held up by the heavy part, and several
 * heavy parts scheduled together run in one task each.
 */

/** How the browser runs something later; tests pass their own clock. */
export interface PaintScheduler {
  /** Runs `callback` before the next paint; returns its cancel. */
  beforeNextPaint(callback: () => void): () => void;
  /** Runs `callback` in a task of its own; returns its cancel. */
  inNewTask(callback: () => void): () => void;
}

/**
 * The page's own: requestAnimationFrame, then setTimeout 0. A hidden page has no animation frames
 * (a window behind others, a background tab): there the heavy part waits for no paint.
 */
export const browserPaintScheduler: PaintScheduler = {
  beforeNextPaint(callback) {
    // Typed here: this module is also compiled with the engine's and tests' DOM-less settings.
    const page = globalThis as { requestAnimationFrame?: (run: () => void) => number; cancelAnimationFrame?: (frame: number) => void; document?: { visibilityState: string } };
    if (page.requestAnimationFrame === undefined || page.cancelAnimationFrame === undefined || page.document?.visibilityState === 'hidden') return browserPaintScheduler.inNewTask(callback);
    const frame = page.requestAnimationFrame(() => callback());
    return () => page.cancelAnimationFrame?.(frame);
  },
  inNewTask(callback) {
    const timer = setTimeout(callback, 0);
    return () => clearTimeout(timer);
  },
};

/**
 * Runs `work` once what the current task built has been painted, in a task of its own. The
 * returned cancel (an effect's teardown: the part was unmounted meanwhile) leaves nothing
 * scheduled, and `work` never runs.
 */
export function afterPaint(work: () => void, scheduler: PaintScheduler = browserPaintScheduler): () => void {
  let cancel = scheduler.beforeNextPaint(() => {
    cancel = scheduler.inNewTask(() => {
      cancel = () => {};
      work();
    });
  });
  return () => {
    cancel();
    cancel = () => {};
  };
}
