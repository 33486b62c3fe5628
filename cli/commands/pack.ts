import { readFileSync } from 'node:fs';
import { PACK_LIMITS } from '../../engine/api/lab-pack';
import { SpecError } from '../../engine/api/spec-error';
import type { RunSpec } from '../../engine/api/run-spec';
import { createPack, openPack } from '../../engine/service/class-files';
import { DB_HELP, DB_OPTION, withHistory } from '../cli-history';
import { UsageError, type CliIO } from '../cli-io';
import { parseOptions } from '../parse-options';
import { checkOutputWithJson, describeFsError, readSpecArgument, STANDARD_STREAM, writeOutput } from '../standard-streams';
import { counted } from '../../engine/lab/counted-words';
import { languageOf, type Localized } from '../cli-language';
import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import type { Command } from './command';

const CREATE_HELP: Localized = {
  en: `nnlab pack create --title T --class C [--teacher NAME] [--sheet ID…] [--sheet-file FILE…] [--preset ID…]
                  [--spec FILE…] [--note TEXT] [--due YYYY-MM-DD] --out FILE.nnlabpack [--json]
    a lab pack to hand out: built-in lab sheets, your own sheets (plain text files: the first
    line is the title; Korean if the text has Hangul, else English), presets and RunSpec files
    (--spec - reads one from standard input; --out - writes the pack to standard output)`,
  ko: `nnlab pack create --title T --class C [--teacher NAME] [--sheet ID…] [--sheet-file FILE…] [--preset ID…]
                  [--spec FILE…] [--note TEXT] [--due YYYY-MM-DD] --out FILE.nnlabpack [--json]
    학생들에게 나눠 줄 실습 묶음을 만듭니다: NN Lab 실습지, 직접 쓴 실습지 (텍스트 파일: 첫 줄이
    제목; 한글이 있으면 한국어, 없으면 영어), 프리셋, 설정 파일
    (--spec -는 표준 입력에서 하나를 읽고, --out -는 실습 묶음을 표준 출력에 씁니다)`,
};
const OPEN_HELP: Localized = {
  en: `nnlab pack open FILE [--db PATH] [--json]
    opens a lab pack into the history; the same pack again is "already present", a newer
    version of it replaces the older`,
  ko: `nnlab pack open FILE [--db PATH] [--json]
    실습 묶음을 기록에 엽니다; 같은 실습 묶음을 다시 열면 "이미 있음", 새 버전을 열면
    옛 버전을 바꿉니다`,
};

const HELP: Localized = {
  en: `Usage: nnlab pack <create|open> [options]

${CREATE_HELP.en}
${OPEN_HELP.en}

${DB_HELP.en}
Exit codes: 0 done, 2 bad input.`,
  ko: `사용법: nnlab pack <create|open> [옵션]

${CREATE_HELP.ko}
${OPEN_HELP.ko}

${DB_HELP.ko}
종료 코드: 0 완료, 2 잘못된 입력.`,
};

/** A pack's fields as the options of `nnlab pack create` that set them, for its error lines. */
const PACK_FIELD_OPTIONS: Readonly<Record<string, string>> = { title: '--title', className: '--class', teacher: '--teacher', note: '--note', due: '--due', sheets: '--sheet', presets: '--preset', specs: '--spec' };

/**
 * createPack's problems named by the option that set the field ("--title: …", "--preset
 * nope: …", "--spec a.json: training.batchSize: …"), so a teacher sees which argument to fix.
 */
function problemsByOption(error: SpecError, given: { sheets: readonly string[]; presets: readonly string[]; specs: readonly string[] }): SpecError {
  return new SpecError(
    error.problems.map((problem) => {
      const field = /^(\w+)(?:\[(\d+)\])?(?:\.(.+))?$/.exec(problem.field);
      const option = field ? PACK_FIELD_OPTIONS[field[1]!] : undefined;
      if (!field || option === undefined) return problem;
      const named = field[2] === undefined ? undefined : given[field[1] as 'sheets' | 'presets' | 'specs']?.[Number(field[2])];
      const where = named === undefined ? option : `${option} "${named}"`;
      return { ...problem, field: field[3] === undefined ? where : `${where}: ${field[3]}` };
    }),
  );
}

