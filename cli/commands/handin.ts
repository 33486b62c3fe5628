import { makeHandIn } from '../../engine/service/class-files';
import { DB_HELP, DB_OPTION, withHistory } from '../cli-history';
import { UsageError, type CliIO } from '../cli-io';
import { parseOptions } from '../parse-options';
import { checkOutputWithJson, STANDARD_STREAM, writeOutput } from '../standard-streams';
import { counted } from '../../engine/lab/counted-words';
import { languageOf } from '../cli-language';
import type { Command } from './command';

const HELP = `Usage: nnlab handin --pack PACKID --name NAME --number NUMBER --out FILE [--db PATH] [--json]

Makes your hand-in for a lab pack: one file with exactly that pack's runs and your answers and
predictions on its sheets (not other sheets'), stamped with your name and student number, the
pack and the NN Lab versions. The name and number are kept in the history as this PC's student
(runs made here afterwards record them); without them, the ones kept are used. --out - writes
the hand-in to standard output (into a pipe or a file, not a terminal).

${DB_HELP}
Exit codes: 0 done, 2 bad input (unknown pack, no name, unwritable file).`;

async function runHandIn(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions('handin', args, { ...DB_OPTION, pack: { type: 'string' }, name: { type: 'string' }, number: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
  if (values.pack === undefined) throw new UsageError('nnlab handin: give the lab pack with --pack PACKID');
  if (values.out === undefined) throw new UsageError('nnlab handin: give the file to write with --out FILE');
  if ((values.name === undefined) !== (values.number === undefined)) throw new UsageError('nnlab handin: give both --name and --number (or neither, to use the ones kept)');
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
export const handInCommand: Command = { summary: 'hand in a lab pack: its runs and your answers in one file', help: HELP, run: runHandIn };
