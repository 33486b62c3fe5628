import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exportRuns, ImportError } from '../../../engine/history/run-file';
import type { RunHistory } from '../../../engine/history/run-history';
import { writeEnvelopedFile } from '../../../engine/history/enveloped-file';
import { createPack, importHandIn, makeHandIn, openPack, storeLabFile } from '../../../engine/service/class-files';
import { readLabFile } from '../../../engine/history/lab-file';
import { exportWeights } from '../../../engine/train/export-weights';
import { circleSpec, dumpDatabase, openTemp, tempDir, trainRun } from './history-helpers';
import { join } from 'node:path';


const NEW_PACK = { title: 'Lab 4: initialization', className: 'DL 2025', teacher: 'Kim', note: 'Due before class', due: '2025-04-01', sheets: ['04-initialization', { title: { en: 'My sheet' }, text: { en: 'Why?\nExplain.' } }], presets: ['backprop-lecture-network'], specs: [circleSpec()] };

/** A student's run of `spec` recorded as belonging to the pack (as LabService's startRun stores it). */
function packRun(history: RunHistory, packId: string): string {
  const id = randomUUID();
  const { spec, events } = trainRun(circleSpec({ training: { batchSize: 10, epochs: 1 } }), id);
  history.createRun({ id, spec, status: 'queued', author: history.getStudent(), packId });
  history.recordEvents(id, events);
  return id;
}

/** A student's history with the pack opened, one pack run, answers on the pack's sheet and on another sheet; returns their hand-in. */
function student(packFile: Buffer, name: string, number: string, answer: string, now = Date.now): { data: Buffer; runId: string } {
  const history = openTemp({}, join(tempDir(), `${number}.sqlite`));
  const { id } = openPack(history, packFile);
  history.setStudent({ name, number });
  const runId = packRun(history, id);
  history.setNotebookEntry('04-initialization', 'answer:which-learns', answer);
  history.setNotebookEntry('backprop', 'answer:other-sheet', 'not in the hand-in');
  return { data: makeHandIn(history, id, undefined, { now }).data, runId };
}

/** The file with its JSON changed and the checksum recomputed (what an editor with intent makes). */
function rewritten(data: Buffer, change: (json: Record<string, unknown>) => unknown): Buffer {
  const parsed = JSON.parse(gunzipSync(data).toString('utf8')) as Record<string, unknown>;
  const returned = change(parsed);
  // A change may return a new file (one built from edited text); an assignment's value is not one.
  const json = typeof returned === 'object' && returned !== null && 'format' in returned ? (returned as Record<string, unknown>) : parsed;
  return writeEnvelopedFile(json.format as string, json.formatVersion as number, json.payload);
}

