import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClassSummary, Verdict } from '../../../engine/api/class-summary';
import type { RunHistory } from '../../../engine/history/run-history';
import { createPack, importHandIn } from '../../../engine/service/class-files';
import { classSummary } from '../../../engine/service/class/class-summary';
import { LabService } from '../../../engine/service/lab-service';
import { thinCurve } from '../../../engine/service/class/curve-thinning';
import { majorityVerdict, outlierReasons } from '../../../engine/service/class/outliers';
import { FACTS_VERSION, factsFromText, factsToText, type ClassRunFacts } from '../../../engine/service/class/run-facts';
import { openTemp, trainRun } from '../history/history-helpers';
import { SHEET, handIn, prediction, shortPresetSpec } from './class-helpers';

/**
 * The class summary over real hand-ins imported into a teacher's history (real SQLite file, real
 * training): three students hand in the vanishing-gradient sheet's runs, one of them with the
 * sigmoid network changed to ReLU.
 */

const PACK = createPack({ title: 'Lab 3', className: 'DL 2025', teacher: 'Kim', sheets: [SHEET], presets: ['backprop-lecture-network'] });
const SIGMOID = 'vanishing-sigmoid';
const RELU = 'vanishing-relu';

let files: { ana: Buffer; ben: Buffer; cho: Buffer; benLater: Buffer };

beforeAll(() => {
  const data = PACK.data;
  files = {
    ana: handIn(data, {
      name: 'Ana',
      number: '2025001',
      seed: 11,
      runs: [SIGMOID, RELU, 'vanishing-tanh'],
      notebook: { 'prediction:vanishing-gradient-size': prediction('sigmoid-vanishes'), 'answer:why-vanish': 'σ′ ≤ 0.25 multiplies', 'answer:ratio': '  ' },
    }),
    ben: handIn(data, { name: 'Ben', number: '2025002', seed: 22, runs: [SIGMOID, RELU], notebook: { 'prediction:vanishing-gradient-size': prediction('both-vanish') } }),
    // Cho's "sigmoid" network has ReLU layers: a changed setting, and a gradient ratio far from the class's.
    cho: handIn(data, {
      name: 'Cho',
      number: '2025003',
      seed: 33,
      runs: [{ presetId: SIGMOID, spec: shortPresetSpec(SIGMOID, 33, (spec) => spec.layers.slice(0, -1).forEach((layer) => (layer.activation = 'relu'))) }, RELU],
      notebook: { 'prediction:vanishing-gradient-size': prediction('sigmoid-vanishes') },
    }),
    // Ben again, later: a new sigmoid run and a changed prediction.
    benLater: handIn(data, { name: 'Ben', number: '2025002', seed: 44, runs: [SIGMOID, RELU], notebook: { 'prediction:vanishing-gradient-size': prediction('sigmoid-vanishes') }, now: () => Date.now() + 60_000 }),
  };
}, 120_000);

/** A teacher's history with the pack and the three hand-ins imported, and a run of the teacher's own for the pack. */
function teacherWithClass(): { teacher: RunHistory; teacherRun: string } {
  const teacher = openTemp();
  teacher.keepPack(PACK.pack);
  for (const file of [files.ana, files.ben, files.cho]) importHandIn(teacher, file);
  const teacherRun = randomUUID();
  const { spec, events } = trainRun(shortPresetSpec(SIGMOID, 99), teacherRun);
  teacher.createRun({ id: teacherRun, spec, status: 'queued', author: null, packId: PACK.pack.id });
  teacher.recordEvents(teacherRun, events);
  teacher.setTags(teacherRun, [`preset:${SIGMOID}`]);
  return { teacher, teacherRun };
}

const group = (summary: ClassSummary, presetId: string) => summary.presets.find((p) => p.presetId === presetId)!;

