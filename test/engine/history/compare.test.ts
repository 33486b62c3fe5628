import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { configDiff } from '../../../engine/api/config-diff';
import { eventsOf } from '../train/run-helpers';
import { circleSpec, openTemp, recordRun } from './history-helpers';

describe('config diff', () => {
  it('lists exactly the spec fields that differ, with layers present in one run only', () => {
    const history = openTemp();
    const a = recordRun(history, circleSpec(), { weights: false });
    const b = recordRun(
      history,
      circleSpec({ layers: [{ units: 8, activation: 'relu' }, { units: 8, activation: 'relu', dropout: 0.2 }, { units: 2, activation: 'softmax' }], optimizer: { name: 'sgd', lr: 0.05 } }),
      { weights: false },
    );
    expect(history.configDiff([a.id.slice(0, 8), b.id])).toEqual([
      { field: 'layers[0].activation', values: ['tanh', 'relu'] },
      { field: 'layers[0].init', values: ['xavier', 'he'] },
      { field: 'layers[1].units', values: [2, 8] },
      { field: 'layers[1].activation', values: ['softmax', 'relu'] },
      { field: 'layers[1].dropout', values: [0, 0.2] },
      { field: 'layers[1].init', values: ['xavier', 'he'] },
      { field: 'layers[2].units', values: [undefined, 2] },
      { field: 'layers[2].activation', values: [undefined, 'softmax'] },
      { field: 'layers[2].batchNorm', values: [undefined, false] },
      { field: 'layers[2].dropout', values: [undefined, 0] },
      { field: 'layers[2].init', values: [undefined, 'xavier'] },
      { field: 'optimizer.lr', values: [0.1, 0.05] },
    ]);
    expect(history.configDiff([a.id, a.id])).toEqual([]);
  });

  it('compares values of different kinds and arrays of numbers whole, ignores key order, and covers fields absent in some runs', () => {
    const base = parseRunSpec(circleSpec());
    const normal = parseRunSpec(circleSpec({ layers: [{ units: 8, activation: 'tanh', init: { name: 'normal', std: 0.1 } }, { units: 2, activation: 'softmax' }] }));
    const { training, ...rest } = base;
    const reordered = { training, ...rest, optimizer: { lr: 0.1, name: 'sgd' } };
    expect(configDiff([base, reordered])).toEqual([]);
    expect(configDiff([base, normal, { ...base, name: 'named', optimizer: { name: 'adam', lr: 0.1, beta1: 0.8 } }])).toEqual([
      { field: 'layers[0].init', values: ['xavier', { name: 'normal', std: 0.1 }, 'xavier'] },
      { field: 'optimizer.name', values: ['sgd', 'sgd', 'adam'] },
      { field: 'optimizer.beta1', values: [undefined, undefined, 0.8] },
      { field: 'name', values: [undefined, undefined, 'named'] },
    ]);
    const inline = (y: number) => parseRunSpec({ ...circleSpec(), dataset: { name: 'inline', x: [[0, 0], [1, 1], [0, 1], [1, y]], y: [0, 1, 1, 0] }, training: { batchSize: 2, epochs: 1 } });
    expect(configDiff([inline(0), inline(0.5)])).toEqual([
      { field: 'dataset.x', values: [[[0, 0], [1, 1], [0, 1], [1, 0]], [[0, 0], [1, 1], [0, 1], [1, 0.5]]] },
    ]);
  });
});

describe('aligned series', () => {
  it('puts runs with different batch sizes on one epoch axis, from their evaluations', () => {
    const history = openTemp();
    const small = recordRun(history, circleSpec({ training: { batchSize: 10, epochs: 3 } }), { weights: false });
    const large = recordRun(history, circleSpec({ training: { batchSize: 30, epochs: 2 } }), { weights: false });
    const aligned = history.alignedSeries([small.id, large.id], 'epoch');
    expect(aligned.by).toBe('epoch');
    expect(aligned.x).toEqual([0, 1, 2, 3]);
    const smallEvals = eventsOf(small.events, 'eval');
    const largeEvals = eventsOf(large.events, 'eval');
    expect(aligned.runs[0]).toEqual({
      id: small.id,
      name: history.getRun(small.id).name,
      loss: smallEvals.map((e) => e.train.loss),
      testLoss: smallEvals.map((e) => e.test!.loss),
      trainAccuracy: smallEvals.map((e) => e.train.accuracy),
      testAccuracy: smallEvals.map((e) => e.test!.accuracy),
    });
    expect(aligned.runs[1]!.loss).toEqual([...largeEvals.map((e) => e.train.loss), null]);
    expect(aligned.runs[1]!.testAccuracy).toEqual([...largeEvals.map((e) => e.test!.accuracy), null]);
  });

  it('places mid-epoch evaluations at fractional epochs', () => {
    const history = openTemp();
    const run = recordRun(history, circleSpec({ training: { batchSize: 10, epochs: 2, evalEvery: 10 } }), { weights: false });
    expect(history.alignedSeries([run.id], 'epoch').x).toEqual([0, 10 / 15, 20 / 15, 2]);
  });

  it('aligns by step: batch losses and the evaluations taken at the same step, null where a run has no point', () => {
    const history = openTemp();
    const long = recordRun(history, circleSpec({ training: { batchSize: 10, epochs: 2 } }), { weights: false });
    const short = recordRun(history, circleSpec({ training: { batchSize: 30, epochs: 1 } }), { weights: false });
    const aligned = history.alignedSeries([long.id, short.id], 'step');
    expect(aligned.x).toEqual(Array.from({ length: 31 }, (_, i) => i));
    const [first, second] = aligned.runs;
    const longSteps = eventsOf(long.events, 'step');
    expect(first!.loss).toEqual([...longSteps.map((e) => e.loss), null]);
    const longEvals = eventsOf(long.events, 'eval');
    expect(first!.testLoss.filter((v) => v !== null)).toEqual(longEvals.map((e) => e.test!.loss));
    expect(first!.testLoss[15]).toBe(longEvals[1]!.test!.loss);
    expect(first!.testLoss[14]).toBeNull();
    const shortSteps = eventsOf(short.events, 'step');
    expect(second!.loss.slice(0, 5)).toEqual(shortSteps.map((e) => e.loss));
    expect(second!.loss.slice(5)).toEqual(new Array(26).fill(null));
    expect(second!.trainAccuracy[5]).toBe(eventsOf(short.events, 'eval')[1]!.train.accuracy);
  });
});