describe('lab packs', () => {
  it('a pack made from chosen sheets, presets and specs opens once: the same file again is already present, a newer version updates it', () => {
    const { pack, data } = createPack(NEW_PACK);
    expect(pack.sheets).toEqual([{ kind: 'built-in', id: '04-initialization' }, { kind: 'own', id: `p${pack.id.slice(0, 8)}-1`, title: { en: 'My sheet' }, text: { en: 'Why?\nExplain.' } }]);
    const history = openTemp();
    expect(openPack(history, data)).toEqual({ id: pack.id, title: pack.title, status: 'added' });
    expect(openPack(history, data).status).toBe('already-present');
    expect(history.listPacks()).toHaveLength(1);
    const newer = createPack({ ...NEW_PACK, title: 'Lab 4 (revised)' }, { id: pack.id, now: () => Date.now() + 60_000 });
    expect(openPack(history, newer.data).status).toBe('updated');
    expect(openPack(history, data).status).toBe('older-kept');
    expect(history.listPacks().map((p) => p.title)).toEqual(['Lab 4 (revised)']);
    expect(history.getPack(pack.id.slice(0, 8)).title).toBe('Lab 4 (revised)');
  });

  it('refuses unknown sheets and presets, bad specs and dates when making a pack, naming the field', () => {
    expect(() => createPack({ ...NEW_PACK, presets: ['no-such-preset'] })).toThrow(/"no-such-preset" is not a preset/);
    expect(() => createPack({ ...NEW_PACK, sheets: ['99-nothing'] })).toThrow(/"99-nothing" is not a lab sheet/);
    expect(() => createPack({ ...NEW_PACK, due: '2025-02-30' })).toThrow(/not a real date/);
    expect(() => createPack({ ...NEW_PACK, specs: [{ ...circleSpec(), layers: [] }] })).toThrow(/specs\[0\]/);
  });

  it('hostile and malformed pack files are refused with nothing stored; text comes in as plain text', () => {
    const { data } = createPack(NEW_PACK);
    const history = openTemp();
    const before = dumpDatabase(history.path);
    const hostile: [string, Buffer, RegExp][] = [
      ['not gzip', Buffer.from('{"format":"nnlab-pack"}'), /not gzip-compressed/],
      ['edited after the checksum', (() => {
        const json = JSON.parse(gunzipSync(data).toString('utf8'));
        json.payload.title = 'changed';
        return gzipSync(JSON.stringify(json));
      })(), /does not match its checksum/],
      ['a __proto__ key', rewritten(data, (j) => JSON.parse(JSON.stringify(j).replace('"presets":', '"__proto__":{"x":1},"presets":'))), /"__proto__" key, which is not accepted/],
      ['an unknown preset', rewritten(data, (j) => ((j.payload as { presets: string[] }).presets = ['rm-rf'])), /"rm-rf" is not a preset/],
      ['a bad spec', rewritten(data, (j) => ((j.payload as { specs: unknown[] }).specs = [{ version: 1 }])), /payload\.specs\[0\]/],
      ['deep nesting', gzipSync(`{"format":"nnlab-pack","x":${'['.repeat(100)}${']'.repeat(100)}}`), /nested more than 64/],
      ['a newer format', rewritten(data, (j) => (j.formatVersion = 2)), /newer NN Lab .*lab pack format 2/],
      ['a runs file', exportRuns(history, []), /runs file, not a lab pack/],
    ];
    for (const [, file, message] of hostile) expect(() => openPack(history, file), message.source).toThrow(message);
    expect(dumpDatabase(history.path)).toEqual(before);

    const sneaky = rewritten(data, (j) => ((j.payload as { title: string }).title = 'Lab\u001b[2J \u202eevil'));
    openPack(history, sneaky);
    expect(history.listPacks()[0]!.title).toBe('Lab[2J evil');
  });
});

