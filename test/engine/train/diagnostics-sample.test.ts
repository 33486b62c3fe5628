import { describe, expect, it } from 'vitest';
import type { DiagnosticsEvent, TrainingEvent } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { loadDataset } from '../../../engine/data/load-dataset';
import type { InputMatrix } from '../../../engine/data/types';
import type { Network } from '../../../engine/nn/network';
import { DIAGNOSTICS_SAMPLE_SIZE, diagnosticsSampleRows } from '../../../engine/train/diagnostics';
import { Trainer } from '../../../engine/train/trainer';
import { eventsOf, train } from './run-helpers';

/**
 * The 2-D presets' shape (the builder's first screen: circle, 500 points, half of them for
 * training, batch 10) with two ReLU layers of 8 units. At lr 1 the second layer loses units: over
 * the whole training set 3 of its 8 are dead at step 25, 4 at step 50, 3 again from step 75.
 */
function circleRelu(overrides: Partial<RunSpecInput> = {}): RunSpecInput {
  return {
    version: 1,
    seed: 1,
    dataset: { name: 'circle', samples: 500, noise: 0.1, testFraction: 0.5 },
    layers: [
      { units: 8, activation: 'relu' },
      { units: 8, activation: 'relu' },
      { units: 2, activation: 'softmax' },
    ],
    optimizer: { name: 'sgd', lr: 1 },
    training: { batchSize: 10, epochs: 5 },
    diagnostics: { every: 25, bins: 30 },
    ...overrides,
  };
}

function trainerFor(input: RunSpecInput) {
  const spec = parseRunSpec(input);
  const events: TrainingEvent[] = [];
  const trainer = new Trainer(spec, loadDataset(spec.dataset, spec.seed, {}), { runId: 'test', emit: (e) => events.push(e), now: () => 0 });
  return { trainer, events };
}

/**
 * Pre-activations of every hidden layer over all rows of `x`, computed here in float64 from the
 * network's current weights (dense → ReLU or tanh, no batch norm, no dropout): the test's own
 * forward pass, not the engine's.
 */
function wholeSetPreactivations(network: Network, x: InputMatrix): number[][][] {
  let rows: number[][] = Array.from({ length: x.rows }, (_, r) => Array.from({ length: x.cols }, (_, c) => x.values[r * x.cols + c]! * x.scale));
  const layers: number[][][] = [];
  for (const block of network.blocks.slice(0, -1)) {
    const { units } = block.spec;
    const w = block.dense.weights.value;
    const b = block.dense.bias.value;
    const z = rows.map((input) => Array.from({ length: units }, (_, u) => input.reduce((sum, v, i) => sum + v * w[i * units + u]!, b[u]!)));
    layers.push(z);
    rows = z.map((zr) => zr.map((v) => (block.spec.activation === 'relu' ? Math.max(0, v) : Math.tanh(v))));
  }
  return layers;
}

/** Share of units whose pre-activation is ≤ 0 on every row (ReLU passes them no gradient). */
function deadReluFraction(z: number[][]): number {
  const units = z[0]!.length;
  let dead = 0;
  for (let u = 0; u < units; u++) if (z.every((row) => row[u]! <= 0)) dead++;
  return dead / units;
}

const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
const activationFigures = (d: DiagnosticsEvent) => d.layers.map(({ sampleSize, preactivation, activation, saturatedFraction, deadFraction }) => ({ sampleSize, preactivation, activation, saturatedFraction, deadFraction }));

