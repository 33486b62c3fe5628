import type { DiagnosticsEvent, EvalEvent, LayerDiagnostics, TrainingEvent } from '../api/events';
import { startWithoutInlinePoints } from '../api/pushed-start';
import { StreamThinning } from './stream-thinning';

/** How much of a batch of one run's events the UI gets (see DisplayBatch). */
export interface DisplayLimits {
  /** At most this many step events per batch (evenly spaced, the last one always kept). */
  maxSteps: number;
  /** At most this many diagnostics events per batch (same thinning); only the last keeps its histograms. */
  maxDiagnostics: number;
  /** At most this many evaluations per batch (same thinning). */
  maxEvals: number;
}

/**
 * A diagnostics event as forwarded when a newer one follows it in the same batch: every per-layer
 * number (gradient norm, saturated and dead fractions, means, stds…) under the contract's names,
 * the histograms empty. `summary: true` (an extra field) says they were left out, not empty.
 */
export type DiagnosticsSummary = DiagnosticsEvent & { summary: true };

/**
 * What the UI needs of one batch of a run's events, collected as they arrive. The live view draws
 * series (batch loss, evaluations, per-layer gradient norm, saturated and dead fractions) and the
 * *latest* snapshot of everything else (histograms, the network's decision boundary and neuron
 * pictures, the confusion matrix, the digit predictions). So a batch keeps, in order:
 * - start (a file's points left out of its spec: engine/api/pushed-start.ts) and end;
 * - steps, evaluations and diagnostics thinned to the limits (a chart is a few hundred pixels
 *   wide; only a tiny network evaluating every few steps makes more evaluations than the limit);
 * - the confusion matrix and sample predictions only with the batch's last evaluation that has
 *   them (they are snapshots);
 * - full histograms only in the batch's last diagnostics event, earlier ones as DiagnosticsSummary;
 * - only the last network snapshot.
 * The snapshots are most of the bytes (a 2-D run's network snapshot is ~50 kB of JSON, a
 * diagnostics event ~8 kB, its summary under 2 kB); the database keeps every event in full.
 * What will not be forwarded is let go as soon as that is known rather than at take(): held for
 * the whole interval, a fast 2-D run's ~10,000 steps and ~200 network snapshots (thousands of
 * numbers each) would outlive the young generation and cost the main thread garbage collection.
 * Summaries and evaluations without their snapshots are made at take(), for the chosen ones only.
 */
export class DisplayBatch {
  /** The batch in arrival order; null where an event was let go. */
  private events: (TrainingEvent | null)[] = [];
  private lastNetwork = -1;
  private lastDiagnostics = -1;
  private lastConfusion = -1;
  private lastSamples = -1;
  private steps: StreamThinning;
  private evals: StreamThinning;
  private diagnostics: StreamThinning;

  constructor(private readonly limits: DisplayLimits) {
    this.steps = this.thinning(limits.maxSteps);
    this.evals = this.thinning(limits.maxEvals);
    this.diagnostics = this.thinning(limits.maxDiagnostics);
  }

  get size(): number {
    return this.events.length;
  }

  add(event: TrainingEvent): void {
    const index = this.events.length;
    this.events.push(event);
    switch (event.type) {
      case 'start':
        this.events[index] = startWithoutInlinePoints(event);
        break;
      case 'step':
        this.steps.add(index);
        break;
      case 'network':
        if (this.lastNetwork >= 0) this.events[this.lastNetwork] = null;
        this.lastNetwork = index;
        break;
      case 'diagnostics':
        this.diagnostics.add(index);
        this.lastDiagnostics = index;
        break;
      case 'eval':
        this.evals.add(index);
        if (event.confusion !== undefined) this.lastConfusion = index;
        if (event.samples !== undefined) this.lastSamples = index;
        break;
    }
  }

