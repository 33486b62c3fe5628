import { RUN_STATUSES, type RunStatus } from '../../../engine/api/events';
import type { RunQuery } from '../../../engine/api/runs';
import { DB_OPTION, withHistory } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { integerOption, parseOptions } from '../../parse-options';
import { dateText, durationText, finalText, shortId, table } from './run-text';

const SORTS = ['createdAt', 'name', 'status', 'durationMs', 'finalTrainLoss', 'finalTestLoss', 'finalTrainAccuracy', 'finalTestAccuracy'] as const;

export const LIST_HELP = `nnlab runs list [--status S,…] [--tag T] [--dataset D] [--activation A] [--init I]
                [--search TEXT] [--sort FIELD] [--asc | --desc] [--limit N] [--json]
    the stored runs, newest first (sort: ${SORTS.join(', ')})`;

/** `nnlab runs list`: the runs table; --json gives the summaries (id, name, status, createdAt, final, …). */
export async function runsList(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions('runs list', args, {
    ...DB_OPTION,
    json: { type: 'boolean' },
    status: { type: 'string' },
    tag: { type: 'string' },
    dataset: { type: 'string' },
    activation: { type: 'string' },
    init: { type: 'string' },
    search: { type: 'string' },
    sort: { type: 'string' },
    asc: { type: 'boolean' },
    desc: { type: 'boolean' },
    limit: { type: 'string' },
  });
  const query: RunQuery = {};
  if (values.status !== undefined) query.status = values.status.split(',').map((s) => checkStatus(s.trim()));
  if (values.tag !== undefined) query.tag = values.tag;
  if (values.dataset !== undefined) query.dataset = values.dataset;
  if (values.activation !== undefined) query.activation = values.activation;
  if (values.init !== undefined) query.init = values.init;
  if (values.search !== undefined) query.search = values.search;
  if (values.sort !== undefined) {
    if (!(SORTS as readonly string[]).includes(values.sort)) throw new UsageError(`--sort: "${values.sort}" is not a field to sort by (${SORTS.join(', ')})`);
    query.sortBy = values.sort as (typeof SORTS)[number];
  }
  if (values.asc && values.desc) throw new UsageError('give --asc or --desc, not both');
  if (values.asc) query.order = 'asc';
  if (values.desc) query.order = 'desc';
  const limit = integerOption('limit', values.limit, 1);
  if (limit !== undefined) query.limit = limit;

  const runs = await withHistory(values.db, (history) => history.listRuns(query));
  if (values.json) {
    io.out(JSON.stringify(runs, null, 2));
    return 0;
  }
  if (runs.length === 0) {
    io.out('no runs stored yet (train one with "nnlab train --preset ID")');
    return 0;
  }
  const rows = runs.map((r) => [shortId(r), r.name, r.status, dateText(r.createdAt), r.architecture ?? '–', r.activation, finalText(r.final), durationText(r.durationMs), r.tags.join(',')]);
  for (const line of table(['id', 'name', 'status', 'created', 'network', 'activation', 'final loss / accuracy', 'took', 'tags'], rows)) io.out(line);
  return 0;
}

function checkStatus(status: string): RunStatus {
  if (!(RUN_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status: "${status}" is not a run status (${RUN_STATUSES.join(', ')})`);
  return status as RunStatus;
}
