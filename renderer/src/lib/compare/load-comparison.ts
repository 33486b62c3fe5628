import { END_STATUSES, type DiagnosticsEvent, type EndStatus, type RunStatus, type TrainingEvent } from '$engine/api/events';
import type { LabApi } from '$engine/api/lab-api';
import type { ConfigDifference, RunDetail } from '$engine/api/runs';
import { RunSeries } from '../charts/run-series';
import type { CompareTranslate } from '../i18n/messages/compare';
import { mapLimited } from './parallel-limit';
import { RUN_COLORS, runColor } from './run-colors';
import { MAX_COMPARED_GROUPS, MAX_COMPARED_RUN_COUNT, groupKeyOf, groupRuns } from './run-groups';
import { messageOf } from '$engine/api/error-message';
import { withParticle } from '$engine/lab/claims/wording/korean-particles';

/** A stored run ready to draw: its record, its events accumulated. */
export interface LoadedRun {
  /** The full run id. */
  readonly id: string;
  readonly detail: RunDetail;
  /** The recorded events (curves, gradient norms…) accumulated once; a group's later runs: their curves only (seriesFromRecord). */
  readonly series: RunSeries;
  /** Every diagnostics snapshot, in step order: the histograms at any step (a group's first run's only; [] for its others). */
  readonly diagnostics: readonly DiagnosticsEvent[];
}

/**
 * Runs drawn as one on this screen (run-groups.ts): a seed group, runs of one spec, or one run on
 * its own. What the charts draw of it: the first run's record and series, and every run's series
 * as `members` for the band.
 */
export interface LoadedGroup {
  readonly key: string;
  /** A seed group (started together) rather than runs that share a spec. */
  readonly seeded: boolean;
  /** Its colour on every chart, card and table of the screen. */
  readonly color: string;
  /** Its runs in the order asked for (at least one). */
  readonly runs: readonly LoadedRun[];
}

/** Why a run asked for is not on the screen, or what else went wrong while loading. */
export type LoadProblem =
  | { readonly kind: 'not-found'; readonly runId: string }
  | { readonly kind: 'no-events'; readonly runId: string; readonly name: string }
  | { readonly kind: 'failed'; readonly runId: string; readonly message: string }
  | { readonly kind: 'too-many'; readonly asked: number; readonly max: number }
  | { readonly kind: 'too-many-groups'; readonly groups: number; readonly max: number }
  | { readonly kind: 'diff-failed'; readonly message: string };

/** What the compare screen shows. */
export interface Comparison {
  /** The groups that can be drawn, in the order their first run was asked for (at most MAX_COMPARED_GROUPS). */
  readonly groups: readonly LoadedGroup[];
  /**
   * Spec fields that differ between the groups (compareRuns over each group's first run), each
   * group's value in the groups' order; null when they could not be loaded.
   */
  readonly differences: readonly ConfigDifference[] | null;
  readonly problems: readonly LoadProblem[];
}

/** How far loading has come: the runs' records first, then their events (runs of groups left out are not fetched). */
export interface LoadProgress {
  readonly phase: 'records' | 'events';
  readonly done: number;
  readonly total: number;
}

/** The calls loading needs (a LabApi, or a stand-in in tests). */
export type CompareApi = Pick<LabApi, 'getRun' | 'recordedEvents' | 'compareRuns'>;

/** Runs fetched at once: a few keep the service busy without queueing 80 large answers at the same moment. */
export const LOAD_CONCURRENCY = 4;

type Fetched<T> = { ok: true; value: T } | { ok: false; problem: LoadProblem };

/** An error of an unknown run: the history's 'not-found', or an id the transport refused as malformed. */
function isNotFound(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'not-found' || (typeof message === 'string' && /must be a run id|no run with id/.test(message));
}

function problemOf(error: unknown, runId: string): LoadProblem {
  return isNotFound(error) ? { kind: 'not-found', runId } : { kind: 'failed', runId, message: messageOf(error) };
}

async function fetchDetail(api: CompareApi, runId: string): Promise<Fetched<RunDetail>> {
  try {
    return { ok: true, value: await api.getRun(runId) };
  } catch (error) {
    return { ok: false, problem: problemOf(error, runId) };
  }
}

