import type { ClaimRun, DiagnosticsNeed } from './claims/claim-run';
import { evaluateComparisonCriterion } from './claims/comparison-criteria';
import { COMPARISON_CLAIMS, type ComparisonClaim } from './claims/comparison-claims';
import { checkedAtStep, comparisonCheckedAtSteps, snapshotsNeeded } from './claims/criteria';
import { evaluateRunCriterion } from './claims/evaluate-criterion';
import { outcomeOf, type ClaimVerdictKind, type ComparisonFinding } from './claims/findings';
import { judgedOfComparison, judgedOfRun, type JudgedNumber } from './claims/judged';
import { PRESET_CLAIMS, type PresetClaim } from './claims/preset-claims';
import { specDifferences } from './claims/spec-differences';
import { comparisonClaimTexts } from './claims/wording/comparison-claim-texts';
import { presetClaimTexts } from './claims/wording/preset-claim-texts';
import { judgedWords, type JudgedWords } from './claims/wording/judged-words';
import { comparisonVerdictWords, presetVerdictWords } from './claims/wording/verdict-words';
import { PRESETS, type LocalizedText, type TrainPreset } from './presets';

/**
 * Machine checks of the lecture's claims: for every training preset, what its run must show
 * (`checkClaim`), and for the lab sheets' comparisons, what the runs compared must show side by
 * side (`checkComparison`). Pure: the UI passes a RunDetail (plus, for the gradient and weight
 * claims, the diagnostics snapshots `diagnosticsNeeded` names), or the events of a live run via
 * `claimRunFromEvents`.
 *
 * Every check reads a run where the student looks: at the preset's end (`presetEndStep`: its last
 * evaluation and snapshot) or at a moment its lab sheet names and the chart marks (step 0 for the
 * gradients per layer, epoch 20 for batch norm's speed), listed in each expectation's
 * `checkedAtSteps`; never at the step where an effect happens to show. A verdict carries the
 * numbers it judged (`judged`), so a verdict row can show the number it is about.
 *
 * The parts live in engine/lab/claims: the catalogues of criteria per preset and per comparison
 * (preset-claims.ts, comparison-claims.ts), the criteria that turn runs into structured findings,
 * and the wording that tells findings in Korean and English (claims/wording). This module joins
 * them into verdicts with messages.
 */

export { ClaimRunCollector, claimRunFromEvents, type ClaimDiagnostics, type ClaimRun, type DiagnosticsNeed } from './claims/claim-run';
export type { ClaimVerdictKind } from './claims/findings';
export type { JudgedNumber, JudgedQuantity } from './claims/judged';
export type { JudgedWords } from './claims/wording/judged-words';

/** A judged number with its words: what a verdict row shows ("the training loss at step 2,000: 0.07 (< 0.50) ✔"). */
export type JudgedValue = JudgedNumber & { words: JudgedWords };

/** A check's outcome, with the numbers and, when not reproduced, the likely reason. */
export interface ClaimVerdict {
  verdict: ClaimVerdictKind;
  message: LocalizedText;
  /** Every criterion's judged number, in the criteria's order, each with its own verdict: the numbers to show beside the verdict. */
  judged: JudgedValue[];
}

/** A training preset's machine-checkable expectation. */
export interface ClaimExpectation {
  presetId: string;
  /** What is checked, with its thresholds, in words (to show beside the claim before the run). */
  expects: LocalizedText;
  /**
   * The steps the check reads the run at, sorted: the preset's end (its last step, `presetEndStep`)
   * and any moment its lab sheet names (step 0 for the gradients per layer, step 60 for batch
   * norm's speed). The charts mark them; the check reads nothing else.
   */
  checkedAtSteps: number[];
  diagnostics: DiagnosticsNeed[];
  check(run: ClaimRun): ClaimVerdict;
}

/** A comparison's check (a lab sheet's comparison with the same id). */
export interface ComparisonExpectation {
  id: string;
  /** The training presets whose runs it reads. */
  presets: string[];
  expects: LocalizedText;
  /** The steps it reads each preset's run at (per preset id, sorted): each run's end, or a moment the sheet names. */
  checkedAtSteps: Record<string, number[]>;
  /** Snapshots needed, per preset id. */
  diagnostics: Record<string, DiagnosticsNeed[]>;
  check(runs: Readonly<Record<string, ClaimRun | undefined>>): ClaimVerdict;
}

const withWords = (judged: JudgedNumber): JudgedValue => ({ ...judged, words: judgedWords(judged) });

