import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../../engine/api/events';
import type { ClaimDiagnostics, ClaimRun } from '../../../../engine/lab/claims/claim-run';
import { evaluateComparisonCriterion } from '../../../../engine/lab/claims/comparison-criteria';
import { COMPARISON_CLAIMS } from '../../../../engine/lab/claims/comparison-claims';
import { snapshotsNeeded, type RunCriterion } from '../../../../engine/lab/claims/criteria';
import { evaluateRunCriterion } from '../../../../engine/lab/claims/evaluate-criterion';
import { outcomeOf, type RunFinding } from '../../../../engine/lab/claims/findings';
import { BACKPROP_SLIDE_LOSS, GRADIENT_EVEN, L1_ZEROS, SIGMOID_VANISHES, STD001_STALLS, XAVIER_LEARNS, presetCriteria } from '../../../../engine/lab/claims/preset-claims';

/**
 * The criteria as structured findings, without words: which check, its thresholds, the outcome,
 * the verdict and the numbers measured, on hand-made runs.
 */

/** A run with evaluations [step, training loss] and `stepsDone` updates. */
function lossRun(evals: [number, number][], stepsDone = evals.at(-1)?.[0] ?? 0, status: RunStatus = 'completed', extra: Partial<ClaimRun> = {}): ClaimRun {
  return {
    status,
    stepsDone,
    steps: { step: [], dataLoss: [] },
    evals: { step: evals.map((e) => e[0]), trainLoss: evals.map((e) => e[1]), trainAccuracy: evals.map(() => null), testAccuracy: evals.map(() => null) },
    final: null,
    ...extra,
  };
}

function accuracyRun(evals: [number, number, number][], stepsDone: number): ClaimRun {
  return {
    status: 'completed',
    stepsDone,
    steps: { step: [], dataLoss: [] },
    evals: { step: evals.map((e) => e[0]), trainLoss: evals.map(() => 1), trainAccuracy: evals.map((e) => e[1]), testAccuracy: evals.map((e) => e[2]) },
    final: null,
  };
}

function snapshot(step: number, gradNorms: number[], zeroFractions: number[] = gradNorms.map(() => 0)): ClaimDiagnostics {
  const histogram = { edges: [0, 1], counts: [1] };
  return {
    step,
    layers: gradNorms.map((gradNorm, layer) => ({
      layer,
      units: 10,
      activationName: 'relu',
      preactivation: { mean: 0, std: 1, histogram },
      activation: { mean: 0, std: 1, histogram },
      saturatedFraction: 0,
      deadFraction: 0,
      gradNorm,
      gradMeanAbs: gradNorm,
      updateRatio: 0.001,
      weights: { mean: 0, std: 0.1, nearZeroFraction: zeroFractions[layer]!, zeroFraction: zeroFractions[layer]!, histogram },
    })),
  };
}

const flat = (n: number, value: number) => Array.from({ length: n }, () => value);
/** Evaluations every `every` steps up to `end`, with training losses from `from` to `to` linearly. */
const evalsEvery = (every: number, end: number, from: number, to: number): [number, number][] =>
  Array.from({ length: end / every + 1 }, (_, i) => [i * every, from + ((to - from) * i * every) / end]);

describe('a training loss that must stay at chance (std 0.01: at or above 2.2 through step 2,000, the end)', () => {
  it('held once the run reaches its end without learning: reproduced, with the value at the end', () => {
    const finding = evaluateRunCriterion(STD001_STALLS, lossRun(evalsEvery(500, 2000, 2.302, 2.301)));
    expect(finding).toEqual({
      check: 'never',
      criterion: { check: 'never', metric: 'train-loss', direction: 'below', threshold: 2.2, throughStep: 2000, divergenceCounts: true },
      outcome: 'held',
      verdict: 'reproduced',
      last: { step: 2000, value: 2.301 },
    });
  });

  it('crossed at the first evaluation below 2.2: not reproduced, with the step and the value', () => {
    const finding = evaluateRunCriterion(STD001_STALLS, lossRun([[0, 2.3], [469, 2.25], [938, 2.196]], 1000, 'running'));
    expect(finding).toMatchObject({ check: 'never', outcome: 'crossed', verdict: 'not-reproduced', at: { step: 938, value: 2.196 } });
  });

  it('a run stopped early cannot tell yet; a diverged one counts as not learning', () => {
    expect(evaluateRunCriterion(STD001_STALLS, lossRun([[0, 2.302]], 120, 'stopped'))).toMatchObject({
      outcome: 'ended-early',
      verdict: 'not-yet',
      stepsDone: 120,
      status: 'stopped',
      stepsNeeded: 2000,
    });
    expect(evaluateRunCriterion(STD001_STALLS, lossRun([[0, 2.302]], 40, 'diverged', { message: 'NaN' }))).toMatchObject({
      outcome: 'diverged-without-learning',
      verdict: 'reproduced',
      stepsDone: 40,
    });
  });
});

