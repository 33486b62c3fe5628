import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../engine/api/runs';
import { runStatusLabel } from '../../../renderer/src/lib/history/run-status';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { builderMessages } from '../../../renderer/src/lib/i18n/messages/builder';
import { historyMessages } from '../../../renderer/src/lib/i18n/messages/history';
import {
  DEFAULT_SORT,
  NO_FILTERS,
  addTag,
  authorCell,
  ariaSort,
  checkRunName,
  COMPARE_MAX,
  compareReadiness,
  csvForSpreadsheets,
  datasetLabel,
  dateTimeText,
  durationCell,
  exportFileName,
  finalCells,
  hasFilters,
  nextSort,
  packLabel,
  pruneFilters,
  regularizationCell,
  removeTag,
  statusTone,
  toRunQuery,
} from '../../../renderer/src/lib/history/run-table';
import { RUN_STATUSES } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { circleSpec, openTemp, recordRun } from '../../engine/history/history-helpers';

const ko = translator(historyMessages, 'ko');
const en = translator(historyMessages, 'en');

/** A stored run's summary with only what a test sets. */
function summary(overrides: Partial<RunSummary>): RunSummary {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    name: 'run',
    status: 'completed',
    createdAt: '2025-03-14T09:05:00.000Z',
    startedAt: null,
    endedAt: null,
    durationMs: null,
    engineVersion: '0.1.0',
    seed: 1,
    dataset: null,
    architecture: null,
    activation: 'tanh',
    init: 'xavier',
    regularization: '',
    final: null,
    message: null,
    stepsDone: 0,
    totalSteps: null,
    notes: '',
    tags: [],
    sourceRunId: null,
    author: null,
    packId: null,
    groupId: null,
    ...overrides,
  };
}

describe('sorting the runs table', () => {
  it('a new column starts at its natural order, the same column flips', () => {
    expect(DEFAULT_SORT).toEqual({ by: 'createdAt', order: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'createdAt')).toEqual({ by: 'createdAt', order: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ by: 'name', order: 'asc' });
    // Best first: the lowest loss, the highest accuracy.
    expect(nextSort(DEFAULT_SORT, 'finalTestLoss')).toEqual({ by: 'finalTestLoss', order: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'finalTestAccuracy')).toEqual({ by: 'finalTestAccuracy', order: 'desc' });
    expect(nextSort({ by: 'finalTestAccuracy', order: 'desc' }, 'finalTestAccuracy')).toEqual({ by: 'finalTestAccuracy', order: 'asc' });
  });

  it('headers say which column sorts and which way', () => {
    expect(ariaSort({ by: 'name', order: 'asc' }, 'name')).toBe('ascending');
    expect(ariaSort({ by: 'name', order: 'desc' }, 'name')).toBe('descending');
    expect(ariaSort({ by: 'name', order: 'desc' }, 'status')).toBe('none');
  });
});