/**
 * A later run of a group as its band needs it: its steps and evaluations, straight from its stored
 * record (getRun already fetched it), not its recorded events. A class's 80 runs then cost 80
 * records and 6 event reads, not 80 event reads (each a run's every snapshot: ~0.1 s and ~1 MB
 * for a small circle run, more for MNIST). Its histograms and gradient norms are not there: a
 * group shows those of its first run.
 */
export function seriesFromRecord(detail: RunDetail): RunSeries {
  const events: TrainingEvent[] = [];
  if (detail.dataset && detail.stepsPerEpoch !== null && detail.totalSteps !== null) {
    events.push({ type: 'start', runId: detail.id, spec: detail.spec, engineVersion: detail.engineVersion, dataset: detail.dataset, stepsPerEpoch: detail.stepsPerEpoch, totalSteps: detail.totalSteps });
  }
  const { steps, evals } = detail;
  steps.step.forEach((step, i) =>
    events.push({ type: 'step', step, epoch: steps.epoch[i]!, loss: steps.loss[i]!, dataLoss: steps.dataLoss[i]!, ...(steps.elapsedMs ? { elapsedMs: steps.elapsedMs[i]! } : {}) }),
  );
  evals.step.forEach((step, i) => {
    const test = evals.testLoss[i];
    events.push({
      type: 'eval',
      step,
      epoch: evals.epoch[i]!,
      train: { loss: evals.trainLoss[i]!, ...(evals.trainAccuracy[i] != null ? { accuracy: evals.trainAccuracy[i]! } : {}) },
      ...(test != null ? { test: { loss: test, ...(evals.testAccuracy[i] != null ? { accuracy: evals.testAccuracy[i]! } : {}) } } : {}),
    });
  });
  // Its end, for the time axis: where a timed run's last evaluation sits, an untimed run's pace.
  if (isEndStatus(detail.status) && detail.durationMs !== null) {
    events.push({ type: 'end', status: detail.status, steps: detail.stepsDone, final: detail.final, message: detail.message, elapsedMs: detail.durationMs });
  }
  // Steps and evaluations interleave in the events; RunSeries keeps each kind in step order either way.
  const series = new RunSeries();
  series.apply(events);
  return series;
}

function fromRecord(detail: RunDetail): Fetched<LoadedRun> {
  if (detail.steps.step.length === 0 && detail.evals.step.length === 0) return { ok: false, problem: { kind: 'no-events', runId: detail.id, name: detail.name } };
  return { ok: true, value: { id: detail.id, detail, series: seriesFromRecord(detail), diagnostics: [] } };
}

