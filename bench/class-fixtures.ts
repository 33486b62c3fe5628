import type { RunStatus } from '../engine/api/events';
import type { StudentIdentity } from '../engine/api/lab-pack';
import type { NotebookEntry } from '../engine/api/lab-notebook';
import type { RunRecord, RunStamp } from '../engine/history/run-record';
import type { LabSheet } from '../engine/lab/sheets/lab-sheet';
import { notebookKey } from '../engine/lab/sheets/notebook';

/**
 * The made-up parts of the class-scale benchmark (bench/class-scale.ts, bench/run-table.ts), kept
 * pure so they are tested without a database (test/bench/class-fixtures.test.ts): students, their
 * copies of trained runs, their notebook answers, and a semester's worth of run-table rows.
 */

/** Student `i` (0-based) of a class: a Korean name (so searches fold real text) and a student number. */
export function studentIdentity(i: number): StudentIdentity {
  const family = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
  const given = ['민준', '서연', '도윤', '하은', '시우', '지민', '예준', '수아', '주원', '지우', '하준', '서윤'];
  return { name: `${family[i % family.length]}${given[Math.floor(i / family.length) % given.length]} ${i + 1}`, number: `2025${String(10_001 + i)}` };
}

/**
 * A student's own copy of a trained run: a new id, its times moved by `shiftMs` (the student ran it
 * at another moment), nothing else changed. The weights, series and snapshots are the trained
 * run's, so the copy stores and exports exactly as many bytes as a real student's run of the preset.
 */
export function restampRecord(record: RunRecord, id: string, shiftMs: number): RunRecord {
  const shift = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + shiftMs).toISOString());
  return { ...record, id, createdAt: shift(record.createdAt)!, startedAt: shift(record.startedAt), endedAt: shift(record.endedAt), sourceRunId: null, tags: [...record.tags] };
}

/**
 * What student `i` wrote in a sheet's notebook: a prediction for every comparison (choices
 * rotate with the student) and an answer of a few sentences to every question.
 */
export function studentNotebook(sheet: LabSheet, i: number, at: string): NotebookEntry[] {
  const predictions = sheet.comparisons.map((c) => ({
    sheetId: sheet.id,
    key: notebookKey('prediction', c.id),
    value: { choice: c.choices[i % c.choices.length]!.id, predictedAt: at },
    updatedAt: at,
  }));
  const answers = sheet.questions.map((q) => ({
    sheetId: sheet.id,
    key: notebookKey('answer', q.id),
    value: `학생 ${i + 1}의 답: 손실 곡선과 층별 활성값 히스토그램을 비교하면, 초기화의 표준편차가 작을수록 깊은 층의 활성값이 0 근처로 모여 기울기가 사라진다. `.repeat(2),
    updatedAt: at,
  }));
  return [...predictions, ...answers];
}

/** A small seeded generator (mulberry32): the same seed gives the same history. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How a run-table history is made up. */
export interface TableMix {
  runs: number;
  /** Lab packs the class's runs belong to (their ids). */
  packIds: readonly string[];
  students: number;
  /** Fraction of runs that came in hand-ins (author and pack); the rest are the teacher's own. */
  handedIn: number;
  /** The first run's time; runs follow about every 20 minutes (a semester for 5,000). */
  startMs: number;
  seed: number;
}

const TAGS = ['baseline', 'lr-sweep', '과제1', '과제2', 'seed-test', 'good', '발표용'];
const STATUS_MIX: readonly [RunStatus, number][] = [
  ['completed', 0.86],
  ['stopped', 0.05],
  ['diverged', 0.04],
  ['failed', 0.02],
  ['interrupted', 0.03],
];

/**
 * Rows for a run table of `mix.runs` runs, each a copy of one of `templates` (real specs, as
 * trained) with its own id, name suffix, status, final metrics, time, tags, notes and, for
 * handed-in runs, author and pack. Ids come from `idOf(k)` (uuids in the bench, fixed in tests).
 * The series are the templates' as given: the table reads only the runs row and its tags.
 */
export function tableRuns(templates: readonly RunRecord[], mix: TableMix, idOf: (k: number) => string): { record: RunRecord; stamp: RunStamp | null }[] {
  if (templates.length === 0) throw new RangeError('a run table needs at least one template run');
  const random = seededRandom(mix.seed);
  const out: { record: RunRecord; stamp: RunStamp | null }[] = [];
  for (let k = 0; k < mix.runs; k++) {
    const template = templates[k % templates.length]!;
    const status = pickStatus(random());
    const accuracy = 0.1 + random() * 0.88;
    const loss = -Math.log(Math.max(accuracy - 0.05, 0.02));
    const hasFinal = status === 'completed' || status === 'stopped' || (status === 'interrupted' && random() < 0.5);
    const created = mix.startMs + k * 20 * 60_000 + Math.floor(random() * 60_000);
    const tags = random() < 0.3 ? TAGS.filter(() => random() < 0.25).slice(0, 3) : [];
    const record: RunRecord = {
      ...template,
      id: idOf(k),
      name: `${template.name} #${k + 1}`,
      status,
      createdAt: new Date(created).toISOString(),
      startedAt: new Date(created + 1000).toISOString(),
      endedAt: new Date(created + 1000 + (template.durationMs ?? 10_000)).toISOString(),
      final: hasFinal ? { train: { loss: loss * 0.8, accuracy: Math.min(accuracy + 0.01, 1) }, test: { loss, accuracy } } : null,
      message: status === 'failed' ? 'the worker stopped' : status === 'diverged' ? 'the loss became NaN at step 412' : null,
      notes: random() < 0.1 ? '학습률을 바꿔 다시 해 볼 것' : '',
      tags,
      sourceRunId: null,
    };
    const handedIn = random() < mix.handedIn;
    const stamp = handedIn ? { author: studentIdentity(Math.floor(random() * mix.students)), packId: mix.packIds[Math.floor(random() * mix.packIds.length)]! } : null;
    out.push({ record, stamp });
  }
  return out;
}

function pickStatus(u: number): RunStatus {
  let acc = 0;
  for (const [status, share] of STATUS_MIX) {
    acc += share;
    if (u < acc) return status;
  }
  return 'completed';
}

/** A check mark for a target met, a cross for one missed, a dash for one not measured. */
export function mark(met: boolean | null): string {
  return met === null ? '–' : met ? '✔' : '✘';
}
