import { classSummary } from '../../engine/service/class/class-summary';
import { DB_HELP, DB_OPTION, withHistory } from '../cli-history';
import { UsageError, type CliIO } from '../cli-io';
import { parseOptions } from '../parse-options';
import { renderClassSummary } from './class-text';
import type { Command } from './command';
import { LANG_HELP, languageOf } from '../cli-language';

const SUMMARY_HELP = `nnlab class summary [--pack ID] [--db PATH] [--lang ko|en] [--json]
    a lab pack's class results from the hand-ins imported: who handed in, per preset the runs
    and students, the median and quartiles of the key number and the final metrics, the
    verdicts and the runs that stand apart (and why); per comparison what the students
    predicted beside the expected answer. Without --pack: every pack that has students' runs.
    --pack ID      the pack (its id, or its first 8 characters)
    --lang ko|en   ${LANG_HELP}
    --json         the summary as JSON (with --pack one object, else an array)`;

const HELP = `Usage: nnlab class summary [options]

${SUMMARY_HELP}

${DB_HELP}
Exit codes: 0 done, 2 bad input (unknown pack, unreadable history).`;

async function summary(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions('class summary', args, { ...DB_OPTION, pack: { type: 'string' }, json: { type: 'boolean' } });
  const lang = languageOf(io);
  const summaries = await withHistory(values.db, (history) =>
    values.pack === undefined ? history.packsWithClassRuns().map((id) => classSummary(history, id)) : [classSummary(history, values.pack)],
  );
  if (values.json) {
    io.out(JSON.stringify(values.pack === undefined ? summaries : summaries[0]));
    return 0;
  }
  if (summaries.length === 0) io.out(lang === 'ko' ? '학생들의 실행이 있는 실습 묶음이 없습니다 (제출 파일을 먼저 가져오세요: nnlab runs import FILE|DIR…)' : "no lab pack has students' runs here (import their hand-ins first: nnlab runs import FILE|DIR…)");
  summaries.forEach((one, i) => {
    if (i > 0) io.out('');
    for (const line of renderClassSummary(one, lang)) io.out(line);
  });
  return 0;
}

/** `nnlab class …`: the class's results. */
export const classCommand: Command = {
  summary: "a lab pack's class results: roster, numbers per preset, prediction tallies",
  help: HELP,
  subcommandHelp: { summary: `${SUMMARY_HELP}\n${DB_HELP}` },
  run: async (args, io) => {
    const [name, ...rest] = args;
    if (name !== 'summary') {
      throw new UsageError(
        `nnlab class: ${name === undefined ? 'give a subcommand' : `unknown subcommand "${name}"`} (summary)`,
        `nnlab class: ${name === undefined ? '하위 명령을 주세요' : `알 수 없는 하위 명령 "${name}"`} (summary)`,
      );
    }
    return summary(rest, io);
  },
};
