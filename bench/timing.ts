import { ratePerSecond } from './stats';

/** How long to warm up and how many timed runs of what length (per row of the table). */
export interface TimingPlan {
  warmupMs: number;
  runMs: number;
  runs: number;
}

/** A loop body timed call by call, holding resources until disposed (a trainer, a pair of tensors). */
export interface TimedLoop {
  iterate(): void;
  dispose(): void;
}

/**
 * Calls `iterate` for at least `ms` milliseconds (at least once); returns how many calls were made
 * and how long they took. The clock is read once per call.
 */
export function runFor(iterate: () => void, ms: number): { iterations: number; elapsedMs: number } {
  const start = performance.now();
  let iterations = 0;
  let elapsedMs = 0;
  do {
    iterate();
    iterations++;
    elapsedMs = performance.now() - start;
  } while (elapsedMs < ms);
  return { iterations, elapsedMs };
}

/** An implementation in a round-robin timing: how to make it current, and how to build its loop once it is. */
export interface Contender {
  label: string;
  /** Makes this implementation current (a kernel backend, a TF.js backend); called before each of its runs. */
  activate(): Promise<void>;
  /** Builds the loop (after the first activate); disposed at the end. */
  create(): TimedLoop;
}

/**
 * Times several implementations fairly: each is built and warmed up, then the timed runs go
 * round-robin (run 1 of every contender, then run 2, …) so drift (turbo, other load) hits all
 * alike. Returns each contender's calls per second, run by run, in the contenders' order.
 */
export async function timeRoundRobin(contenders: readonly Contender[], plan: TimingPlan, onRun?: (label: string, run: number) => void): Promise<number[][]> {
  const loops: TimedLoop[] = [];
  try {
    for (const c of contenders) {
      await c.activate();
      const loop = c.create();
      loops.push(loop);
      onRun?.(c.label, 0);
      runFor(() => loop.iterate(), plan.warmupMs);
    }
    const rates = contenders.map(() => [] as number[]);
    for (let r = 0; r < plan.runs; r++) {
      for (let i = 0; i < contenders.length; i++) {
        await contenders[i]!.activate();
        const loop = loops[i]!;
        const { iterations, elapsedMs } = runFor(() => loop.iterate(), plan.runMs);
        rates[i]!.push(ratePerSecond(iterations, elapsedMs));
      }
      onRun?.('all', r + 1);
    }
    return rates;
  } finally {
    for (const loop of loops) loop.dispose();
  }
}

/** Progress and notes go to stderr, so stdout holds only the table (or only the JSON lines). */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
