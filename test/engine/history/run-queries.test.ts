import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunHistory } from '../../../engine/history/run-history';
import { circleSpec, openTemp, recordRun, tempDir } from './history-helpers';

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const TANH = 'a0000000-0000-4000-8000-000000000001';
const RELU = 'b0000000-0000-4000-8000-000000000002';
const SIGMOID = 'c0000000-0000-4000-8000-000000000003';
const MIXED = 'd0000000-0000-4000-8000-000000000004';

/** Four runs on three days: tanh/xavier, relu/he with L2 and a tag, a queued xor sigmoid run, a mixed relu+tanh run. */
function labHistory(path?: string): RunHistory {
  let now = T0;
  const history = openTemp({ now: () => now }, path);
  recordRun(history, circleSpec(), { id: TANH, name: 'tanh baseline' });
  now += DAY;
  recordRun(history, circleSpec({ layers: [{ units: 8, activation: 'relu' }, { units: 2, activation: 'softmax' }], regularization: { l2: 0.01 } }), { id: RELU, name: 'ReLU + He' });
  history.setTags(RELU, ['Lab 1', 'relu']);
  now += DAY;
  const xor = parseRunSpec(circleSpec({ dataset: { name: 'xor', samples: 100 }, layers: [{ units: 4, activation: 'sigmoid' }, { units: 4, activation: 'sigmoid' }, { units: 2, activation: 'softmax' }] }));
  history.createRun({ id: SIGMOID, spec: xor, status: 'queued', name: 'sigmoid deep' });
  history.setNotes(SIGMOID, 'Shows the VANISHING gradient, 한국어 메모');
  now += 1000;
  recordRun(history, circleSpec({ layers: [{ units: 8, activation: 'relu' }, { units: 8, activation: 'tanh', init: { name: 'normal', std: 0.1 } }, { units: 2, activation: 'softmax' }] }), { id: MIXED, name: 'mixed' });
  return history;
}

const ids = (history: RunHistory, query: Parameters<RunHistory['listRuns']>[0]) => history.listRuns(query).map((r) => r.id);