describe('the class summary', () => {
  it("has a roster of the three students (the teacher's own run is not the class's), with hand-in times, steps, verdicts and answers", () => {
    const { teacher, teacherRun } = teacherWithClass();
    const summary = classSummary(teacher, PACK.pack.id.slice(0, 8));
    expect(summary.pack).toMatchObject({ id: PACK.pack.id, title: 'Lab 3', sheets: 1, presets: 1 });
    expect(summary.students.map((s) => [s.name, s.number, s.runs, s.stepsDone, s.stepsTotal, s.answered, s.questions])).toEqual([
      ['Ana', '2025001', 3, 2, 2, 1, 3],
      ['Ben', '2025002', 2, 1, 2, 0, 3],
      ['Cho', '2025003', 2, 1, 2, 0, 3],
    ]);
    for (const student of summary.students) expect(Date.parse(student.handedInAt!)).toBeGreaterThan(Date.now() - 600_000);
    // The pack's own preset has no runs: only the sheet's presets are shown, in its steps' order.
    expect(summary.presets.map((p) => p.presetId)).toEqual([SIGMOID, RELU, 'vanishing-tanh']);
    expect(summary.presets.flatMap((p) => p.points.map((point) => point.runId))).not.toContain(teacherRun);
    expect([group(summary, SIGMOID).runs, group(summary, SIGMOID).students]).toEqual([3, 3]);
    // Each student's verdicts: their three (or two) presets' and the two comparisons'.
    expect(summary.students.map((s) => s.verdicts.reproduced + s.verdicts.notReproduced + s.verdicts.notYet)).toEqual([5, 4, 4]);
  });

  it("flags the run whose setting changed, with the reason; the others' runs of the preset are not flagged", () => {
    const { teacher } = teacherWithClass();
    const sigmoid = group(classSummary(teacher, PACK.pack.id), SIGMOID);
    expect(sigmoid.key).toEqual({ label: { ko: expect.stringContaining('기울기') as string, en: 'gradient at step 0, layer 1 ÷ last hidden layer' }, scale: 'log' });
    expect(sigmoid.points.map((p) => p.student.name)).toEqual(['Ana', 'Ben', 'Cho']);
    const [ana, ben, cho] = sigmoid.points;
    expect([ana!.outlier, ben!.outlier]).toEqual([null, null]);
    expect(cho!.outlier!.en).toContain('a setting changed: layers[0–9].activation sigmoid → relu');
    expect(cho!.outlier!.ko).toContain('바뀐 설정: layers[0–9].activation sigmoid → relu');
    // The gradient ratio: tiny for sigmoid, about 1 for Cho's ReLU layers; in words as the verdict rows say it.
    expect(ana!.value!).toBeLessThan(1e-3);
    expect(cho!.value!).toBeGreaterThan(0.05);
    expect(ana!.valueText.en).toMatch(/^1\/[\d,]+$/);
  });

  it('tallies the predictions beside the expected choice, and checks each student\'s own runs', () => {
    const { teacher } = teacherWithClass();
    const comparisons = classSummary(teacher, PACK.pack.id).comparisons;
    expect(comparisons.map((c) => c.comparisonId)).toEqual(['vanishing-gradient-size', 'vanishing-which-learns']);
    const size = comparisons[0]!;
    expect(size.expected).toBe('sigmoid-vanishes');
    expect(size.tally.map((t) => [t.choice, t.count])).toEqual([
      ['sigmoid-vanishes', 2],
      ['both-vanish', 1],
      ['neither', 0],
      ['relu-vanishes', 0],
    ]);
    expect(size.predicted).toBe(3);
    // The step-0 gradients tell at once: Ana's and Ben's runs show it, Cho's ReLU "sigmoid" does not.
    expect(size.students.map((s) => [s.student.name, s.choice, s.verdict])).toEqual([
      ['Ana', 'sigmoid-vanishes', 'reproduced'],
      ['Ben', 'both-vanish', 'reproduced'],
      ['Cho', 'sigmoid-vanishes', 'not-reproduced'],
    ]);
    expect(size.verdicts).toEqual({ reproduced: 2, notReproduced: 1, notYet: 0 });
    expect(comparisons[1]!.predicted).toBe(0);
  });

  it('gives the quartiles of the key number and of the final metrics, the curves and the band', () => {
    const { teacher } = teacherWithClass();
    const relu = group(classSummary(teacher, PACK.pack.id), RELU);
    const values = relu.points.map((p) => p.value!).sort((a, b) => a - b);
    expect(values).toHaveLength(3);
    // Three numbers, type 7: the quartiles lie halfway between the middle one and each end.
    expect(relu.keyStats).toEqual({ n: 3, min: values[0], q1: (values[0]! + values[1]!) / 2, median: values[1], q3: (values[1]! + values[2]!) / 2, max: values[2] });
    expect(relu.finals.trainLoss?.n).toBe(3);
    expect(relu.finals.testAccuracy?.median).toBeGreaterThanOrEqual(0);
    expect(relu.curves.map((c) => c.studentNumber)).toEqual(['2025001', '2025002', '2025003']);
    expect(relu.curves[0]!.step).toEqual([0, 1, 2, 3]);
    expect(relu.band.step).toEqual([0, 1, 2, 3]);
    expect(relu.band.n).toEqual([3, 3, 3, 3]);
  });

  it("a re-imported newer hand-in changes that student only", () => {
    const { teacher } = teacherWithClass();
    const before = classSummary(teacher, PACK.pack.id);
    expect(importHandIn(teacher, files.benLater).handIn?.status).toBe('updated');
    const after = classSummary(teacher, PACK.pack.id);
    const pointsOf = (summary: ClassSummary, name: string) => summary.presets.map((p) => p.points.find((point) => point.student.name === name)?.runId);
    expect(pointsOf(after, 'Ana')).toEqual(pointsOf(before, 'Ana'));
    expect(pointsOf(after, 'Cho')).toEqual(pointsOf(before, 'Cho'));
    expect(pointsOf(after, 'Ben')[0]).not.toEqual(pointsOf(before, 'Ben')[0]);
    expect(after.students.map((s) => [s.name, s.runs])).toEqual([
      ['Ana', 3],
      ['Ben', 4],
      ['Cho', 2],
    ]);
    expect(after.students[1]!.handedInAt! > before.students[1]!.handedInAt!).toBe(true);
    expect([after.students[0]!.handedInAt, after.students[2]!.handedInAt]).toEqual([before.students[0]!.handedInAt, before.students[2]!.handedInAt]);
    expect(after.comparisons[0]!.tally.map((t) => t.count)).toEqual([3, 0, 0, 0]);
  });

  it('keeps each run\'s facts once (from the import on), drops them with the run, and computes facts of other claim checks again', () => {
    const { teacher, teacherRun } = teacherWithClass();
    const facts = () => {
      const db = new Database(teacher.path, { readonly: true });
      try {
        return db.prepare('SELECT run_id, version FROM class_run_facts ORDER BY run_id').all() as { run_id: string; version: string }[];
      } finally {
        db.close();
      }
    };
    // Computed when the hand-ins were imported: the teacher's own run is not a class run.
    expect(facts()).toHaveLength(7);
    expect(facts().map((f) => f.run_id)).not.toContain(teacherRun);
    const summary = classSummary(teacher, PACK.pack.id);
    const choRun = group(summary, SIGMOID).points[2]!.runId;
    expect(teacher.deleteRun(choRun)).toBe(true);
    expect(facts().map((f) => f.run_id)).not.toContain(choRun);
    expect(group(classSummary(teacher, PACK.pack.id), SIGMOID).points.map((p) => p.student.name)).toEqual(['Ana', 'Ben']);

    const db = new Database(teacher.path);
    db.prepare("UPDATE class_run_facts SET version = 'older checks', facts = '{}'").run();
    db.close();
    expect(classSummary(teacher, PACK.pack.id).presets.map((p) => p.points.length)).toEqual([2, 3, 1]);
    expect(new Set(facts().map((f) => f.version))).toEqual(new Set([FACTS_VERSION]));
  });

  it('is what LabService.classSummary answers (by the pack id or its first 8 characters)', async () => {
    const { teacher } = teacherWithClass();
    const service = LabService.open({ dbPath: teacher.path, pool: { size: 1 } });
    try {
      expect(service.classSummary(PACK.pack.id.slice(0, 8))).toEqual(classSummary(teacher, PACK.pack.id));
    } finally {
      await service.close();
    }
  });

  it('refuses a pack that was never opened here', () => {
    const teacher = openTemp();
    expect(() => classSummary(teacher, PACK.pack.id)).toThrow(/no lab pack .* has been opened/);
  });
});

