import type { DiagnosticsEvent } from '$engine/api/events';
import type { LabApi } from '$engine/api/lab-api';
import type { ConfigDifference, RunDetail } from '$engine/api/runs';
import { RunSeries } from '../charts/run-series';
import type { CompareTranslate } from '../i18n/messages/compare';
import { MAX_COMPARED_RUNS, runColor } from './run-colors';
import { messageOf } from '$engine/api/error-message';

/** A stored run ready to draw: its record, its events accumulated, its colour on this screen. */
export interface LoadedRun {
  /** The full run id. */
  readonly id: string;
  /** The run's name, made unique on this screen (legends toggle runs by name). */
  readonly name: string;
  /** The run's colour on every chart, card and table of the screen. */
  readonly color: string;
  readonly detail: RunDetail;
  /** The recorded events (curves, gradient norms…), accumulated once. */
  readonly series: RunSeries;
  /** Every diagnostics snapshot, in step order: the histograms at any step. */
  readonly diagnostics: readonly DiagnosticsEvent[];
}

/** Why a run asked for is not on the screen, or what else went wrong while loading. */
export type LoadProblem =
  | { readonly kind: 'not-found'; readonly runId: string }
  | { readonly kind: 'no-events'; readonly runId: string; readonly name: string }
  | { readonly kind: 'failed'; readonly runId: string; readonly message: string }
  | { readonly kind: 'too-many'; readonly asked: number; readonly max: number }
  | { readonly kind: 'diff-failed'; readonly message: string };

/** What the compare screen shows. */
export interface Comparison {
  /** The runs that can be drawn, in the order asked (at most MAX_COMPARED_RUNS). */
  readonly runs: readonly LoadedRun[];
  /** Spec fields that differ between those runs; null when they could not be loaded. */
  readonly differences: readonly ConfigDifference[] | null;
  readonly problems: readonly LoadProblem[];
}

/** The calls loading needs (a LabApi, or a stand-in in tests). */
export type CompareApi = Pick<LabApi, 'getRun' | 'recordedEvents' | 'compareRuns'>;

type Fetched = { ok: true; detail: RunDetail; series: RunSeries; diagnostics: DiagnosticsEvent[] } | { ok: false; problem: LoadProblem };

/** An error of an unknown run: the history's 'not-found', or an id the transport refused as malformed. */
function isNotFound(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'not-found' || (typeof message === 'string' && /must be a run id|no run with id/.test(message));
}

async function fetchRun(api: CompareApi, runId: string): Promise<Fetched> {
  try {
    const detail = await api.getRun(runId);
    const events = await api.recordedEvents(detail.id);
    if (events.length === 0) return { ok: false, problem: { kind: 'no-events', runId: detail.id, name: detail.name } };
    const series = new RunSeries();
    series.apply(events);
    const diagnostics = events.filter((event): event is DiagnosticsEvent => event.type === 'diagnostics');
    return { ok: true, detail, series, diagnostics };
  } catch (error) {
    if (isNotFound(error)) return { ok: false, problem: { kind: 'not-found', runId } };
    return { ok: false, problem: { kind: 'failed', runId, message: messageOf(error) } };
  }
}

/**
 * Names as legends need them: unique. A name that several runs share gets the first 8 characters
 * of each run's id appended ("circle, tanh · 1b9d6bcd").
 */
export function uniqueNames(runs: readonly { id: string; name: string }[]): string[] {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.name, (counts.get(run.name) ?? 0) + 1);
  return runs.map((run) => ((counts.get(run.name) ?? 0) > 1 ? `${run.name} · ${run.id.slice(0, 8)}` : run.name));
}

/**
 * Loads runs for the compare screen: for each id (repeats dropped, at most MAX_COMPARED_RUNS),
 * its stored record (`getRun`) and its events in recorded order (`recordedEvents`) fed into a
 * RunSeries; then the spec fields that differ (`compareRuns`) between the runs that loaded.
 * Never throws: an unknown id, a run without events or a failed call becomes a problem to show,
 * and the other runs are still compared. Colours follow the order of the ids asked for, so a run
 * keeps its colour when a reload finds another one deleted.
 */
export async function loadComparison(api: CompareApi, runIds: readonly string[]): Promise<Comparison> {
  const problems: LoadProblem[] = [];
  const asked = [...new Set(runIds.map((id) => id.trim()).filter((id) => id !== ''))];
  if (asked.length > MAX_COMPARED_RUNS) problems.push({ kind: 'too-many', asked: asked.length, max: MAX_COMPARED_RUNS });

  const fetched = await Promise.all(asked.slice(0, MAX_COMPARED_RUNS).map((id) => fetchRun(api, id)));
  const found: (Extract<Fetched, { ok: true }> & { position: number })[] = [];
  const seen = new Set<string>();
  fetched.forEach((result, position) => {
    if (!result.ok) problems.push(result.problem);
    else if (!seen.has(result.detail.id)) {
      // A prefix and a full id can name the same run.
      seen.add(result.detail.id);
      found.push({ ...result, position });
    }
  });

  const names = uniqueNames(found.map((result) => result.detail));
  const runs: LoadedRun[] = found.map((result, index) => ({
    id: result.detail.id,
    name: names[index]!,
    // By position in the list asked for: a run keeps its colour when another one goes missing.
    color: runColor(result.position),
    detail: result.detail,
    series: result.series,
    diagnostics: result.diagnostics,
  }));

  let differences: ConfigDifference[] | null = [];
  if (runs.length >= 2) {
    try {
      differences = (await api.compareRuns(runs.map((run) => run.id))).differences;
    } catch (error) {
      differences = null;
      problems.push({ kind: 'diff-failed', message: messageOf(error) });
    }
  }
  return { runs, differences, problems };
}

/** A problem as a sentence for the screen, in the UI's language. */
export function describeProblem(problem: LoadProblem, t: CompareTranslate): string {
  switch (problem.kind) {
    case 'not-found':
      return t('notFound', { id: problem.runId });
    case 'no-events':
      return t('noEvents', { name: problem.name });
    case 'failed':
      return t('loadFailed', { id: problem.runId, message: problem.message });
    case 'too-many':
      return t('tooMany', { max: problem.max, asked: problem.asked });
    case 'diff-failed':
      return t('diffFailed', { message: problem.message });
  }
}
