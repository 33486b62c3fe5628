import { describe, expect, it } from 'vitest';
import { LabEventSchema, type NetworkSnapshotEvent, type TrainingEvent } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { loadDataset } from '../../../engine/data/load-dataset';
import { nodeDataSources } from '../../../engine/data/node-mnist';
import type { Network } from '../../../engine/nn/network';
import {
  BOUNDARY_RESOLUTION,
  MAX_NETWORK_SNAPSHOTS,
  MAX_SNAPSHOT_WEIGHTS,
  MAX_THUMBNAIL_UNITS,
  THUMBNAIL_RESOLUTION,
  displayValue,
  networkSnapshotStride,
  planeExtent,
} from '../../../engine/train/network-snapshot';
import { prediction, targetEncodingFor, type TargetEncoding } from '../../../engine/train/targets';
import { Trainer } from '../../../engine/train/trainer';
import { circleSpec, endOf, eventsOf, train } from './run-helpers';

/** The network's outputs for these points, from a forward pass of its own (evaluation mode). */
function outputsAt(network: Network, points: [number, number][]): Float64Array {
  const input = Float64Array.from(points.flat());
  return Float64Array.from(network.forward(input, points.length, false).subarray(0, points.length * network.outputSize));
}

/** The centre of grid cell (row, col) over the snapshot's extent (row 0 at the top). */
function cellCentre(snapshot: NetworkSnapshotEvent, resolution: number, row: number, col: number): [number, number] {
  const [left, right] = snapshot.extent.x1;
  const [bottom, top] = snapshot.extent.x2;
  return [left + ((col + 0.5) * (right - left)) / resolution, top - ((row + 0.5) * (top - bottom)) / resolution];
}

/** Every cell centre of a resolution² grid, row-major. */
function allCentres(snapshot: NetworkSnapshotEvent, resolution: number): [number, number][] {
  return Array.from({ length: resolution * resolution }, (_, cell) => cellCentre(snapshot, resolution, Math.floor(cell / resolution), cell % resolution));
}

function encodingOf(trainer: Trainer): TargetEncoding {
  const encoding = targetEncodingFor(trainer.dataset, trainer.network.outputSize);
  if (typeof encoding === 'string') throw new Error(encoding);
  return encoding;
}

/** The boundary grid recomputed from scratch at every cell centre. */
function expectedGrid(trainer: Trainer, snapshot: NetworkSnapshotEvent) {
  const outputs = outputsAt(trainer.network, allCentres(snapshot, BOUNDARY_RESOLUTION));
  const encoding = encodingOf(trainer);
  const cells = Array.from({ length: BOUNDARY_RESOLUTION ** 2 }, (_, r) => prediction(outputs, r, encoding));
  return { predicted: cells.map((c) => c.predicted), confidence: cells.map((c) => displayValue(c.confidence)) };
}

const lastSnapshot = (events: TrainingEvent[]) => eventsOf(events, 'network').at(-1)!;

describe('snapshot helpers', () => {
  it('round grid values to 4 significant digits like toPrecision(4), -0 to 0, non-finite to null', () => {
    for (const v of [0.123456, -0.98765, 1, 0.99996, 12345.678, -3.14159e-7, 6.02e23, 1e-30, 2.5e-5]) expect(displayValue(v)).toBe(Number(v.toPrecision(4)));
    expect(Object.is(displayValue(-0), 0)).toBe(true);
    expect(Object.is(displayValue(-1e-9 * 0), 0)).toBe(true);
    expect([NaN, Infinity, -Infinity].map(displayValue)).toEqual([null, null, null]);
  });

  it('pad the plane by 10 % of the data range, or by 1 when a coordinate never changes', () => {
    const x = { values: Float64Array.from([0, 5, 10, 5, 2, 5]), rows: 3, cols: 2, scale: 1 };
    expect(planeExtent(x)).toEqual({ x1: [-1, 11], x2: [4, 6] });
  });
});