  /**
   * The batch as the UI gets it (in order), and a fresh start. With `holdNetwork`, the network
   * snapshot is left out and returned beside the batch, for the caller to send later.
   */
  take(holdNetwork = false): TrainingEvent[] {
    return this.takeHolding(holdNetwork).shown;
  }

  /** take(), also returning the network snapshot it held back (null when none was, or none came). */
  takeHolding(holdNetwork: boolean): { shown: TrainingEvent[]; held: TrainingEvent | null } {
    const { events, lastDiagnostics, lastConfusion, lastSamples, lastNetwork } = this;
    const held = holdNetwork && lastNetwork >= 0 ? events[lastNetwork]! : null;
    if (held) events[lastNetwork] = null;
    // The evaluations carrying the latest confusion matrix and predictions go too, thinned out or not.
    const chosen = new Set([...this.steps.chosen(), ...this.evals.chosen(), ...this.diagnostics.chosen(), lastConfusion, lastSamples]);
    this.events = [];
    this.lastNetwork = this.lastDiagnostics = this.lastConfusion = this.lastSamples = -1;
    this.steps = this.thinning(this.limits.maxSteps);
    this.evals = this.thinning(this.limits.maxEvals);
    this.diagnostics = this.thinning(this.limits.maxDiagnostics);
    const shown: TrainingEvent[] = [];
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      if (event === null || event === undefined) continue;
      if (event.type === 'step') {
        if (chosen.has(i)) shown.push(event);
      } else if (event.type === 'diagnostics') {
        if (chosen.has(i)) shown.push(i === lastDiagnostics ? event : diagnosticsSummary(event));
      } else if (event.type === 'eval') {
        if (chosen.has(i)) shown.push(withoutStaleSnapshots(event, i === lastConfusion, i === lastSamples));
      } else shown.push(event);
    }
    return { shown, held };
  }

  private thinning(max: number): StreamThinning {
    return new StreamThinning(max, (position) => {
      if (position !== this.lastConfusion && position !== this.lastSamples) this.events[position] = null;
    });
  }

}

/** The evaluation without the confusion matrix and predictions that a later one replaces. */
function withoutStaleSnapshots(event: EvalEvent, latestConfusion: boolean, latestSamples: boolean): EvalEvent {
  const dropConfusion = event.confusion !== undefined && !latestConfusion;
  const dropSamples = event.samples !== undefined && !latestSamples;
  if (!dropConfusion && !dropSamples) return event;
  // Rebuilt rather than copied and `delete`d: deleting turns an object into a slow dictionary.
  const { confusion, samples, ...rest } = event;
  const copy: EvalEvent = rest;
  if (!dropConfusion && confusion !== undefined) copy.confusion = confusion;
  if (!dropSamples && samples !== undefined) copy.samples = samples;
  return copy;
}

/** One batch's events as the UI gets them (see DisplayBatch). */
export function displayBatch(events: readonly TrainingEvent[], limits: DisplayLimits): TrainingEvent[] {
  const batch = new DisplayBatch(limits);
  for (const event of events) batch.add(event);
  return batch.take();
}

/** The event's numbers without its histograms. */
export function diagnosticsSummary(event: DiagnosticsEvent): DiagnosticsSummary {
  return { type: 'diagnostics', step: event.step, epoch: event.epoch, layers: event.layers.map(layerSummary), summary: true };
}

function layerSummary(layer: LayerDiagnostics): LayerDiagnostics {
  const { preactivation, activation, weights } = layer;
  return {
    ...layer,
    preactivation: { mean: preactivation.mean, std: preactivation.std, histogram: noHistogram() },
    activation: { mean: activation.mean, std: activation.std, histogram: noHistogram() },
    weights: { mean: weights.mean, std: weights.std, nearZeroFraction: weights.nearZeroFraction, zeroFraction: weights.zeroFraction, histogram: noHistogram() },
  };
}

/** A fresh object each time: the UI may keep and mutate what it receives. */
function noHistogram(): { edges: number[]; counts: number[] } {
  return { edges: [], counts: [] };
}
