import { MAX_COMPARED_GROUPS, MAX_COMPARED_RUN_COUNT, compareSelectionReadiness } from '../compare/run-groups';
import type { RunStatus } from '$engine/api/events';
import type { PackSummary } from '$engine/api/lab-pack';
import { plainText } from '$engine/api/plain-text';
import { presetOfTags } from '$engine/lab/preset-tag';
import { findPreset } from '$engine/lab/presets';
import type { RunFilterOptions, RunQuery, RunSummary } from '$engine/api/runs';
import type { Locale, Translate } from '../i18n/locale';
import type { builderMessages } from '../i18n/messages/builder';
import { durationText } from '../text/duration-text';
import { lossText } from '../text/loss-text';
import { formatPercent } from '../text/percent-text';

/**
 * The runs table's state as plain data (sort, filters, selection) and how its cells read. Pure:
 * the table's component keeps the state, the service does the sorting and filtering (RunQuery).
 */

/** Columns the service can sort by (RunQuery.sortBy). */
export type SortKey = NonNullable<RunQuery['sortBy']>;

export interface TableSort {
  by: SortKey;
  order: 'asc' | 'desc';
}

/** Newest first, as the service lists by default. */
export const DEFAULT_SORT: TableSort = { by: 'createdAt', order: 'desc' };

/** The order of a column's first click: newest, best (lowest loss, highest accuracy), longest first; names and statuses A→Z. */
const FIRST_ORDER: Record<SortKey, TableSort['order']> = {
  createdAt: 'desc',
  name: 'asc',
  status: 'asc',
  durationMs: 'desc',
  finalTrainLoss: 'asc',
  finalTestLoss: 'asc',
  finalTrainAccuracy: 'desc',
  finalTestAccuracy: 'desc',
};

