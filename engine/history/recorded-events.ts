import type { EvalEvent, StepEvent, TrainingEvent } from '../api/events';
import type { RunRecord } from './run-record';

/**
 * A stored run's events in the order the trainer emitted them, rebuilt from its rows: start, the
 * evaluation at step 0, then per step s: step s, the diagnostics of step s, the network snapshot
 * of step s, the evaluation at step s + 1 (after s + 1 updates); finally end. So an evaluation at
 * step k goes before the step-k event, a diagnostics snapshot right after its step and a network
 * snapshot right after its diagnostics. An evaluation carries its confusion matrix and sample
 * predictions when they were recorded.
 *
 * Exactly what was recorded, with two documented exceptions: fields outside the event contract
 * (events.ts) were not stored, and a run that never recorded an end event (interrupted, or marked
 * failed after its worker crashed) ends without one. No start was recorded (a queued run): [].
 */
export function recordedEvents(run: Omit<RunRecord, 'weights'>): TrainingEvent[] {
  if (run.dataset === null || run.stepsPerEpoch === null || run.totalSteps === null) return [];
  const events: TrainingEvent[] = [
    { type: 'start', runId: run.id, spec: run.spec, engineVersion: run.engineVersion, dataset: run.dataset, stepsPerEpoch: run.stepsPerEpoch, totalSteps: run.totalSteps },
  ];
  const { steps, evals, diagnostics, networkSnapshots } = run;
  const extrasByStep = new Map(run.evalExtras.map((extras) => [extras.step, extras]));
  let s = 0;
  let e = 0;
  let d = 0;
  let n = 0;
  // Merge four step-ordered lists by (step, rank): eval k → (k, 0), step s → (s, 1), diagnostics s → (s, 2), network s → (s, 3).
  for (;;) {
    const candidates: [number, number][] = [];
    if (e < evals.step.length) candidates.push([evals.step[e]!, 0]);
    if (s < steps.step.length) candidates.push([steps.step[s]!, 1]);
    if (d < diagnostics.length) candidates.push([diagnostics[d]!.step, 2]);
    if (n < networkSnapshots.length) candidates.push([networkSnapshots[n]!.step, 3]);
    if (candidates.length === 0) break;
    const [, rank] = candidates.reduce((a, b) => (b[0] < a[0] || (b[0] === a[0] && b[1] < a[1]) ? b : a));
    if (rank === 0) {
      const event: EvalEvent = { type: 'eval', step: evals.step[e]!, epoch: evals.epoch[e]!, train: metrics(evals.trainLoss[e]!, evals.trainAccuracy[e] ?? null) };
      const testLoss = evals.testLoss[e] ?? null;
      if (testLoss !== null) event.test = metrics(testLoss, evals.testAccuracy[e] ?? null);
      const extras = extrasByStep.get(event.step);
      if (extras?.confusion !== undefined) event.confusion = extras.confusion;
      if (extras?.samples !== undefined) event.samples = extras.samples;
      events.push(event);
      e++;
    } else if (rank === 1) {
      const event: StepEvent = { type: 'step', step: steps.step[s]!, epoch: steps.epoch[s]!, loss: steps.loss[s]!, dataLoss: steps.dataLoss[s]! };
      if (steps.elapsedMs !== undefined) event.elapsedMs = steps.elapsedMs[s]!;
      events.push(event);
      s++;
    } else if (rank === 2) {
      const snapshot = diagnostics[d]!;
      events.push({ type: 'diagnostics', step: snapshot.step, epoch: snapshot.epoch, layers: snapshot.layers });
      d++;
    } else {
      events.push({ type: 'network', ...networkSnapshots[n]! });
      n++;
    }
  }
  if (run.endRecorded && run.status !== 'queued' && run.status !== 'running' && run.status !== 'interrupted') {
    events.push({ type: 'end', status: run.status, steps: run.stepsDone, final: run.final, message: run.message, elapsedMs: run.durationMs ?? 0 });
  }
  return events;
}

function metrics(loss: number, accuracy: number | null): { loss: number; accuracy?: number } {
  return accuracy === null ? { loss } : { loss, accuracy };
}
