import { makeHandIn } from '../../engine/service/class-files';
import { DB_HELP, DB_OPTION, withHistory } from '../cli-history';
import { UsageError, type CliIO } from '../cli-io';
import { parseOptions } from '../parse-options';
import { checkOutputWithJson, STANDARD_STREAM, writeOutput } from '../standard-streams';
import { counted } from '../../engine/lab/counted-words';
import { languageOf, type Localized } from '../cli-language';
import type { Command } from './command';

const HELP: Localized = {
  en: `Usage: nnlab handin --pack PACKID --name NAME --number NUMBER --out FILE [--db PATH] [--json]

Makes your hand-in for a lab pack: one file with exactly that pack's runs and your answers and
predictions on its sheets (not other sheets'), stamped with your name and student number, the
pack and the NN Lab versions. The name and number are kept in the history as this PC's student
(runs made here afterwards record them); without them, the ones kept are used. --out - writes
the hand-in to standard output (into a pipe or a file, not a terminal).

${DB_HELP.en}
Exit codes: 0 done, 2 bad input (unknown pack, no name, unwritable file).`,
  ko: `사용법: nnlab handin --pack PACKID --name NAME --number NUMBER --out FILE [--db PATH] [--json]

실습 묶음의 제출 파일을 만듭니다: 그 실습 묶음의 실행과 그 실습지에 쓴 답과 예측만 (다른 실습지의
것은 빼고) 한 파일에 담고, 이름과 학번, 실습 묶음과 NN Lab의 버전을 적습니다. 이름과 학번은 이
컴퓨터의 학생으로 기록에 남습니다 (이후 여기서 하는 실행에 적힙니다); 주지 않으면 남아 있는 것을
씁니다. --out -는 제출 파일을 표준 출력에 씁니다 (파이프나 파일로; 터미널에는 쓰지 않습니다).

${DB_HELP.ko}
종료 코드: 0 완료, 2 잘못된 입력 (모르는 실습 묶음, 이름 없음, 쓸 수 없는 파일).`,
};

async function runHandIn(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions('handin', args, { ...DB_OPTION, pack: { type: 'string' }, name: { type: 'string' }, number: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
  if (values.pack === undefined) throw new UsageError('nnlab handin: give the lab pack with --pack PACKID', 'nnlab handin: 실습 묶음을 --pack PACKID로 주세요');
  if (values.out === undefined) throw new UsageError('nnlab handin: give the file to write with --out FILE', 'nnlab handin: 쓸 파일을 --out FILE로 주세요');
  if ((values.name === undefined) !== (values.number === undefined)) throw new UsageError('nnlab handin: give both --name and --number (or neither, to use the ones kept)', 'nnlab handin: --name과 --number를 함께 주세요 (둘 다 빼면 남아 있는 것을 씁니다)');
  checkOutputWithJson('out', values.out, values.json);
  const student = values.name === undefined ? undefined : { name: values.name, number: values.number! };
  const made = await withHistory(values.db, (history) => makeHandIn(history, values.pack!, student));
  writeOutput('out', values.out, { data: made.data, binary: true }, io);
  if (values.out === STANDARD_STREAM) return 0;
  if (values.json) io.out(JSON.stringify({ file: values.out, packId: made.packId, student: made.student, runs: made.runs, entries: made.entries, bytes: made.data.length }));
  else if (languageOf(io) === 'ko') io.out(`${made.student.name} (${made.student.number})의 제출 파일을 ${values.out}에 썼습니다 (실습 묶음 ${made.packId.slice(0, 8)}): ${counted(made.runs, 'run', 'ko')}, ${counted(made.entries, 'notebookEntry', 'ko')}`);
  else io.out(`wrote the hand-in of ${made.student.name} (${made.student.number}) for pack ${made.packId.slice(0, 8)} to ${values.out}: ${counted(made.runs, 'run', 'en')}, ${counted(made.entries, 'notebookEntry', 'en')}`);
  return 0;
}

/** `nnlab handin`: one file per student and pack. */
export const handInCommand: Command = { summary: { en: 'hand in a lab pack: its runs and your answers in one file', ko: '실습 묶음 제출: 그 실행과 답을 한 파일에 담습니다' }, help: HELP, run: runHandIn };
