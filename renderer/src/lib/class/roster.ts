import type { ClassSummary, VerdictCounts } from '$engine/api/class-summary';
import type { Locale } from '../i18n/locale';
import type { ClassTranslate } from '../i18n/messages/class';
import type { StudentLabels } from './student-labels';

/** One row of the class view's roster, as shown (the name already a stand-in in projector mode). */
export interface RosterRow {
  /** The row's place in student-number order: its identity (the number itself is not shown in projector mode). */
  order: number;
  student: string;
  number: string | null;
  handedInAt: string | null;
  handedInText: string;
  stepsDone: number;
  stepsTotal: number;
  stepsText: string;
  answered: number;
  questions: number;
  answersText: string;
  verdicts: VerdictCounts;
  /** Their runs in the class view (one per preset): what a click on the row opens. */
  runIds: string[];
}

export type RosterColumn = 'student' | 'number' | 'handedIn' | 'steps' | 'answers' | 'verdicts';
export type SortDirection = 'ascending' | 'descending';

/** "12월 6일 오후 9:07" / "6 Dec, 21:07": when a hand-in was made, in the screen's language. */
export function handedInText(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** The roster's rows, in student-number order. */
export function rosterRows(summary: ClassSummary, labels: StudentLabels, { t, locale }: { t: ClassTranslate; locale: Locale }): RosterRow[] {
  const runs = new Map<string, string[]>();
  for (const group of summary.presets) for (const point of group.points) runs.set(point.student.number, [...(runs.get(point.student.number) ?? []), point.runId]);
  return summary.students.map((student, order) => ({
    order,
    student: labels.name(student),
    number: labels.number(student),
    handedInAt: student.handedInAt,
    handedInText: student.handedInAt === null ? t('notHandedIn') : handedInText(student.handedInAt, locale),
    stepsDone: student.stepsDone,
    stepsTotal: student.stepsTotal,
    stepsText: t('ofTotal', { done: student.stepsDone, total: student.stepsTotal }),
    answered: student.answered,
    questions: student.questions,
    answersText: t('ofTotal', { done: student.answered, total: student.questions }),
    verdicts: student.verdicts,
    runIds: runs.get(student.number) ?? [],
  }));
}

const byText = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/** How two rows compare on `column` (ascending). */
const COMPARE: Record<RosterColumn, (a: RosterRow, b: RosterRow) => number> = {
  student: (a, b) => byText(a.student, b.student),
  number: (a, b) => a.order - b.order,
  // No hand-in sorts before the earliest one.
  handedIn: (a, b) => (a.handedInAt ?? '').localeCompare(b.handedInAt ?? ''),
  steps: (a, b) => a.stepsDone / Math.max(1, a.stepsTotal) - b.stepsDone / Math.max(1, b.stepsTotal),
  answers: (a, b) => a.answered / Math.max(1, a.questions) - b.answered / Math.max(1, b.questions),
  verdicts: (a, b) => a.verdicts.reproduced - b.verdicts.reproduced || b.verdicts.notReproduced - a.verdicts.notReproduced,
};

/** The rows sorted by `column`; ties keep student-number order. */
export function sortRoster(rows: readonly RosterRow[], column: RosterColumn, direction: SortDirection): RosterRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => sign * COMPARE[column](a.row, b.row) || a.i - b.i)
    .map(({ row }) => row);
}
