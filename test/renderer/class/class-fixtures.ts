import type { ClassPresetGroup, ClassRunPoint, ClassStudent, ClassSummary, Verdict } from '../../../engine/api/class-summary';
import { bandGrid, curveBand, quartiles } from '../../../engine/api/quantiles';

/** Hand-made class summaries, shaped as the contract (engine/api/class-summary.ts) describes them. */

export const STUDENTS = [
  { name: 'Ana Kim', number: '2025001' },
  { name: '박서준', number: '2025002' },
  { name: '최유나', number: '2025003' },
  { name: 'Dana', number: '2025004' },
  { name: 'Ben <b>Lee</b>', number: '2025010' },
] as const;

function student(i: number, handedIn: boolean): ClassStudent {
  return {
    ...STUDENTS[i]!,
    handedInAt: handedIn ? `2026-12-0${1 + i}T0${i}:30:00.000Z` : null,
    runs: 2,
    stepsDone: i % 3,
    stepsTotal: 2,
    verdicts: { reproduced: 2 - (i % 2), notReproduced: i % 2, notYet: 0 },
    answered: i,
    questions: 4,
  };
}

/** A preset group of the students' runs with these key values (and verdicts); curves decay towards the value. */
export function presetGroup(presetId: string, values: (number | null)[], options: { scale?: 'linear' | 'log'; verdicts?: (Verdict | null)[]; outliers?: Record<number, string> } = {}): ClassPresetGroup {
  const points: ClassRunPoint[] = values.map((value, i) => ({
    runId: `${presetId}-run-${i}`,
    student: { ...STUDENTS[i]! },
    value,
    valueText: { ko: value === null ? '없음' : String(value), en: value === null ? 'none' : String(value) },
    verdict: options.verdicts?.[i] ?? 'reproduced',
    outlier: options.outliers?.[i] ? { ko: `${options.outliers[i]} (ko)`, en: options.outliers[i]! } : null,
  }));
  const curves = values.map((value, i) => {
    const step = [0, 100, 200, 300, 400];
    return { runId: `${presetId}-run-${i}`, studentNumber: STUDENTS[i]!.number, step, loss: step.map((s) => (value ?? 1) + 2 / (1 + s / 50)) };
  });
  const asCurves = curves.map((c) => ({ step: c.step, value: c.loss }));
  return {
    presetId,
    title: { ko: `${presetId} 실험`, en: `${presetId} experiment` },
    key: { label: { ko: '2,000단계 훈련 손실', en: 'training loss at step 2,000' }, scale: options.scale ?? 'linear' },
    points,
    keyStats: quartiles(values),
    finals: { trainLoss: quartiles(values), testLoss: null, trainAccuracy: null, testAccuracy: null },
    verdicts: {
      reproduced: points.filter((p) => p.verdict === 'reproduced').length,
      notReproduced: points.filter((p) => p.verdict === 'not-reproduced').length,
      notYet: points.filter((p) => p.verdict === 'not-yet').length,
    },
    curves,
    band: curveBand(asCurves, bandGrid(asCurves, 120)),
    students: points.length,
    runs: points.length,
  };
}

/** Five students (four handed in), two presets and a comparison of them. */
export function classFixture(): ClassSummary {
  return {
    pack: { id: 'pack-1', title: '4주차: 초기화', className: '딥러닝 2반', teacher: '김교수', note: '수업 전까지', due: '2026-12-10', updatedAt: '2026-11-30T00:00:00.000Z', openedAt: '2026-11-30T00:00:00.000Z', sheets: 1, presets: 2, specs: 0 },
    students: STUDENTS.map((_, i) => student(i, i !== 4)),
    presets: [
      presetGroup('init-mnist-std001', [2.3, 2.3, 0.2, 2.31, 2.29], { verdicts: ['reproduced', 'reproduced', 'not-reproduced', 'reproduced', 'reproduced'], outliers: { 2: 'init std 0.01 → he' } }),
      presetGroup('init-mnist-xavier', [1, 2, 3, 4, 100], { scale: 'log', outliers: { 4: 'key number far outside the class' } }),
    ],
    comparisons: [
      {
        comparisonId: 'init-which-learns',
        sheetId: '04-initialization',
        prompt: { ko: '어느 초기화가 학습될까요?', en: 'Which initializations will learn?' },
        presets: ['init-mnist-std001', 'init-mnist-xavier'],
        expected: 'xavier-and-he',
        tally: [
          { choice: 'xavier-and-he', text: { ko: 'Xavier와 He', en: 'Xavier and He' }, count: 1 },
          { choice: 'all', text: { ko: '셋 모두', en: 'All three' }, count: 2 },
          { choice: 'he-only', text: { ko: 'He만', en: 'Only He' }, count: 1 },
        ],
        predicted: 4,
        verdicts: { reproduced: 4, notReproduced: 1, notYet: 0 },
        students: STUDENTS.map((s, i) => ({ student: { ...s }, choice: i === 4 ? null : ['xavier-and-he', 'all', 'all', 'he-only'][i]!, verdict: i === 2 ? 'not-reproduced' : 'reproduced' })),
      },
    ],
  };
}
