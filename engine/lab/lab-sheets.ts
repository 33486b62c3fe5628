import { BACKPROP_SHEET } from './sheets/backprop';
import { INITIALIZATION_SHEET } from './sheets/initialization';
import type { LabComparison, LabSheet } from './sheets/lab-sheet';
import { OVERFITTING_SHEET } from './sheets/overfitting';
import { VANISHING_SHEET } from './sheets/vanishing-gradient';

/**
 * The guided lab sheets: one per part of the lecture (LECTURE.md), in Korean (the class language,
 * with the slides' terms) and English. Pure data: the UI shows a sheet's goal, walks its steps
 * (one click runs a step's presets, opens the 2-2-1 walkthrough or an activation-histogram probe),
 * asks each comparison's prediction BEFORE the step that runs it (and holds back every text that
 * tells its outcome until then: see LabReveal), and keeps the student's
 * predictions and answers in the lab notebook (LabApi getLabNotebook / saveLabNotebookEntry,
 * keys from `notebookKey`). Each comparison's outcome is checked by `checkComparison` with the
 * same id (claim-checks.ts), each run's by `checkClaim`.
 *
 * This module lists the sheets in lecture order; each sheet's text is in engine/lab/sheets.
 */

export {
  LAB_SHEET_IDS,
  WALKTHROUGH_PHASES,
  type LabAction,
  type LabChoice,
  type LabComparison,
  type LabObservation,
  type LabQuestion,
  type LabReveal,
  type LabSheet,
  type LabSheetId,
  type LabStep,
  type RevealedText,
  type WalkthroughPhase,
} from './sheets/lab-sheet';
export { notebookKey, type LabPrediction } from './sheets/notebook';

/** Every lab sheet, in lecture order. */
export const LAB_SHEETS: readonly LabSheet[] = [BACKPROP_SHEET, VANISHING_SHEET, INITIALIZATION_SHEET, OVERFITTING_SHEET];

/** The sheet with this id, or undefined. */
export function findLabSheet(id: string): LabSheet | undefined {
  return LAB_SHEETS.find((sheet) => sheet.id === id);
}

/** The comparison with this id on any sheet, with its sheet, or undefined. */
export function findLabComparison(id: string): { sheet: LabSheet; comparison: LabComparison } | undefined {
  for (const sheet of LAB_SHEETS) {
    const comparison = sheet.comparisons.find((c) => c.id === id);
    if (comparison) return { sheet, comparison };
  }
  return undefined;
}