function presetExpectation(claim: PresetClaim): ClaimExpectation {
  return {
    presetId: claim.presetId,
    expects: presetClaimTexts(claim.presetId).expects,
    checkedAtSteps: [...new Set(claim.criteria.map(checkedAtStep))].sort((a, b) => a - b),
    diagnostics: snapshotsNeeded(claim.criteria),
    check(run) {
      const findings = claim.criteria.map((criterion) => evaluateRunCriterion(criterion, run));
      const outcome = outcomeOf(findings);
      return {
        verdict: outcome.verdict,
        message: presetVerdictWords(claim.presetId, outcome, specDifferences(claim.presetId, run), run.spec?.layers.length ?? null),
        judged: findings.map((finding) => withWords(judgedOfRun(claim.presetId, finding))),
      };
    },
  };
}

function comparisonExpectation(claim: ComparisonClaim): ComparisonExpectation {
  return {
    id: claim.id,
    presets: claim.presets,
    expects: comparisonClaimTexts(claim.id).expects,
    checkedAtSteps: comparisonCheckedAtSteps(claim.criteria),
    diagnostics: claim.diagnostics,
    check(runs) {
      const missing = claim.presets.filter((presetId) => runs[presetId] === undefined);
      if (missing.length > 0) {
        const outcome = outcomeOf<ComparisonFinding>([{ check: 'runs-missing', verdict: 'not-yet', presetIds: missing }]);
        return { verdict: outcome.verdict, message: comparisonVerdictWords(claim.id, outcome, []), judged: [] };
      }
      const complete = runs as Readonly<Record<string, ClaimRun>>;
      const differences = claim.presets.map((presetId) => ({ presetId, differences: specDifferences(presetId, complete[presetId]!), layerCount: complete[presetId]!.spec?.layers.length ?? null }));
      const findings = claim.criteria.map((criterion) => evaluateComparisonCriterion(criterion, complete));
      const outcome = outcomeOf(findings);
      return {
        verdict: outcome.verdict,
        message: comparisonVerdictWords(claim.id, outcome, differences),
        judged: findings.flatMap((finding) => {
          const judged = judgedOfComparison(finding);
          return judged === null ? [] : [withWords(judged)];
        }),
      };
    },
  };
}

/** Every training preset's expectation, by preset id. */
export const CLAIM_EXPECTATIONS: ReadonlyMap<string, ClaimExpectation> = new Map(PRESET_CLAIMS.map((claim) => [claim.presetId, presetExpectation(claim)]));

/** The expectation of a training preset, or undefined (probe presets have none: their pictures are the lesson). */
export function claimExpectation(presetId: string): ClaimExpectation | undefined {
  return CLAIM_EXPECTATIONS.get(presetId);
}

/** The diagnostics snapshots the check of `presetId` reads ([] when none, or for an unknown preset). */
export function diagnosticsNeeded(presetId: string): DiagnosticsNeed[] {
  return CLAIM_EXPECTATIONS.get(presetId)?.diagnostics ?? [];
}

/**
 * Checks a run of a training preset against the effect the lecture claims. Throws for a preset
 * without an expectation (a probe preset, an unknown id).
 */
export function checkClaim(presetId: string, run: ClaimRun): ClaimVerdict {
  const found = CLAIM_EXPECTATIONS.get(presetId);
  if (found === undefined) throw new Error(`no claim check for preset "${presetId}"`);
  return found.check(run);
}

/** Every comparison check, by id (the lab sheets' comparisons, and the optimizers'). */
export const COMPARISON_EXPECTATIONS: ReadonlyMap<string, ComparisonExpectation> = new Map(COMPARISON_CLAIMS.map((claim) => [claim.id, comparisonExpectation(claim)]));

/**
 * Checks the runs of a comparison (keyed by preset id; a missing preset makes it 'not-yet' with
 * "run … first"). Throws for an unknown comparison id.
 */
export function checkComparison(comparisonId: string, runs: Readonly<Record<string, ClaimRun | undefined>>): ClaimVerdict {
  const found = COMPARISON_EXPECTATIONS.get(comparisonId);
  if (found === undefined) throw new Error(`no check for comparison "${comparisonId}"`);
  return found.check(runs);
}

/** Every training preset, for tests and tools: each must have an expectation. */
export function trainPresetIds(): string[] {
  return PRESETS.filter((p): p is TrainPreset => p.kind === 'train').map((p) => p.id);
}
