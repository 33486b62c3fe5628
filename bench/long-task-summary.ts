import { median } from './stats';

/**
 * The arithmetic of the UI section (ui-long-tasks.ts), kept pure so it is tested without a browser
 * (test/bench/long-task-summary.test.ts): main-thread tasks of 50 ms or more as Chromium's
 * PerformanceObserver reports them, summed up per scenario against the 100 ms.
 */

/** The bound: no main-thread task may take this long or longer while the app works. */
export const TASK_LIMIT_MS = 100;

/** A script that ran during a long animation frame: what called it and where it lives. */
export interface FrameScript {
  invoker: string;
  sourceURL: string;
  sourceFunctionName: string;
  duration: number;
}

/** What the page recorded: long tasks, and long animation frames with their scripts (where the browser has them). */
export interface PageLongTasks {
  tasks: { start: number; duration: number }[];
  frames: { start: number; duration: number; scripts: FrameScript[] }[];
}

/** One scenario's tasks, over all its repetitions. */
export interface ScenarioSummary {
  /** Long tasks per repetition. */
  counts: number[];
  /** Median task duration over every repetition's tasks (0 when there were none). */
  medianMs: number;
  /** Longest task of each repetition (0 when it had none). */
  maxPerRepetition: number[];
  /** Longest task of all. */
  maxMs: number;
  /** Scripts that took the most time inside long frames: "invoker (file:function)", total and longest ms. */
  attributions: { script: string; totalMs: number; longestMs: number }[];
  /** Whether every task stayed under TASK_LIMIT_MS. */
  met: boolean;
}

/** "WebSocket.onmessage (index-abc.js:fn)": who called the script and where it is, without query or path. */
export function scriptLabel(script: FrameScript): string {
  const file = script.sourceURL.split(/[?#]/)[0]!.split('/').pop() ?? '';
  const where = [file, script.sourceFunctionName].filter((s) => s !== '').join(':');
  return where === '' ? script.invoker || 'unknown' : `${script.invoker || 'unknown'} (${where})`;
}

/** Sums up the recordings of one scenario's repetitions; `top` attributions, biggest total first. */
export function summarizeScenario(repetitions: readonly PageLongTasks[], top = 3): ScenarioSummary {
  const durations = repetitions.flatMap((r) => r.tasks.map((t) => t.duration));
  const maxPerRepetition = repetitions.map((r) => Math.max(0, ...r.tasks.map((t) => t.duration)));
  const byScript = new Map<string, { totalMs: number; longestMs: number }>();
  for (const frame of repetitions.flatMap((r) => r.frames)) {
    for (const script of frame.scripts) {
      const label = scriptLabel(script);
      const entry = byScript.get(label) ?? { totalMs: 0, longestMs: 0 };
      entry.totalMs += script.duration;
      entry.longestMs = Math.max(entry.longestMs, script.duration);
      byScript.set(label, entry);
    }
  }
  const attributions = [...byScript.entries()]
    .map(([script, e]) => ({ script, ...e }))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, top);
  const maxMs = Math.max(0, ...maxPerRepetition);
  return {
    counts: repetitions.map((r) => r.tasks.length),
    medianMs: durations.length === 0 ? 0 : median(durations),
    maxPerRepetition,
    maxMs,
    attributions,
    met: maxMs < TASK_LIMIT_MS,
  };
}

/** Only what began inside [from, to) (performance.now() of the page). */
export function within(recorded: PageLongTasks, from: number, to: number): PageLongTasks {
  const inside = (e: { start: number }) => e.start >= from && e.start < to;
  return { tasks: recorded.tasks.filter(inside), frames: recorded.frames.filter(inside) };
}