/** The sort after clicking a column's header: the same column flips its order, another starts at its natural order. */
export function nextSort(current: TableSort, by: SortKey): TableSort {
  if (current.by === by) return { by, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { by, order: FIRST_ORDER[by] };
}

/** `aria-sort` for a column header. */
export function ariaSort(sort: TableSort, column: SortKey): 'ascending' | 'descending' | 'none' {
  if (sort.by !== column) return 'none';
  return sort.order === 'asc' ? 'ascending' : 'descending';
}

/** The table's filters; '' means "any". */
export interface HistoryFilters {
  search: string;
  status: RunStatus | '';
  dataset: string;
  activation: string;
  tag: string;
  /** A lab pack's id: its runs (the students' hand-ins and the runs made for it). */
  packId?: string;
}

export const NO_FILTERS: HistoryFilters = { search: '', status: '', dataset: '', activation: '', tag: '', packId: '' };

/** True when some filter narrows the list. */
export function hasFilters(filters: HistoryFilters): boolean {
  return filters.search.trim() !== '' || filters.status !== '' || filters.dataset !== '' || filters.activation !== '' || filters.tag !== '' || (filters.packId ?? '') !== '';
}

/** Longest search the service accepts (RunQuery's text fields). */
const MAX_FILTER_TEXT = 200;

/** The RunQuery for the table's filters and sort: empty filters are left out. */
export function toRunQuery(filters: HistoryFilters, sort: TableSort): RunQuery {
  const query: RunQuery = { sortBy: sort.by, order: sort.order };
  const search = filters.search.trim().slice(0, MAX_FILTER_TEXT);
  if (search !== '') query.search = search;
  if (filters.status !== '') query.status = [filters.status];
  if (filters.dataset !== '') query.dataset = filters.dataset;
  if (filters.activation !== '') query.activation = filters.activation;
  if (filters.tag !== '') query.tag = filters.tag;
  if (filters.packId !== undefined && filters.packId !== '') query.packId = filters.packId;
  return query;
}

/**
 * Keeps a filter only while its value still occurs (a deleted tag's filter would hide everything);
 * the pack filter while the pack is in `packIds` (the packs this history holds), when given.
 */
export function pruneFilters(filters: HistoryFilters, options: RunFilterOptions, packIds?: readonly string[]): HistoryFilters {
  const pruned: HistoryFilters = {
    search: filters.search,
    status: filters.status !== '' && options.statuses.includes(filters.status) ? filters.status : '',
    dataset: options.datasets.includes(filters.dataset) ? filters.dataset : '',
    activation: options.activations.includes(filters.activation) ? filters.activation : '',
    tag: options.tags.includes(filters.tag) ? filters.tag : '',
  };
  if (filters.packId !== undefined) pruned.packId = packIds === undefined || packIds.includes(filters.packId) ? filters.packId : '';
  return pruned;
}

/** The author cell: "홍길동 · 20231234" for a student's run, empty for one's own. */
export function authorCell(run: Pick<RunSummary, 'author'>): string {
  return run.author === null ? '' : `${plainText(run.author.name)} · ${plainText(run.author.number)}`;
}

/** A pack as the filter menu names it: "4주차: 초기화 (딥러닝 2025)". */
export function packLabel(pack: Pick<PackSummary, 'title' | 'className'>): string {
  const title = plainText(pack.title);
  return pack.className.trim() === '' ? title : `${title} (${plainText(pack.className)})`;
}

// ── Cells ──

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-03-14 09:05" in this computer's time zone (the same in both languages, and sortable by eye). */
export function dateTimeText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '–';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

type BuilderKey = keyof (typeof builderMessages)['ko'];
const DATASET_KEYS: Record<string, BuilderKey> = {
  circle: 'datasetCircle',
  xor: 'datasetXor',
  gauss: 'datasetGauss',
  spiral: 'datasetSpiral',
  mnist: 'datasetMnist',
  inline: 'datasetCustom',
};

/**
 * A dataset's name as the builder calls it ("원", "MNIST 손글씨"); unknown names as they are, "–" for
 * none. A preset's run (by its `tags`) that carries its own data is listed under the preset's name
 * for it ("강의 슬라이드의 입력 (1, −1)"), not as the student's CSV.
 */
export function datasetLabel(name: string | null | undefined, t: Translate<BuilderKey>, tags: readonly string[] = [], locale: Locale = 'ko'): string {
  if (name === null || name === undefined || name === '') return '–';
  const preset = name === 'inline' ? findPreset(presetOfTags(tags) ?? '') : undefined;
  if (preset?.kind === 'train' && preset.dataTitle) return preset.dataTitle[locale];
  return Object.hasOwn(DATASET_KEYS, name) ? t(DATASET_KEYS[name]!) : name;
}

/** The status badge's colour family. */
export type StatusTone = 'ok' | 'active' | 'warn' | 'bad' | 'neutral';

export function statusTone(status: RunStatus): StatusTone {
  switch (status) {
    case 'completed':
      return 'ok';
    case 'running':
      return 'active';
    case 'stopped':
    case 'interrupted':
      return 'warn';
    case 'diverged':
    case 'failed':
      return 'bad';
    case 'queued':
      return 'neutral';
  }
}


/** The final metrics as the table shows them ("–" where absent: no evaluation, regression, no test split). */
export function finalCells(run: Pick<RunSummary, 'final'>): { trainLoss: string; testLoss: string; trainAccuracy: string; testAccuracy: string } {
  const final = run.final;
  return {
    trainLoss: lossText(final?.train.loss),
    testLoss: lossText(final?.test?.loss),
    trainAccuracy: formatPercent(final?.train.accuracy, { sign: true }),
    testAccuracy: formatPercent(final?.test?.accuracy, { sign: true }),
  };
}

/** How long the run trained, or "–" while it has no end. */
export function durationCell(run: Pick<RunSummary, 'durationMs'>, locale: Locale): string {
  return durationText(run.durationMs, locale);
}

/** The regularization column: "L2 0.1, dropout 0.2", or the word for none. */
export function regularizationCell(run: Pick<RunSummary, 'regularization'>, none: string): string {
  return run.regularization === '' ? none : run.regularization;
}

// ── Selection ──

/** How many runs the compare screen takes at once (any number up to the cap, in at most COMPARE_MAX_GROUPS groups). */
export const COMPARE_MIN = 2;
export const COMPARE_MAX = MAX_COMPARED_RUN_COUNT;
export const COMPARE_MAX_GROUPS = MAX_COMPARED_GROUPS;

/**
 * Whether `count` selected runs can be compared, and if not, why; `groups` is how many groups
 * (seed groups, runs of one spec) they form when every selected run's row is known, else null.
 */
export function compareReadiness(count: number, groups: number | null = null): 'ok' | 'too-few' | 'too-many' | 'too-many-groups' {
  return compareSelectionReadiness(count, groups);
}

// ── Names and tags (the service's limits, checked before asking) ──

export const MAX_NAME_LENGTH = 200;
export const MAX_TAG_LENGTH = 64;
export const MAX_TAGS = 100;

/** A new run name, trimmed, or why it cannot be one. */
export function checkRunName(raw: string): { ok: true; name: string } | { ok: false; problem: 'empty' | 'too-long' } {
  const name = raw.trim();
  if (name === '') return { ok: false, problem: 'empty' };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, problem: 'too-long' };
  return { ok: true, name };
}

/**
 * The tags after adding `raw` (trimmed): unchanged when it is empty or already there in any case;
 * 'too-long' past the service's limit.
 */
export function addTag(tags: readonly string[], raw: string): string[] | 'too-long' {
  const tag = raw.trim();
  if (tag === '' || tags.some((t) => t.toLowerCase() === tag.toLowerCase()) || tags.length >= MAX_TAGS) return [...tags];
  if (tag.length > MAX_TAG_LENGTH) return 'too-long';
  return [...tags, tag];
}

export function removeTag(tags: readonly string[], tag: string): string[] {
  return tags.filter((t) => t !== tag);
}

// ── Files ──

/** `nnlab-runs-20250314.nnlab` / `nnlab-metrics-20250314.csv`, dated in this computer's time zone (safe on NTFS). */
export function exportFileName(kind: 'runs' | 'csv', date: Date): string {
  const day = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`;
  return kind === 'runs' ? `nnlab-runs-${day}.nnlab` : `nnlab-metrics-${day}.csv`;
}

/** The CSV as saved, with the byte order mark the CLI's CSV files have too. */
export { csvForSpreadsheets } from '$engine/api/spreadsheet-csv';
