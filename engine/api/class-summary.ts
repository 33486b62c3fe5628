import type { PackSummary, StudentIdentity } from './lab-pack';
import type { CurveBand, Quartiles } from './quantiles';

/**
 * A class's results for one lab pack, as the teacher's class view and `nnlab class summary` show
 * them: who handed in what, and for every preset and comparison of the pack the spread of the
 * students' numbers, their curves with the class's median and inter-quartile band, the runs that
 * stand out and why, and what the students predicted beside what happened. Built by the service
 * from the runs stamped with the pack (hand-ins imported, and runs made here for the pack) and the
 * hand-ins' notebooks; the teacher's own runs (no author) are not the class's.
 */

/** Text in both languages (the lesson content's LocalizedText, restated: the contract imports no lesson code). */
export interface BothLanguages {
  ko: string;
  en: string;
}

/** A claim's verdict (engine/lab's ClaimVerdictKind). */
export type Verdict = 'reproduced' | 'not-reproduced' | 'not-yet';

/** Verdicts counted. */
export interface VerdictCounts {
  reproduced: number;
  notReproduced: number;
  notYet: number;
}

/** One student of the class (students are told apart by their number). */
export interface ClassStudent extends StudentIdentity {
  /** When their newest hand-in for this pack was made (ISO 8601 UTC); null: runs but no hand-in notebook. */
  handedInAt: string | null;
  /** Their runs stamped with this pack. */
  runs: number;
  /** The pack's sheet steps that run presets, and how many of those have an ended run of every preset by this student. */
  stepsDone: number;
  stepsTotal: number;
  /** Their verdicts over the pack's presets and comparisons (newest run of each preset). */
  verdicts: VerdictCounts;
  /** Questions answered (non-empty text), of the pack's sheets' questions. */
  answered: number;
  questions: number;
}

/** One student's run of a preset, as a point of the class's distribution. */
export interface ClassRunPoint {
  runId: string;
  student: StudentIdentity;
  /** The preset's key number for this run (its claim's first judged number), null where the run has none. */
  value: number | null;
  /** The key number in words ("1/290,000", "0.07"). */
  valueText: BothLanguages;
  verdict: Verdict | null;
  /**
   * Why this run stands apart from the class, or null: a setting changed from the preset ("init
   * std 0.01 → he"), a verdict unlike most of the class's, or a key number outside the class's
   * quartiles by more than 1.5 inter-quartile ranges.
   */
  outlier: BothLanguages | null;
}

/** One run's loss curve as the class view draws it faintly (at most ~120 points, the run's own steps). */
export interface ClassCurve {
  runId: string;
  studentNumber: string;
  step: number[];
  /** Training data loss at each step (null where it was not finite). */
  loss: (number | null)[];
}

/** Every student's newest run of one preset of the pack. */
export interface ClassPresetGroup {
  presetId: string;
  title: BothLanguages;
  /** What the key number is ("the training loss at step 2,000"), and whether it spans decades (a gradient ratio: drawn on a log axis). */
  key: { label: BothLanguages; scale: 'linear' | 'log' };
  /** One point per student (their newest ended run of the preset), in student-number order. */
  points: ClassRunPoint[];
  /** Quartiles of the key number over the students; null when no run has one. */
  keyStats: Quartiles | null;
  /** Quartiles of the final metrics over the students (null where no run has one). */
  finals: { trainLoss: Quartiles | null; testLoss: Quartiles | null; trainAccuracy: Quartiles | null; testAccuracy: Quartiles | null };
  verdicts: VerdictCounts;
  curves: ClassCurve[];
  /** The class's median and inter-quartile band of the training loss. */
  band: CurveBand;
  students: number;
  runs: number;
}

/** A comparison of one of the pack's sheets: the class's predictions beside the outcome. */
export interface ClassComparison {
  comparisonId: string;
  sheetId: string;
  prompt: BothLanguages;
  presets: string[];
  /** The choice the lecture expects. */
  expected: string;
  /** Every choice with how many students predicted it (choices in the sheet's order). */
  tally: { choice: string; text: BothLanguages; count: number }[];
  /** Students who recorded a prediction (the tally's total). */
  predicted: number;
  /** The comparison's check over each student's own runs, counted. */
  verdicts: VerdictCounts;
  /** Per student: their prediction (choice id or null) and their runs' verdict. */
  students: { student: StudentIdentity; choice: string | null; verdict: Verdict }[];
}

/** A pack's class results (LabApi classSummary, `nnlab class summary --json`). */
export interface ClassSummary {
  pack: PackSummary;
  /** In student-number order. */
  students: ClassStudent[];
  /** The pack's presets that have runs or are run by its sheets, in the pack's order. */
  presets: ClassPresetGroup[];
  comparisons: ClassComparison[];
}
