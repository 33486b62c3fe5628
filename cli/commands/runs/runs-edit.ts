import { DB_OPTION, withHistory } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { parseOptions } from '../../parse-options';

export const EDIT_HELP = `nnlab runs delete ID… [--json]        delete runs with all their metrics
nnlab runs rename ID NAME              give a run a new name
nnlab runs tag ID TAG… [--remove]      add (or remove) tags
nnlab runs notes ID TEXT               replace a run's notes`;

/** `nnlab runs delete`: a run that is still training (queued or running) is refused: stop it first. */
export async function runsDelete(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs delete', args, { ...DB_OPTION, json: { type: 'boolean' } }, true);
  if (positionals.length === 0) throw new UsageError('nnlab runs delete: give the ids of the runs to delete');
  const deleted = await withHistory(values.db, (history) => {
    const runs = positionals.map((id) => history.getRun(id));
    const active = runs.filter((r) => r.status === 'running' || r.status === 'queued');
    if (active.length > 0) throw new UsageError(`run ${active[0]!.id.slice(0, 8)} is still ${active[0]!.status}: stop it before deleting it`);
    for (const run of runs) history.deleteRun(run.id);
    return runs.map((r) => ({ id: r.id, name: r.name }));
  });
  if (values.json) io.out(JSON.stringify({ deleted }));
  else for (const run of deleted) io.out(`deleted ${run.id.slice(0, 8)} "${run.name}"`);
  return 0;
}

/** `nnlab runs rename`, `tag`, `notes`: small edits of one run. */
export async function runsEdit(kind: 'rename' | 'tag' | 'notes', args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(`runs ${kind}`, args, { ...DB_OPTION, remove: { type: 'boolean' } }, true);
  if (values.remove && kind !== 'tag') throw new UsageError(`nnlab runs ${kind}: --remove is for tags`);
  if (positionals.length < 2) throw new UsageError(`nnlab runs ${kind}: give a run id and ${kind === 'rename' ? 'the new name' : kind === 'tag' ? 'one or more tags' : 'the notes'}`);
  const [idOrPrefix, ...rest] = positionals as [string, ...string[]];
  const message = await withHistory(values.db, (history) => {
    const id = history.resolveRunId(idOrPrefix);
    if (kind === 'rename') {
      history.rename(id, rest.join(' '));
      return `renamed ${id.slice(0, 8)} to "${rest.join(' ')}"`;
    }
    if (kind === 'notes') {
      history.setNotes(id, rest.join(' '));
      return `notes of ${id.slice(0, 8)} saved`;
    }
    for (const tag of rest) {
      if (values.remove) history.removeTag(id, tag);
      else history.addTag(id, tag);
    }
    return `tags of ${id.slice(0, 8)}: ${history.getRun(id).tags.join(', ') || '(none)'}`;
  });
  io.out(message);
  return 0;
}