describe('listing runs', () => {
  it('lists newest first by default, with their summaries', () => {
    const history = labHistory();
    const runs = history.listRuns();
    expect(runs.map((r) => r.id)).toEqual([MIXED, SIGMOID, RELU, TANH]);
    expect(runs[0]).toMatchObject({ name: 'mixed', activation: 'relu, tanh', init: 'he, normal', architecture: '2-8-8-2', status: 'completed' });
    expect(runs[1]).toMatchObject({ name: 'sigmoid deep', status: 'queued', architecture: null, final: null, dataset: null, activation: 'sigmoid', init: 'xavier' });
    expect(runs[2]).toMatchObject({ tags: ['Lab 1', 'relu'], regularization: 'L2 0.01', createdAt: '2025-03-02T10:00:00.000Z' });
  });

  it('filters by search (name, notes, tags; any case), status, tag, dataset, activation, init and dates', () => {
    const history = labHistory();
    expect(ids(history, { search: 'relu' })).toEqual([RELU]);
    expect(ids(history, { search: 'vanishing' })).toEqual([SIGMOID]);
    expect(ids(history, { search: '한국어' })).toEqual([SIGMOID]);
    expect(ids(history, { search: 'LAB 1' })).toEqual([RELU]);
    expect(ids(history, { search: '%' })).toEqual([]);
    expect(ids(history, { status: ['queued'] })).toEqual([SIGMOID]);
    expect(ids(history, { status: ['completed', 'queued'] })).toEqual([MIXED, SIGMOID, RELU, TANH]);
    expect(ids(history, { status: [] })).toEqual([]);
    expect(ids(history, { tag: 'lab 1' })).toEqual([RELU]);
    expect(ids(history, { tag: 'lab' })).toEqual([]);
    expect(ids(history, { dataset: 'xor' })).toEqual([SIGMOID]);
    expect(ids(history, { activation: 'relu' })).toEqual([MIXED, RELU]);
    expect(ids(history, { activation: 'tanh' })).toEqual([MIXED, TANH]);
    expect(ids(history, { activation: 'tan' })).toEqual([]);
    expect(ids(history, { init: 'normal' })).toEqual([MIXED]);
    expect(ids(history, { init: 'xavier', dataset: 'circle' })).toEqual([TANH]);
    expect(ids(history, { createdAfter: '2025-03-02', createdBefore: '2025-03-02' })).toEqual([RELU]);
    expect(ids(history, { createdAfter: '2025-03-03T10:00:00.500Z' })).toEqual([MIXED]);
    expect(ids(history, { createdBefore: '2025-03-01T10:00:00.000Z' })).toEqual([TANH]);
  });

  it('sorts by name, status, duration and final metrics; runs without a value come last; pages with limit and offset', () => {
    const history = labHistory();
    expect(ids(history, { sortBy: 'name' })).toEqual([MIXED, RELU, SIGMOID, TANH]);
    expect(ids(history, { sortBy: 'name', order: 'desc' })).toEqual([TANH, SIGMOID, RELU, MIXED]);
    expect(ids(history, { sortBy: 'createdAt', order: 'asc' })).toEqual([TANH, RELU, SIGMOID, MIXED]);
    // completed < queued; ties keep the order of creation.
    expect(ids(history, { sortBy: 'status' })).toEqual([TANH, RELU, MIXED, SIGMOID]);
    const trained = [TANH, RELU, MIXED].map((id) => history.getRun(id));
    const byTestLoss = [...trained].sort((a, b) => a.final!.test!.loss - b.final!.test!.loss).map((r) => r.id);
    expect(ids(history, { sortBy: 'finalTestLoss' })).toEqual([...byTestLoss, SIGMOID]);
    expect(ids(history, { sortBy: 'finalTestLoss', order: 'desc' })).toEqual([...byTestLoss.reverse(), SIGMOID]);
    const byAccuracy = [...trained].sort((a, b) => b.final!.train.accuracy! - a.final!.train.accuracy! || b.createdAt.localeCompare(a.createdAt)).map((r) => r.id);
    expect(ids(history, { sortBy: 'finalTrainAccuracy', order: 'desc' })).toEqual([...byAccuracy, SIGMOID]);
    expect(ids(history, { sortBy: 'durationMs' }).at(-1)).toBe(SIGMOID);
    expect(ids(history, { sortBy: 'name', limit: 2, offset: 1 })).toEqual([RELU, SIGMOID]);
  });

  it('refuses a malformed query with the field named', () => {
    const history = labHistory();
    expect(() => history.listRuns({ createdAfter: 'last tuesday' })).toThrow(/createdAfter: must be an ISO date/);
    expect(() => history.listRuns({ status: ['finished' as 'completed'] })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => history.listRuns({ sortBy: 'id; DROP TABLE runs' as 'name' })).toThrow(/sortBy/);
    expect(history.listRuns()).toHaveLength(4);
  });
});

const PACK_A = 'aaaaaaaa-1111-4000-8000-000000000001';
const PACK_B = 'bbbbbbbb-2222-4000-8000-000000000002';
const GROUP = 'eeeeeeee-3333-4000-8000-000000000003';
const OWN = 'f0000000-0000-4000-8000-000000000010';
const HONG_A = 'f0000000-0000-4000-8000-000000000011';
const KIM_A = 'f0000000-0000-4000-8000-000000000012';
const HONG_B = 'f0000000-0000-4000-8000-000000000013';
const SEED_1 = 'f0000000-0000-4000-8000-000000000014';
const SEED_2 = 'f0000000-0000-4000-8000-000000000015';

/**
 * A teacher's history: their own run, 홍길동's and Kim's runs of pack A, 홍길동's run of pack B, and
 * two runs of one seed group (the group written as startRunGroup will store it: runs.group_id).
 */