describe('hand-ins', () => {
  it("two students' hand-ins go into one teacher's history: their runs stamped, answers kept apart per student, the teacher's own untouched", () => {
    const { pack, data: packFile } = createPack(NEW_PACK);
    const ana = student(packFile, 'Ana', '2025001', 'xavier');
    const ben = student(packFile, 'Ben', '2025002', 'zeros');
    const teacher = openTemp({}, join(tempDir(), 'teacher.sqlite'));
    openPack(teacher, packFile);
    teacher.setNotebookEntry('04-initialization', 'answer:which-learns', 'the teacher’s own');

    const first = importHandIn(teacher, ana.data);
    expect(first.imported).toEqual([ana.runId]);
    expect(first.handIn).toEqual({ packId: pack.id, packTitle: pack.title, student: { name: 'Ana', number: '2025001' }, status: 'new' });
    expect(importHandIn(teacher, ben.data).handIn?.status).toBe('new');

    expect(teacher.getNotebook('04-initialization')).toEqual({ 'answer:which-learns': 'the teacher’s own' });
    const imported = teacher.importedNotebooks('04-initialization');
    expect(imported.map((n) => [n.studentName, n.entries])).toEqual([
      ['Ana', { 'answer:which-learns': 'xavier' }],
      ['Ben', { 'answer:which-learns': 'zeros' }],
    ]);
    expect(teacher.importedNotebooks('backprop')).toEqual([]); // another sheet's answers stay out of the hand-in
    expect(teacher.runIdsOfPack(pack.id).sort()).toEqual([ana.runId, ben.runId].sort());
  });

  it('carries the runs without their final weights (a run file keeps them): everything else of the run comes in, and the file is smaller', () => {
    const { data: packFile } = createPack(NEW_PACK);
    const mine = openTemp({}, join(tempDir(), 'with-weights.sqlite'));
    const { id: packId } = openPack(mine, packFile);
    mine.setStudent({ name: 'Ana', number: '2025001' });
    const spec = circleSpec({ layers: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 2, activation: 'softmax' }], training: { batchSize: 10, epochs: 1 } });
    const runId = randomUUID();
    const { spec: parsed, events, trainer } = trainRun(spec, runId);
    mine.createRun({ id: runId, spec: parsed, status: 'queued', author: mine.getStudent(), packId });
    mine.recordEvents(runId, events);
    mine.saveWeights(runId, exportWeights(trainer.network));
    expect(mine.readRecords([runId])[0]!.weights).not.toBeNull();
    const handIn = makeHandIn(mine, packId, undefined).data;
    const runFile = exportRuns(mine, [runId]);

    const teacher = openTemp({}, join(tempDir(), 'teacher-weights.sqlite'));
    openPack(teacher, packFile);
    expect(importHandIn(teacher, handIn).imported).toEqual([runId]);
    const [stored] = teacher.readRecords([runId]);
    expect(stored!.weights).toBeNull();
    const [original] = mine.readRecords([runId]);
    expect({ ...stored!, weights: null }).toEqual({ ...original!, weights: null });
    expect(handIn.length).toBeLessThan(runFile.length);
  });

  it("a student's newer hand-in replaces that student's answers only and says so; an older one is left out", () => {
    const { data: packFile } = createPack(NEW_PACK);
    const teacher = openTemp({}, join(tempDir(), 'teacher.sqlite'));
    importHandIn(teacher, student(packFile, 'Ana', '2025001', 'first try').data);
    importHandIn(teacher, student(packFile, 'Ben', '2025002', 'zeros').data);
    const newer = student(packFile, 'Ana', '2025001-b', 'second try', () => Date.now() + 60_000).data;
    const renumbered = rewritten(newer, (j) => ((j.payload as { student: { number: string } }).student.number = '2025001'));
    expect(importHandIn(teacher, renumbered).handIn?.status).toBe('updated');
    const older = student(packFile, 'Ana', '2025001', 'stale', () => Date.now() - 3_600_000).data;
    expect(importHandIn(teacher, older).handIn?.status).toBe('older-kept');
    expect(teacher.importedNotebooks('04-initialization').map((n) => [n.studentName, n.entries['answer:which-learns']])).toEqual([
      ['Ana', 'second try'],
      ['Ben', 'zeros'],
    ]);
  });

  it('a file that is not a hand-in, or a malformed one, is refused with what it is and nothing stored', () => {
    const { data: packFile } = createPack(NEW_PACK);
    const handIn = student(packFile, 'Ana', '2025001', 'xavier').data;
    const teacher = openTemp();
    const before = dumpDatabase(teacher.path);
    expect(() => importHandIn(teacher, exportRuns(teacher, []))).toThrow(/runs file, not a hand-in/);
    expect(() => importHandIn(teacher, packFile)).toThrow(/lab pack, not a hand-in/);
    expect(() => importHandIn(teacher, rewritten(handIn, (j) => ((j.payload as { student: { name: string } }).student.name = '')))).toThrow(/payload\.student\.name/);
    expect(() => importHandIn(teacher, rewritten(handIn, (j) => ((j.payload as { packId: string }).packId = 'x')))).toThrow(/payload\.packId: must be a uuid/);
    expect(() => importHandIn(teacher, rewritten(handIn, (j) => ((j.payload as { extra?: number }).extra = 1)))).toThrow(ImportError);
    expect(() => importHandIn(teacher, rewritten(handIn, (j) => ((j.payload as { runs: { steps: { loss: unknown[] } }[] }).runs[0]!.steps.loss[0] = 'x')))).toThrow(/payload\.runs\[0\]\.steps\.loss/);
    expect(() => storeLabFile(teacher, readLabFile(packFile))).toThrow(/lab pack, not runs/);
    expect(dumpDatabase(teacher.path)).toEqual(before);
  });

  it('needs a student identity to hand in', () => {
    const { pack, data: packFile } = createPack(NEW_PACK);
    const history = openTemp();
    openPack(history, packFile);
    expect(() => makeHandIn(history, pack.id, undefined)).toThrow(/enter your name and student number first/);
    expect(() => makeHandIn(history, pack.id, { name: ' ', number: '1' })).toThrow(/name cannot be empty/);
    expect(makeHandIn(history, pack.id, { name: 'Ana', number: '1' }).student).toEqual({ name: 'Ana', number: '1' });
    expect(history.getStudent()).toEqual({ name: 'Ana', number: '1' });
  });
});