describe('a training loss read at the end (Xavier: below 0.5 at step 2,000)', () => {
  it('met or not met on the value at step 2,000 only', () => {
    expect(evaluateRunCriterion(XAVIER_LEARNS, lossRun([[0, 2.3], [1000, 1], [2000, 0.3]]))).toMatchObject({ check: 'value-at', outcome: 'met', verdict: 'reproduced', at: { step: 2000, value: 0.3 } });
    // Below 0.5 at step 1,000, above it at the end: the end decides.
    expect(evaluateRunCriterion(XAVIER_LEARNS, lossRun([[0, 2.3], [1000, 0.3], [2000, 0.6]]))).toMatchObject({ outcome: 'not-met', verdict: 'not-reproduced', at: { step: 2000, value: 0.6 } });
  });

  it('pending while running (with the latest value), not yet when stopped early, not reproduced when diverged', () => {
    expect(evaluateRunCriterion(XAVIER_LEARNS, lossRun([[0, 2.3], [500, 0.3]], 700, 'running'))).toMatchObject({ outcome: 'pending', verdict: 'not-yet', last: { step: 500, value: 0.3 } });
    expect(evaluateRunCriterion(XAVIER_LEARNS, lossRun([[0, 2.3], [500, 0.3]], 700, 'stopped'))).toMatchObject({ outcome: 'ended-early', verdict: 'not-yet', stepsNeeded: 2000 });
    expect(evaluateRunCriterion(XAVIER_LEARNS, lossRun([[0, 2]], 30, 'diverged', { message: 'the loss became Infinity' }))).toEqual(
      expect.objectContaining({ outcome: 'diverged', verdict: 'not-reproduced', stepsDone: 30, reason: 'the loss became Infinity' }),
    );
    expect(evaluateRunCriterion(XAVIER_LEARNS, lossRun([], 2000))).toMatchObject({ outcome: 'no-value', verdict: 'not-reproduced' });
  });
});

describe('criteria on diagnostics snapshots', () => {
  const sigmoidNorms = [9e-7, 2.9e-6, 1.1e-5, 4.7e-5, 2e-4, 9e-4, 4e-3, 1.6e-2, 6.6e-2, 2.6e-1, 1.0];

  it('gradient-vanishes: the ratio of layer 1 to the last hidden layer', () => {
    const run = lossRun([], 0, 'running', { diagnostics: { first: snapshot(0, sigmoidNorms) } });
    expect(evaluateRunCriterion(SIGMOID_VANISHES, run)).toEqual({
      check: 'gradient-vanishes',
      criterion: { check: 'gradient-vanishes', maxRatio: 0.001 },
      outcome: 'vanishes',
      verdict: 'reproduced',
      step: 0,
      ratio: 9e-7 / 2.6e-1,
      lastHiddenLayer: 10,
    });
    expect(evaluateRunCriterion(SIGMOID_VANISHES, lossRun([], 0, 'running', { diagnostics: { first: snapshot(0, flat(11, 0.5)) } }))).toMatchObject({
      outcome: 'does-not-vanish',
      verdict: 'not-reproduced',
      ratio: 1,
    });
    expect(evaluateRunCriterion(SIGMOID_VANISHES, lossRun([]))).toMatchObject({ outcome: 'no-snapshot', verdict: 'not-yet' });
  });

  it('gradient-even: the spread of the hidden layers; a zero gradient is not finite', () => {
    expect(evaluateRunCriterion(GRADIENT_EVEN, lossRun([], 0, 'running', { diagnostics: { first: snapshot(0, [1, 0.5, 2, 9]) } }))).toMatchObject({
      outcome: 'even',
      verdict: 'reproduced',
      spread: 4,
    });
    expect(evaluateRunCriterion(GRADIENT_EVEN, lossRun([], 0, 'running', { diagnostics: { first: snapshot(0, [0, 1, 1]) } }))).toMatchObject({ outcome: 'not-finite', verdict: 'not-reproduced' });
  });

  it('exact-zeros: judged on the snapshot at the end (step 602, after its update 603): enough or too few; pending before, whatever it shows', () => {
    const at = (step: number, zeros: number) => evaluateRunCriterion(L1_ZEROS, lossRun([], step + 1, 'running', { diagnostics: { last: snapshot(step, [1, 1], [zeros, 0]) } }));
    expect(at(602, 0.12)).toMatchObject({ outcome: 'enough', verdict: 'reproduced', step: 603, zeroFraction: 0.12 });
    expect(at(602, 0.02)).toMatchObject({ outcome: 'too-few', verdict: 'not-reproduced', step: 603, zeroFraction: 0.02 });
    expect(at(150, 0.3)).toMatchObject({ outcome: 'pending', verdict: 'not-yet', step: 151, zeroFraction: 0.3 });
  });
});

