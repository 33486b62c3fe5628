import { CsvError, parsePointsCsv, pointsToInlineDataset, type CsvProblem, type InlinePointsSpec } from '$engine/api/points-csv';
import type { FieldProblem } from '$engine/api/spec-error';
import { inlinePointsProblems } from '../state/spec-problems';

/**
 * The CSV import's work, as the worker (points-csv.worker.ts) does it off the page's main thread:
 * a 50,000-point file took the page 1.6 s to read (issue 15). Plain data in and out, so the same
 * function runs in the worker and in the tests.
 */

/** What the page asks: the file's text and how to split it. */
export interface PointsCsvRequest {
  id: number;
  text: string;
  testFraction: number;
  seed: number;
}

/**
 * What the worker answers: the split points, their counts and what the RunSpec parser says of them
 * (checked here, off the page's main thread, so the builder need not check them again), or the
 * file's problem (code and parameters, for the page to word).
 */
export type PointsCsvReply =
  | { id: number; ok: true; inline: InlinePointsSpec; count: number; classes: number; problems: FieldProblem[] }
  | { id: number; ok: false; problem: CsvProblem };

/** Reads and splits the file exactly as the page did before it moved to a worker. */
export function pointsCsvTask(request: PointsCsvRequest): PointsCsvReply {
  try {
    const points = parsePointsCsv(request.text);
    const inline = pointsToInlineDataset(points, request.testFraction, request.seed);
    return { id: request.id, ok: true, inline, count: points.x.length, classes: new Set(points.y).size, problems: inlinePointsProblems(inline) };
  } catch (error) {
    if (error instanceof CsvError) return { id: request.id, ok: false, problem: error.problem };
    throw error;
  }
}
