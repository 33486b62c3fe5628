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
import { groupSummaryText, type GroupClaim } from '$engine/lab/seed-group-claim';

/** reproduced ✔ / not reproduced ✘ / not yet (claim-checks.ts). */
export type ClaimVerdict = ClaimVerdictKind;
/** A verdict with its reason in both languages; over a seed group, with each seed's verdict. */
export type ClaimResult = EngineClaimVerdict & { seeds?: SeedVerdicts };

/** A claim over a seed group: on how many seeds it held, and each seed's verdict. */
export interface SeedVerdicts {
  held: number;
  of: number;
  verdicts: GroupClaim['verdicts'];
}

/**
 * A claim over a seed group as the sheet and the report show it: "reproduced in k of N seeds —
 * <key number>: median m (range)", each seed's verdict kept. Its badge says reproduced when more
 * than half of the seeds reproduced the claim, not reproduced otherwise, and not yet only while no
 * seed got far enough to be judged.
 */
export function groupCheck(claim: GroupClaim | null): ClaimResult | null {
  if (claim === null) return null;
  const judged = claim.verdicts.filter((v) => v.verdict !== 'not-yet').length;
  const verdict: ClaimVerdictKind = judged === 0 ? 'not-yet' : claim.held * 2 > claim.of ? 'reproduced' : 'not-reproduced';
  return { verdict, message: groupSummaryText(claim), judged: [], seeds: { held: claim.held, of: claim.of, verdicts: claim.verdicts } };
}

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