async function packCreate(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions('pack create', args, {
    title: { type: 'string' },
    class: { type: 'string' },
    teacher: { type: 'string' },
    sheet: { type: 'string', multiple: true },
    'sheet-file': { type: 'string', multiple: true },
    preset: { type: 'string', multiple: true },
    spec: { type: 'string', multiple: true },
    note: { type: 'string' },
    due: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.title === undefined) throw new UsageError('nnlab pack create: give the lab\'s title with --title T', 'nnlab pack create: 실습 이름을 --title T로 주세요');
  if (values.class === undefined) throw new UsageError('nnlab pack create: give the class with --class C', 'nnlab pack create: 수업을 --class C로 주세요');
  if (values.out === undefined) throw new UsageError('nnlab pack create: give the file to write with --out FILE', 'nnlab pack create: 쓸 파일을 --out FILE로 주세요');
  checkOutputWithJson('out', values.out, values.json);
  if ((values.spec ?? []).filter((path) => path === STANDARD_STREAM).length > 1) throw new UsageError('nnlab pack create: --spec - reads standard input, which holds one spec; give it once', 'nnlab pack create: --spec -는 설정 하나가 든 표준 입력을 읽습니다; 한 번만 주세요');
  const specs: RunSpec[] = [];
  for (const path of values.spec ?? []) specs.push(await specOf(path, io));
  const ownSheets = (values['sheet-file'] ?? []).map((path) => ownSheetOf(path, readText(path)));
  const given = { sheets: [...(values.sheet ?? []), ...(values['sheet-file'] ?? [])], presets: values.preset ?? [], specs: values.spec ?? [] };
  const { pack, data } = asOptionProblems(given, () => createPack({
    title: values.title,
    className: values.class,
    ...(values.teacher === undefined ? {} : { teacher: values.teacher }),
    ...(values.note === undefined ? {} : { note: values.note }),
    ...(values.due === undefined ? {} : { due: values.due }),
    sheets: [...(values.sheet ?? []), ...ownSheets],
    presets: values.preset ?? [],
    specs,
  }));
  writeOutput('out', values.out, { data, binary: true }, io);
  if (values.out === STANDARD_STREAM) return 0;
  if (values.json) io.out(JSON.stringify({ id: pack.id, file: values.out, title: pack.title, sheets: pack.sheets.length, presets: pack.presets.length, specs: pack.specs.length, bytes: data.length }));
  else if (languageOf(io) === 'ko') io.out(`실습 묶음 ${pack.id} ${withParticle(`"${pack.title}"`, '을/를')} ${values.out}에 썼습니다 (${counted(pack.sheets.length, 'sheet', 'ko')}, ${counted(pack.presets.length, 'preset', 'ko')}, ${counted(pack.specs.length, 'spec', 'ko')})`);
  else io.out(`wrote lab pack ${pack.id} "${pack.title}" to ${values.out} (${counted(pack.sheets.length, 'sheet', 'en')}, ${counted(pack.presets.length, 'preset', 'en')}, ${counted(pack.specs.length, 'spec', 'en')})`);
  return 0;
}

/** `make()`, its spec problems named by option (problemsByOption). */
function asOptionProblems<T>(given: Parameters<typeof problemsByOption>[1], make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw error instanceof SpecError ? problemsByOption(error, given) : error;
  }
}

