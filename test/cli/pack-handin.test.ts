import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistory } from '../../engine/history/run-history';
import { nnlab, nnlabJson } from './cli-harness';

/**
 * The class from the command line, with real history files: a teacher makes a pack, two students
 * open it, train a run of it and hand in; the teacher imports a folder of hand-ins (and a file
 * that is not one) at once and finds each student's answers kept apart.
 */
let dir: string;
const SPEC = { version: 1, name: 'circle tanh', seed: 5, dataset: { name: 'circle', samples: 120 }, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }], optimizer: { name: 'adam', lr: 0.02 }, training: { batchSize: 10, epochs: 1 }, diagnostics: { every: 10, bins: 10 } };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-class-cli-'));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(SPEC));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nnlab pack / handin / runs import', () => {
  it('hands out a pack, collects two hand-ins from a folder, and keeps the students apart', { timeout: 120_000 }, async () => {
    const packFile = join(dir, 'lab4.nnlabpack');
    const created = await nnlabJson<{ id: string }>(['pack', 'create', '--title', 'Lab 4', '--class', 'DL 2025', '--sheet', '04-initialization', '--preset', 'backprop-lecture-network', '--spec', join(dir, 'spec.json'), '--due', '2025-04-01', '--out', packFile, '--json']);
    const handIns = join(dir, 'hand-ins');
    mkdirSync(handIns);
    const students = [
      ['ana', 'Ana', '2025001', 'xavier'],
      ['ben', 'Ben', '2025002', 'zeros'],
    ] as const;
    for (const [file, name, number, answer] of students) {
      const db = join(dir, `${file}.sqlite`);
      const opened = await nnlabJson<{ id: string; status: string }>(['pack', 'open', packFile, '--db', db, '--json']);
      expect(opened).toEqual({ id: created.id, title: 'Lab 4', status: 'added' });
      expect((await nnlabJson<{ status: string }>(['pack', 'open', packFile, '--db', db, '--json'])).status).toBe('already-present');
      expect((await nnlab(['train', '--spec', join(dir, 'spec.json'), '--pack', created.id.slice(0, 8), '--db', db])).code).toBe(0);
      const history = openHistory(db, { instanceId: 'test' });
      history.setNotebookEntry('04-initialization', 'answer:which-learns', answer);
      history.close();
      const made = await nnlabJson<{ runs: number; entries: number }>(['handin', '--pack', created.id, '--name', name, '--number', number, '--db', db, '--out', join(handIns, `${file}.nnlab`), '--json']);
      expect(made).toMatchObject({ runs: 1, entries: 1 });
    }
    writeFileSync(join(handIns, 'notes.txt'), 'not an NN Lab file');

    const teacherDb = join(dir, 'teacher.sqlite');
    const imported = await nnlab(['runs', 'import', handIns, packFile, '--db', teacherDb, '--json']);
    expect(imported.code).toBe(2);
    const report = JSON.parse(imported.stdout) as { imported: string[]; refused: { file: string; reason: string }[] };
    expect(report.imported).toHaveLength(2);
    expect(report.refused.map((r) => [r.file, r.reason])).toEqual([
      [join(handIns, 'notes.txt'), expect.stringMatching(/not gzip-compressed/)],
      [packFile, expect.stringMatching(/lab pack, not runs: open it/)],
    ]);
    const teacher = openHistory(teacherDb, { instanceId: 'test' });
    expect(teacher.importedNotebooks('04-initialization').map((n) => [n.studentName, n.entries])).toEqual([
      ['Ana', { 'answer:which-learns': 'xavier' }],
      ['Ben', { 'answer:which-learns': 'zeros' }],
    ]);
    expect(teacher.getNotebook('04-initialization')).toEqual({});
    teacher.close();
  });

  it('refuses bad input with one line and exit 2', async () => {
    const db = join(dir, 'errors.sqlite');
    const noTitle = await nnlab(['pack', 'create', '--class', 'C', '--out', join(dir, 'x.nnlabpack'), '--lang', 'en']);
    expect([noTitle.code, noTitle.err]).toEqual([2, ['error: nnlab pack create: give the lab\'s title with --title T']]);
    const badPreset = await nnlab(['pack', 'create', '--title', 'T', '--class', 'C', '--preset', 'nope', '--out', join(dir, 'x.nnlabpack'), '--lang', 'en']);
    expect(badPreset.code).toBe(2);
    expect(badPreset.err.join('\n')).toMatch(/"nope" is not a preset/);
    const unknownPack = await nnlab(['handin', '--pack', '12345678', '--name', 'A', '--number', '1', '--db', db, '--out', join(dir, 'h.nnlab'), '--lang', 'en']);
    expect(unknownPack.code).toBe(2);
    expect(unknownPack.err).toEqual([expect.stringMatching(/^error: no lab pack 12345678 has been opened/)]);
    const notAPack = await nnlab(['pack', 'open', join(dir, 'spec.json'), '--db', db, '--lang', 'en']);
    expect([notAPack.code, notAPack.err]).toEqual([2, [expect.stringMatching(/^error: this is not an NN Lab lab pack: it is not gzip-compressed/)]]);
    for (const command of [['pack', '--help'], ['pack', 'create', '--help'], ['handin', '--help']]) expect((await nnlab(command)).code).toBe(0);
  });
});

