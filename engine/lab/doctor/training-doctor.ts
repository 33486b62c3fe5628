/**
 * The training doctor: diagnoses any run from its own events (gradients per layer, dead and
 * saturated units, the loss curves) and names what is wrong, where, with the numbers, the lecture's
 * remedy as a spec patch and the lab sheet that explains it. Pure: the service calls it on a run's
 * whole stream to attach `findings` to the end event, the page on what it has been pushed so far.
 *
 * Criteria: gradient-criteria.ts and loss-criteria.ts (thresholds and why in thresholds.ts),
 * remedies in remedies.ts, words in wording/doctor-words.ts.
 */

export { diagnose, type DoctorReport } from './diagnose';
export { DoctorRecorder, doctorRunFromEvents, emptyDoctorRun, type DoctorLayer, type DoctorRun, type DoctorSnapshot } from './doctor-run';
export { chooseRemedy, remedyFor, remedyPatch, REMEDY_SHEETS } from './remedies';
export * as DOCTOR_THRESHOLDS from './thresholds';
export {
  DOCTOR_TITLES,
  EARLY_WORDS,
  findingPlace,
  findingWords,
  formatValue,
  HEALTHY_WORDS,
  layerName,
  type Lang,
  patchWords,
  remedyLabel,
  remedyWords,
  sheetTitle,
  SHORT_WORDS,
} from './wording/doctor-words';

import type { TrainingEvent } from '../../api/events';
import type { DoctorFinding } from '../../api/doctor-findings';
import { diagnose } from './diagnose';
import { doctorRunFromEvents } from './doctor-run';

/** The findings over a whole list of a run's events (a stored run, a test): the final call. */
export function diagnoseEvents(events: readonly TrainingEvent[]): DoctorFinding[] {
  return diagnose(doctorRunFromEvents(events)).findings;
}