describe('outliers', () => {
  const words = (value: number) => ({ ko: value.toPrecision(2), en: value.toPrecision(2) });
  const run = (value: number | null, verdict: Verdict | null = 'reproduced') => ({ differences: [], verdict, value });

  it("calls a key number outside Tukey's fences far, on a log scale for numbers that span decades", () => {
    const linear = outlierReasons([run(0.1), run(0.11), run(0.12), run(0.13), run(0.9)], 'linear', words);
    expect(linear.slice(0, 4)).toEqual([null, null, null, null]);
    expect(linear[4]!.en).toBe("key number 0.90 far outside the class's middle half (0.11–0.13)");
    // Ratios of a few millionths and one of 1/20: far on a log axis; 1/100,000 is not.
    const log = outlierReasons([run(3e-6), run(4e-6), run(5e-6), run(1e-5), run(0.05)], 'log', words);
    expect(log.map((r) => r !== null)).toEqual([false, false, false, false, true]);
    // Too few numbers for fences: nothing is called far.
    expect(outlierReasons([run(0.1), run(0.11), run(5)], 'linear', words)).toEqual([null, null, null]);
  });

  it('names a verdict unlike most of the class, and every reason of a run at once', () => {
    const reasons = outlierReasons(
      [run(0.1), run(0.1), { differences: [{ field: 'optimizer.lr', values: [0.1, 1] }], verdict: 'not-reproduced', value: 0.1 }, run(0.1, null)],
      'linear',
      words,
    );
    expect(reasons[2]).toEqual({
      ko: '바뀐 설정: optimizer.lr 0.1 → 1; 반 대부분과 다른 판정: 재현되지 않음 (대부분 재현됨)',
      en: "a setting changed: optimizer.lr 0.1 → 1; a verdict unlike most of the class's: not reproduced (most: reproduced)",
    });
    expect([reasons[0], reasons[1], reasons[3]]).toEqual([null, null, null]);
    expect(majorityVerdict(['reproduced', 'not-reproduced', 'not-yet', 'reproduced'])).toBeNull();
  });
});

