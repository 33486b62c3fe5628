import { classSummary } from '../../engine/service/class/class-summary';
import { DB_HELP, DB_OPTION, withHistory } from '../cli-history';
import { UsageError, type CliIO } from '../cli-io';
import { parseOptions } from '../parse-options';
import { renderClassSummary } from './class-text';
import type { Command } from './command';
import { LANG_HELP, languageOf, type Localized } from '../cli-language';

const SUMMARY_HELP: Localized = {
  en: `nnlab class summary [--pack ID] [--db PATH] [--lang ko|en] [--json]
    a lab pack's class results from the hand-ins imported: who handed in, per preset the runs
    and students, the median and quartiles of the key number and the final metrics, the
    verdicts and the runs that stand apart (and why); per comparison what the students
    predicted beside the expected answer. Without --pack: every pack that has students' runs.
    --pack ID      the pack (its id, or its first 8 characters)
    --lang ko|en   ${LANG_HELP.en}
    --json         the summary as JSON (with --pack one object, else an array)`,
  ko: `nnlab class summary [--pack ID] [--db PATH] [--lang ko|en] [--json]
    가져온 제출 파일로 본 실습 묶음의 반 결과: 누가 제출했는지, 프리셋마다 실행과 학생, 핵심
    수치와 최종 지표의 중앙값과 사분위수, 판정, 동떨어진 실행 (과 그 까닭); 비교마다 학생들이
    예측한 것과 기대한 답. --pack이 없으면 학생의 실행이 있는 모든 실습 묶음.
    --pack ID      실습 묶음 (ID나 그 앞 8글자)
    --lang ko|en   ${LANG_HELP.ko}
    --json         요약을 JSON으로 (--pack을 주면 객체 하나, 아니면 배열)`,
};

const HELP: Localized = {
  en: `Usage: nnlab class summary [options]

${SUMMARY_HELP.en}

${DB_HELP.en}
Exit codes: 0 done, 2 bad input (unknown pack, unreadable history).`,
  ko: `사용법: nnlab class summary [옵션]

${SUMMARY_HELP.ko}

${DB_HELP.ko}
종료 코드: 0 완료, 2 잘못된 입력 (모르는 실습 묶음, 읽을 수 없는 기록).`,
};

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
  summary: { en: "a lab pack's class results: roster, numbers per preset, prediction tallies", ko: '실습 묶음의 반 결과: 명단, 프리셋별 수치, 예측 집계' },
  help: HELP,
  subcommandHelp: { summary: { en: `${SUMMARY_HELP.en}\n${DB_HELP.en}`, ko: `${SUMMARY_HELP.ko}\n${DB_HELP.ko}` } },
  run: async (args, io) => {
    const [name, ...rest] = args;
    if (name !== 'summary') {
      throw new UsageError(
        `nnlab class: ${name === undefined || name.startsWith('-') ? 'give a subcommand' : `unknown subcommand "${name}"`} (summary)`,
        `nnlab class: ${name === undefined || name.startsWith('-') ? '하위 명령을 주세요' : `알 수 없는 하위 명령 "${name}"`} (summary)`,
      );
    }
    return summary(rest, io);
  },
};
