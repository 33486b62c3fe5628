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
  const steps: ClaimRun['steps'] = { step: [], dataLoss: [] };
  const evals: ClaimRun['evals'] = { step: [], trainLoss: [], trainAccuracy: [], testAccuracy: [] };
  let status: RunStatus = 'queued';
  let stepsDone = 0;
  let final: ClaimRun['final'] = null;
  let message: string | null = null;
  let spec: RunSpec | undefined;
  let first: ClaimDiagnostics | null = null;
  let last: ClaimDiagnostics | null = null;
  for (const event of events) {
    switch (event.type) {
      case 'start':
        status = 'running';
        spec = event.spec as RunSpec;
        break;
      case 'step':
        steps.step.push(event.step);
        steps.dataLoss.push(event.dataLoss);
        stepsDone = Math.max(stepsDone, event.step + 1);
        break;
      case 'eval':
        evals.step.push(event.step);
        evals.trainLoss.push(event.train.loss);
        evals.trainAccuracy.push(event.train.accuracy ?? null);
        evals.testAccuracy.push(event.test?.accuracy ?? null);
        final = { train: event.train, ...(event.test ? { test: event.test } : {}) };
        stepsDone = Math.max(stepsDone, event.step);
        break;
      case 'diagnostics':
        first ??= event;
        last = event;
        break;
      case 'end':
        status = event.status;
        stepsDone = event.steps;
        final = event.final;
        message = event.message;
        break;
      default:
        break;
    }
  }
  return { status, stepsDone, steps, evals, final, message, ...(spec ? { spec } : {}), diagnostics: { first, last } };
}