describe('network snapshots', () => {
  it('follow each diagnostics snapshot of a 2-D run at the same step and epoch, and are valid events', () => {
    const { events, trainer } = train(circleSpec());
    const diagnostics = eventsOf(events, 'diagnostics');
    const snapshots = eventsOf(events, 'network');
    expect(snapshots.map((s) => [s.step, s.epoch])).toEqual(diagnostics.map((d) => [d.step, d.epoch]));
    events.forEach((event, i) => {
      if (event.type === 'diagnostics') expect(events[i + 1]).toMatchObject({ type: 'network', step: event.step, epoch: event.epoch });
      if (event.type === 'network') expect(events[i - 1]).toMatchObject({ type: 'diagnostics', step: event.step });
    });
    for (const snapshot of snapshots) {
      expect(() => LabEventSchema.parse(snapshot)).not.toThrow();
      expect(snapshot.resolution).toBe(40);
      expect(snapshot.thumbnailResolution).toBe(16);
      expect(snapshot.predicted).toHaveLength(1600);
      expect(snapshot.confidence).toHaveLength(1600);
      expect(snapshot.neurons.map((n) => [n.layer, n.unit])).toEqual([...Array.from({ length: 8 }, (_, u) => [0, u]), [1, 0], [1, 1]]);
      for (const neuron of snapshot.neurons) expect(neuron.values).toHaveLength(256);
    }
    // float32 weights are written as the shortest decimals that read back to the very same float32.
    const last = snapshots.at(-1)!;
    trainer.network.blocks.forEach(({ dense: { weights } }, layer) => {
      expect(last.weights[layer]!.flat().map((w) => Math.fround(w!))).toEqual(Array.from(weights.value));
      expect(last.weights[layer]!).toHaveLength(weights.rows);
    });
    for (const w of last.weights.flat(2)) expect(Number(w!.toPrecision(9))).toBe(w);
  });

  it('follow only every k-th diagnostics snapshot (and the last) in long runs, at most 200 per run', () => {
    const { events } = train(circleSpec({ training: { batchSize: 10, iterations: 1000 }, diagnostics: { every: 2, bins: 5 } }));
    const diagnosticsSteps = eventsOf(events, 'diagnostics').map((d) => d.step);
    expect(diagnosticsSteps).toHaveLength(501); // 0, 2, …, 998 and the last step, 999
    expect(networkSnapshotStride(501)).toBe(3);
    const expected = diagnosticsSteps.filter((_, i) => i % 3 === 0 || i === 500);
    expect(eventsOf(events, 'network').map((s) => s.step)).toEqual(expected);
    expect(expected.length).toBeLessThanOrEqual(MAX_NETWORK_SNAPSHOTS);
    events.forEach((event, i) => {
      if (event.type === 'network') expect(events[i - 1]).toMatchObject({ type: 'diagnostics', step: event.step });
    });
    for (const n of [1, 200, 201, 398, 5_000, 15_001, 1_000_000]) {
      const stride = networkSnapshotStride(n);
      // Diagnostics steps 0, k, 2k, … and the last one.
      const snapshots = Math.ceil(n / stride) + ((n - 1) % stride === 0 ? 0 : 1);
      expect(snapshots, `${n} diagnostics steps`).toBeLessThanOrEqual(MAX_NETWORK_SNAPSHOTS);
      expect(snapshots, `${n} diagnostics steps`).toBeGreaterThanOrEqual(Math.min(n, MAX_NETWORK_SNAPSHOTS / 2));
      if (n <= MAX_NETWORK_SNAPSHOTS) expect(stride).toBe(1);
    }
  });

  it('draws a trained circle network: extent, boundary at the training points, thumbnails and weights', () => {
    const { events, trainer } = train(circleSpec({ dtype: 'float64', optimizer: { name: 'adam', lr: 0.05 }, training: { batchSize: 10, epochs: 20 } }));
    expect(endOf(events).final!.train.accuracy).toBe(1);
    // The last snapshot is taken after the last update: it shows the final network.
    const snapshot = lastSnapshot(events);
    expect(snapshot.step).toBe(endOf(events).steps - 1);

    const x = trainer.dataset.train.x;
    const points = Array.from({ length: x.rows }, (_, r): [number, number] => [x.values[2 * r]!, x.values[2 * r + 1]!]);
    const x1 = points.map((p) => p[0]);
    const x2 = points.map((p) => p[1]);
    const padded = (values: number[]) => {
      const [min, max] = [Math.min(...values), Math.max(...values)];
      return [min - 0.1 * (max - min), max + 0.1 * (max - min)];
    };
    expect(snapshot.extent.x1).toEqual(padded(x1));
    expect(snapshot.extent.x2).toEqual(padded(x2));
    for (const s of eventsOf(events, 'network')) expect(s.extent).toEqual(snapshot.extent);

    const grid = expectedGrid(trainer, snapshot);
    expect(snapshot.predicted).toEqual(grid.predicted);
    expect(snapshot.confidence).toEqual(grid.confidence);
    expect(new Set(snapshot.predicted)).toEqual(new Set([0, 1]));
    for (const c of snapshot.confidence) expect(c).toBeGreaterThanOrEqual(0.5);

    // The cell holding each training point predicts what the network predicts for the point itself.
    const encoding = encodingOf(trainer);
    const own = outputsAt(trainer.network, points);
    const [left, right] = snapshot.extent.x1;
    const [bottom, top] = snapshot.extent.x2;
    points.forEach(([p1, p2], i) => {
      const col = Math.floor(((p1 - left) / (right - left)) * BOUNDARY_RESOLUTION);
      const row = Math.floor(((top - p2) / (top - bottom)) * BOUNDARY_RESOLUTION);
      expect(snapshot.predicted[row * BOUNDARY_RESOLUTION + col], `training point ${i} at (${p1}, ${p2})`).toBe(prediction(own, i, encoding).predicted);
    });

    // The first hidden unit's thumbnail is tanh(x·W[:, 0] + b₀) at each thumbnail cell centre.
    const dense = trainer.network.blocks[0]!.dense;
    const [w1, w2, b] = [dense.weights.value[0]!, dense.weights.value[8]!, dense.bias.value[0]!];
    const first = snapshot.neurons[0]!;
    expect(first).toMatchObject({ layer: 0, unit: 0 });
    const manual = allCentres(snapshot, THUMBNAIL_RESOLUTION).map(([c1, c2]) => displayValue(Math.tanh(b + c1 * w1 + c2 * w2)));
    expect(first.values).toEqual(manual);
    // The output units' thumbnails are the softmax probabilities: they sum to 1 per cell.
    const [out0, out1] = snapshot.neurons.slice(-2);
    out0!.values.forEach((p, cell) => expect(p! + out1!.values[cell]!).toBeCloseTo(1, 3));

    expect(snapshot.weights).toEqual(
      trainer.network.blocks.map(({ dense: { weights } }) => Array.from({ length: weights.rows }, (_, i) => Array.from(weights.value.subarray(i * weights.cols, (i + 1) * weights.cols)))),
    );
  });

  it('reports the chosen class and its probability for one sigmoid output unit', () => {
    const { events, trainer } = train(
      circleSpec({ dtype: 'float64', layers: [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], optimizer: { name: 'adam', lr: 0.05 }, training: { batchSize: 10, epochs: 10 } }),
    );
    const snapshot = lastSnapshot(events);
    const outputs = outputsAt(trainer.network, allCentres(snapshot, BOUNDARY_RESOLUTION));
    snapshot.predicted.forEach((cls, cell) => {
      const p = outputs[cell]!;
      expect(cls).toBe(p >= 0.5 ? 1 : 0);
      expect(snapshot.confidence[cell]).toBe(displayValue(cls === 1 ? p : 1 - p));
    });
    expect(new Set(snapshot.predicted)).toEqual(new Set([0, 1]));
    expect(snapshot.neurons).toHaveLength(7);
    expect(snapshot.neurons.at(-1)!.values).toEqual(allCentres(snapshot, THUMBNAIL_RESOLUTION).map((c) => displayValue(outputsAt(trainer.network, [c])[0]!)));
  });

  it('reports class 0 and the raw output for regression with mse', () => {
    const { events, trainer } = train({
      version: 1,
      dtype: 'float64',
      dataset: { name: 'inline', x: [[0, 0], [1, 0], [0, 2], [1, 2], [3, 1]], y: [[0, 5], [1, 4], [2, 3], [3, 2], [4, 1]] },
      layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'linear' }],
      loss: 'mse',
      optimizer: { name: 'sgd', lr: 0.05 },
      training: { batchSize: 5, iterations: 30 },
      diagnostics: { every: 10, bins: 5 },
    });
    const snapshots = eventsOf(events, 'network');
    expect(snapshots.map((s) => s.step)).toEqual([0, 10, 20, 29]);
    const snapshot = snapshots.at(-1)!;
    const extent = [...snapshot.extent.x1, ...snapshot.extent.x2];
    [-0.3, 3.3, -0.2, 2.2].forEach((bound, i) => expect(extent[i]).toBeCloseTo(bound, 12));
    expect(snapshot.predicted.every((c) => c === 0)).toBe(true);
    const outputs = outputsAt(trainer.network, allCentres(snapshot, BOUNDARY_RESOLUTION));
    expect(snapshot.confidence).toEqual(Array.from({ length: 1600 }, (_, cell) => displayValue(outputs[2 * cell]!)));
    expect(new Set(snapshot.confidence).size).toBeGreaterThan(100);
  });

  it('is emitted only for 2-D inputs: not for MNIST, not for inline 3-D data', () => {
    const mnist = train({
      version: 1,
      dataset: { name: 'mnist', trainSize: 200, testSize: 50 },
      layers: [{ units: 8, activation: 'relu' }, { units: 10, activation: 'softmax' }],
      optimizer: { name: 'sgd', lr: 0.1 },
      training: { batchSize: 50, epochs: 1 },
      diagnostics: { every: 2, bins: 10 },
    }).events;
    expect(eventsOf(mnist, 'diagnostics').length).toBeGreaterThan(0);
    expect(eventsOf(mnist, 'network')).toEqual([]);
    const inline3d = train({
      version: 1,
      dataset: { name: 'inline', x: [[0, 0, 1], [1, 0, 0], [0, 1, 1], [1, 1, 0]], y: [0, 1, 1, 0] },
      layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: 'softmax' }],
      optimizer: { name: 'sgd', lr: 0.1 },
      training: { batchSize: 4, iterations: 5 },
      diagnostics: { every: 1, bins: 5 },
    }).events;
    expect(eventsOf(inline3d, 'diagnostics')).toHaveLength(5);
    expect(eventsOf(inline3d, 'network')).toEqual([]);
  });

  it('leaves out the weights of networks with more than 20,000 weights', () => {
    const snapshotFor = (hidden: number) =>
      eventsOf(
        train(circleSpec({ layers: [{ units: hidden, activation: 'relu' }, { units: hidden, activation: 'relu' }, { units: 2, activation: 'softmax' }], training: { batchSize: 10, iterations: 1 } })).events,
        'network',
      )[0]!;
    expect(MAX_SNAPSHOT_WEIGHTS).toBe(20_000);
    expect(snapshotFor(100).weights.map((w) => [w.length, w[0]!.length])).toEqual([[2, 100], [100, 100], [100, 2]]); // 10,400 weights
    const big = snapshotFor(150); // 23,100 weights
    expect(big.weights).toEqual([]);
    expect(big.neurons).toEqual([]);
    expect(big.predicted).toHaveLength(1600);
  });

  it('leaves out the thumbnails of networks with more than 64 hidden and output units', () => {
    const snapshotFor = (hidden: number) =>
      eventsOf(train(circleSpec({ layers: [{ units: hidden, activation: 'relu' }, { units: 2, activation: 'softmax' }], training: { batchSize: 10, iterations: 1 } })).events, 'network')[0]!;
    expect(snapshotFor(MAX_THUMBNAIL_UNITS - 2).neurons).toHaveLength(64);
    const big = snapshotFor(MAX_THUMBNAIL_UNITS - 1);
    expect(big.neurons).toEqual([]);
    expect(big.weights.map((w) => [w.length, w[0]!.length])).toEqual([
      [2, 63],
      [63, 2],
    ]);
    expect(big.predicted).toHaveLength(1600);
  });

  it('changes no training number: with and without snapshots the other events and the final network are bit-identical', () => {
    const input: RunSpecInput = circleSpec({
      layers: [{ units: 6, activation: 'relu', batchNorm: true, dropout: 0.2 }, { units: 5, activation: 'tanh', dropout: 0.1 }, { units: 2, activation: 'softmax' }],
      diagnostics: { every: 3, bins: 10 },
    });
    const run = (networkSnapshots: boolean) => {
      const spec = parseRunSpec(input);
      const events: TrainingEvent[] = [];
      const trainer = new Trainer(spec, loadDataset(spec.dataset, spec.seed, nodeDataSources()), { runId: 'x', emit: (e) => events.push(e), now: () => 0, networkSnapshots });
      trainer.runToEnd();
      return { events, trainer };
    };
    const withSnapshots = run(true);
    const without = run(false);
    expect(eventsOf(without.events, 'network')).toEqual([]);
    expect(eventsOf(withSnapshots.events, 'network').length).toBe(eventsOf(withSnapshots.events, 'diagnostics').length);
    expect(JSON.stringify(withSnapshots.events.filter((e) => e.type !== 'network'))).toBe(JSON.stringify(without.events));
    withSnapshots.trainer.network.params.forEach((param, i) => expect(param.value).toEqual(without.trainer.network.params[i]!.value));
    withSnapshots.trainer.network.blocks.forEach((block, i) => {
      const other = without.trainer.network.blocks[i]!.batchNorm;
      if (block.batchNorm) expect([block.batchNorm.runningMean, block.batchNorm.runningVar]).toEqual([other!.runningMean, other!.runningVar]);
    });
  });
});
