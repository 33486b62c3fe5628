import { RUN_STATUSES, type RunStatus } from '../../../engine/api/events';
import type { RunQuery } from '../../../engine/api/runs';
import { DB_OPTION, withHistory } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { languageOf, say, type Localized } from '../../cli-language';
import { activationListText } from '../../../engine/lab/run-names';
import { RUN_STATUS_WORDS } from '../../../engine/lab/run-status-words';
import { withParticle } from '../../../engine/lab/claims/wording/korean-particles';
import { integerOption, parseOptions } from '../../parse-options';
import { dateText, durationText, finalText, shortId, table } from './run-text';

const SORTS = ['createdAt', 'name', 'status', 'durationMs', 'finalTrainLoss', 'finalTestLoss', 'finalTrainAccuracy', 'finalTestAccuracy'] as const;

export const LIST_HELP: Localized = {
  en: `nnlab runs list [--status S,…] [--tag T] [--dataset D] [--activation A] [--init I]
                [--search TEXT] [--sort FIELD] [--asc | --desc] [--limit N] [--json]
    the stored runs, newest first (sort: ${SORTS.join(', ')})`,
  ko: `nnlab runs list [--status S,…] [--tag T] [--dataset D] [--activation A] [--init I]
                [--search TEXT] [--sort FIELD] [--asc | --desc] [--limit N] [--json]
    저장된 실행을 최근 것부터 보여 줍니다 (정렬: ${SORTS.join(', ')})`,
};

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
    if (!(SORTS as readonly string[]).includes(values.sort)) {
      throw new UsageError(`--sort: "${values.sort}" is not a field to sort by (${SORTS.join(', ')})`, `--sort: ${withParticle(`"${values.sort}"`, '은/는')} 정렬할 수 있는 필드가 아닙니다 (${SORTS.join(', ')})`);
    }
    query.sortBy = values.sort as (typeof SORTS)[number];
  }
  if (values.asc && values.desc) throw new UsageError('give --asc or --desc, not both', '--asc와 --desc 중 하나만 주세요');
  if (values.asc) query.order = 'asc';
  if (values.desc) query.order = 'desc';
  const limit = integerOption('limit', values.limit, 1);
  if (limit !== undefined) query.limit = limit;

  const runs = await withHistory(values.db, (history) => history.listRuns(query));
  if (values.json) {
    io.out(JSON.stringify(runs, null, 2));
    return 0;
  }
  const lang = languageOf(io);
  if (runs.length === 0) {
    io.out(say(lang, '아직 저장된 실행이 없습니다 ("nnlab train --preset ID"로 학습해 보세요)', 'no runs stored yet (train one with "nnlab train --preset ID")'));
    return 0;
  }
  const rows = runs.map((r) => [
    shortId(r),
    r.name,
    RUN_STATUS_WORDS[lang][r.status],
    dateText(r.createdAt),
    r.architecture ?? '–',
    lang === 'ko' ? activationListText(r.activation, 'ko') : r.activation,
    finalText(r.final, lang),
    durationText(r.durationMs, lang),
    r.tags.join(','),
  ]);
  const header = lang === 'ko' ? ['ID', '이름', '상태', '만든 때', '신경망', '활성화 함수', '최종 손실 / 정확도', '걸린 시간', '태그'] : ['id', 'name', 'status', 'created', 'network', 'activation', 'final loss / accuracy', 'took', 'tags'];
  for (const line of table(header, rows)) io.out(line);
  return 0;
}

function checkStatus(status: string): RunStatus {
  if (!(RUN_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`--status: "${status}" is not a run status (${RUN_STATUSES.join(', ')})`, `--status: ${withParticle(`"${status}"`, '은/는')} 실행 상태가 아닙니다 (${RUN_STATUSES.join(', ')})`);
  }
  return status as RunStatus;
}
