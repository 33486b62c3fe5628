/** The app's screens (navigation.svelte.ts keeps which one shows; route-hash.ts writes it in the address). */
import type { WalkthroughPhase } from '$engine/lab/lab-sheets';

/** The walkthrough as a lab sheet's step opened it. */
export interface WalkthroughFromSheet {
  sheetId: string;
  /** The step whose button opened it: the way back returns there. */
  step: number;
  /** The phase to open at (its first step); null: the beginning. */
  phase: WalkthroughPhase | null;
  /** The update phase waits for the sheet's prediction (walkthroughUpdateShown was false when it opened; predictions are made on the sheet, so it holds while the walkthrough is open). */
  holdUpdate: boolean;
  /** The lab pack the sheet was opened in: the way back returns to it there. */
  packId?: string;
}

/** The app's screens and what each shows. */
export type Route =
  | { view: 'build' }
  | { view: 'runs' }
  | { view: 'compare'; runIds: string[] }
  | { view: 'replay'; runId: string }
  /** A sheet (null: the list of sheets), scrolled to `step` when given; with `packId`, the sheet of that opened lab pack. */
  | { view: 'labs'; sheetId: string | null; step?: number; packId?: string }
  /** A lab pack's class results (the teacher's class view). */
  | { view: 'class'; packId: string }
  /** The backprop walkthrough, from the header (shows everything) or from a lab sheet's step. */
  | { view: 'walkthrough'; from?: WalkthroughFromSheet };