/** One --spec's RunSpec; its problems say which file they are in (a pack takes several). */
async function specOf(path: string, io: CliIO): Promise<RunSpec> {
  try {
    return (await readSpecArgument('spec', path, io)).spec;
  } catch (error) {
    // Standard input is named by readSpecArgument already.
    if (!(error instanceof SpecError) || path === STANDARD_STREAM) throw error;
    throw new SpecError(error.problems.map((problem) => ({ ...problem, field: problem.field ? `--spec "${path}": ${problem.field}` : `--spec "${path}"` })));
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read "${path}": ${describeFsError(error)}`, `${withParticle(`"${path}"`, '을/를')} 읽을 수 없습니다: ${describeFsError(error, 'ko')}`);
  }
}

/**
 * A teacher's own sheet from a text file: its first non-empty line is the title (a Markdown "# "
 * taken off), the whole text the sheet. One file is one language: Korean when it has Hangul.
 */
export function ownSheetOf(path: string, text: string): { title: { ko?: string; en?: string }; text: { ko?: string; en?: string } } {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstLine = body.split('\n').find((line) => line.trim() !== '');
  if (firstLine === undefined) throw new UsageError(`nnlab pack create: the sheet file "${path}" is empty`, `nnlab pack create: 실습지 파일 ${withParticle(`"${path}"`, '이/가')} 비어 있습니다`);
  const title = firstLine.replace(/^#+\s*/, '').trim().slice(0, PACK_LIMITS.sheetTitle);
  const lang = /[\u3131-\u318E\uAC00-\uD7A3]/.test(body) ? 'ko' : 'en';
  return { title: { [lang]: title }, text: { [lang]: body } };
}

async function packOpen(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('pack open', args, { ...DB_OPTION, json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('nnlab pack open: give one lab pack file', 'nnlab pack open: 실습 묶음 파일을 하나 주세요');
  let data: Buffer;
  try {
    data = readFileSync(positionals[0]!);
  } catch (error) {
    throw new UsageError(`cannot read "${positionals[0]}": ${describeFsError(error)}`, `${withParticle(`"${positionals[0]}"`, '을/를')} 읽을 수 없습니다: ${describeFsError(error, 'ko')}`);
  }
  const outcome = await withHistory(values.db, (history) => openPack(history, data));
  if (values.json) io.out(JSON.stringify(outcome));
  else if (languageOf(io) === 'ko') {
    const pack = `실습 묶음 ${outcome.id} "${outcome.title}"`;
    const said = { added: `${withParticle(pack, '을/를')} 열었습니다`, 'already-present': `${withParticle(pack, '은/는')} 이미 열려 있습니다; 바뀐 것이 없습니다`, updated: `${withParticle(pack, '을/를')} 새 버전으로 바꿨습니다`, 'older-kept': `${withParticle(pack, '은/는')} 이미 더 새 버전이 열려 있어 그대로 두었습니다` }[outcome.status];
    io.out(said);
  } else {
    const said = { added: 'opened', 'already-present': 'already present, nothing changed:', updated: 'updated to the newer version of', 'older-kept': 'an older version of a pack already here, left out:' }[outcome.status];
    io.out(`${said} lab pack ${outcome.id} "${outcome.title}"`);
  }
  return 0;
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIO) => Promise<number>> = { create: packCreate, open: packOpen };

/** `nnlab pack …`: make a lab pack to hand out, open one. */
export const packCommand: Command = {
  summary: { en: 'lab packs: create one to hand out, open one', ko: '실습 묶음: 나눠 줄 것을 만들고, 받은 것을 엽니다' },
  help: HELP,
  subcommandHelp: { create: CREATE_HELP, open: { en: `${OPEN_HELP.en}\n${DB_HELP.en}`, ko: `${OPEN_HELP.ko}\n${DB_HELP.ko}` } },
  run: async (args, io) => {
    const [name, ...rest] = args;
    const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
    if (!subcommand) {
      throw new UsageError(
        `nnlab pack: ${name === undefined || name.startsWith('-') ? 'give a subcommand' : `unknown subcommand "${name}"`} (create, open)`,
        `nnlab pack: ${name === undefined || name.startsWith('-') ? '하위 명령을 주세요' : `알 수 없는 하위 명령 "${name}"`} (create, open)`,
      );
    }
    return subcommand(rest, io);
  },
};
