import type { TrainingEvent } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunSpec, RunSpecInput } from '../../../engine/api/run-spec';
import { loadDataset } from '../../../engine/data/load-dataset';
import { nodeDataSources } from '../../../engine/data/node-mnist';
import { Trainer } from '../../../engine/train/trainer';

/** A small, fast spec: the circle set, a 2-8-2 tanh network, SGD. */
export function circleSpec(overrides: Partial<RunSpecInput> = {}): RunSpecInput {
  return {
    version: 1,
    seed: 3,
    dataset: { name: 'circle', samples: 200, noise: 0.05, testFraction: 0.25 },
    layers: [
      { units: 8, activation: 'tanh' },
      { units: 2, activation: 'softmax' },
    ],
    optimizer: { name: 'sgd', lr: 0.1 },
    training: { batchSize: 10, epochs: 3 },
    diagnostics: { every: 5, bins: 10 },
    ...overrides,
  };
}

/** Trains a spec to the end; returns its events and the trainer (for its network). */
export function train(input: RunSpecInput | RunSpec): { events: TrainingEvent[]; trainer: Trainer } {
  const spec = parseRunSpec(input);
  const events: TrainingEvent[] = [];
  const trainer = new Trainer(spec, loadDataset(spec.dataset, spec.seed, nodeDataSources()), { runId: 'test', emit: (e) => events.push(e), now: () => 0 });
  trainer.runToEnd();
  return { events, trainer };
}

/** Events of one type. */
export function eventsOf<T extends TrainingEvent['type']>(events: TrainingEvent[], type: T): Extract<TrainingEvent, { type: T }>[] {
  return events.filter((e): e is Extract<TrainingEvent, { type: T }> => e.type === type);
}

/** The run's end event. */
export function endOf(events: TrainingEvent[]): Extract<TrainingEvent, { type: 'end' }> {
  const end = events[events.length - 1];
  if (end?.type !== 'end') throw new Error('the run has no end event');
  return end;
}
