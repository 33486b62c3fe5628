import { summaryGroupKey } from '../compare/run-groups';
import type { LabApi } from '$engine/api/lab-api';
import type { PackSummary } from '$engine/api/lab-pack';
import type { RunFilterOptions, RunSummary } from '$engine/api/runs';
import { DEFAULT_SORT, NO_FILTERS, nextSort, pruneFilters, toRunQuery, type HistoryFilters, type SortKey, type TableSort } from './run-table';
import { DEFAULT_PAGE_SIZE, NO_SELECTION, keepExisting, offsetOfPage, selectedNewestFirst, withRuns, type RunSelection } from './run-selection';
import { messageOf } from '$engine/api/error-message';

const NO_OPTIONS: RunFilterOptions = { statuses: [], datasets: [], activations: [], tags: [] };

/**
 * The runs table's state: filters and sort (the service filters and sorts: RunQuery), the page of
 * rows it answered with how many match and how many are stored, the filter menus' values, and the
 * selection. Only a page is ever loaded; "select all" asks the service for the matching runs' ids.
 * A refresh that is overtaken by a newer one is dropped, so fast typing never shows an old answer.
 */
export class RunList {
  filters = $state<HistoryFilters>({ ...NO_FILTERS });
  sort = $state<TableSort>({ ...DEFAULT_SORT });
  pageSize = $state<number>(DEFAULT_PAGE_SIZE);
  /** Where the page shown starts in the matching runs (as the service answered: it keeps it within them). */
  offset = $state(0);
  /** The rows shown: one page of the runs matching the filters, in order. */
  runs = $state.raw<RunSummary[]>([]);
  /** Runs matching the filters, and stored in all. */
  matching = $state(0);
  total = $state(0);
  /** What the filter menus offer: the values the stored runs have. */
  options = $state.raw<RunFilterOptions>(NO_OPTIONS);
  /** The lab packs this history holds (the pack filter's menu). */
  packs = $state.raw<PackSummary[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** The run whose notes and actions are open under its row. */
  expandedId = $state<string | null>(null);
  /** Selected runs; kept across filters and pages, dropped when the run is gone. Replaced, never changed in place. */
  selection = $state.raw<RunSelection>(NO_SELECTION);
  /** While "select all matching" waits for the ids. */
  selectingAll = $state(false);
  /** The query and count "select all matching" last selected, while they still hold. */
  #allMatching = $state.raw<{ key: string; matching: number } | null>(null);
  #request = 0;
  /** The group key (summaryGroupKey) of every run whose row was loaded: the Compare button counts groups with it. */
  readonly #groupKeys = new Map<string, string>();

  constructor(private readonly api: LabApi) {}

  readonly query = $derived(toRunQuery(this.filters, this.sort));
  readonly #queryKey = $derived(JSON.stringify(this.query));

  /** Asks for the page again: after a change anywhere (`prune`: drop deleted runs from the selection), or a new query or page. */
  async refresh({ prune = false } = {}): Promise<void> {
    const request = ++this.#request;
    const query = { ...$state.snapshot(this.query), limit: this.pageSize, offset: this.offset };
    try {
      const [page, options, packs, existing] = await Promise.all([
        this.api.listRunPage(query),
        this.api.runFilterOptions(),
        this.api.listPacks(),
        prune && this.selection.size > 0 ? this.api.listRunKeys({}) : null,
      ]);
      if (request !== this.#request) return;
      this.runs = page.runs;
      for (const run of page.runs) this.#groupKeys.set(run.id, summaryGroupKey(run));
      this.offset = page.offset;
      this.matching = page.matching;
      this.total = page.total;
      this.options = options;
      this.packs = packs;
      this.error = null;
      this.loaded = true;
      if (existing !== null) this.selection = keepExisting(this.selection, existing);
      if (this.expandedId !== null && !page.runs.some((run) => run.id === this.expandedId)) this.expandedId = null;
      // A filter whose value no longer occurs (its last run deleted, its tag removed) would hide everything.
      const pruned = pruneFilters(this.filters, options, packs.map((pack) => pack.id));
      if (JSON.stringify(pruned) !== JSON.stringify(this.filters)) this.filters = pruned;
    } catch (error) {
      if (request === this.#request) this.error = messageOf(error);
    }
  }

  /** Shows page `page` (from 1; kept within the pages there are). */
  async goToPage(page: number): Promise<void> {
    this.offset = offsetOfPage(page, this.pageSize, this.matching);
    await this.refresh();
  }

  /** Shows `size` rows a page, keeping the first run shown on the page. */
  async setPageSize(size: number): Promise<void> {
    this.offset = Math.floor(this.offset / size) * size;
    this.pageSize = size;
    await this.refresh();
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

  isSelected(runId: string): boolean {
    return this.selection.has(runId);
  }

  toggle(run: Pick<RunSummary, 'id' | 'createdAt'>, selected: boolean): void {
    this.selection = withRuns(this.selection, [run], selected);
    if (!selected) this.#allMatching = null;
  }

  /** Selects every row of this page, or clears them when all are selected already. */
  toggleAllShown(): void {
    const selected = !this.allShownSelected;
    this.selection = withRuns(this.selection, this.runs, selected);
    if (!selected) this.#allMatching = null;
  }

  get allShownSelected(): boolean {
    return this.runs.length > 0 && this.runs.every((run) => this.selection.has(run.id));
  }

  get someShownSelected(): boolean {
    return this.runs.some((run) => this.selection.has(run.id));
  }

  /** Adds every run matching the filters, on every page, to the selection (ids only: no rows are loaded). */
  async selectAllMatching(): Promise<void> {
    const key = this.#queryKey;
    this.selectingAll = true;
    try {
      const keys = await this.api.listRunKeys($state.snapshot(this.query));
      this.selection = withRuns(this.selection, keys, true);
      this.#allMatching = { key, matching: keys.length };
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.selectingAll = false;
    }
  }

  /** True while every run matching the filters is selected (after "select all matching", until one is unticked). */
  get allMatchingSelected(): boolean {
    const all = this.#allMatching;
    return all !== null && all.key === this.#queryKey && all.matching === this.matching && this.allShownSelected && this.selection.size >= this.matching;
  }

  clearSelection(): void {
    this.selection = NO_SELECTION;
    this.#allMatching = null;
  }

  /** The selected ids, newest run first. */
  /** How many groups (seed groups, runs of one spec) the selected runs form; null when some were selected without their rows ("select all"). */
  selectedGroupCount(): number | null {
    const keys = new Set<string>();
    for (const id of this.selection.keys()) {
      const key = this.#groupKeys.get(id);
      if (key === undefined) return null;
      keys.add(key);
    }
    return keys.size;
  }

  selectedIds(): string[] {
    return selectedNewestFirst(this.selection);
  }
}
