import type { LabApi } from '$engine/api/lab-api';
import type { RunDetail } from '$engine/api/runs';
import {
  checkClaim,
  checkComparison,
  claimExpectation,
  type ClaimDiagnostics,
  type ClaimRun,
  type ClaimVerdictKind,
  type ClaimVerdict as EngineClaimVerdict,
} from '$engine/lab/claim-checks';

/** reproduced ✔ / not reproduced ✘ / not yet (claim-checks.ts). */
export type ClaimVerdict = ClaimVerdictKind;
/** A verdict with its reason in both languages. */
export type ClaimResult = EngineClaimVerdict;

/**
 * What the claim checks read of a stored run: its record plus its first diagnostics snapshot
 * (step 0: the gradient per layer) and its latest (the weights at the end: exact zeros).
 */
export async function loadClaimRun(api: Pick<LabApi, 'getDiagnostics'>, detail: RunDetail): Promise<ClaimRun> {
  const steps = detail.diagnosticsSteps;
  const snapshot = async (step: number | undefined): Promise<ClaimDiagnostics | null> => (step === undefined ? null : api.getDiagnostics(detail.id, step).catch(() => null));
  const [first, last] = await Promise.all([snapshot(steps[0]), snapshot(steps[steps.length - 1])]);
  return { ...detail, diagnostics: { first, last } };
}

/** The check of a preset's run, or null for a preset the lecture makes no checkable claim about. */
export function presetCheck(presetId: string, run: ClaimRun): ClaimResult | null {
  return claimExpectation(presetId) ? checkClaim(presetId, run) : null;
}

/** The check of a comparison over its runs (keyed by preset id; missing ones make it 'not-yet'), or null for an unknown id. */
export function comparisonCheck(comparisonId: string, runs: Readonly<Record<string, ClaimRun | undefined>>): ClaimResult | null {
  try {
    return checkComparison(comparisonId, runs);
  } catch {
    return null;
  }
}