function classHistory(): RunHistory {
  const path = join(tempDir(), 'class.sqlite');
  let now = T0;
  const history = openTemp({ now: () => (now += 1000) }, path);
  const spec = parseRunSpec(circleSpec());
  const hong = { name: '홍길동', number: '20231234' };
  const kim = { name: 'Kim Minji', number: 'S-0042' };
  history.createRun({ id: OWN, spec, status: 'queued', name: 'teacher demo' });
  history.createRun({ id: HONG_A, spec, status: 'queued', name: 'init std 0.01', author: hong, packId: PACK_A });
  history.createRun({ id: KIM_A, spec, status: 'queued', name: 'init std 0.01', author: kim, packId: PACK_A });
  history.createRun({ id: HONG_B, spec, status: 'queued', name: 'dropout', author: hong, packId: PACK_B });
  history.createRun({ id: SEED_1, spec, status: 'queued', name: 'seed 1' });
  history.createRun({ id: SEED_2, spec, status: 'queued', name: 'seed 2' });
  const db = new Database(path);
  db.prepare('UPDATE runs SET group_id = ? WHERE id IN (?, ?)').run(GROUP, SEED_1, SEED_2);
  db.close();
  return history;
}

describe('listing a class’s runs', () => {
  it('filters by lab pack and by seed group, alone and with other filters; an unknown pack or group matches nothing', () => {
    const history = classHistory();
    expect(ids(history, { packId: PACK_A })).toEqual([KIM_A, HONG_A]);
    expect(ids(history, { packId: PACK_B })).toEqual([HONG_B]);
    expect(ids(history, { packId: PACK_A, search: '홍길동' })).toEqual([HONG_A]);
    expect(ids(history, { packId: PACK_A.slice(0, 8) })).toEqual([]);
    expect(ids(history, { groupId: GROUP })).toEqual([SEED_2, SEED_1]);
    expect(ids(history, { groupId: GROUP, packId: PACK_A })).toEqual([]);
    expect(ids(history, { groupId: 'ffffffff-0000-4000-8000-000000000000' })).toEqual([]);
    expect(history.listRunPage({ packId: PACK_A, limit: 1 })).toMatchObject({ matching: 2, total: 6, runs: [{ id: KIM_A, packId: PACK_A, author: { name: 'Kim Minji', number: 'S-0042' } }] });
    expect(history.listRunKeys({ packId: PACK_B }).map((key) => key.id)).toEqual([HONG_B]);
    expect(history.getRun(SEED_1)).toMatchObject({ groupId: GROUP, packId: null, author: null });
  });

  it('search finds a run by its author’s name or student number (any case, any part), and never matches own runs by an empty author', () => {
    const history = classHistory();
    expect(ids(history, { search: '홍길동' })).toEqual([HONG_B, HONG_A]);
    expect(ids(history, { search: '길동' })).toEqual([HONG_B, HONG_A]);
    expect(ids(history, { search: '20231234' })).toEqual([HONG_B, HONG_A]);
    expect(ids(history, { search: '2023' })).toEqual([HONG_B, HONG_A]);
    expect(ids(history, { search: 'kim minji' })).toEqual([KIM_A]);
    expect(ids(history, { search: 's-0042' })).toEqual([KIM_A]);
    expect(ids(history, { search: 'teacher' })).toEqual([OWN]);
    expect(ids(history, { search: 'null' })).toEqual([]);
  });

  it('refuses a pack or group filter that is not text, naming the field', () => {
    const history = classHistory();
    expect(() => history.listRuns({ packId: 42 as unknown as string })).toThrow(/packId/);
    expect(() => history.listRuns({ groupId: 'x'.repeat(201) })).toThrow(/groupId/);
  });
});