describe('kept facts', () => {
  it('keep a diverged run\'s NaN and infinite numbers as they were', () => {
    const facts = { presetId: null, status: 'diverged', verdict: null, key: null, differences: [], curve: { step: [0, 1], loss: [2.3, null] }, finals: { trainLoss: null, testLoss: null, trainAccuracy: null, testAccuracy: null }, claimRun: { status: 'diverged', stepsDone: 2, steps: { step: [0], dataLoss: [Number.NaN] }, evals: { step: [0, 1], trainLoss: [2.3, Number.POSITIVE_INFINITY], trainAccuracy: [0.1, null], testAccuracy: [null, null] }, final: null } } as const;
    const back = factsFromText(factsToText(facts as unknown as ClassRunFacts));
    expect(back.claimRun.steps.dataLoss[0]).toBeNaN();
    expect(back.claimRun.evals.trainLoss).toEqual([2.3, Number.POSITIVE_INFINITY]);
    expect(factsFromText(factsToText({ ...facts, claimRun: { ...facts.claimRun, steps: { step: [0], dataLoss: [2.3] }, evals: { ...facts.claimRun.evals, trainLoss: [2.3, 2.2] } } } as unknown as ClassRunFacts))).toEqual({
      ...facts,
      claimRun: { ...facts.claimRun, steps: { step: [0], dataLoss: [2.3] }, evals: { ...facts.claimRun.evals, trainLoss: [2.3, 2.2] } },
    });
  });
});

describe('curve thinning', () => {
  it('keeps at most 120 points, the first and the last, and a one-step spike and a divergence', () => {
    const step = Array.from({ length: 2000 }, (_, i) => i);
    const loss: (number | null)[] = step.map((i) => 2 / (1 + i / 100));
    loss[777] = 9;
    loss[1500] = null;
    const thin = thinCurve(step, loss, 120);
    expect(thin.step.length).toBeLessThanOrEqual(120);
    expect(thin.step.length).toBeGreaterThan(100);
    expect([thin.step[0], thin.step.at(-1)]).toEqual([0, 1999]);
    expect(thin.step).toContain(777);
    expect(thin.loss[thin.step.indexOf(777)]).toBe(9);
    expect(thin.loss[thin.step.indexOf(1500)]).toBeNull();
    expect(thin.step).toEqual([...thin.step].sort((a, b) => a - b));
    expect(thinCurve([0, 1, 2], [1, 2, 3], 120)).toEqual({ step: [0, 1, 2], loss: [1, 2, 3] });
  });
});
