import { z } from 'zod';
import { RUN_STATUSES, type RunStatus } from '../api/events';
import type { RunFilterOptions, RunKey, RunPage, RunQuery, RunSummary } from '../api/runs';
import { problemsFromZod } from '../api/spec-error';
import type { SqliteDatabase } from './database';
import { HistoryError } from './history-error';
import { SUMMARY_COLUMNS, summaryFromRow, type SummaryRow } from './run-rows';

const SORT_COLUMNS = {
  createdAt: 'runs.created_at',
  name: 'runs.name COLLATE NOCASE',
  status: 'runs.status',
  durationMs: 'runs.duration_ms',
  finalTrainLoss: 'runs.final_train_loss',
  finalTestLoss: 'runs.final_test_loss',
  finalTestAccuracy: 'runs.final_test_accuracy',
  finalTrainAccuracy: 'runs.final_train_accuracy',
} as const satisfies Record<NonNullable<RunQuery['sortBy']>, string>;

/** Most runs one page may hold (the table shows 25 to 100). */
export const MAX_PAGE_SIZE = 500;
/** A page's size when the query gives none. */
export const DEFAULT_PAGE_SIZE = 50;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateText = z.string().max(40).refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO date such as 2025-03-14 or 2025-03-14T09:00:00Z');
const filterText = z.string().max(200);

/** RunQuery, checked at the boundary (it comes from the UI, the CLI or a WebSocket). */
const RunQuerySchema = z.strictObject({
  search: filterText.optional(),
  status: z.array(z.enum(RUN_STATUSES)).optional(),
  tag: filterText.optional(),
  dataset: filterText.optional(),
  activation: filterText.optional(),
  init: filterText.optional(),
  packId: filterText.optional(),
  groupId: filterText.optional(),
  createdAfter: dateText.optional(),
  createdBefore: dateText.optional(),
  sortBy: z.enum(Object.keys(SORT_COLUMNS) as [keyof typeof SORT_COLUMNS]).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(0).max(1_000_000).optional(),
  offset: z.number().int().min(0).optional(),
}) satisfies z.ZodType<RunQuery>;

type ParsedQuery = z.infer<typeof RunQuerySchema>;

/** A query's WHERE clause and its parameters; `none` when it can match nothing (an empty status list). */
interface Filter {
  where: string;
  params: Record<string, unknown>;
  none: boolean;
}

/**
 * Listing stored runs for the history table and the CLI: filtered and sorted in SQL, a page at a
 * time with the number matching, every matching run's key (for "select all"), and the values the
 * filter menus offer. Only a page's rows are turned into summaries (their tags are a subquery
 * each), so a page of a 10,000-run history costs the sort, not 10,000 summaries.
 */
export class RunListing {
  /** Statements by SQL text: a handful of filter combinations recur. */
  private readonly statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();

