import type { EndStatus, LayerDiagnostics, TrainingEvent } from '../../api/events';
import type { RunSpec } from '../../api/run-spec';
import { SUSTAINED_SNAPSHOTS } from './thresholds';

/**
 * What the training doctor reads of a run, kept small: the spec, every step's data loss, the
 * evaluations, the latest few diagnostics snapshots reduced to the numbers the criteria use, the
 * first non-finite gradient, and the end. A DoctorRecorder builds it from the run's events as they
 * come (the service during a run, the page from what it is pushed, a replay as it plays).
 */

/** A layer's numbers in one diagnostics snapshot (0-based `layer`; the last layer is the output layer). */
export type DoctorLayer = Pick<LayerDiagnostics, 'layer' | 'units' | 'activationName' | 'gradNorm' | 'updateRatio' | 'deadFraction' | 'saturatedFraction'>;

/** One diagnostics snapshot, reduced. */
export interface DoctorSnapshot {
  step: number;
  layers: DoctorLayer[];
}

export interface DoctorRun {
  /** The parsed spec from the start event (null before it). */
  spec: RunSpec | null;
  /** Batch data losses by step, in step order (possibly thinned: a live view gets a share of the steps). */
  steps: { step: number[]; dataLoss: number[] };
  /** Evaluations in step order; null where the run has no test split or no accuracy. */
  evals: { step: number[]; trainLoss: number[]; testLoss: (number | null)[]; trainAccuracy: (number | null)[]; testAccuracy: (number | null)[] };
  /** The latest diagnostics snapshots, oldest first (at most SUSTAINED_SNAPSHOTS). */
  recentSnapshots: DoctorSnapshot[];
  /** The first snapshot where some layer's gradient norm was NaN or infinite. */
  nonFiniteGradient: { step: number; layer: number } | null;
  end: { status: EndStatus; steps: number; message: string | null } | null;
}

/** An empty DoctorRun (no event yet). */
export function emptyDoctorRun(): DoctorRun {
  return {
    spec: null,
    steps: { step: [], dataLoss: [] },
    evals: { step: [], trainLoss: [], testLoss: [], trainAccuracy: [], testAccuracy: [] },
    recentSnapshots: [],
    nonFiniteGradient: null,
    end: null,
  };
}

/**
 * Accumulates a run's events into a DoctorRun, in order. Out-of-order events are tolerated as the
 * live view's series tolerate them: a step or snapshot at or before the last one is ignored, an
 * evaluation at the same step as the last replaces it (a stop re-evaluates). Memory grows with the
 * steps (two numbers each) and the evaluations, not with the diagnostics.
 */
export class DoctorRecorder {
  #run: DoctorRun = emptyDoctorRun();

  /** Adds events; with `reset`, forgets everything first (a replay seek sends the run from its start). */
  push(events: readonly TrainingEvent[], reset = false): void {
    if (reset) this.reset();
    for (const event of events) this.#add(event);
  }

  reset(): void {
    this.#run = emptyDoctorRun();
  }

  /** The run so far (the recorder's own arrays: read, don't keep across pushes). */
  get run(): DoctorRun {
    return this.#run;
  }

  #add(event: TrainingEvent): void {
    const run = this.#run;
    switch (event.type) {
      case 'start':
        run.spec = event.spec as RunSpec;
        break;
      case 'step': {
        const last = run.steps.step.at(-1);
        if (last !== undefined && event.step <= last) return;
        run.steps.step.push(event.step);
        run.steps.dataLoss.push(event.dataLoss);
        break;
      }
      case 'eval': {
        const evals = run.evals;
        const last = evals.step.at(-1);
        if (last !== undefined && event.step < last) return;
        const i = last === event.step ? evals.step.length - 1 : evals.step.length;
        evals.step[i] = event.step;
        evals.trainLoss[i] = event.train.loss;
        evals.testLoss[i] = event.test?.loss ?? null;
        evals.trainAccuracy[i] = event.train.accuracy ?? null;
        evals.testAccuracy[i] = event.test?.accuracy ?? null;
        break;
      }
      case 'diagnostics': {
        const last = run.recentSnapshots.at(-1);
        if (last !== undefined && event.step <= last.step) return;
        const layers = event.layers.map(({ layer, units, activationName, gradNorm, updateRatio, deadFraction, saturatedFraction }) => ({
          layer,
          units,
          activationName,
          gradNorm,
          updateRatio,
          deadFraction,
          saturatedFraction,
        }));
        run.recentSnapshots.push({ step: event.step, layers });
        if (run.recentSnapshots.length > SUSTAINED_SNAPSHOTS) run.recentSnapshots.shift();
        if (run.nonFiniteGradient === null) {
          const blown = layers.find((l) => l.gradNorm === null || !Number.isFinite(l.gradNorm));
          if (blown) run.nonFiniteGradient = { step: event.step, layer: blown.layer };
        }
        break;
      }
      case 'end':
        run.end = { status: event.status, steps: event.steps, message: event.message };
        break;
      default:
        break;
    }
  }
}

/** A DoctorRun from a whole list of events (a stored run, a test). */
export function doctorRunFromEvents(events: readonly TrainingEvent[]): DoctorRun {
  const recorder = new DoctorRecorder();
  recorder.push(events);
  return recorder.run;
}