describe('a teacher\'s own sheet from a text file', () => {
  it('becomes an own sheet of the pack: first line the title, Korean when it has Hangul, English otherwise', async () => {
    writeFileSync(join(dir, '실습-안내.md'), '\uFEFF# 4주차 실습 안내\r\n\r\n표준편차 0.01로 시작해 보세요.\r\n');
    writeFileSync(join(dir, 'notes-en.txt'), '\n  Week 4 notes\nTry std 0.01 first.\n');
    writeFileSync(join(dir, 'empty.txt'), ' \n\n');
    const packFile = join(dir, 'own-sheets.nnlabpack');
    const created = await nnlabJson<{ id: string; sheets: number }>(['pack', 'create', '--title', 'Lab 4', '--class', 'DL', '--sheet', '04-initialization', '--sheet-file', join(dir, '실습-안내.md'), '--sheet-file', join(dir, 'notes-en.txt'), '--out', packFile, '--json']);
    expect(created.sheets).toBe(3);
    const db = join(dir, 'own-sheets.sqlite');
    await nnlabJson(['pack', 'open', packFile, '--db', db, '--json']);
    const history = openHistory(db, { instanceId: 'test' });
    const sheets = history.getPack(created.id).sheets;
    history.close();
    expect(sheets[0]).toEqual({ kind: 'built-in', id: '04-initialization' });
    expect(sheets[1]).toMatchObject({ kind: 'own', title: { ko: '4주차 실습 안내' }, text: { ko: '# 4주차 실습 안내\n\n표준편차 0.01로 시작해 보세요.\n' } });
    expect(sheets[2]).toMatchObject({ kind: 'own', title: { en: 'Week 4 notes' } });
    expect(Object.keys((sheets[2] as { text: object }).text)).toEqual(['en']);

    const empty = await nnlab(['pack', 'create', '--title', 'T', '--class', 'C', '--sheet-file', join(dir, 'empty.txt'), '--out', join(dir, 'x.nnlabpack'), '--lang', 'en']);
    expect(empty.code).toBe(2);
    expect(empty.err).toEqual([expect.stringContaining('empty.txt" is empty')]);
    const missing = await nnlab(['pack', 'create', '--title', 'T', '--class', 'C', '--sheet-file', join(dir, 'nope.txt'), '--out', join(dir, 'x.nnlabpack'), '--lang', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.err).toEqual([expect.stringContaining('no such file')]);
  });
});
