import type { ClassSummary } from '$engine/api/class-summary';
import type { StudentIdentity } from '$engine/api/lab-pack';

/**
 * How the class view names a student: by their name, or in projector mode by a stand-in ("학생 3")
 * that is the same for the same student everywhere on the screen (roster, dots, curves, tallies,
 * outliers), so the class can talk about "student 3" without learning who it is. Stand-ins follow
 * the student numbers' order, which the projected screen never shows.
 */
export interface StudentLabels {
  /** What to call the student on the screen. */
  name(student: Pick<StudentIdentity, 'number'> & Partial<StudentIdentity>): string;
  /** Their student number, or null when it must not be shown (projector mode). */
  number(student: Pick<StudentIdentity, 'number'>): string | null;
}

/** Every student number that appears anywhere in the summary, in number order (numerically where they are numbers). */
export function studentNumbers(summary: ClassSummary): string[] {
  const numbers = new Set<string>();
  for (const student of summary.students) numbers.add(student.number);
  for (const group of summary.presets) {
    for (const point of group.points) numbers.add(point.student.number);
    for (const curve of group.curves) numbers.add(curve.studentNumber);
  }
  for (const comparison of summary.comparisons) for (const row of comparison.students) numbers.add(row.student.number);
  return [...numbers].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The labels of `summary`'s students: their names, or stand-ins from `anonymous(k)` (k from 1) in projector mode. */
export function studentLabels(summary: ClassSummary, projector: boolean, anonymous: (k: number) => string): StudentLabels {
  const names = new Map<string, string>();
  for (const student of summary.students) names.set(student.number, student.name);
  for (const group of summary.presets) for (const point of group.points) if (!names.has(point.student.number)) names.set(point.student.number, point.student.name);
  for (const comparison of summary.comparisons) for (const row of comparison.students) if (!names.has(row.student.number)) names.set(row.student.number, row.student.name);
  const stand = new Map(studentNumbers(summary).map((number, i) => [number, anonymous(i + 1)]));
  return {
    name: (student) => (projector ? (stand.get(student.number) ?? anonymous(stand.size + 1)) : (student.name ?? names.get(student.number) ?? student.number)),
    number: (student) => (projector ? null : student.number),
  };
}
