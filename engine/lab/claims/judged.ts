import type { ClaimVerdictKind, ComparisonFinding, RunFinding } from './findings';
import type { MetricId } from './observations';

/**
 * The number each criterion judges, as plain data: what it is, where it was read, its value and
 * the bound it is held to. What a verdict row shows beside its verdict (the judged number, not
 * another one of the run's), and what `nnlab presets verify` tabulates per seed.
 */

/** What was measured. */
export type JudgedQuantity =
  /** A metric of one run at one step. */
  | { kind: 'metric'; metric: MetricId }
  /** Layer 1's gradient norm over the last hidden layer's (step 0). */
  | { kind: 'gradient-ratio' }
  /** The largest hidden-layer gradient norm over the smallest (step 0). */
  | { kind: 'gradient-spread' }
  /** Layer 1's fraction of weights exactly 0. */
  | { kind: 'layer1-zero-fraction' }
  /** The largest fraction of weights exactly 0 of any layer. */
  | { kind: 'max-zero-fraction' }
  /** The training loss after the slide's one update (held below the loss before it). */
  | { kind: 'loss-after-update' }
  /** `metric` of the first preset's run over the second's (each read at its own step). */
  | { kind: 'metric-ratio'; metric: MetricId; presets: [string, string] }
  /** `metric` of the first preset's run minus the second's, at the same step. */
  | { kind: 'metric-difference'; metric: MetricId; presets: [string, string] };

/** One criterion's judged number. */
export interface JudgedNumber {
  /** The run it was read from (for a comparison's ratio or difference, the first of the two). */
  presetId: string;
  quantity: JudgedQuantity;
  /** The step it was read at (the run's end or a named moment), null until it is read. */
  step: number | null;
  /** The value, null until it is read (or where the run has none). */
  value: number | null;
  /** The run diverged before the value could be read (for a learning that must not happen, that counts as not learning). */
  diverged: boolean;
  /** The bound: 'below' means value < bound is expected, 'above' means value ≥ bound. */
  direction: 'below' | 'above';
  bound: number;
  verdict: ClaimVerdictKind;
}

/** The number a run criterion judges, on `presetId`'s run. */
export function judgedOfRun(presetId: string, finding: RunFinding): JudgedNumber {
  const base = { presetId, verdict: finding.verdict, diverged: false };
  switch (finding.check) {
    case 'value-at': {
      const { metric, direction, threshold, atStep } = finding.criterion;
      const at = finding.outcome === 'met' || finding.outcome === 'not-met' ? finding.at : null;
      return { ...base, quantity: { kind: 'metric', metric }, step: at?.step ?? atStep, value: at?.value ?? null, diverged: finding.outcome === 'diverged', direction, bound: threshold };
    }
    case 'never': {
      const { metric, direction, threshold, throughStep } = finding.criterion;
      // Never below T: the value must stay at least T; never at least T: it must stay below T.
      const held = direction === 'below' ? 'above' : 'below';
      const seen = finding.outcome === 'crossed' ? finding.at : finding.outcome === 'held' ? finding.last : null;
      const diverged = finding.outcome === 'diverged' || finding.outcome === 'diverged-without-learning';
      return { ...base, quantity: { kind: 'metric', metric }, step: seen?.step ?? throughStep, value: seen?.value ?? null, diverged, direction: held, bound: threshold };
    }
    case 'gradient-vanishes': {
      const measured = 'ratio' in finding ? finding.ratio : null;
      return { ...base, quantity: { kind: 'gradient-ratio' }, step: 0, value: measured, direction: 'below', bound: finding.criterion.maxRatio };
    }
    case 'gradient-even': {
      const measured = 'spread' in finding ? finding.spread : null;
      return { ...base, quantity: { kind: 'gradient-spread' }, step: 0, value: measured, direction: 'below', bound: finding.criterion.maxSpread };
    }
    case 'exact-zeros': {
      const read = finding.outcome === 'enough' || finding.outcome === 'too-few';
      return { ...base, quantity: { kind: 'layer1-zero-fraction' }, step: finding.criterion.atStep, value: read ? finding.zeroFraction : null, direction: 'above', bound: finding.criterion.fraction };
    }
    case 'few-zeros': {
      const read = finding.outcome === 'few' || finding.outcome === 'too-many';
      // At most `fraction`: below the bound or equal to it (a fraction is never just above it by rounding).
      return { ...base, quantity: { kind: 'max-zero-fraction' }, step: finding.criterion.atStep, value: read ? finding.zeroFraction : null, direction: 'below', bound: finding.criterion.fraction };
    }
    case 'backprop-update': {
      const read = 'lossAfter' in finding;
      return { ...base, quantity: { kind: 'loss-after-update' }, step: 1, value: read ? finding.lossAfter : null, direction: 'below', bound: read ? finding.lossBefore : finding.criterion.slideLoss };
    }
  }
}

/** The number a comparison's criterion judges. */
export function judgedOfComparison(finding: ComparisonFinding): JudgedNumber | null {
  switch (finding.check) {
    case 'preset':
      return judgedOfRun(finding.presetId, finding.finding);
    case 'runs-missing':
      return null;
    case 'lower-at': {
      const { metric, smaller, larger, factor } = finding.criterion;
      const read = finding.outcome === 'lower' || finding.outcome === 'not-lower';
      return {
        presetId: smaller.presetId,
        quantity: { kind: 'metric-ratio', metric, presets: [smaller.presetId, larger.presetId] },
        step: smaller.atStep,
        value: read ? finding.smallerValue.value / finding.largerValue.value : null,
        diverged: false,
        direction: 'below',
        bound: factor,
        verdict: finding.verdict,
      };
    }
    case 'ahead-at': {
      const { metric, ahead, behind, atStep, margin } = finding.criterion;
      const read = finding.outcome === 'ahead' || finding.outcome === 'not-ahead';
      return {
        presetId: ahead,
        quantity: { kind: 'metric-difference', metric, presets: [ahead, behind] },
        step: atStep,
        value: read ? finding.aheadValue.value - finding.behindValue.value : null,
        diverged: false,
        direction: 'above',
        bound: margin,
        verdict: finding.verdict,
      };
    }
  }
}
