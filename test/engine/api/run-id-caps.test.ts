import { describe, expect, it } from 'vitest';
import { LabApiArgs, MAX_COMPARE_RUNS_PER_CALL, MAX_RUNS_PER_CALL } from '../../../engine/api/lab-api';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`);

describe('how many run ids one call takes', () => {
  it('compareRuns takes a class\'s runs (up to 400); export keeps its own cap of 64', () => {
    expect(MAX_COMPARE_RUNS_PER_CALL).toBe(400);
    expect(LabApiArgs.compareRuns.safeParse([ids(MAX_RUNS_PER_CALL + 1)]).success).toBe(true);
    expect(LabApiArgs.compareRuns.safeParse([ids(MAX_COMPARE_RUNS_PER_CALL)]).success).toBe(true);
    expect(LabApiArgs.compareRuns.safeParse([ids(MAX_COMPARE_RUNS_PER_CALL + 1)]).success).toBe(false);
    expect(LabApiArgs.exportRuns.safeParse([ids(MAX_RUNS_PER_CALL)]).success).toBe(true);
    expect(LabApiArgs.exportRuns.safeParse([ids(MAX_RUNS_PER_CALL + 1)]).success).toBe(false);
  });
});
