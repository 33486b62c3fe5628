import type { LecturePart, LocalizedText } from '../presets';

/**
 * The shape of a guided lab sheet (one per part of the lecture, in engine/lab/sheets): what the UI
 * shows and walks through, pure data in Korean and English.
 */

/** The four sheets, in lecture order. */
export const LAB_SHEET_IDS = ['backprop', '03-vanishing-gradient', '04-initialization', '05-overfitting'] as const;
export type LabSheetId = (typeof LAB_SHEET_IDS)[number];

/** What a step opens besides runs: the 2-2-1 walkthrough, or the activation-histogram probe of a probe preset. */
export type LabAction = { kind: 'walkthrough' } | { kind: 'probe'; presetId: string };

/** One step of a sheet. */
export interface LabStep {
  text: LocalizedText;
  /** Training presets this step runs with one click (several start together: they share seed, data and batches). */
  presets?: string[];
  action?: LabAction;
  /** The comparison whose prediction is asked before this step's presets run. */
  comparison?: string;
}

/** One answer a student can predict. */
export interface LabChoice {
  id: string;
  text: LocalizedText;
}

/**
 * Predict, then observe: runs compared side by side, a question asked before they run, the
 * choices, the choice the lecture expects and why. `id` is also the id of its machine check
 * (checkComparison).
 */
export interface LabComparison {
  id: string;
  /** The training presets compared (all of them, in the order the lecture names them). */
  presets: string[];
  prompt: LocalizedText;
  choices: LabChoice[];
  /** The id of the choice the lecture expects. */
  expected: string;
  /** Why, shown after the runs (with the check's verdict). */
  explanation: LocalizedText;
}

/** A question for the student's written answer. */
export interface LabQuestion {
  id: string;
  text: LocalizedText;
}

/** One guided lab sheet: its goal, the steps to walk, the comparisons to predict, what to watch and the questions to answer. */
export interface LabSheet {
  id: LabSheetId;
  part: LecturePart;
  /** The lecture's section number ("03"), or null for the review. */
  section: string | null;
  title: LocalizedText;
  /** What the student will have seen and understood at the end (a paragraph). */
  goal: LocalizedText;
  steps: LabStep[];
  comparisons: LabComparison[];
  /** What to look at while the runs go (bullets). */
  observe: LocalizedText[];
  questions: LabQuestion[];
}

/** A text in both languages: the sheets' shorthand `t(ko, en)`. */
export function localizedText(ko: string, en: string): LocalizedText {
  return { ko, en };
}
