import type { DiagnosticsEvent } from '$engine/api/events';
import type { RunDetail } from '$engine/api/runs';
import type { ComparedRun } from '../charts/compare/compared-run';
import type { RunSeries } from '../charts/run-series';
import type { CompareTranslate } from '../i18n/messages/compare';
import { uniqueNames, type LoadedGroup, type LoadedRun } from './load-comparison';

/**
 * The compare screen's groups as its cards, table and charts show them: named for the legend
 * ("He · 시드 5개", "init-he · 실행 31개", or a single run's own name), with the first run's record
 * and series standing for the group where one run is needed (its card heading, its histograms).
 */
export interface ShownGroup extends ComparedRun {
  /** The first run's id (the group's key is `key`). */
  readonly id: string;
  readonly key: string;
  /** The group's own name, without the count: its first run's. */
  readonly title: string;
  readonly seeded: boolean;
  /** Unique on the screen: the title, with the count for a group of two or more. */
  readonly name: string;
  readonly color: string;
  readonly runs: readonly LoadedRun[];
  /** The first run's record, its series and its diagnostics (the histograms show the first run of a group). */
  readonly detail: RunDetail;
  readonly series: RunSeries;
  readonly diagnostics: readonly DiagnosticsEvent[];
  /** Every run's series when there are two or more (drawn as a band). */
  readonly members?: readonly RunSeries[];
}

/** A group's name: its first run's (a seed group's runs share it; students' runs of a preset usually do). */
function groupTitle(runs: readonly LoadedRun[]): string {
  return runs[0]!.detail.name;
}

/** "시드 5개" for a seed group, "실행 31개" for runs that share a spec; null for a single run. */
export function groupCountText(group: Pick<LoadedGroup, 'seeded' | 'runs'>, t: CompareTranslate): string | null {
  const n = group.runs.length;
  if (n < 2) return null;
  return t(group.seeded ? 'groupSeeds' : 'groupRuns', { n });
}

/** The loaded groups as the screen shows them, named in the UI's language. */
export function shownGroups(groups: readonly LoadedGroup[], t: CompareTranslate): ShownGroup[] {
  const labelled = groups.map((group) => {
    const title = groupTitle(group.runs);
    const count = groupCountText(group, t);
    return { id: group.runs[0]!.id, name: count === null ? title : `${title} · ${count}`, title };
  });
  const names = uniqueNames(labelled);
  return groups.map((group, g) => {
    const first = group.runs[0]!;
    return {
      id: first.id,
      key: group.key,
      title: labelled[g]!.title,
      seeded: group.seeded,
      name: names[g]!,
      color: group.color,
      runs: group.runs,
      detail: first.detail,
      series: first.series,
      diagnostics: first.diagnostics,
      ...(group.runs.length >= 2 ? { members: group.runs.map((run) => run.series) } : {}),
    };
  });
}
