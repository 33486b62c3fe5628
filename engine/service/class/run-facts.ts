import { createHash } from 'node:crypto';
import type { Verdict } from '../../api/class-summary';
import type { LayerDiagnostics, RunStatus } from '../../api/events';
import type { ConfigDifference } from '../../api/runs';
import type { RunHistory } from '../../history/run-history';
import { checkClaim, claimExpectation, diagnosticsNeeded, type ClaimDiagnostics, type ClaimRun, type JudgedValue } from '../../lab/claim-checks';
import { COMPARISON_CLAIMS } from '../../lab/claims/comparison-claims';
import { PRESET_CLAIMS } from '../../lab/claims/preset-claims';
import { specDifferences } from '../../lab/claims/spec-differences';
import { thinCurve } from './curve-thinning';

/**
 * What the class view needs of one ended class run, computed once from its stored record and
 * kept (class_run_facts, migration 8), so that opening the view of 400 runs reads a few hundred
 * small JSON values instead of every run's series and decompressed diagnostics snapshots.
 */
export interface ClassRunFacts {
  /** The preset the facts were computed for (the run's preset tag then), null for a run of no preset. */
  presetId: string | null;
  /** The run's status then (facts of a run whose status has changed since are computed again). */
  status: RunStatus;
  /** The claim's verdict, null for a run of no preset or a preset without a claim check. */
  verdict: Verdict | null;
  /** The claim's first judged number (its key number) with its words. */
  key: JudgedValue | null;
  /** Where the run's spec differs from its preset's (spec-differences.ts), [] for none. */
  differences: ConfigDifference[];
  /** Training data loss per step, thinned (curve-thinning.ts). */
  curve: { step: number[]; loss: (number | null)[] };
  finals: { trainLoss: number | null; testLoss: number | null; trainAccuracy: number | null; testAccuracy: number | null };
  /** What a comparison's check reads of the run (see claimRunForFacts). */
  claimRun: ClaimRun;
}

/** Points of a run's curve kept for the class view. */
export const CURVE_POINTS = 120;

/**
 * The version facts are computed with: the format (bump it when this module or the checks' code
 * changes what a fact would be) and a hash of the claim catalogues (thresholds, steps, criteria),
 * so that facts computed with other checks are computed again, not shown.
 */
const FACTS_FORMAT = 1;
export const FACTS_VERSION = `${FACTS_FORMAT}-${createHash('sha256').update(JSON.stringify({ PRESET_CLAIMS, COMPARISON_CLAIMS })).digest('hex').slice(0, 16)}`;

/** The diagnostics snapshots a run of `presetId` must carry in its facts: its own check's and those of comparisons that read it. */
function snapshotsFor(presetId: string | null): { first: boolean; last: boolean } {
  if (presetId === null) return { first: false, last: false };
  const needs = new Set(diagnosticsNeeded(presetId));
  for (const claim of COMPARISON_CLAIMS) for (const need of claim.diagnostics[presetId] ?? []) needs.add(need);
  return { first: needs.has('first'), last: needs.has('last') };
}

/** Computes an ended run's facts from its stored record (its series, and the first and latest diagnostics snapshots where a check reads them). */
export function computeRunFacts(history: RunHistory, runId: string, presetId: string | null): ClassRunFacts {
  const detail = history.getRun(runId);
  const needs = snapshotsFor(presetId);
  const steps = detail.diagnosticsSteps;
  const snapshot = (step: number | undefined): ClaimDiagnostics | null => (step === undefined ? null : history.getDiagnostics(runId, step));
  const claimRun: ClaimRun = { ...detail, diagnostics: { first: needs.first ? snapshot(steps[0]) : null, last: needs.last ? snapshot(steps.at(-1)) : null } };
  const check = presetId !== null && claimExpectation(presetId) !== undefined ? checkClaim(presetId, claimRun) : null;
  const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    presetId,
    status: detail.status,
    verdict: check?.verdict ?? null,
    key: check?.judged[0] ?? null,
    differences: presetId === null ? [] : specDifferences(presetId, claimRun),
    curve: thinCurve(detail.steps.step, detail.steps.dataLoss.map(finite), CURVE_POINTS),
    finals: {
      trainLoss: finite(detail.final?.train.loss),
      testLoss: finite(detail.final?.test?.loss),
      trainAccuracy: finite(detail.final?.train.accuracy),
      testAccuracy: finite(detail.final?.test?.accuracy),
    },
    claimRun: claimRunForFacts(claimRun),
  };
}

/**
 * The part of a ClaimRun the checks read, small enough to keep per run: status, length, end and
 * evaluations; of the steps only the first (the backprop criterion's loss before its update); of
 * the diagnostics snapshots only each layer's gradient norm and exact-zero fraction
 * (snapshot-criteria.ts). A check that comes to read more must bump FACTS_FORMAT and keep it here.
 */
function claimRunForFacts(run: ClaimRun): ClaimRun {
  const cut = (snapshot: ClaimDiagnostics | null | undefined): ClaimDiagnostics | null =>
    snapshot ? { step: snapshot.step, layers: snapshot.layers.map((layer) => ({ gradNorm: layer.gradNorm, weights: { zeroFraction: layer.weights.zeroFraction } }) as unknown as LayerDiagnostics) } : null;
  return {
    status: run.status,
    stepsDone: run.stepsDone,
    steps: { step: run.steps.step.slice(0, 1), dataLoss: run.steps.dataLoss.slice(0, 1) },
    evals: { step: [...run.evals.step], trainLoss: [...run.evals.trainLoss], trainAccuracy: [...run.evals.trainAccuracy], testAccuracy: [...run.evals.testAccuracy] },
    final: run.final,
    message: run.message ?? null,
    diagnostics: { first: cut(run.diagnostics?.first), last: cut(run.diagnostics?.last) },
  };
}

/** Facts as JSON text; NaN and ±Infinity (a diverged run's loss) survive as {"$number": "NaN"}. */
export function factsToText(facts: ClassRunFacts): string {
  return JSON.stringify(facts, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value));
}

/** Facts from factsToText's text. */
export function factsFromText(text: string): ClassRunFacts {
  // A reviver costs a call per value: most runs have no non-finite number to bring back.
  if (!text.includes('"$number"')) return JSON.parse(text) as ClassRunFacts;
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as { $number?: unknown }).$number === 'string') return Number((value as { $number: string }).$number);
    return value;
  }) as ClassRunFacts;
}
