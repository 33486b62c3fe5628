import { describe, expect, it } from 'vitest';
import { LabEventSchema, type TrainingEvent } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { SpecError } from '../../../engine/api/spec-error';
import { loadDataset } from '../../../engine/data/load-dataset';
import { Trainer } from '../../../engine/train/trainer';
import { circleSpec, endOf, eventsOf, train } from './run-helpers';

describe('trainer events', () => {
  it('emits start, the initial evaluation, steps, diagnostics, an evaluation per epoch and one end, all valid', () => {
    const { events, trainer } = train(circleSpec());
    for (const event of events) expect(() => LabEventSchema.parse(event)).not.toThrow();
    expect(events[0]!.type).toBe('start');
    expect(events[1]).toMatchObject({ type: 'eval', step: 0, epoch: 0 });
    expect(eventsOf(events, 'end')).toHaveLength(1);
    expect(events[events.length - 1]!.type).toBe('end');

    const start = eventsOf(events, 'start')[0]!;
    expect(start.stepsPerEpoch).toBe(15); // 150 training samples / batch 10
    expect(start.totalSteps).toBe(45);
    expect(start.dataset).toEqual({ name: 'circle', trainSize: 150, testSize: 50, inputSize: 2, numClasses: 2 });
    expect(trainer.stepsDone).toBe(45);

    const steps = eventsOf(events, 'step');
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect(steps.map((s) => s.epoch)).toEqual(Array.from({ length: 45 }, (_, i) => Math.floor(i / 15)));
    expect(eventsOf(events, 'eval').map((e) => [e.step, e.epoch])).toEqual([
      [0, 0],
      [15, 1],
      [30, 2],
      [45, 3],
    ]);
    expect(eventsOf(events, 'diagnostics').map((d) => d.step)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 44]);
    // 2-D inputs: each diagnostics snapshot is followed at once by the network snapshot of the same step.
    expect(eventsOf(events, 'network').map((d) => d.step)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 44]);
    const order = events.map((e) => (e.type === 'step' || e.type === 'diagnostics' || e.type === 'network' ? `${e.type} ${e.step}` : e.type === 'eval' ? `eval ${e.step}` : e.type));
    expect(order.slice(0, 10)).toEqual(['start', 'eval 0', 'step 0', 'diagnostics 0', 'network 0', 'step 1', 'step 2', 'step 3', 'step 4', 'step 5']);
    expect(order.slice(-7)).toEqual(['step 42', 'step 43', 'step 44', 'diagnostics 44', 'network 44', 'eval 45', 'end']);
    const end = endOf(events);
    expect(end).toMatchObject({ status: 'completed', steps: 45, message: null });
    expect(end.final).toEqual({ train: eventsOf(events, 'eval')[3]!.train, test: eventsOf(events, 'eval')[3]!.test });
  });

  it('learns the circle set (loss falls, accuracy rises)', () => {
    const { events } = train(circleSpec({ training: { batchSize: 10, epochs: 20 }, optimizer: { name: 'adam', lr: 0.05 } }));
    const evals = eventsOf(events, 'eval');
    expect(evals[evals.length - 1]!.train.loss).toBeLessThan(evals[0]!.train.loss / 3);
    expect(endOf(events).final!.test!.accuracy).toBeGreaterThan(0.95);
  });

  it('reports loss = data loss + penalty, and the evaluations without the penalty', () => {
    const { events } = train(circleSpec({ regularization: { l2: 0.5 } }));
    const step = eventsOf(events, 'step')[0]!;
    expect(step.loss).toBeGreaterThan(step.dataLoss);
    const plain = train(circleSpec());
    expect(eventsOf(plain.events, 'step')[0]!.dataLoss).toBe(step.dataLoss); // same data, weights and batch before any update
    expect(eventsOf(plain.events, 'step')[0]!.loss).toBe(step.dataLoss);
  });

  it('omits accuracy for regression targets', () => {
    const { events } = train({
      version: 1,
      dataset: { name: 'inline', x: [[0], [1], [2], [3]], y: [[0], [2], [4], [6]] },
      layers: [{ units: 1, activation: 'linear' }],
      optimizer: { name: 'sgd', lr: 0.05 },
      training: { batchSize: 4, epochs: 50 },
    });
    const final = endOf(events).final!;
    expect(final.train.accuracy).toBeUndefined();
    expect(final.test).toBeUndefined();
    expect(final.train.loss).toBeLessThan(0.05);
  });
});

