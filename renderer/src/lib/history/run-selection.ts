import { MAX_RUNS_PER_CALL } from '$engine/api/lab-api';
import type { RunKey } from '$engine/api/runs';

/**
 * The history's selection and pages as plain data. A selection maps run id → when the run was made,
 * so it can hold every run of a 10,000-run history (select all), list them newest first for
 * compare and export, and be replaced in one step (one update for the table, not one per id).
 */
export type RunSelection = ReadonlyMap<string, string>;

export const NO_SELECTION: RunSelection = new Map();

/** `selection` with `runs` added (selected) or removed. */
export function withRuns(selection: RunSelection, runs: readonly RunKey[], selected: boolean): RunSelection {
  const next = new Map(selection);
  for (const run of runs) {
    if (selected) next.set(run.id, run.createdAt);
    else next.delete(run.id);
  }
  return next;
}

/** Only the selected runs that still exist (deleted ones drop out); the same object when none went. */
export function keepExisting(selection: RunSelection, existing: readonly RunKey[]): RunSelection {
  const ids = new Set(existing.map((run) => run.id));
  for (const id of selection.keys()) if (!ids.has(id)) return new Map([...selection].filter(([kept]) => ids.has(kept)));
  return selection;
}

/** The selected ids, newest run first (the order compare shows them in, and export writes them). */
export function selectedNewestFirst(selection: RunSelection): string[] {
  return [...selection]
    .sort(([idA, madeA], [idB, madeB]) => (madeA === madeB ? (idA < idB ? 1 : -1) : madeA < madeB ? 1 : -1))
    .map(([id]) => id);
}

/** Whether `count` selected runs can be exported (the service takes MAX_RUNS_PER_CALL at once). */
export function exportReadiness(count: number): 'ok' | 'none' | 'too-many' {
  if (count === 0) return 'none';
  return count > MAX_RUNS_PER_CALL ? 'too-many' : 'ok';
}

export { MAX_RUNS_PER_CALL as EXPORT_MAX };

// ── Pages ──

/** Rows per page the table offers. */
export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** Where a page stands: its number and the pages' count (from 1), and its first and last run (from 1; 0 when empty). */
export interface PagePosition {
  page: number;
  pages: number;
  from: number;
  to: number;
}

export function pagePosition(offset: number, pageSize: number, shown: number, matching: number): PagePosition {
  return {
    page: Math.floor(offset / pageSize) + 1,
    pages: Math.max(1, Math.ceil(matching / pageSize)),
    from: shown === 0 ? 0 : offset + 1,
    to: offset + shown,
  };
}

/** The offset of page `page` (from 1), kept within the pages there are. */
export function offsetOfPage(page: number, pageSize: number, matching: number): number {
  const pages = Math.max(1, Math.ceil(matching / pageSize));
  const within = Math.min(pages, Math.max(1, Math.round(page)));
  return (within - 1) * pageSize;
}

/** A count as the table writes it: "10,000" (grouped the same in both languages). */
export function countText(n: number): string {
  return n.toLocaleString('en-US');
}