describe('the slide’s one update', () => {
  const [backprop] = presetCriteria('backprop-lecture-network') as [RunCriterion];
  const oneUpdate = (before: number, after: number): ClaimRun => ({
    status: 'completed',
    stepsDone: 1,
    steps: { step: [0], dataLoss: [before] },
    evals: { step: [0, 1], trainLoss: [before, after], trainAccuracy: [null, null], testAccuracy: [null, null] },
    final: null,
  });

  it('the slide’s loss before, a smaller one after: reproduced; another start is not the slide', () => {
    expect(evaluateRunCriterion(backprop, oneUpdate(BACKPROP_SLIDE_LOSS, 0.086))).toMatchObject({ outcome: 'error-shrank', verdict: 'reproduced', lossBefore: BACKPROP_SLIDE_LOSS, lossAfter: 0.086 });
    expect(evaluateRunCriterion(backprop, oneUpdate(BACKPROP_SLIDE_LOSS, 0.2))).toMatchObject({ outcome: 'error-did-not-shrink', verdict: 'not-reproduced' });
    expect(evaluateRunCriterion(backprop, oneUpdate(0.5, 0.1))).toMatchObject({ outcome: 'not-the-slide', verdict: 'not-reproduced' });
    expect(evaluateRunCriterion(backprop, oneUpdate(Number.NaN, 0.1))).toMatchObject({ outcome: 'not-the-slide' });
    expect(evaluateRunCriterion(backprop, lossRun([], 0, 'running'))).toMatchObject({ outcome: 'waiting-for-update', verdict: 'not-yet' });
  });
});

describe('comparisons', () => {
  const criteriaOf = (id: string) => COMPARISON_CLAIMS.find((c) => c.id === id)!.criteria;

  it('lower-at: each run read at its own end; too early while either has not got there', () => {
    const [faster] = criteriaOf('init-fastest');
    const runs = { 'init-mnist-he': lossRun([[0, 2.3], [2000, 0.23]]), 'init-mnist-xavier': lossRun([[0, 2.3], [2000, 0.3]]) };
    expect(evaluateComparisonCriterion(faster!, runs)).toMatchObject({
      check: 'lower-at',
      outcome: 'lower',
      verdict: 'reproduced',
      smallerValue: { step: 2000, value: 0.23 },
      largerValue: { step: 2000, value: 0.3 },
    });
    const early = evaluateComparisonCriterion(faster!, { ...runs, 'init-mnist-xavier': lossRun([[0, 2.3], [500, 1.0]], 600, 'running') });
    expect(early).toMatchObject({ outcome: 'too-early', verdict: 'not-yet', waitingFor: ['init-mnist-xavier'] });
    const diverged = evaluateComparisonCriterion(faster!, { ...runs, 'init-mnist-xavier': lossRun([[0, 2.3]], 30, 'diverged') });
    expect(diverged).toMatchObject({ outcome: 'no-value', verdict: 'not-reproduced' });
  });

  it('ahead-at: training accuracies at step 60', () => {
    const [speed] = criteriaOf('overfit-batchnorm-speed');
    const finding = evaluateComparisonCriterion(speed!, { 'overfit-batchnorm': accuracyRun([[60, 0.82, 0.7]], 603), 'overfit-baseline': accuracyRun([[60, 0.56, 0.5]], 603) });
    expect(finding).toMatchObject({ check: 'ahead-at', outcome: 'ahead', verdict: 'reproduced', aheadValue: { step: 60, value: 0.82 }, behindValue: { step: 60, value: 0.56 } });
  });

  it('a preset’s own criterion keeps its finding and verdict', () => {
    const [sigmoid] = criteriaOf('vanishing-gradient-size');
    const finding = evaluateComparisonCriterion(sigmoid!, { 'vanishing-sigmoid': lossRun([]), 'vanishing-relu': lossRun([]) });
    expect(finding).toMatchObject({ check: 'preset', presetId: 'vanishing-sigmoid', verdict: 'not-yet', finding: { check: 'gradient-vanishes', outcome: 'no-snapshot' } });
  });

  it('every criterion reads only runs of its comparison’s presets, and the snapshots needed follow from the criteria', () => {
    for (const claim of COMPARISON_CLAIMS) {
      const read = claim.criteria.flatMap((c) => (c.check === 'preset' ? [c.presetId] : c.check === 'ahead-at' ? [c.ahead, c.behind] : [c.smaller.presetId, c.larger.presetId]));
      expect(claim.presets, claim.id).toEqual(expect.arrayContaining(read));
    }
    expect(COMPARISON_CLAIMS.find((c) => c.id === 'overfit-l1-zeros')!.diagnostics).toEqual({ 'overfit-l1': ['last'], 'overfit-l2': ['last'] });
    expect(snapshotsNeeded(presetCriteria('vanishing-sigmoid'))).toEqual(['first']);
  });
});

describe('combining findings', () => {
  const finding = (verdict: RunFinding['verdict']) => ({ verdict }) as RunFinding;

  it('not reproduced if any is, else not yet if any is, else reproduced; the deciding findings are those of that verdict', () => {
    const mixed = [finding('reproduced'), finding('not-yet'), finding('not-reproduced'), finding('not-yet')];
    expect(outcomeOf(mixed)).toEqual({ verdict: 'not-reproduced', deciding: [mixed[2]] });
    expect(outcomeOf(mixed.filter((f) => f.verdict !== 'not-reproduced')).verdict).toBe('not-yet');
    expect(outcomeOf([finding('reproduced')]).verdict).toBe('reproduced');
  });
});