describe('determinism', () => {
  const comparable = (events: TrainingEvent[]) => JSON.stringify(events.map((e) => (e.type === 'end' ? { ...e, elapsedMs: 0 } : e)));

  it('same spec and seed give bit-identical events; another seed gives different ones', () => {
    const spec = circleSpec({ layers: [{ units: 6, activation: 'relu', dropout: 0.2, batchNorm: true }, { units: 2, activation: 'softmax' }] });
    const a = train(spec).events;
    const b = train(spec).events;
    expect(comparable(a)).toBe(comparable(b));
    const c = train({ ...spec, seed: 4 }).events;
    expect(comparable(c)).not.toBe(comparable(a));
  });

  it('runs that differ in one knob share data and initial weights', () => {
    const build = (activation: 'tanh' | 'sigmoid') => {
      const spec = parseRunSpec(circleSpec({ layers: [{ units: 8, activation, init: 'xavier' }, { units: 2, activation: 'softmax' }] }));
      return new Trainer(spec, loadDataset(spec.dataset, spec.seed, {}), { runId: 'x', emit: () => {} });
    };
    const tanh = build('tanh');
    const sigmoid = build('sigmoid');
    expect(sigmoid.dataset.train.x.values).toEqual(tanh.dataset.train.x.values);
    expect(sigmoid.network.blocks[0]!.dense.weights.value).toEqual(tanh.network.blocks[0]!.dense.weights.value);
    expect(sigmoid.network.blocks[1]!.dense.weights.value).toEqual(tanh.network.blocks[1]!.dense.weights.value);
  });

  it('float64 and float32 agree closely but not bit for bit', () => {
    const f32 = endOf(train(circleSpec()).events).final!.train.loss;
    const f64 = endOf(train(circleSpec({ dtype: 'float64' })).events).final!.train.loss;
    expect(f64).not.toBe(f32);
    expect(Math.abs(f64 - f32)).toBeLessThan(1e-4);
  });
});

describe('control and stop rules', () => {
  function trainerFor(spec = circleSpec()) {
    const parsed = parseRunSpec(spec);
    const events: TrainingEvent[] = [];
    const trainer = new Trainer(parsed, loadDataset(parsed.dataset, parsed.seed, {}), { runId: 'x', emit: (e) => events.push(e) });
    return { trainer, events };
  }

  it('advances step by step and stops on request with a final evaluation', () => {
    const { trainer, events } = trainerFor();
    expect(trainer.advance(1)).toBe(1);
    expect(trainer.advance(6)).toBe(6);
    expect(trainer.stepsDone).toBe(7);
    trainer.stop('stopped by the user');
    expect(trainer.done).toBe(true);
    const end = endOf(events);
    expect(end).toMatchObject({ status: 'stopped', steps: 7, message: 'stopped by the user' });
    const lastEval = eventsOf(events, 'eval').at(-1)!;
    expect(lastEval.step).toBe(7);
    expect(end.final!.train).toEqual(lastEval.train);
    expect(trainer.advance(5)).toBe(0);
    trainer.stop();
    expect(eventsOf(events, 'end')).toHaveLength(1);
  });

  it('ends a diverging run as diverged with a message, never emitting a non-finite loss', () => {
    const { events } = train(circleSpec({ layers: [{ units: 8, activation: 'relu' }, { units: 2, activation: 'linear' }], loss: 'mse', optimizer: { name: 'sgd', lr: 1e6 } }));
    const end = endOf(events);
    expect(end.status).toBe('diverged');
    expect(end.message).toMatch(/diverged at step \d+: the loss became (NaN|Infinity)/);
    expect(end.final).toBeNull();
    for (const step of eventsOf(events, 'step')) expect(Number.isFinite(step.loss)).toBe(true);
  });

  it('stops at a target loss', () => {
    const { events } = train(circleSpec({ optimizer: { name: 'adam', lr: 0.05 }, training: { batchSize: 10, epochs: 100, targetLoss: 0.2 } }));
    const end = endOf(events);
    expect(end.status).toBe('completed');
    expect(end.message).toMatch(/reached the target loss 0.2 at step/);
    expect(end.final!.train.loss).toBeLessThanOrEqual(0.2);
    expect(end.steps).toBeLessThan(100 * 15);
  });

  it('stops early when the test loss stops improving', () => {
    const { events } = train(
      circleSpec({
        dataset: { name: 'circle', samples: 60, noise: 0.5, testFraction: 0.5 },
        layers: [{ units: 64, activation: 'relu' }, { units: 2, activation: 'softmax' }],
        optimizer: { name: 'adam', lr: 0.05 },
        training: { batchSize: 10, epochs: 500, earlyStopping: { patience: 5 } },
      }),
    );
    const end = endOf(events);
    expect(end.message).toMatch(/early stopping at step \d+: the test loss has not improved for 5 evaluations/);
    const tests = eventsOf(events, 'eval').map((e) => e.test!.loss);
    const best = Math.min(...tests.slice(0, -5));
    for (const loss of tests.slice(-5)) expect(loss).toBeGreaterThanOrEqual(best);
  });

  it('evaluates every N steps when asked', () => {
    const { events } = train(circleSpec({ training: { batchSize: 10, iterations: 20, evalEvery: 8 } }));
    expect(eventsOf(events, 'eval').map((e) => e.step)).toEqual([0, 8, 16, 20]);
  });

  it('draws batches with replacement when asked', () => {
    const { events } = train(circleSpec({ training: { batchSize: 10, epochs: 2, sampling: 'replacement' } }));
    expect(endOf(events).steps).toBe(30);
  });

  it('skips a trailing batch of one sample under batch norm (it has no batch variance)', () => {
    const spec = parseRunSpec({
      version: 1,
      dataset: { name: 'inline', x: [[0], [1], [2], [3], [4]], y: [0, 1, 0, 1, 0] },
      layers: [{ units: 3, activation: 'relu', batchNorm: true }, { units: 2, activation: 'softmax' }],
      optimizer: { name: 'sgd', lr: 0.1 },
      training: { batchSize: 2, epochs: 1 },
    });
    const trainer = new Trainer(spec, loadDataset(spec.dataset, 0, {}), { runId: 'x', emit: () => {} });
    expect(trainer.stepsPerEpoch).toBe(2);
    const withoutBn = parseRunSpec({ ...spec, layers: [{ units: 3, activation: 'relu' }, { units: 2, activation: 'softmax' }] });
    expect(new Trainer(withoutBn, loadDataset(spec.dataset, 0, {}), { runId: 'x', emit: () => {} }).stepsPerEpoch).toBe(3);
  });

  it('refuses a spec that does not fit its dataset, naming the field', () => {
    const check = (spec: ReturnType<typeof circleSpec>) => {
      const parsed = parseRunSpec(spec);
      try {
        new Trainer(parsed, loadDataset(parsed.dataset, parsed.seed, {}), { runId: 'x', emit: () => {} });
      } catch (error) {
        expect(error).toBeInstanceOf(SpecError);
        return (error as Error).message;
      }
      throw new Error('expected a SpecError');
    };
    expect(check(circleSpec({ layers: [{ units: 3, activation: 'softmax' }] }))).toBe(
      'layers[0].units: the output layer has 3 units but circle has 2 classes (use 2 units, or 1 sigmoid unit)',
    );
    expect(check(circleSpec({ training: { batchSize: 500, epochs: 1 } }))).toBe('training.batchSize: 500 is larger than the 150 training samples');
    expect(check(circleSpec({ layers: [{ units: 2, activation: 'softmax', init: { name: 'values', weights: [[1, 2]] } }] }))).toBe(
      'layers[0].init.weights: has 1 rows, expected 2 (one per input of the layer)',
    );
  });
});

