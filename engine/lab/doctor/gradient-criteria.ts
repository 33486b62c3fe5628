import type { DoctorFinding } from '../../api/doctor-findings';
import type { DoctorLayer, DoctorRun, DoctorSnapshot } from './doctor-run';
import type { LossTrend } from './loss-trend';
import { DEAD_FRACTION, EXPLODING_RATIO, LOSS_BLOW_UP_FACTOR, SATURATED_FRACTION, SATURATION_STALLED_LOSS, SUSTAINED_SNAPSHOTS, VANISHING_RATIO } from './thresholds';

/**
 * The criteria on how gradients flow, over the latest diagnostics snapshots: vanishing, exploding
 * (or divergence), saturated sigmoid/tanh units, dead ReLUs. Each returns a finding without its
 * remedy (diagnose.ts chooses that, knowing every finding), or null.
 */

/** A finding before its remedy is chosen. */
export type Observed = Omit<DoctorFinding, 'remedy'>;

/** Activations whose flat parts saturate. */
const SATURATING = new Set(['sigmoid', 'tanh']);

/** The last SUSTAINED_SNAPSHOTS snapshots, or null while there are fewer. */
export function sustainedSnapshots(run: DoctorRun): DoctorSnapshot[] | null {
  return run.recentSnapshots.length >= SUSTAINED_SNAPSHOTS ? run.recentSnapshots.slice(-SUSTAINED_SNAPSHOTS) : null;
}

/** Layer 1's gradient norm over the last layer's, when both are positive finite numbers. */
function firstOverLast(snapshot: DoctorSnapshot): { ratio: number; first: number; last: DoctorLayer & { gradNorm: number } } | null {
  const layers = [...snapshot.layers].sort((a, b) => a.layer - b.layer);
  if (layers.length < 2) return null;
  const first = layers[0]!.gradNorm;
  const last = layers[layers.length - 1]!;
  // A gradient of exactly 0 is a dead layer (dead-relu tells it), not a small one.
  if (first === null || last.gradNorm === null || !(first > 0) || !(last.gradNorm > 0) || !Number.isFinite(first) || !Number.isFinite(last.gradNorm)) return null;
  return { ratio: first / last.gradNorm, first, last: { ...last, gradNorm: last.gradNorm } };
}

function gradientRatio(run: DoctorRun, code: 'vanishing-gradient' | 'exploding-gradient', holds: (ratio: number) => boolean, threshold: number): Observed | null {
  const snapshots = sustainedSnapshots(run);
  if (snapshots === null) return null;
  const ratios = snapshots.map(firstOverLast);
  if (ratios.some((r) => r === null || !holds(r.ratio))) return null;
  const latest = ratios[ratios.length - 1]!;
  return {
    code,
    layer: 0,
    step: snapshots[snapshots.length - 1]!.step,
    evidence: {
      measure: 'gradient-ratio',
      ratio: latest.ratio,
      gradNorm: latest.first,
      referenceLayer: latest.last.layer,
      referenceGradNorm: latest.last.gradNorm,
      threshold,
      snapshots: snapshots.length,
    },
  };
}

/** Layer 1's gradient is below VANISHING_RATIO of the last layer's in each of the last snapshots. */
export function vanishingGradient(run: DoctorRun): Observed | null {
  return gradientRatio(run, 'vanishing-gradient', (ratio) => ratio < VANISHING_RATIO, VANISHING_RATIO);
}

/**
 * The run diverged; else the loss blew up to LOSS_BLOW_UP_FACTOR times the initial loss; else a
 * gradient norm became NaN or infinite; else layer 1's gradient is EXPLODING_RATIO times
 * the last layer's in each of the last snapshots. The first of these that holds.
 */
export function explodingGradient(run: DoctorRun, trend: LossTrend | null): Observed | null {
  if (run.end?.status === 'diverged') return { code: 'exploding-gradient', step: run.end.steps, evidence: { measure: 'divergence', message: run.end.message } };
  if (trend && trend.initialLoss > 0 && trend.peak.loss >= LOSS_BLOW_UP_FACTOR * trend.initialLoss) {
    return {
      code: 'exploding-gradient',
      step: trend.peak.step,
      evidence: { measure: 'loss-blow-up', initialLoss: trend.initialLoss, peakLoss: trend.peak.loss, threshold: LOSS_BLOW_UP_FACTOR },
    };
  }
  if (run.nonFiniteGradient) {
    return { code: 'exploding-gradient', layer: run.nonFiniteGradient.layer, step: run.nonFiniteGradient.step, evidence: { measure: 'non-finite-gradient' } };
  }
  return gradientRatio(run, 'exploding-gradient', (ratio) => ratio >= EXPLODING_RATIO, EXPLODING_RATIO);
}

/**
 * Hidden layers of `activations` whose `fraction` is at least `threshold` in each of the last
 * snapshots, the worst (in the latest snapshot) first; ties go to the earlier layer.
 */
function sustainedLayers(snapshots: DoctorSnapshot[], accepts: (layer: DoctorLayer) => boolean, fraction: (layer: DoctorLayer) => number, threshold: number): DoctorLayer[] {
  const latest = snapshots[snapshots.length - 1]!;
  const outputLayer = Math.max(...latest.layers.map((l) => l.layer));
  const hits = latest.layers.filter(
    (layer) =>
      layer.layer !== outputLayer &&
      accepts(layer) &&
      snapshots.every((snapshot) => {
        const same = snapshot.layers.find((l) => l.layer === layer.layer);
        return same !== undefined && fraction(same) >= threshold;
      }),
  );
  return hits.sort((a, b) => fraction(b) - fraction(a) || a.layer - b.layer);
}

/**
 * A hidden sigmoid/tanh layer has SATURATED_FRACTION of its values in the flat parts in each of the
 * last snapshots, while the loss is still above SATURATION_STALLED_LOSS of the initial loss.
 */
export function saturation(run: DoctorRun, trend: LossTrend | null): Observed | null {
  const snapshots = sustainedSnapshots(run);
  if (snapshots === null || trend === null) return null;
  if (trend.recent.loss < SATURATION_STALLED_LOSS * trend.initialLoss) return null;
  const layers = sustainedLayers(snapshots, (l) => SATURATING.has(l.activationName), (l) => l.saturatedFraction, SATURATED_FRACTION);
  const worst = layers[0];
  if (worst === undefined) return null;
  return {
    code: 'saturation',
    layer: worst.layer,
    step: snapshots[snapshots.length - 1]!.step,
    evidence: {
      measure: 'saturated-fraction',
      fraction: worst.saturatedFraction,
      layers: layers.length,
      initialLoss: trend.initialLoss,
      recentLoss: trend.recent.loss,
      threshold: SATURATED_FRACTION,
      snapshots: snapshots.length,
    },
  };
}

/** A hidden ReLU layer has DEAD_FRACTION of its units dead in each of the last snapshots. */
export function deadRelu(run: DoctorRun): Observed | null {
  const snapshots = sustainedSnapshots(run);
  if (snapshots === null) return null;
  const layers = sustainedLayers(snapshots, (l) => l.activationName === 'relu', (l) => l.deadFraction, DEAD_FRACTION);
  const worst = layers[0];
  if (worst === undefined) return null;
  return {
    code: 'dead-relu',
    layer: worst.layer,
    step: snapshots[snapshots.length - 1]!.step,
    evidence: { measure: 'dead-fraction', fraction: worst.deadFraction, layers: layers.length, threshold: DEAD_FRACTION, snapshots: snapshots.length },
  };
}
