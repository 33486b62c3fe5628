import { DB_OPTION, withHistory } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { languageOf, say, type Localized } from '../../cli-language';
import { parseOptions } from '../../parse-options';
import { withParticle } from '../../../engine/lab/claims/wording/korean-particles';
import { RUN_STATUS_WORDS } from '../../../engine/lab/run-status-words';

export const EDIT_HELP: Localized = {
  en: `nnlab runs delete ID… [--json]        delete runs with all their metrics
nnlab runs rename ID NAME              give a run a new name
nnlab runs tag ID TAG… [--remove]      add (or remove) tags
nnlab runs notes ID TEXT               replace a run's notes`,
  ko: `nnlab runs delete ID… [--json]        실행을 기록된 지표와 함께 모두 삭제합니다
nnlab runs rename ID NAME              실행의 이름을 바꿉니다
nnlab runs tag ID TAG… [--remove]      태그를 붙입니다 (--remove: 뗍니다)
nnlab runs notes ID TEXT               실행의 메모를 바꿉니다`,
};

/** `nnlab runs delete`: a run that is still training (queued or running) is refused: stop it first. */
export async function runsDelete(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs delete', args, { ...DB_OPTION, json: { type: 'boolean' } }, true);
  if (positionals.length === 0) throw new UsageError('nnlab runs delete: give the ids of the runs to delete', 'nnlab runs delete: 지울 실행의 ID를 주세요');
  const deleted = await withHistory(values.db, (history) => {
    const runs = positionals.map((id) => history.getRun(id));
    const active = runs.filter((r) => r.status === 'running' || r.status === 'queued');
    const first = active[0];
    if (first !== undefined) {
      const id = first.id.slice(0, 8);
      throw new UsageError(`run ${id} is still ${first.status}: stop it before deleting it`, `실행 ${withParticle(id, '은/는')} 아직 ${RUN_STATUS_WORDS.ko[first.status]}입니다: 중지한 다음에 지우세요`);
    }
    for (const run of runs) history.deleteRun(run.id);
    return runs.map((r) => ({ id: r.id, name: r.name }));
  });
  if (values.json) io.out(JSON.stringify({ deleted }));
  else for (const run of deleted) io.out(say(languageOf(io), `${run.id.slice(0, 8)} "${run.name}" 지움`, `deleted ${run.id.slice(0, 8)} "${run.name}"`));
  return 0;
}

/** `nnlab runs rename`, `tag`, `notes`: small edits of one run. */
export async function runsEdit(kind: 'rename' | 'tag' | 'notes', args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(`runs ${kind}`, args, { ...DB_OPTION, remove: { type: 'boolean' } }, true);
  if (values.remove && kind !== 'tag') throw new UsageError(`nnlab runs ${kind}: --remove is for tags`, `nnlab runs ${kind}: --remove는 태그에만 씁니다`);
  if (positionals.length < 2) {
    throw new UsageError(
      `nnlab runs ${kind}: give a run id and ${kind === 'rename' ? 'the new name' : kind === 'tag' ? 'one or more tags' : 'the notes'}`,
      `nnlab runs ${kind}: 실행 ID와 ${kind === 'rename' ? '새 이름을' : kind === 'tag' ? '태그를 하나 이상' : '메모를'} 주세요`,
    );
  }
  const lang = languageOf(io);
  const [idOrPrefix, ...rest] = positionals as [string, ...string[]];
  const message = await withHistory(values.db, (history) => {
    const id = history.resolveRunId(idOrPrefix);
    if (kind === 'rename') {
      history.rename(id, rest.join(' '));
      return say(lang, `${id.slice(0, 8)}의 이름을 ${withParticle(`"${rest.join(' ')}"`, '으로/로')} 바꿈`, `renamed ${id.slice(0, 8)} to "${rest.join(' ')}"`);
    }
    if (kind === 'notes') {
      history.setNotes(id, rest.join(' '));
      return say(lang, `${id.slice(0, 8)}의 메모를 저장함`, `notes of ${id.slice(0, 8)} saved`);
    }
    for (const tag of rest) {
      if (values.remove) history.removeTag(id, tag);
      else history.addTag(id, tag);
    }
    return `${say(lang, `${id.slice(0, 8)}의 태그`, `tags of ${id.slice(0, 8)}`)}: ${history.getRun(id).tags.join(', ') || say(lang, '(없음)', '(none)')}`;
  });
  io.out(message);
  return 0;
}