describe('filters → RunQuery', () => {
  it('leaves out empty filters and trims the search', () => {
    expect(toRunQuery(NO_FILTERS, DEFAULT_SORT)).toEqual({ sortBy: 'createdAt', order: 'desc' });
    expect(hasFilters(NO_FILTERS)).toBe(false);
    const filters = { search: '  He init ', status: 'diverged' as const, dataset: 'circle', activation: 'relu', tag: 'Lab 1' };
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters({ ...NO_FILTERS, search: '   ' })).toBe(false);
    expect(toRunQuery(filters, { by: 'finalTestLoss', order: 'asc' })).toEqual({
      sortBy: 'finalTestLoss',
      order: 'asc',
      search: 'He init',
      status: ['diverged'],
      dataset: 'circle',
      activation: 'relu',
      tag: 'Lab 1',
    });
  });

  it('cuts a pasted essay to what the service accepts', () => {
    expect(toRunQuery({ ...NO_FILTERS, search: 'x'.repeat(500) }, DEFAULT_SORT).search).toHaveLength(200);
  });

  it('drops a filter whose value no longer occurs, keeps the rest', () => {
    const options = { statuses: ['completed' as const], datasets: ['circle'], activations: ['relu'], tags: ['a'] };
    expect(pruneFilters({ search: 'x', status: 'diverged', dataset: 'circle', activation: 'tanh', tag: 'gone' }, options)).toEqual({
      search: 'x',
      status: '',
      dataset: 'circle',
      activation: '',
      tag: '',
    });
  });

  it('the menus offer the values that occur (each activation on its own, tags once whatever their case), and each finds its runs in a real history', () => {
    const history = openTemp();
    const tanh = recordRun(history, circleSpec(), { name: 'tanh baseline' });
    const relu = recordRun(history, circleSpec({ layers: [{ units: 8, activation: 'relu' }, { units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] }), { name: 'ReLU + He' });
    recordRun(history, circleSpec({ dataset: { name: 'xor', samples: 100 } }), { name: 'xor run' });
    history.setTags(relu.id, ['Lab 1']);
    history.setTags(tanh.id, ['lab 1', 'he']);
    history.setNotes(relu.id, '활성화가 죽었다');
    history.createRun({ id: '00000000-0000-4000-8000-0000000000aa', spec: parseRunSpec(circleSpec({ dataset: { name: 'spiral', samples: 100 } })), status: 'queued', name: 'waiting' });
    const options = history.runFilterOptions();
    expect(options).toMatchObject({ statuses: ['queued', 'completed'], datasets: ['circle', 'spiral', 'xor'], activations: ['relu', 'tanh'] });
    expect(options.tags.map((tag) => tag.toLowerCase())).toEqual(['he', 'lab 1']);
    for (const activation of options.activations) expect(history.listRuns(toRunQuery({ ...NO_FILTERS, activation }, DEFAULT_SORT)).length).toBeGreaterThan(0);
    for (const dataset of options.datasets) expect(history.listRuns(toRunQuery({ ...NO_FILTERS, dataset }, DEFAULT_SORT)).length).toBeGreaterThan(0);
    for (const status of options.statuses) expect(history.listRuns(toRunQuery({ ...NO_FILTERS, status }, DEFAULT_SORT)).length).toBeGreaterThan(0);
    const named = (query: ReturnType<typeof toRunQuery>) => history.listRuns(query).map((run) => run.name);
    expect(named(toRunQuery({ ...NO_FILTERS, tag: 'Lab 1' }, DEFAULT_SORT))).toEqual(['ReLU + He', 'tanh baseline']);
    expect(named(toRunQuery({ ...NO_FILTERS, activation: 'relu' }, DEFAULT_SORT))).toEqual(['ReLU + He']);
    expect(named(toRunQuery({ ...NO_FILTERS, search: '죽었' }, DEFAULT_SORT))).toEqual(['ReLU + He']);
    expect(named(toRunQuery({ ...NO_FILTERS, dataset: 'xor' }, DEFAULT_SORT))).toEqual(['xor run']);
    expect(named(toRunQuery(NO_FILTERS, nextSort(DEFAULT_SORT, 'name')))).toEqual(['ReLU + He', 'tanh baseline', 'waiting', 'xor run']);
  });
});

describe('table cells', () => {
  it('dates read the same in both languages, in local time', () => {
    expect(dateTimeText(new Date(2025, 2, 4, 9, 5).toISOString())).toBe('2025-03-04 09:05');
    expect(dateTimeText('not a date')).toBe('–');
  });

  it('final metrics show a dash where a run has none', () => {
    expect(finalCells(summary({ final: { train: { loss: 0.123456, accuracy: 0.9512 }, test: { loss: 0.2, accuracy: 0.9 } } }))).toEqual({
      trainLoss: '0.1235',
      testLoss: '0.2000',
      trainAccuracy: '95.1%',
      testAccuracy: '90.0%',
    });
    // Regression (no accuracy), no test split.
    expect(finalCells(summary({ final: { train: { loss: 2.5e-5 } } }))).toEqual({ trainLoss: '2.50e-5', testLoss: '–', trainAccuracy: '–', testAccuracy: '–' });
    expect(finalCells(summary({ final: null }))).toEqual({ trainLoss: '–', testLoss: '–', trainAccuracy: '–', testAccuracy: '–' });
  });

  it('durations in the UI language, a dash while a run has none', () => {
    expect(durationCell(summary({ durationMs: 125_000 }), 'ko')).toBe('2분 05초');
    expect(durationCell(summary({ durationMs: 125_000 }), 'en')).toBe('2 min 05 s');
    expect(durationCell(summary({ durationMs: null }), 'ko')).toBe('–');
  });

  it('regularization says "none" in words', () => {
    expect(regularizationCell(summary({ regularization: '' }), ko('none'))).toBe('없음');
    expect(regularizationCell(summary({ regularization: 'L2 0.1, dropout 0.2' }), en('none'))).toBe('L2 0.1, dropout 0.2');
  });

  it('every status has a word in both languages and a colour', () => {
    for (const status of RUN_STATUSES) {
      expect(runStatusLabel(status, 'ko')).not.toBe(runStatusLabel(status, 'en'));
      expect(['ok', 'active', 'warn', 'bad', 'neutral']).toContain(statusTone(status));
    }
    expect(runStatusLabel('diverged', 'ko')).toBe('발산');
    // One word per status in Korean, the same the claim checks' sentences use.
    expect(runStatusLabel('stopped', 'ko')).toBe('중지됨');
    expect(runStatusLabel('stopped', 'en')).toBe('Stopped');
    expect(statusTone('diverged')).toBe('bad');
    expect(statusTone('completed')).toBe('ok');
  });

  it('datasets are named as the builder names them', () => {
    const tb = translator(builderMessages, 'ko');
    expect(datasetLabel('circle', tb)).toBe('원');
    expect(datasetLabel('mnist', translator(builderMessages, 'en'))).toBe('MNIST digits');
    expect(datasetLabel('inline', tb)).toBe('내 데이터 (CSV)');
    expect(datasetLabel('something-new', tb)).toBe('something-new');
    expect(datasetLabel(null, tb)).toBe('–');
  });
});

