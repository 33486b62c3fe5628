import type { LabObservation, LabReveal, LabSheet, RevealedText } from '$engine/lab/lab-sheets';

/**
 * What a sheet shows when, so that nothing the student is about to predict is read before the
 * prediction (the rules are LabReveal's, in engine/lab/sheets/lab-sheet.ts). Pure: the sheet view
 * and the tests that check every sheet's texts share it.
 */

/** What the student has done on a sheet that reveals texts. */
export interface RevealProgress {
  /** Ids of the comparisons whose prediction is recorded. */
  predicted: ReadonlySet<string>;
  /** Probe presets the student has opened from the sheet (on this visit). */
  probesOpened: ReadonlySet<string>;
}

/** True once every prediction of the sheet is recorded: nothing is left to give away. */
export function allPredicted(sheet: LabSheet, progress: RevealProgress): boolean {
  return sheet.comparisons.every((c) => progress.predicted.has(c.id));
}

/**
 * Whether a text with this reveal may be shown. `probePresetId` is the probe of the step the text
 * belongs to (a `probe` reveal waits for that probe to be opened).
 */
export function isRevealed(sheet: LabSheet, reveal: LabReveal, progress: RevealProgress, probePresetId: string | null = null): boolean {
  switch (reveal.after) {
    case 'prediction':
      return reveal.comparisons.every((id) => progress.predicted.has(id));
    case 'first-prediction':
      return sheet.comparisons.some((c) => progress.predicted.has(c.id));
    case 'probe':
      return (probePresetId !== null && progress.probesOpened.has(probePresetId)) || allPredicted(sheet, progress);
  }
}

/** The sheet's "what to observe" bullets the student may read now, in the sheet's order. */
export function visibleObservations(sheet: LabSheet, progress: RevealProgress): LabObservation[] {
  return sheet.observe.filter((o) => isRevealed(sheet, o.reveal, progress));
}

/** Step `index`'s held-back text when it may be shown, else null. */
export function revealedStepText(sheet: LabSheet, index: number, progress: RevealProgress): RevealedText | null {
  const step = sheet.steps[index];
  if (!step?.revealed) return null;
  const probe = step.action?.kind === 'probe' ? step.action.presetId : null;
  return isRevealed(sheet, step.revealed.reveal, progress, probe) ? step.revealed : null;
}

/**
 * Whether the lecture's one-line claims of the sheet's presets (under each run, in the probe
 * dialog) may be shown: they state outcomes across comparisons ("without batch norm only scales
 * near He's learn"), so only once every prediction of the sheet is recorded.
 */
export function presetClaimsShown(sheet: LabSheet, progress: RevealProgress): boolean {
  return allPredicted(sheet, progress);
}

/**
 * Whether the walkthrough opened from `sheet` shows its update phase (the new weights and the loss
 * after them): once the predictions the sheet's `walkthroughUpdate` names are recorded, or always
 * when the sheet holds nothing back. Opened from the header (`sheet` null), it shows everything.
 */
export function walkthroughUpdateShown(sheet: LabSheet | null, progress: RevealProgress): boolean {
  if (!sheet?.walkthroughUpdate) return true;
  return isRevealed(sheet, sheet.walkthroughUpdate, progress);
}
