import { UsageError, type CliIO } from '../cli-io';
import type { Localized } from '../cli-language';
import { DB_HELP } from '../cli-history';
import type { Command } from './command';
import { COMPARE_HELP, runsCompare } from './runs/runs-compare';
import { EDIT_HELP, runsDelete, runsEdit } from './runs/runs-edit';
import { LIST_HELP, runsList } from './runs/runs-list';
import { RERUN_HELP, runsRerun } from './runs/runs-rerun';
import { SHOW_HELP, runsShow } from './runs/runs-show';
import { EXPORT_HELP, IMPORT_HELP, runsExport, runsImport } from './runs/runs-transfer';

const SUBCOMMAND_HELPS = [LIST_HELP, SHOW_HELP, COMPARE_HELP, RERUN_HELP, EXPORT_HELP, IMPORT_HELP, EDIT_HELP];

const HELP: Localized = {
  en: `Usage: nnlab runs <subcommand> [options]

The run history: every run trained by the app or by "nnlab train" is kept here.
IDs are a run's uuid or its first 8 characters.

${SUBCOMMAND_HELPS.map((help) => help.en).join('\n')}

Every subcommand takes:
${DB_HELP.en}
  --json         one JSON document instead of text
Exit codes: 0 done, 2 bad input (unknown id, unreadable or invalid file, …).`,
  ko: `사용법: nnlab runs <하위 명령> [옵션]

실행 기록: 앱이나 "nnlab train"으로 학습한 실행이 모두 여기에 남습니다.
ID는 실행의 ID 전체나 그 앞 8글자입니다.

${SUBCOMMAND_HELPS.map((help) => help.ko).join('\n')}

모든 하위 명령에 쓸 수 있는 옵션:
${DB_HELP.ko}
  --json         텍스트 대신 JSON 문서 하나
종료 코드: 0 완료, 2 잘못된 입력 (모르는 ID, 읽을 수 없거나 올바르지 않은 파일 등).`,
};

/** What every runs subcommand's help ends with. */
const COMMON_OPTIONS: Localized = {
  en: `Options every runs subcommand takes:\n${DB_HELP.en}\n  --json         one JSON document instead of text`,
  ko: `모든 runs 하위 명령에 쓸 수 있는 옵션:\n${DB_HELP.ko}\n  --json         텍스트 대신 JSON 문서 하나`,
};

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
  summary: { en: 'the run history: list, show, compare, rerun, export, import, delete', ko: '실행 기록: 목록, 보기, 비교, 다시 학습, 내보내기, 가져오기, 삭제' },
  help: HELP,
  subcommandHelp: Object.fromEntries(
    Object.entries({ list: LIST_HELP, show: SHOW_HELP, compare: COMPARE_HELP, rerun: RERUN_HELP, export: EXPORT_HELP, import: IMPORT_HELP, delete: EDIT_HELP, rename: EDIT_HELP, tag: EDIT_HELP, notes: EDIT_HELP }).map(([name, text]) => [
      name,
      { en: `${text.en}\n${COMMON_OPTIONS.en}`, ko: `${text.ko}\n${COMMON_OPTIONS.ko}` },
    ]),
  ),
  run: async (args, io) => {
    const [name, ...rest] = args;
    const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
    if (!subcommand) {
      const names = Object.keys(SUBCOMMANDS).join(', ');
      throw new UsageError(
        `nnlab runs: ${name === undefined || name.startsWith('-') ? 'give a subcommand' : `unknown subcommand "${name}"`} (${names})`,
        `nnlab runs: ${name === undefined || name.startsWith('-') ? '하위 명령을 주세요' : `알 수 없는 하위 명령 "${name}"`} (${names})`,
      );
    }
    return subcommand(rest, io);
  },
};