  constructor(private readonly db: SqliteDatabase) {
    // SQLite's lower() folds ASCII only; searches fold like JavaScript (accents, Cyrillic…).
    db.function('nnlab_lower', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
  }

  /**
   * Runs matching every given filter, in the given order (default: newest first). `search` is a
   * case-insensitive substring of the name, notes or a tag; `tag` an exact tag (any case);
   * `activation` / `init` match one of the run's hidden-layer activations / initializers;
   * `createdAfter` / `createdBefore` are inclusive (a bare date means that whole UTC day).
   * Runs without a value for the sort column (no final metrics yet) come last in either order.
   */
  listRuns(query: RunQuery = {}): RunSummary[] {
    const q = parseQuery(query);
    const filter = filterOf(q);
    if (filter.none) return [];
    return this.page(q, filter, q.limit ?? -1, q.offset ?? 0);
  }

  /**
   * One page of listRuns: `limit` runs (default DEFAULT_PAGE_SIZE, at most MAX_PAGE_SIZE) from
   * `offset`, with how many match and how many are stored. An offset past the last match (the runs
   * there were deleted, or the filter narrowed) answers the last page, and says where it starts.
   */
  listRunPage(query: RunQuery = {}): RunPage {
    const q = parseQuery(query);
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    if (limit < 1 || limit > MAX_PAGE_SIZE) throw new HistoryError('invalid-argument', `invalid run query: limit: a page holds 1 to ${MAX_PAGE_SIZE} runs, not ${limit}`);
    const filter = filterOf(q);
    const total = this.prepared('SELECT count(*) FROM runs').pluck().get() as number;
    const matching = filter.none ? 0 : (this.prepared(`SELECT count(*) FROM runs ${filter.where}`).pluck().get(filter.params) as number);
    const asked = q.offset ?? 0;
    const offset = asked < matching || matching === 0 ? (matching === 0 ? 0 : asked) : Math.floor((matching - 1) / limit) * limit;
    return { runs: matching === 0 ? [] : this.page(q, filter, limit, offset), offset, matching, total };
  }

  /** Every run matching the query's filters (its sort, limit and offset aside), newest first: what "select all" selects. */
  listRunKeys(query: RunQuery = {}): RunKey[] {
    const q = parseQuery(query);
    const filter = filterOf(q);
    if (filter.none) return [];
    const rows = this.prepared(`SELECT id, created_at FROM runs ${filter.where} ORDER BY runs.created_at DESC, runs.rowid DESC`)
      .raw()
      .all(filter.params) as [string, string][];
    return rows.map(([id, createdAt]) => ({ id, createdAt }));
  }

  /** The statuses, datasets, activations and tags the stored runs have, sorted. */
  filterOptions(): RunFilterOptions {
    const values = (sql: string) => this.prepared(sql).pluck().all() as string[];
    const statuses = new Set(values('SELECT DISTINCT status FROM runs') as RunStatus[]);
    const activations = new Set(values('SELECT DISTINCT activation FROM runs').flatMap((list) => list.split(',').map((a) => a.trim())));
    activations.delete('');
    const tags = new Map<string, string>();
    for (const tag of values('SELECT DISTINCT tag FROM run_tags')) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
    const sorted = (list: Iterable<string>) => [...list].sort((a, b) => a.localeCompare(b));
    return {
      statuses: RUN_STATUSES.filter((status) => statuses.has(status)),
      datasets: sorted(values('SELECT DISTINCT dataset_name FROM runs')),
      activations: sorted(activations),
      tags: sorted(tags.values()),
    };
  }

  /** The summaries of one slice: the sort picks rowids, and only those rows become summaries. */
  private page(q: ParsedQuery, filter: Filter, limit: number, offset: number): RunSummary[] {
    const order = orderOf(q);
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM runs
      WHERE runs.rowid IN (SELECT runs.rowid FROM runs ${filter.where} ORDER BY ${order} LIMIT @limit OFFSET @offset)
      ORDER BY ${order}`;
    return (this.prepared(sql).all({ ...filter.params, limit, offset }) as SummaryRow[]).map(summaryFromRow);
  }

  private prepared(sql: string): ReturnType<SqliteDatabase['prepare']> {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= 64) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function parseQuery(query: RunQuery): ParsedQuery {
  const parsed = RunQuerySchema.safeParse(query);
  if (!parsed.success) {
    const problem = problemsFromZod(parsed.error)[0]!;
    throw new HistoryError('invalid-argument', `invalid run query: ${problem.field}: ${problem.message}`);
  }
  return parsed.data;
}

/** Sort columns that never hold NULL: their order needs no "missing last" term, so runs_by_created serves the default order. */
const NOT_NULL: ReadonlySet<string> = new Set(['createdAt', 'name', 'status']);

/** ORDER BY for the query's sort: runs without a value last, then by date and insertion, so pages never overlap. */
function orderOf(q: ParsedQuery): string {
  const sortBy = q.sortBy ?? 'createdAt';
  const column = SORT_COLUMNS[sortBy];
  const order = (q.order ?? (sortBy === 'createdAt' ? 'desc' : 'asc')).toUpperCase();
  const missingLast = NOT_NULL.has(sortBy) ? '' : `${column} IS NULL, `;
  const then = sortBy === 'createdAt' ? '' : `runs.created_at ${order}, `;
  return `${missingLast}${column} ${order}, ${then}runs.rowid ${order}`;
}

function filterOf(q: ParsedQuery): Filter {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.search !== undefined && q.search !== '') {
    params.search = q.search.toLowerCase();
    where.push(`(instr(nnlab_lower(runs.name), @search) > 0 OR instr(nnlab_lower(runs.notes), @search) > 0
      OR instr(nnlab_lower(coalesce(runs.author_name, '')), @search) > 0 OR instr(nnlab_lower(coalesce(runs.author_number, '')), @search) > 0
      OR EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = runs.id AND instr(nnlab_lower(t.tag), @search) > 0))`);
  }
  if (q.status !== undefined) {
    if (q.status.length === 0) return { where: '', params: {}, none: true };
    q.status.forEach((status, i) => (params[`status${i}`] = status));
    where.push(`runs.status IN (${q.status.map((_, i) => `@status${i}`).join(', ')})`);
  }
  if (q.tag !== undefined) {
    params.tag = q.tag.trim();
    where.push('EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = runs.id AND t.tag = @tag)');
  }
  if (q.dataset !== undefined) {
    params.dataset = q.dataset;
    where.push('runs.dataset_name = @dataset');
  }
  if (q.activation !== undefined) {
    params.activation = q.activation;
    where.push("instr(', ' || runs.activation || ', ', ', ' || @activation || ', ') > 0");
  }
  if (q.init !== undefined) {
    params.init = q.init;
    where.push("instr(', ' || runs.init || ', ', ', ' || @init || ', ') > 0");
  }
  if (q.packId !== undefined) {
    params.packId = q.packId;
    where.push('runs.pack_id = @packId');
  }
  if (q.groupId !== undefined) {
    params.groupId = q.groupId;
    where.push('runs.group_id = @groupId');
  }
  if (q.createdAfter !== undefined) {
    params.createdAfter = startOf(q.createdAfter);
    where.push('runs.created_at >= @createdAfter');
  }
  if (q.createdBefore !== undefined) {
    if (DATE_ONLY.test(q.createdBefore)) {
      params.createdBefore = new Date(Date.parse(`${q.createdBefore}T00:00:00Z`) + 86_400_000).toISOString();
      where.push('runs.created_at < @createdBefore');
    } else {
      params.createdBefore = new Date(Date.parse(q.createdBefore)).toISOString();
      where.push('runs.created_at <= @createdBefore');
    }
  }
  return { where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params, none: false };
}

/** An inclusive lower bound as stored text: a bare date is that day's first instant (UTC). */
function startOf(text: string): string {
  return new Date(Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text)).toISOString();
}