describe('run ids', () => {
  it('resolves a full id or a prefix of 8+ characters, refuses unknown, short and ambiguous ones', () => {
    const history = openTemp();
    const spec = parseRunSpec(circleSpec());
    const first = 'abcdef12-0000-4000-8000-000000000001';
    const second = 'abcdef12-0000-4000-8000-000000000002';
    const other = '12345678-0000-4000-8000-000000000003';
    for (const id of [first, second, other]) history.createRun({ id, spec, status: 'queued', name: `run ${id.slice(-1)}` });
    expect(history.resolveRunId(first)).toBe(first);
    expect(history.resolveRunId(first.toUpperCase())).toBe(first);
    expect(history.resolveRunId('12345678')).toBe(other);
    expect(history.resolveRunId('12345678-0000-40')).toBe(other);
    expect(() => history.resolveRunId(first.slice(0, 35))).toThrow(expect.objectContaining({ code: 'ambiguous' }));
    expect(history.getRun('12345678').id).toBe(other);
    expect(() => history.resolveRunId('abcdef12')).toThrow(expect.objectContaining({ code: 'ambiguous', candidates: [{ id: first, name: 'run 1' }, { id: second, name: 'run 2' }] }));
    expect(() => history.resolveRunId('abcdef12')).toThrow(/abcdef12-0000-4000-8000-000000000001 \(run 1\), abcdef12-0000-4000-8000-000000000002 \(run 2\)/);
    expect(() => history.resolveRunId('abcdef1')).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => history.resolveRunId('ffffffff')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => history.resolveRunId('ffffffff-0000-4000-8000-000000000001')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => history.resolveRunId("abcdef12' OR 1=1 --")).toThrow(expect.objectContaining({ code: 'not-found' }));
  });
});

describe('editing runs', () => {
  it('renames, keeps notes, replaces/adds/removes tags (case-insensitively unique, alphabetical)', () => {
    const history = labHistory();
    history.rename(TANH, '  tanh, the baseline  ');
    history.setNotes(TANH, 'line one\nline two');
    history.setTags(TANH, ['week 3', 'Baseline', 'baseline']);
    history.addTag(TANH, 'Compare');
    history.addTag(TANH, 'compare');
    expect(history.getRun(TANH)).toMatchObject({ name: 'tanh, the baseline', notes: 'line one\nline two', tags: ['Baseline', 'Compare', 'week 3'] });
    expect(history.removeTag(TANH, 'BASELINE')).toBe(true);
    expect(history.removeTag(TANH, 'absent')).toBe(false);
    expect(history.getRun(TANH).tags).toEqual(['Compare', 'week 3']);
    expect(() => history.rename(TANH, '   ')).toThrow(/cannot be empty/);
    expect(() => history.rename(TANH, 'x'.repeat(201))).toThrow(/at most 200 characters/);
    expect(() => history.addTag(TANH, 'x'.repeat(65))).toThrow(/at most 64/);
    expect(() => history.rename('ffffffff-0000-4000-8000-000000000001', 'ghost')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(history.getRun(TANH).name).toBe('tanh, the baseline');
  });

  it('deletes a run with every child row (tags, steps, evals, diagnostics, network snapshots, weights) and leaves the others', () => {
    const path = join(tempDir(), 'history.sqlite');
    const history = labHistory(path);
    const count = (db: Database.Database, table: string, id: string) => db.prepare(`SELECT count(*) FROM ${table} WHERE run_id = ?`).pluck().get(id) as number;
    const tables = ['run_tags', 'steps', 'evals', 'diagnostics', 'network_snapshots', 'weights'];
    let db = new Database(path, { readonly: true });
    for (const table of tables) expect(count(db, table, RELU)).toBeGreaterThan(0);
    const tanhRows = tables.map((table) => count(db, table, TANH));
    db.close();
    expect(history.deleteRun(RELU)).toBe(true);
    expect(history.deleteRun(RELU)).toBe(false);
    db = new Database(path, { readonly: true });
    for (const table of tables) expect(count(db, table, RELU)).toBe(0);
    expect(tables.map((table) => count(db, table, TANH))).toEqual(tanhRows);
    db.close();
    expect(ids(history, {})).toEqual([MIXED, SIGMOID, TANH]);
  });

  it('duplicates a run as a new spec named "… (copy)", storing nothing', () => {
    const history = labHistory();
    const copy = history.duplicateAsNewSpec(RELU.slice(0, 8));
    expect(copy).toEqual({ ...history.getRun(RELU).spec, name: 'ReLU + He (copy)' });
    expect(parseRunSpec(copy)).toEqual(copy);
    history.rename(RELU, 'r'.repeat(200));
    expect(history.duplicateAsNewSpec(RELU).name).toBe(`${'r'.repeat(193)} (copy)`);
    expect(history.duplicateAsNewSpec(RELU, ' (사본)').name).toBe(`${'r'.repeat(195)} (사본)`);
    expect(history.listRuns()).toHaveLength(4);
  });
});