describe('the diagnostics sample', () => {
  it('is the whole training split up to 256 rows, else 256 distinct rows drawn once from the seed', () => {
    expect(Array.from(diagnosticsSampleRows(5, 1))).toEqual([0, 1, 2, 3, 4]);
    expect(diagnosticsSampleRows(DIAGNOSTICS_SAMPLE_SIZE, 1)).toHaveLength(256);
    const rows = Array.from(diagnosticsSampleRows(60_000, 7));
    expect(rows).toHaveLength(256);
    expect(new Set(rows).size).toBe(256);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(rows[0]).toBeGreaterThanOrEqual(0);
    expect(rows[255]).toBeLessThan(60_000);
    expect(rows[255]! - rows[0]!).toBeGreaterThan(50_000); // spread over the split, not its first rows
    expect(Array.from(diagnosticsSampleRows(60_000, 7))).toEqual(rows);
    expect(Array.from(diagnosticsSampleRows(60_000, 8))).not.toEqual(rows);
  });

  it('gives the whole-set dead fraction on a 2-D preset with batch 10 (training split ≤ the sample)', () => {
    const { trainer, events } = trainerFor(circleRelu());
    expect(trainer.dataset.train.x.rows).toBe(250);
    const expected: number[][] = [];
    for (const step of [0, 25, 50, 75, 100]) {
      trainer.advance(step - trainer.stepsDone); // the weights step `step` starts from
      expected.push(wholeSetPreactivations(trainer.network, trainer.dataset.train.x).map(deadReluFraction));
    }
    trainer.runToEnd();
    const diagnostics = eventsOf(events, 'diagnostics').filter((d) => d.step <= 100);
    expect(diagnostics.map((d) => d.step)).toEqual([0, 25, 50, 75, 100]);
    const measured = diagnostics.map((d) => d.layers.slice(0, 2).map((l) => l.deadFraction));
    expect(measured).toEqual(expected);
    expect(measured.map((m) => m[1])).toEqual([0, 0.375, 0.5, 0.375, 0.375]); // units dying and one coming back, not batch noise
    for (const d of diagnostics) for (const layer of d.layers) expect(layer.sampleSize).toBe(250);
  });

  it('gives the whole-set mean and spread of the pre-activations', () => {
    const { trainer, events } = trainerFor(circleRelu({ layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }], optimizer: { name: 'sgd', lr: 0.1 } }));
    trainer.advance(25);
    const z = wholeSetPreactivations(trainer.network, trainer.dataset.train.x)[0]!.flat();
    trainer.advance(1);
    const layer = eventsOf(events, 'diagnostics').at(-1)!.layers[0]!;
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const std = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
    expect(layer.preactivation.mean!).toBeCloseTo(mean, 5);
    expect(layer.preactivation.std!).toBeCloseTo(std, 5);
    expect(layer.saturatedFraction).toBe(z.filter((v) => Math.abs(Math.tanh(v)) > 0.99).length / z.length);
  });

  it('makes every histogram count sampleSize × units values', () => {
    const big = circleRelu({ dataset: { name: 'circle', samples: 1000, noise: 0.1, testFraction: 0.25 }, training: { batchSize: 10, iterations: 60 } });
    for (const [input, sampleSize] of [
      [circleRelu({ training: { batchSize: 10, iterations: 60 } }), 250],
      [big, 256],
    ] as const) {
      const diagnostics = eventsOf(train(input).events, 'diagnostics');
      expect(diagnostics.length).toBeGreaterThan(1);
      for (const d of diagnostics) {
        for (const layer of d.layers) {
          expect(layer.sampleSize).toBe(sampleSize);
          expect(total(layer.preactivation.histogram.counts)).toBe(sampleSize * layer.units);
          expect(total(layer.activation.histogram.counts)).toBe(sampleSize * layer.units);
        }
      }
    }
  });

  it('applies no dropout mask: the activation figures are those of the same network without dropout', () => {
    const layers = (dropout: number): RunSpecInput['layers'] => [
      { units: 16, activation: 'relu', dropout },
      { units: 16, activation: 'relu', dropout },
      { units: 2, activation: 'softmax' },
    ];
    const withDropout = train(circleRelu({ layers: layers(0.5), training: { batchSize: 10, iterations: 1 } })).events;
    const without = train(circleRelu({ layers: layers(0), training: { batchSize: 10, iterations: 1 } })).events;
    // Same data, same initial weights, same first batch: training differs only by dropout's masks…
    expect(eventsOf(withDropout, 'step')[0]!.loss).not.toBe(eventsOf(without, 'step')[0]!.loss);
    expect(eventsOf(withDropout, 'diagnostics')[0]!.layers[0]!.gradNorm).not.toBe(eventsOf(without, 'diagnostics')[0]!.layers[0]!.gradNorm);
    // …and the diagnostics sample sees neither the masks nor the zeros they would add to layer 1's inputs.
    expect(activationFigures(eventsOf(withDropout, 'diagnostics')[0]!)).toEqual(activationFigures(eventsOf(without, 'diagnostics')[0]!));
  });

  it('normalizes batch-norm layers with the sample’s own statistics, as training does', () => {
    const layers: RunSpecInput['layers'] = [
      { units: 8, activation: 'tanh', init: { name: 'normal', std: 4 }, batchNorm: true },
      { units: 2, activation: 'softmax' },
    ];
    const first = eventsOf(train(circleRelu({ layers, training: { batchSize: 10, iterations: 1 } })).events, 'diagnostics')[0]!.layers[0]!;
    // γ = 1, β = 0 at step 0: each unit's pre-activation has mean 0 and std ≈ 1 over the sample
    // (the running statistics, still 0 and 1, would leave std-4 weights' pre-activations unnormalized).
    expect(first.preactivation.mean!).toBeCloseTo(0, 5);
    expect(first.preactivation.std!).toBeCloseTo(1, 3);
  });
});

describe('diagnostics do not perturb training', () => {
  const spec = (every: number): RunSpecInput => ({
    version: 1,
    seed: 11,
    dataset: { name: 'circle', samples: 800, noise: 0.1, testFraction: 0.25 }, // 600 training rows: a drawn sample
    layers: [
      { units: 12, activation: 'relu', batchNorm: true, dropout: 0.3 },
      { units: 12, activation: 'tanh', dropout: 0.5 },
      { units: 2, activation: 'softmax' },
    ],
    optimizer: { name: 'adam', lr: 0.01 },
    regularization: { l2: 0.001 },
    training: { batchSize: 10, epochs: 3 },
    diagnostics: { every, bins: 30 },
  });

  it('trains bit for bit the same with diagnostics at every step and almost never', () => {
    const everyStep = train(spec(1));
    const rarely = train(spec(1000));
    expect(eventsOf(everyStep.events, 'diagnostics')).toHaveLength(180);
    expect(eventsOf(rarely.events, 'diagnostics').map((d) => d.step)).toEqual([0, 179]);
    expect(eventsOf(everyStep.events, 'step')).toEqual(eventsOf(rarely.events, 'step'));
    expect(eventsOf(everyStep.events, 'eval')).toEqual(eventsOf(rarely.events, 'eval'));
    const state = (network: Network) => [
      ...network.params.map((p) => Array.from(p.value)),
      ...network.blocks.flatMap((b) => (b.batchNorm ? [Array.from(b.batchNorm.runningMean), Array.from(b.batchNorm.runningVar)] : [])),
    ];
    expect(state(everyStep.trainer.network)).toEqual(state(rarely.trainer.network));
    // The snapshots both runs took describe the same network the same way.
    expect(eventsOf(everyStep.events, 'diagnostics').find((d) => d.step === 179)).toEqual(eventsOf(rarely.events, 'diagnostics')[1]);
  });

  it('gives identical diagnostics for the same seed', () => {
    const a = eventsOf(train(spec(20)).events, 'diagnostics');
    const b = eventsOf(train(spec(20)).events, 'diagnostics');
    expect(a).toEqual(b);
    expect(a[0]!.layers[0]!.sampleSize).toBe(256);
  });
});
