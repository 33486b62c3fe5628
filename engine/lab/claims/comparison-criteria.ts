import type { ClaimRun } from './claim-run';
import type { AheadAtCriterion, ComparisonCriterion, LowerAtCriterion, RunAt } from './criteria';
import { evaluateRunCriterion } from './evaluate-criterion';
import type { AheadAtFinding, ComparisonFinding, LowerAtFinding } from './findings';
import { isEnded, observationAt, type MetricId, type Observation } from './observations';

/**
 * The criteria over several runs side by side (keyed by preset id; every preset of the comparison
 * has a run by the time these are evaluated), each run read at a step fixed in advance.
 */

/** What `criterion` finds in the comparison's runs. */
export function evaluateComparisonCriterion(criterion: ComparisonCriterion, runs: Readonly<Record<string, ClaimRun>>): ComparisonFinding {
  switch (criterion.check) {
    case 'preset': {
      const finding = evaluateRunCriterion(criterion.criterion, runs[criterion.presetId]!);
      return { check: 'preset', presetId: criterion.presetId, verdict: finding.verdict, finding };
    }
    case 'lower-at':
      return evaluateLowerAt(criterion, runs);
    case 'ahead-at':
      return evaluateAheadAt(criterion, runs);
  }
}

type Read = { values: Observation[] } | { waitingFor: string[] } | { missing: true };

/** Each run's `metric` at its step; or which runs are not there yet; or that one never will be (passed its step without a value, or diverged). */
function readEach(metric: MetricId, reads: readonly RunAt[], runs: Readonly<Record<string, ClaimRun>>): Read {
  const values: Observation[] = [];
  const waitingFor: string[] = [];
  for (const { presetId, atStep } of reads) {
    const run = runs[presetId]!;
    const value = observationAt(metric, run, atStep);
    if (value !== undefined) values.push(value);
    // Past its step without a value, or diverged before it: it never will have one.
    else if (isEnded(run) && (run.stepsDone >= atStep || run.status === 'diverged')) return { missing: true };
    else waitingFor.push(presetId);
  }
  return waitingFor.length > 0 ? { waitingFor } : { values };
}

/** Compares the two runs, each at its own step; too early while either has not got there. */
function evaluateLowerAt(criterion: LowerAtCriterion, runs: Readonly<Record<string, ClaimRun>>): LowerAtFinding {
  const read = readEach(criterion.metric, [criterion.smaller, criterion.larger], runs);
  if ('missing' in read) return { check: 'lower-at', criterion, outcome: 'no-value', verdict: 'not-reproduced' };
  if ('waitingFor' in read) return { check: 'lower-at', criterion, outcome: 'too-early', verdict: 'not-yet', waitingFor: read.waitingFor };
  const [smallerValue, largerValue] = read.values as [Observation, Observation];
  return smallerValue.value < criterion.factor * largerValue.value
    ? { check: 'lower-at', criterion, outcome: 'lower', verdict: 'reproduced', smallerValue, largerValue }
    : { check: 'lower-at', criterion, outcome: 'not-lower', verdict: 'not-reproduced', smallerValue, largerValue };
}

/** Compares the two runs at the criterion's step; too early while either has not got there. */
function evaluateAheadAt(criterion: AheadAtCriterion, runs: Readonly<Record<string, ClaimRun>>): AheadAtFinding {
  const { atStep, margin } = criterion;
  const read = readEach(criterion.metric, [{ presetId: criterion.ahead, atStep }, { presetId: criterion.behind, atStep }], runs);
  if ('missing' in read) return { check: 'ahead-at', criterion, outcome: 'no-value', verdict: 'not-reproduced' };
  if ('waitingFor' in read) return { check: 'ahead-at', criterion, outcome: 'too-early', verdict: 'not-yet', waitingFor: read.waitingFor };
  const [aheadValue, behindValue] = read.values as [Observation, Observation];
  return aheadValue.value - behindValue.value >= margin
    ? { check: 'ahead-at', criterion, outcome: 'ahead', verdict: 'reproduced', aheadValue, behindValue }
    : { check: 'ahead-at', criterion, outcome: 'not-ahead', verdict: 'not-reproduced', aheadValue, behindValue };
}
