/**
 * Which compared runs belong together and are drawn as one band: a seed group (the runs started
 * together over several seeds, RunSummary.groupId), or else runs whose specs are equal apart from
 * their seed and name (31 students' runs of one preset). Pure.
 */

/** At most this many groups (a single run is a group of one) share the compare screen's charts: one colour each. */
export const MAX_COMPARED_GROUPS = 6;

/**
 * At most this many runs are loaded into the compare screen at once. A class's two presets
 * (40 students × 2 = 80 runs) fit with room; every run's events are held in memory while the
 * screen is open, so a whole semester (400 runs) is the class view's job, not compare's.
 */
export const MAX_COMPARED_RUN_COUNT = 120;

/** What grouping reads of a run. */
export interface Groupable {
  readonly id: string;
  readonly groupId: string | null;
  /** The run's spec (RunDetail.spec); compared as data, whatever its shape. */
  readonly spec: unknown;
}

/** Runs drawn as one: a seed group, or runs of one spec; `runs` in the order they were asked for. */
export interface RunGroup<T> {
  /** "group:<groupId>" or "spec:<spec without seed and name>". */
  readonly key: string;
  /** Whether the runs are a seed group (started together) rather than runs that happen to share a spec. */
  readonly seeded: boolean;
  readonly runs: readonly T[];
}

/** JSON with object keys sorted, so two specs written in another key order still compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A spec as grouping compares it: everything but its seed and its name. */
export function specKeyWithoutSeed(spec: unknown): string {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return canonical(spec);
  const { seed: _seed, name: _name, ...rest } = spec as Record<string, unknown>;
  return canonical(rest);
}

/** The key of the group `run` belongs to. */
export function groupKeyOf(run: Groupable): string {
  return run.groupId ? `group:${run.groupId}` : `spec:${specKeyWithoutSeed(run.spec)}`;
}

/**
 * The runs in groups, in the order each group's first run comes: runs of one seed group together
 * (by groupId), the others together when their specs are equal apart from seed and name. A run
 * alone is a group of one.
 */
export function groupRuns<T extends Groupable>(runs: readonly T[]): RunGroup<T>[] {
  const groups = new Map<string, { seeded: boolean; runs: T[] }>();
  for (const run of runs) {
    const key = groupKeyOf(run);
    const group = groups.get(key) ?? { seeded: run.groupId !== null && run.groupId !== '', runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  return [...groups].map(([key, group]) => ({ key, seeded: group.seeded, runs: group.runs }));
}

// ── The history's "Compare" button: before any spec is loaded ──

/** What the run table knows of a run (a RunSummary) that says which group it can be in. */
export interface SummaryOfRun {
  readonly groupId: string | null;
  readonly dataset: { readonly name: string } | null;
  readonly architecture: string | null;
  readonly activation: string;
  readonly init: string;
  readonly regularization: string;
}

/**
 * A key that runs of one group always share (their summaries are made from their specs), so the
 * number of distinct keys never exceeds the number of groups compare will draw: the history never
 * refuses a selection compare could show. (Runs of one key can still differ in, say, learning
 * rate; compare then finds the more groups and says so.)
 */
export function summaryGroupKey(run: SummaryOfRun): string {
  if (run.groupId) return `group:${run.groupId}`;
  return `summary:${JSON.stringify([run.dataset?.name ?? null, run.architecture, run.activation, run.init, run.regularization])}`;
}

/**
 * Whether `count` selected runs can be compared, and if not, why: at least two; any number up to
 * MAX_COMPARED_RUN_COUNT as long as they form at most MAX_COMPARED_GROUPS groups. `groups` is the
 * number of groups among the selected runs when the table knows every one of them (null when some
 * were selected without their rows being loaded, "select all"): then up to the run cap is allowed
 * and compare says if there are too many groups.
 */
export function compareSelectionReadiness(count: number, groups: number | null): 'ok' | 'too-few' | 'too-many' | 'too-many-groups' {
  if (count < 2) return 'too-few';
  if (count > MAX_COMPARED_RUN_COUNT) return 'too-many';
  if (count <= MAX_COMPARED_GROUPS) return 'ok';
  return groups !== null && groups > MAX_COMPARED_GROUPS ? 'too-many-groups' : 'ok';
}
