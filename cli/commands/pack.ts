import { readFileSync } from 'node:fs';
import { PACK_LIMITS } from '../../engine/api/lab-pack';
import { messageOf } from '../../engine/api/error-message';
import { createPack, openPack } from '../../engine/service/class-files';
import { DB_HELP, DB_OPTION, withHistory } from '../cli-history';
import { UsageError, type CliIO } from '../cli-io';
import { parseOptions } from '../parse-options';
import { checkOutputWithJson, readSpecArgument, STANDARD_STREAM, writeOutput } from '../standard-streams';
import { counted } from '../../engine/lab/counted-words';
import { languageOf } from '../cli-language';
import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import type { Command } from './command';

const CREATE_HELP = `nnlab pack create --title T --class C [--teacher NAME] [--sheet ID…] [--sheet-file FILE…] [--preset ID…]
                  [--spec FILE…] [--note TEXT] [--due YYYY-MM-DD] --out FILE.nnlabpack [--json]
    a lab pack to hand out: built-in lab sheets, your own sheets (plain text files: the first
    line is the title; Korean if the text has Hangul, else English), presets and RunSpec files
    (--spec - reads one from standard input; --out - writes the pack to standard output)`;
const OPEN_HELP = `nnlab pack open FILE [--db PATH] [--json]
    opens a lab pack into the history; the same pack again is "already present", a newer
    version of it replaces the older`;

const HELP = `Usage: nnlab pack <create|open> [options]

${CREATE_HELP}
${OPEN_HELP}

${DB_HELP}
Exit codes: 0 done, 2 bad input.`;

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
  if (values.title === undefined) throw new UsageError('nnlab pack create: give the lab\'s title with --title T');
  if (values.class === undefined) throw new UsageError('nnlab pack create: give the class with --class C');
  if (values.out === undefined) throw new UsageError('nnlab pack create: give the file to write with --out FILE');
  checkOutputWithJson('out', values.out, values.json);
  if ((values.spec ?? []).filter((path) => path === STANDARD_STREAM).length > 1) throw new UsageError('nnlab pack create: --spec - reads standard input, which holds one spec; give it once');
  const specs = [];
  for (const path of values.spec ?? []) specs.push((await readSpecArgument('spec', path, io)).spec);
  const ownSheets = (values['sheet-file'] ?? []).map((path) => ownSheetOf(path, readText(path)));
  const { pack, data } = createPack({
    title: values.title,
    className: values.class,
    ...(values.teacher === undefined ? {} : { teacher: values.teacher }),
    ...(values.note === undefined ? {} : { note: values.note }),
    ...(values.due === undefined ? {} : { due: values.due }),
    sheets: [...(values.sheet ?? []), ...ownSheets],
    presets: values.preset ?? [],
    specs,
  });
  writeOutput('out', values.out, { data, binary: true }, io);
  if (values.out === STANDARD_STREAM) return 0;
  if (values.json) io.out(JSON.stringify({ id: pack.id, file: values.out, title: pack.title, sheets: pack.sheets.length, presets: pack.presets.length, specs: pack.specs.length, bytes: data.length }));
  else if (languageOf(io) === 'ko') io.out(`실습 묶음 ${pack.id} ${withParticle(`"${pack.title}"`, '을/를')} ${values.out}에 썼습니다 (${counted(pack.sheets.length, 'sheet', 'ko')}, ${counted(pack.presets.length, 'preset', 'ko')}, ${counted(pack.specs.length, 'spec', 'ko')})`);
  else io.out(`wrote lab pack ${pack.id} "${pack.title}" to ${values.out} (${counted(pack.sheets.length, 'sheet', 'en')}, ${counted(pack.presets.length, 'preset', 'en')}, ${counted(pack.specs.length, 'spec', 'en')})`);
  return 0;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read "${path}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : messageOf(error)}`);
  }
}

/**
 * A teacher's own sheet from a text file: its first non-empty line is the title (a Markdown "# "
 * taken off), the whole text the sheet. One file is one language: Korean when it has Hangul.
 */
export function ownSheetOf(path: string, text: string): { title: { ko?: string; en?: string }; text: { ko?: string; en?: string } } {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstLine = body.split('\n').find((line) => line.trim() !== '');
  if (firstLine === undefined) throw new UsageError(`nnlab pack create: the sheet file "${path}" is empty`);
  const title = firstLine.replace(/^#+\s*/, '').trim().slice(0, PACK_LIMITS.sheetTitle);
  const lang = /[\u3131-\u318E\uAC00-\uD7A3]/.test(body) ? 'ko' : 'en';
  return { title: { [lang]: title }, text: { [lang]: body } };
}

async function packOpen(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('pack open', args, { ...DB_OPTION, json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('nnlab pack open: give one lab pack file');
  let data: Buffer;
  try {
    data = readFileSync(positionals[0]!);
  } catch (error) {
    throw new UsageError(`cannot read "${positionals[0]}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : messageOf(error)}`);
  }
  const outcome = await withHistory(values.db, (history) => openPack(history, data));
  if (values.json) io.out(JSON.stringify(outcome));
  else {
    const said = { added: 'opened', 'already-present': 'already present, nothing changed:', updated: 'updated to the newer version of', 'older-kept': 'an older version of a pack already here, left out:' }[outcome.status];
    io.out(`${said} lab pack ${outcome.id} "${outcome.title}"`);
  }
  return 0;
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIO) => Promise<number>> = { create: packCreate, open: packOpen };

/** `nnlab pack …`: make a lab pack to hand out, open one. */
export const packCommand: Command = {
  summary: 'lab packs: create one to hand out, open one',
  help: HELP,
  subcommandHelp: { create: CREATE_HELP, open: `${OPEN_HELP}\n${DB_HELP}` },
  run: async (args, io) => {
    const [name, ...rest] = args;
    const subcommand = name === undefined ? undefined : SUBCOMMANDS[name];
    if (!subcommand) throw new UsageError(`nnlab pack: ${name === undefined ? 'give a subcommand' : `unknown subcommand "${name}"`} (create, open)`);
    return subcommand(rest, io);
  },
};
