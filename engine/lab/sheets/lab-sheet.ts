import type { LecturePart, LocalizedText } from '../presets';

/**
 * The shape of a guided lab sheet (one per part of the lecture, in engine/lab/sheets): what the UI
 * shows and walks through, pure data in Korean and English.
 */

/** The four sheets, in lecture order. */
export const LAB_SHEET_IDS = ['backprop', '03-vanishing-gradient', '04-initialization', '05-overfitting'] as const;
export type LabSheetId = (typeof LAB_SHEET_IDS)[number];

/** The backprop walkthrough's phases, in the order it computes them (forward node by node, the loss, backward factor by factor, the weight update and the loss after it). */
export const WALKTHROUGH_PHASES = ['forward', 'loss', 'backward', 'update'] as const;
export type WalkthroughPhase = (typeof WALKTHROUGH_PHASES)[number];

/**
 * What a step opens besides runs: the 2-2-1 walkthrough (at the first step of `phase`, else at its
 * beginning), or the activation-histogram probe of a probe preset.
 */
export type LabAction = { kind: 'walkthrough'; phase?: WalkthroughPhase } | { kind: 'probe'; presetId: string };

/**
 * When a text that tells an outcome may be shown, so that nothing the student is about to predict
 * is read before the prediction:
 * - `prediction`: once the student has recorded the prediction of every one of `comparisons`;
 * - `first-prediction`: once the student has recorded any prediction of the sheet;
 * - `probe` (a probe step's own text only): once the student has opened that step's probe, or has
 *   recorded every prediction of the sheet.
 */
export type LabReveal = { after: 'prediction'; comparisons: string[] } | { after: 'first-prediction' } | { after: 'probe' };

/** A text shown only once its `reveal` condition holds (see LabReveal). */
export interface RevealedText extends LocalizedText {
  reveal: LabReveal;
}

/** A "what to observe" bullet: shown after a prediction (never before the sheet's first one). */
export interface LabObservation extends RevealedText {
  reveal: Exclude<LabReveal, { after: 'probe' }>;
}

/** One step of a sheet. */
export interface LabStep {
  /** What to do and what to look at; shown from the start, so it never tells an outcome the sheet asks to predict. */
  text: LocalizedText;
  /** What the step shows (a probe's picture, a result), held back until its reveal condition holds. */
  revealed?: RevealedText;
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
  /**
   * Phrases that state this comparison's outcome (each one appears in a text shown after the
   * prediction: the explanation, a revealed step text or an observe bullet; the walkthrough's
   * update phase, which a sheet can hold back with `walkthroughUpdate`, may state it too). No text
   * the student can read before recording the prediction, on the sheet or in the walkthrough opened
   * from it, may contain one (test/renderer/labs/reveal.test.ts).
   */
  outcomePhrases: { ko: string[]; en: string[] };
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
  /** What to look at while the runs go (bullets), each shown once its prediction is recorded. */
  observe: LabObservation[];
  questions: LabQuestion[];
  /**
   * When the walkthrough opened from this sheet shows its update phase (the new weights and the
   * loss after them): that phase tells what one update does to the error, so a sheet that asks
   * to predict it holds the phase back until the prediction is recorded (the walkthrough stops
   * after the backward pass and sends the student to the prediction). Absent: every phase, as
   * the walkthrough opened from the header shows.
   */
  walkthroughUpdate?: { after: 'prediction'; comparisons: string[] };
}

/** A text in both languages: the sheets' shorthand `t(ko, en)`. */
export function localizedText(ko: string, en: string): LocalizedText {
  return { ko, en };
}

/** Reveal once the predictions of all these comparisons are recorded. */
export function afterPrediction(...comparisons: string[]): { after: 'prediction'; comparisons: string[] } {
  return { after: 'prediction', comparisons };
}

/** Reveal once any prediction of the sheet is recorded. */
export const AFTER_FIRST_PREDICTION = { after: 'first-prediction' } as const satisfies LabReveal;

/** Reveal once the step's probe has been opened (probe steps only). */
export const AFTER_PROBE = { after: 'probe' } as const satisfies LabReveal;

/** A text in both languages held back until `reveal` holds: the sheets' shorthand `revealed(when, ko, en)`. */
export function revealedText<R extends LabReveal>(reveal: R, ko: string, en: string): LocalizedText & { reveal: R } {
  return { ko, en, reveal };
}
