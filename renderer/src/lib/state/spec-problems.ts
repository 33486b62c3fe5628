import { parseRunSpec } from '$engine/api/parse-run-spec';
import { DatasetSpecSchema, type RunSpecInput } from '$engine/api/run-spec';
import { SpecError, problemsFromZod, type FieldProblem } from '$engine/api/spec-error';
import { messageOf } from '$engine/api/error-message';

/**
 * The parser's problems with a draft's spec, with a file's points checked once per file instead of
 * on every edit. Checking 50,000 inline points (zod, point by point) took the page 230 ms and more,
 * and the builder re-derives its problems on each keystroke (issue 15). A file's points are never
 * edited in place (InlineData is replaced as a whole), so their problems are remembered by the
 * identity of their arrays; the rest of the spec is checked with a one-point stand-in, which the
 * parser treats the same (no rule of a RunSpec looks at an inline dataset's size or values).
 */

type InlinePoints = { x: unknown; y: unknown; test?: unknown };

const checkedPoints = new WeakMap<object, { y: unknown; test: unknown; problems: readonly FieldProblem[] }>();

/** The dataset the rest of the spec is parsed with: its own fields, with one valid point of one class for each split's points. */
function withStandInPoints(dataset: object & InlinePoints): object {
  const point = { x: [[0]], y: [0] };
  return { ...dataset, ...point, ...(dataset.test === undefined ? {} : { test: point }) };
}

/** Records `problems` as what the check of these exact arrays found (e.g. in the worker that read the file). */
export function rememberCheckedPoints(points: InlinePoints, problems: readonly FieldProblem[]): void {
  if (typeof points.x === 'object' && points.x !== null) checkedPoints.set(points.x, { y: points.y, test: points.test, problems });
}

/** The parser's problems with an inline dataset's points, each field under `dataset` (empty when they are fine). */
export function inlinePointsProblems(points: InlinePoints): FieldProblem[] {
  const result = DatasetSpecSchema.safeParse({ name: 'inline', x: points.x, y: points.y, ...(points.test === undefined ? {} : { test: points.test }) });
  if (result.success) return [];
  return problemsFromZod(result.error).map((p) => ({ field: p.field ? `dataset.${p.field}` : 'dataset', message: p.message }));
}

function pointsProblemsOnce(points: InlinePoints): readonly FieldProblem[] {
  const known = typeof points.x === 'object' && points.x !== null ? checkedPoints.get(points.x) : undefined;
  if (known && known.y === points.y && known.test === points.test) return known.problems;
  const problems = inlinePointsProblems(points);
  rememberCheckedPoints(points, problems);
  return problems;
}

/** What parseRunSpec says is wrong with `spec` (empty when nothing), an inline dataset's points checked once. */
export function localSpecProblems(spec: RunSpecInput): FieldProblem[] {
  const dataset = spec.dataset as { name?: unknown } & InlinePoints;
  const inline = dataset.name === 'inline';
  const problems: FieldProblem[] = [];
  try {
    parseRunSpec(inline ? { ...spec, dataset: withStandInPoints(dataset) } : spec);
  } catch (error) {
    problems.push(...(error instanceof SpecError ? error.problems : [{ field: '', message: messageOf(error) }]));
  }
  if (inline) problems.push(...pointsProblemsOnce(dataset));
  return problems;
}