describe('diagnostics', () => {
  it('describes every layer with the contract’s fields and sensible values', () => {
    const { events } = train(circleSpec({ layers: [{ units: 8, activation: 'sigmoid', init: { name: 'normal', std: 4 } }, { units: 2, activation: 'softmax' }] }));
    const first = eventsOf(events, 'diagnostics')[0]!;
    expect(first.layers).toHaveLength(2);
    const layer = first.layers[0]!;
    expect(layer).toMatchObject({ layer: 0, units: 8, activationName: 'sigmoid' });
    expect(layer.sampleSize).toBe(150); // the whole training split (fewer than 256 samples), not the batch of 10
    expect(layer.activation.histogram.counts.reduce((a, b) => a + b, 0)).toBe(150 * 8);
    expect(layer.activation.histogram.edges).toHaveLength(11);
    expect(layer.saturatedFraction).toBeGreaterThan(0.2); // std 4 on inputs of size ~5 saturates sigmoid
    expect(layer.gradNorm).toBeGreaterThan(0);
    expect(layer.updateRatio).toBeGreaterThan(0);
    expect(layer.weights.std).toBeGreaterThan(3);
  });

  it('sees L1 make exact zeros and L2 shrink weights without zeroing them', () => {
    const base = { layers: [{ units: 16, activation: 'relu' as const }, { units: 2, activation: 'softmax' as const }], training: { batchSize: 10, epochs: 20 } };
    const lastWeights = (reg: { l1?: number; l2?: number }) => eventsOf(train(circleSpec({ ...base, regularization: reg })).events, 'diagnostics').at(-1)!.layers[0]!.weights;
    const l1 = lastWeights({ l1: 0.02 });
    const l2 = lastWeights({ l2: 0.05 });
    const none = lastWeights({});
    expect(l1.zeroFraction).toBeGreaterThan(0.3);
    expect(l2.zeroFraction).toBe(0);
    expect(none.zeroFraction).toBe(0);
    expect(l2.std!).toBeLessThan(none.std!);
  });

  it('counts dead ReLU units', () => {
    const deadFraction = (value: number) => {
      const { events } = train({
        version: 1,
        dataset: { name: 'inline', x: [[1, 2], [2, 1], [0.5, 0.5], [3, 1]], y: [0, 1, 0, 1] },
        layers: [{ units: 4, activation: 'relu', init: { name: 'constant', value } }, { units: 2, activation: 'softmax' }],
        optimizer: { name: 'sgd', lr: 0.1 },
        training: { batchSize: 4, iterations: 1 },
      });
      return eventsOf(events, 'diagnostics')[0]!.layers[0]!.deadFraction;
    };
    // all inputs positive: weights and bias −1 give z < 0 for every sample (all units dead), +1 gives z > 0 (none)
    expect(deadFraction(-1)).toBe(1);
    expect(deadFraction(1)).toBe(0);
  });
});