describe('selection, names, tags', () => {
  it('compares 2 runs or more: any number up to the cap in at most 6 groups (issue 14)', () => {
    expect([0, 1, 2, 6].map((n) => compareReadiness(n, n))).toEqual(['too-few', 'too-few', 'ok', 'ok']);
    expect(compareReadiness(7, 7)).toBe('too-many-groups');
    expect(compareReadiness(11, 3)).toBe('ok');
    expect(compareReadiness(COMPARE_MAX + 1, 1)).toBe('too-many');
  });

  it('a name is trimmed, not empty, at most 200 characters', () => {
    expect(checkRunName('  He + ReLU ')).toEqual({ ok: true, name: 'He + ReLU' });
    expect(checkRunName('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(checkRunName('x'.repeat(201))).toEqual({ ok: false, problem: 'too-long' });
  });

  it('adds a tag once (any case), refuses a long one, removes one', () => {
    expect(addTag(['lab 1'], ' relu ')).toEqual(['lab 1', 'relu']);
    expect(addTag(['lab 1'], 'LAB 1')).toEqual(['lab 1']);
    expect(addTag(['lab 1'], '   ')).toEqual(['lab 1']);
    expect(addTag([], 'x'.repeat(65))).toBe('too-long');
    expect(removeTag(['a', 'b'], 'a')).toEqual(['b']);
  });
});

describe('file names', () => {
  it('dates export files by the local day', () => {
    const day = new Date(2025, 0, 7, 23, 59);
    expect(exportFileName('runs', day)).toBe('nnlab-runs-20250107.nnlab');
    expect(exportFileName('csv', day)).toBe('nnlab-metrics-20250107.csv');
    // Safe on Windows: none of \ / : * ? " < > |.
    expect(exportFileName('runs', day)).not.toMatch(/[\\/:*?"<>|]/);
  });

  it('marks CSV as UTF-8 for spreadsheets, once', () => {
    const csv = 'run_id,run_name\r\nx,원\r\n';
    expect(csvForSpreadsheets(csv)).toBe(`\uFEFF${csv}`);
    expect(csvForSpreadsheets(csvForSpreadsheets(csv))).toBe(`\uFEFF${csv}`);
  });
});

describe('a class’s runs in the table', () => {
  it('the author cell reads "name · number" (plain text), empty for one’s own runs', () => {
    expect(authorCell({ author: { name: '홍길동', number: '20231234' } })).toBe('홍길동 · 20231234');
    expect(authorCell({ author: null })).toBe('');
    expect(authorCell({ author: { name: 'A\u202eB', number: '1\u0007' } })).toBe('AB · 1');
  });

  it('the pack filter goes into the query, counts as a filter, and is dropped when its pack is gone', () => {
    const options = { statuses: [], datasets: [], activations: [], tags: [] };
    const filters = { ...NO_FILTERS, packId: 'aaaaaaaa-1111-4000-8000-000000000001' };
    expect(hasFilters(filters)).toBe(true);
    expect(toRunQuery(filters, DEFAULT_SORT)).toEqual({ sortBy: 'createdAt', order: 'desc', packId: filters.packId });
    expect(toRunQuery(NO_FILTERS, DEFAULT_SORT)).not.toHaveProperty('packId');
    expect(pruneFilters(filters, options, [filters.packId]).packId).toBe(filters.packId);
    expect(pruneFilters(filters, options, []).packId).toBe('');
    expect(packLabel({ title: '4주차: 초기화', className: '딥러닝 2025' })).toBe('4주차: 초기화 (딥러닝 2025)');
  });
});
