import type { DiagnosticsEvent, RunStatus, TrainingEvent } from '../../api/events';
import type { RunSpec } from '../../api/run-spec';
import type { EvalSeries, RunDetail, StepSeries } from '../../api/runs';

/** A diagnostics snapshot (LabApi getDiagnostics); only its step and layers are read. */
export type ClaimDiagnostics = Pick<DiagnosticsEvent, 'step' | 'layers'>;

/**
 * What a check reads of a run: the fields of a RunDetail (a RunDetail itself will do), plus the
 * diagnostics snapshots `diagnosticsNeeded` names — the first (step 0: gradients per layer) and
 * the latest (weights at the end: exact zeros).
 */
export interface ClaimRun {
  status: RunStatus;
  /** Updates done. */
  stepsDone: number;
  steps: Pick<StepSeries, 'step' | 'dataLoss'>;
  evals: Pick<EvalSeries, 'step' | 'trainLoss' | 'trainAccuracy' | 'testAccuracy'>;
  final: RunDetail['final'];
  /** Why the run ended (a divergence's message). */
  message?: string | null;
  /** When given, the fields where it differs from the preset are named in a not-reproduced message. */
  spec?: RunSpec;
  diagnostics?: { first?: ClaimDiagnostics | null; last?: ClaimDiagnostics | null };
}

/** The snapshots a check needs: 'first' = diagnosticsSteps[0], 'last' = the latest of diagnosticsSteps. */
export type DiagnosticsNeed = 'first' | 'last';

/**
 * A ClaimRun from a run's events in order (a live run in the training view, a replay, a test):
 * its steps, evaluations, end, spec (from start) and first and latest diagnostics snapshots.
 */
export function claimRunFromEvents(events: readonly TrainingEvent[]): ClaimRun {
  const collector = new ClaimRunCollector();
  for (const event of events) collector.add(event);
  return collector.run();
}

/**
 * Builds a ClaimRun from a run's events as they come, keeping only what the checks read (not every
 * diagnostics snapshot): for a caller that hears a long run's stream, such as `nnlab presets verify`.
 */
export class ClaimRunCollector {
  private readonly steps: ClaimRun['steps'] = { step: [], dataLoss: [] };
  private readonly evals: ClaimRun['evals'] = { step: [], trainLoss: [], trainAccuracy: [], testAccuracy: [] };
  private status: RunStatus = 'queued';
  private stepsDone = 0;
  private final: ClaimRun['final'] = null;
  private message: string | null = null;
  private spec: RunSpec | undefined;
  private first: ClaimDiagnostics | null = null;
  private last: ClaimDiagnostics | null = null;

  /** Takes the run's next event. */
  add(event: TrainingEvent): void {
    switch (event.type) {
      case 'start':
        this.status = 'running';
        this.spec = event.spec as RunSpec;
        break;
      case 'step':
        this.steps.step.push(event.step);
        this.steps.dataLoss.push(event.dataLoss);
        this.stepsDone = Math.max(this.stepsDone, event.step + 1);
        break;
      case 'eval':
        this.evals.step.push(event.step);
        this.evals.trainLoss.push(event.train.loss);
        this.evals.trainAccuracy.push(event.train.accuracy ?? null);
        this.evals.testAccuracy.push(event.test?.accuracy ?? null);
        this.final = { train: event.train, ...(event.test ? { test: event.test } : {}) };
        this.stepsDone = Math.max(this.stepsDone, event.step);
        break;
      case 'diagnostics': {
        const snapshot = { step: event.step, layers: event.layers };
        this.first ??= snapshot;
        this.last = snapshot;
        break;
      }
      case 'end':
        this.status = event.status;
        this.stepsDone = event.steps;
        this.final = event.final;
        this.message = event.message;
        break;
      default:
        break;
    }
  }

  /** The run as the events so far tell it. */
  run(): ClaimRun {
    const { status, stepsDone, steps, evals, final, message, spec, first, last } = this;
    return { status, stepsDone, steps, evals, final, message, ...(spec ? { spec } : {}), diagnostics: { first, last } };
  }
}
