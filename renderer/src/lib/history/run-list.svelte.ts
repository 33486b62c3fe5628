import { SvelteSet } from 'svelte/reactivity';
import type { LabApi } from '$engine/api/lab-api';
import type { RunSummary } from '$engine/api/runs';
import { DEFAULT_SORT, NO_FILTERS, filterOptions, nextSort, pruneFilters, selectedInOrder, toRunQuery, type HistoryFilters, type SortKey, type TableSort } from './run-table';
import { messageOf } from '$engine/api/error-message';

/**
 * The runs table's state: filters and sort (the service filters and sorts: RunQuery), the rows it
 * answered, every stored run (for the filter menus and the total), and the selection. A refresh
 * that is overtaken by a newer one is dropped, so fast typing never shows an old answer.
 */
export class RunList {
  filters = $state<HistoryFilters>({ ...NO_FILTERS });
  sort = $state<TableSort>({ ...DEFAULT_SORT });
  /** The rows shown: the runs matching the filters, in order. */
  runs = $state.raw<RunSummary[]>([]);
  /** Every stored run, newest first. */
  all = $state.raw<RunSummary[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** The run whose notes and actions are open under its row. */
  expandedId = $state<string | null>(null);
  /** Selected run ids; kept across filter changes, dropped when the run is gone. */
  readonly selection = new SvelteSet<string>();
  #request = 0;

  constructor(private readonly api: LabApi) {}

  readonly query = $derived(toRunQuery(this.filters, this.sort));
  readonly options = $derived(filterOptions(this.all));
  /** Selected ids, newest run first. */
  readonly selectedIds: string[] = $derived(selectedInOrder(this.all, this.selection));

  /** Asks the service for the list again (after any change, and when the query changes). */
  async refresh(): Promise<void> {
    const request = ++this.#request;
    const query = $state.snapshot(this.query);
    try {
      const [all, runs] = await Promise.all([this.api.listRuns(), this.api.listRuns(query)]);
      if (request !== this.#request) return;
      this.all = all;
      this.runs = runs;
      this.error = null;
      this.loaded = true;
      const existing = new Set(all.map((run) => run.id));
      for (const id of this.selection) if (!existing.has(id)) this.selection.delete(id);
      if (this.expandedId !== null && !existing.has(this.expandedId)) this.expandedId = null;
      // A filter whose value no longer occurs (its last run deleted, its tag removed) would hide everything.
      const pruned = pruneFilters(this.filters, this.options);
      if (JSON.stringify(pruned) !== JSON.stringify(this.filters)) this.filters = pruned;
    } catch (error) {
      if (request === this.#request) this.error = messageOf(error);
    }
  }

  /** Opens a run's notes and actions, or closes them when they are open. */
  toggleExpanded(runId: string): void {
    this.expandedId = this.expandedId === runId ? null : runId;
  }

  sortBy(column: SortKey): void {
    this.sort = nextSort(this.sort, column);
  }

  clearFilters(): void {
    this.filters = { ...NO_FILTERS };
  }

  toggle(runId: string, selected: boolean): void {
    if (selected) this.selection.add(runId);
    else this.selection.delete(runId);
  }

  /** Selects every row shown, or clears them when all are selected already. */
  toggleAllShown(): void {
    const shown = this.runs.map((run) => run.id);
    const all = shown.length > 0 && shown.every((id) => this.selection.has(id));
    for (const id of shown) this.toggle(id, !all);
  }

  get allShownSelected(): boolean {
    return this.runs.length > 0 && this.runs.every((run) => this.selection.has(run.id));
  }
}
