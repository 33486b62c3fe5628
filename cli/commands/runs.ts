import { UsageError, type CliIO } from '../cli-io';
import { DB_HELP } from '../cli-history';
import type { Command } from './command';
import { COMPARE_HELP, runsCompare } from './runs/runs-compare';
import { EDIT_HELP, runsDelete, runsEdit } from './runs/runs-edit';
import { LIST_HELP, runsList } from './runs/runs-list';
import { RERUN_HELP, runsRerun } from './runs/runs-rerun';
import { SHOW_HELP, runsShow } from './runs/runs-show';
import { EXPORT_HELP, IMPORT_HELP, runsExport, runsImport } from './runs/runs-transfer';

const HELP = `Usage: nnlab runs <subcommand> [options]

The run history: every run trained by the app or by "nnlab train" is kept here.
IDs are a run's uuid or its first 8 characters.

${[LIST_HELP, SHOW_HELP, COMPARE_HELP, RERUN_HELP, EXPORT_HELP, IMPORT_HELP, EDIT_HELP].join('\n')}

Every subcommand takes:
${DB_HELP}
  --json         one JSON document instead of text
Exit codes: 0 done, 2 bad input (unknown id, unreadable or invalid file, …).`;

const SUBCOMMANDS: Record<string, (args: string[], io: CliIO) => Promise<number>> = {
  list: runsList,
  show: runsShow,
  compare: runsCompare,
  rerun: runsRerun,
  export: runsExport,
  import: runsImport,
  delete: runsDelete,
  rename: (args, io) => runsEdit('rename', args, io),
  tag: (args, io) => runsEdit('tag', args, io),
  notes: (args, io) => runsEdit('notes', args, io),
};

/** `nnlab runs …`: list, show, compare, re-run, export, import and edit stored runs. */
export const runsCommand: Command = {
  summary: 'the run history: list, show, compare, rerun, export, import, delete',
  help: HELP,
  subcommandHelp: Object.fromEntries(
    Object.entries({ list: LIST_HELP, show: SHOW_HELP, compare: COMPARE_HELP, rerun: RERUN_HELP, export: EXPORT_HELP, import: IMPORT_HELP, delete: EDIT_HELP, rename: EDIT_HELP, tag: EDIT_HELP, notes: EDIT_HELP }).map(([name, text]) => [
      name,
      `${text}\nOptions every runs subcommand takes:\n${DB_HELP}\n  --json         one JSON document instead of text`,
    ]),
  ),
  run: async (args, io) => {
    const [name, ...rest] = args;
    const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
    if (!subcommand) {
      const names = Object.keys(SUBCOMMANDS).join(', ');
      throw new UsageError(
        `nnlab runs: ${name === undefined ? 'give a subcommand' : `unknown subcommand "${name}"`} (${names})`,
        `nnlab runs: ${name === undefined ? '하위 명령을 주세요' : `알 수 없는 하위 명령 "${name}"`} (${names})`,
      );
    }
    return subcommand(rest, io);
  },
};
