import { DOCTOR_CODES, type DoctorCode, type DoctorFinding } from '../../api/doctor-findings';
import type { DoctorRun } from './doctor-run';
import { deadRelu, explodingGradient, saturation, sustainedSnapshots, vanishingGradient, type Observed } from './gradient-criteria';
import { lossTrend } from './loss-trend';
import { lrTooHigh, lrTooLow, overfitting } from './loss-criteria';
import { remedyFor } from './remedies';

/** What the doctor says of a run so far. */
export interface DoctorReport {
  /** At most one per code, most serious first (DOCTOR_CODES order); [] = nothing wrong found. */
  findings: DoctorFinding[];
  /**
   * True when the run (so far) is too short for some criteria: fewer diagnostics snapshots than
   * SUSTAINED_SNAPSHOTS, or fewer steps than MIN_LOSS_STEPS. "Nothing found" then means "nothing
   * yet" (a run still going) or "too short to tell" (a run that ended).
   */
  early: boolean;
}

/** Codes a finding of another code explains, so they are not reported beside it. */
const EXPLAINED_BY: Readonly<Partial<Record<DoctorCode, readonly DoctorCode[]>>> = {
  // A loss that blew up or diverged has "gone up" too: the explosion is the stronger statement.
  'lr-too-high': ['exploding-gradient'],
  // A flat loss is what gradients that do not flow look like: their remedy comes first.
  'lr-too-low': ['exploding-gradient', 'vanishing-gradient', 'saturation', 'dead-relu'],
};

/**
 * Diagnoses a run from its own events so far (call it again as events come; the final call on all
 * events is the run's verdict): every criterion over the DoctorRun, findings that another one
 * explains left out, each with the remedy chosen knowing all of them. Pure and quick: one pass
 * over the steps, a few snapshots.
 */
export function diagnose(run: DoctorRun): DoctorReport {
  const spec = run.spec;
  const trend = lossTrend(run);
  const early = sustainedSnapshots(run) === null || trend === null;
  if (spec === null) return { findings: [], early };
  const observed = [explodingGradient(run, trend), vanishingGradient(run), saturation(run, trend), deadRelu(run), lrTooHigh(trend), lrTooLow(run, trend), overfitting(run)].filter(
    (finding): finding is Observed => finding !== null,
  );
  const codes = new Set(observed.map((f) => f.code));
  const findings = observed
    .filter((finding) => !(EXPLAINED_BY[finding.code] ?? []).some((code) => codes.has(code)))
    .sort((a, b) => DOCTOR_CODES.indexOf(a.code) - DOCTOR_CODES.indexOf(b.code))
    .map((finding) => ({ ...finding, remedy: remedyFor(finding.code, spec, codes) }));
  return { findings, early };
}
