import { describe, expect, it } from 'vitest';
import { mark, restampRecord, seededRandom, studentIdentity, studentNotebook, tableRuns } from '../../bench/class-fixtures';
import { CLASS_PRESETS, CLASS_SHEETS } from '../../bench/class-handins';
import { parseOptions } from '../../bench/options';
import { StudentIdentitySchema } from '../../engine/api/lab-pack';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import type { RunRecord } from '../../engine/history/run-record';
import { findLabSheet } from '../../engine/lab/lab-sheets';
import { findPreset, type TrainPreset } from '../../engine/lab/presets';

function template(name = 'init-mnist-he'): RunRecord {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    name,
    status: 'completed',
    createdAt: '2025-03-14T09:00:00.000Z',
    startedAt: '2025-03-14T09:00:01.000Z',
    endedAt: '2025-03-14T09:00:31.000Z',
    durationMs: 30_000,
    engineVersion: '0.1.0',
    dataset: null,
    stepsPerEpoch: 469,
    totalSteps: 2000,
    stepsDone: 2000,
    final: { train: { loss: 0.1, accuracy: 0.97 } },
    message: null,
    endRecorded: true,
    notes: '',
    tags: ['x'],
    sourceRunId: 'a-source',
    spec: parseRunSpec((findPreset('init-mnist-he') as TrainPreset).spec),
    steps: { step: [1, 2], epoch: [0, 0], loss: [1, 0.5], dataLoss: [1, 0.5] },
    evals: { step: [], epoch: [], trainLoss: [], trainAccuracy: [], testLoss: [], testAccuracy: [] },
    diagnostics: [],
    networkSnapshots: [],
    evalExtras: [],
    weights: null,
  };
}

describe('the class of the benchmark', () => {
  it('has 40 distinct valid students', () => {
    const students = Array.from({ length: 40 }, (_, i) => studentIdentity(i));
    for (const s of students) expect(StudentIdentitySchema.safeParse(s).success).toBe(true);
    expect(new Set(students.map((s) => s.number)).size).toBe(40);
    expect(new Set(students.map((s) => s.name)).size).toBe(40);
  });

  it('hands in ten MNIST presets that the pack\'s sheets run', () => {
    expect(CLASS_PRESETS).toHaveLength(10);
    const run = new Set(CLASS_SHEETS.flatMap((id) => findLabSheet(id)!.steps.flatMap((step) => step.presets ?? [])));
    for (const id of CLASS_PRESETS) {
      expect(findPreset(id)).toBeDefined();
      expect(run.has(id)).toBe(true);
    }
  });

  it('copies a run with a new id and moved times, and nothing else changed', () => {
    const original = template();
    const copy = restampRecord(original, '11111111-1111-4111-8111-111111111111', 60_000);
    expect(copy.id).toBe('11111111-1111-4111-8111-111111111111');
    expect(copy.createdAt).toBe('2025-03-14T09:01:00.000Z');
    expect(copy.startedAt).toBe('2025-03-14T09:01:01.000Z');
    expect(copy.endedAt).toBe('2025-03-14T09:01:31.000Z');
    expect(copy.sourceRunId).toBeNull();
    const { id: _a, createdAt: _b, startedAt: _c, endedAt: _d, sourceRunId: _e, ...rest } = copy;
    const { id: _f, createdAt: _g, startedAt: _h, endedAt: _i, sourceRunId: _j, ...originalRest } = original;
    expect(rest).toEqual(originalRest);
    expect(copy.steps).toBe(original.steps); // shared, not copied: 40 students' copies cost no memory
    expect(original.id).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('writes a prediction for every comparison and an answer for every question of a sheet', () => {
    const sheet = findLabSheet('04-initialization')!;
    const entries = studentNotebook(sheet, 1, '2025-03-14T09:00:00.000Z');
    expect(entries).toHaveLength(sheet.comparisons.length + sheet.questions.length);
    const prediction = entries.find((e) => e.key === `prediction:${sheet.comparisons[0]!.id}`)!;
    expect(prediction.value).toEqual({ choice: sheet.comparisons[0]!.choices[1 % sheet.comparisons[0]!.choices.length]!.id, predictedAt: '2025-03-14T09:00:00.000Z' });
    for (const e of entries) expect(e.sheetId).toBe('04-initialization');
  });
});

describe('the run-table history', () => {
  const mix = { runs: 1000, packIds: ['p1', 'p2'], students: 40, handedIn: 0.7, startMs: Date.parse('2025-03-02T00:00:00Z'), seed: 14 };
  const rows = tableRuns([template('a'), template('b')], mix, (k) => `id-${k}`);

  it('has the asked number of runs with their own ids, names and rising times', () => {
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((r) => r.record.id)).size).toBe(1000);
    expect(new Set(rows.map((r) => r.record.name)).size).toBe(1000);
    for (let k = 1; k < rows.length; k++) expect(rows[k]!.record.createdAt > rows[k - 1]!.record.createdAt).toBe(true);
  });

  it('mixes statuses, metrics, tags and authors in about the stated shares', () => {
    const share = (test: (r: (typeof rows)[number]) => boolean) => rows.filter(test).length / rows.length;
    expect(share((r) => r.record.status === 'completed')).toBeGreaterThan(0.8);
    expect(share((r) => r.record.status === 'completed')).toBeLessThan(0.92);
    expect(new Set(rows.map((r) => r.record.status)).size).toBe(5);
    expect(share((r) => r.stamp !== null)).toBeGreaterThan(0.64);
    expect(share((r) => r.stamp !== null)).toBeLessThan(0.76);
    expect(share((r) => r.record.tags.length > 0)).toBeGreaterThan(0.1);
    for (const r of rows) {
      if (r.record.status === 'completed') expect(r.record.final?.test?.accuracy).toBeGreaterThan(0);
      if (r.record.status === 'failed' || r.record.status === 'diverged') expect(r.record.final).toBeNull();
      if (r.stamp !== null) expect(mix.packIds).toContain(r.stamp.packId);
    }
  });

  it('is the same for the same seed', () => {
    expect(tableRuns([template('a'), template('b')], mix, (k) => `id-${k}`)).toEqual(rows);
    expect(seededRandom(1)()).toBe(seededRandom(1)());
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });

  it('needs a template', () => {
    expect(() => tableRuns([], mix, String)).toThrow(/template/);
  });
});

describe('the report', () => {
  it('marks targets met, missed and not measured', () => {
    expect([mark(true), mark(false), mark(null)]).toEqual(['✔', '✘', '–']);
  });

  it('imports 40 students three times in a full run and fewer once with --quick', () => {
    expect(parseOptions([]).classScale).toMatchObject({ students: 40, importRepetitions: 3, tableRuns: 5000, tableRepetitions: 20 });
    expect(parseOptions(['--quick']).classScale.students).toBeLessThan(40);
    expect(parseOptions(['--quick']).classScale.importRepetitions).toBe(1);
  });
});