async function fetchEvents(api: CompareApi, detail: RunDetail): Promise<Fetched<LoadedRun>> {
  try {
    const events = await api.recordedEvents(detail.id);
    if (events.length === 0) return { ok: false, problem: { kind: 'no-events', runId: detail.id, name: detail.name } };
    const series = new RunSeries();
    series.apply(events);
    const diagnostics = events.filter((event): event is DiagnosticsEvent => event.type === 'diagnostics');
    return { ok: true, value: { id: detail.id, detail, series, diagnostics } };
  } catch (error) {
    return { ok: false, problem: problemOf(error, detail.id) };
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
 * Colours of the groups shown: by slot, a slot being a group or an id that could not be loaded, in
 * the order asked for, so a group keeps its colour when a reload finds another run deleted; when
 * the slots outnumber the palette, by the groups' own order (no two groups share a colour).
 * `slots` are the asked ids' slot keys in order (repeats allowed); `shown` the groups' keys.
 */
export function groupColors(slots: readonly string[], shown: readonly string[]): string[] {
  const distinct = [...new Set(slots.filter((slot) => slot.startsWith('missing:') || shown.includes(slot)))];
  return shown.map((key, g) => runColor(distinct.length <= RUN_COLORS.length ? distinct.indexOf(key) : g));
}

/**
 * Loads runs for the compare screen: each id's stored record (`getRun`; repeats dropped, at most
 * MAX_COMPARED_RUN_COUNT), the runs in groups (run-groups.ts; at most MAX_COMPARED_GROUPS, the
 * first ones asked for), each group's first run's events in recorded order (`recordedEvents`) fed
 * into a RunSeries and its other runs' curves from their records, LOAD_CONCURRENCY calls at a time
 * with `onProgress` after each; then the spec fields
 * that differ between the groups (`compareRuns` over each group's first run). Never throws: an
 * unknown id, a run without events or a failed call becomes a problem to show, and the rest is
 * still compared.
 */
export async function loadComparison(api: CompareApi, runIds: readonly string[], onProgress?: (progress: LoadProgress) => void): Promise<Comparison> {
  const problems: LoadProblem[] = [];
  const allAsked = [...new Set(runIds.map((id) => id.trim()).filter((id) => id !== ''))];
  if (allAsked.length > MAX_COMPARED_RUN_COUNT) problems.push({ kind: 'too-many', asked: allAsked.length, max: MAX_COMPARED_RUN_COUNT });
  const asked = allAsked.slice(0, MAX_COMPARED_RUN_COUNT);

  let done = 0;
  const details = await mapLimited(asked, LOAD_CONCURRENCY, async (id) => {
    const fetched = await fetchDetail(api, id);
    onProgress?.({ phase: 'records', done: ++done, total: asked.length });
    return fetched;
  });
  const found: RunDetail[] = [];
  details.forEach((fetched) => {
    if (!fetched.ok) problems.push(fetched.problem);
    else if (!found.some((detail) => detail.id === fetched.value.id)) {
      // A prefix and a full id can name the same run.
      found.push(fetched.value);
    }
  });

  const allGroups = groupRuns(found);
  if (allGroups.length > MAX_COMPARED_GROUPS) problems.push({ kind: 'too-many-groups', groups: allGroups.length, max: MAX_COMPARED_GROUPS });
  const kept = allGroups.slice(0, MAX_COMPARED_GROUPS);

  // A group's first run (or a run alone) is read in full; the others from their records (seriesFromRecord).
  const firsts = kept.map((group) => group.runs[0]!);
  done = 0;
  const loaded = [
    ...(await mapLimited(firsts, LOAD_CONCURRENCY, async (detail) => {
      const fetched = await fetchEvents(api, detail);
      onProgress?.({ phase: 'events', done: ++done, total: firsts.length });
      return fetched;
    })),
    ...kept.flatMap((group) => group.runs.slice(1).map(fromRecord)),
  ];
  const byId = new Map<string, LoadedRun>();
  for (const fetched of loaded) {
    if (fetched.ok) byId.set(fetched.value.id, fetched.value);
    else problems.push(fetched.problem);
  }

  // A run whose events could not be read drops out of its group (the problem says so).
  const shown = kept
    .map((group) => ({ ...group, runs: group.runs.flatMap((detail) => byId.get(detail.id) ?? []) }))
    .filter((group) => group.runs.length > 0);
  const slots = asked.map((id, position) => {
    const fetched = details[position]!;
    return fetched.ok && byId.has(fetched.value.id) ? groupKeyOf(fetched.value) : `missing:${id}`;
  });
  const colors = groupColors(slots, shown.map((group) => group.key));
  const groups: LoadedGroup[] = shown.map((group, g) => ({ key: group.key, seeded: group.seeded, color: colors[g]!, runs: group.runs }));

  let differences: ConfigDifference[] | null = [];
  if (groups.length >= 2) {
    try {
      differences = (await api.compareRuns(groups.map((group) => group.runs[0]!.id))).differences;
    } catch (error) {
      differences = null;
      problems.push({ kind: 'diff-failed', message: messageOf(error) });
    }
  }
  return { groups, differences, problems };
}

/** A problem as a sentence for the screen, in the UI's language. */
export function describeProblem(problem: LoadProblem, t: CompareTranslate): string {
  switch (problem.kind) {
    case 'not-found':
      return t('notFound', { id: problem.runId, idObject: withParticle(problem.runId, '을/를') });
    case 'no-events':
      return t('noEvents', { name: problem.name });
    case 'failed':
      return t('loadFailed', { id: problem.runId, idObject: withParticle(problem.runId, '을/를'), message: problem.message });
    case 'too-many':
      return t('tooMany', { max: problem.max, asked: problem.asked });
    case 'too-many-groups':
      return t('tooManyGroups', { max: problem.max, groups: problem.groups });
    case 'diff-failed':
      return t('diffFailed', { message: problem.message });
  }
}

/** Whether a stored run's status is one its end event could have (a run that ended, not one queued, running or interrupted). */
function isEndStatus(status: RunStatus): status is EndStatus {
  return (END_STATUSES as readonly string[]).includes(status);
}
