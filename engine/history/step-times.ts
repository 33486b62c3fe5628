/**
 * Each step's training time (StepEvent.elapsedMs) as the history keeps it: a whole number of
 * microseconds, which SQLite stores in 3–4 bytes for runs of up to half an hour (a REAL takes 8),
 * and which gives back exactly the number the trainer emitted (it rounds to the microsecond).
 */

/** The longest training time a step may carry: 30 days, far beyond any class's run. */
export const MAX_STEP_ELAPSED_MS = 30 * 24 * 60 * 60 * 1000;

/** What is wrong with a step's time, or null when it can be stored. */
export function stepTimeProblem(elapsedMs: unknown): string | null {
  if (typeof elapsedMs !== 'number' || !Number.isFinite(elapsedMs)) return 'must be a finite number of milliseconds';
  if (elapsedMs < 0) return 'must be 0 or more';
  if (elapsedMs > MAX_STEP_ELAPSED_MS) return `must be at most ${MAX_STEP_ELAPSED_MS} ms (30 days)`;
  return null;
}

/** The stored form: whole microseconds. */
export function storedStepTime(elapsedMs: number): number {
  return Math.round(elapsedMs * 1000);
}

/** Milliseconds from the stored microseconds. */
export function stepTimeFromStored(microseconds: number): number {
  return microseconds / 1000;
}

/**
 * Where a run's step times first go wrong (not a time, or less than the step before), as a
 * column index and a message, or null when they are all fine.
 */
export function stepTimesProblem(times: readonly unknown[]): { index: number; message: string } | null {
  for (let i = 0; i < times.length; i++) {
    const problem = stepTimeProblem(times[i]);
    if (problem !== null) return { index: i, message: problem };
    if (i > 0 && (times[i] as number) < (times[i - 1] as number)) return { index: i, message: `must not be less than the previous step's time (${times[i - 1] as number} ms)` };
  }
  return null;
}
