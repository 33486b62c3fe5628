import { describe, expect, it } from 'vitest';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { endOf, eventsOf } from '../train/run-helpers';
import { circleSpec, openTemp, recordRun, trainRun } from './history-helpers';

/** A 2-input, 2-output linear regression with a learning rate far too large: diverges within a few steps. */
const diverging: RunSpecInput = {
  version: 1,
  seed: 1,
  dataset: { name: 'inline', x: [[1, 0], [2, 1], [3, 0], [4, 1]], y: [[2, 1], [4, 0], [6, 1], [8, 0]] },
  layers: [{ units: 2, activation: 'linear' }],
  optimizer: { name: 'sgd', lr: 10 },
  training: { batchSize: 4, iterations: 500 },
  diagnostics: { every: 1, bins: 5 },
};

describe('recorded events (replay)', () => {
  const cases: [string, RunSpecInput, number | undefined][] = [
    ['a completed classification run', circleSpec({ training: { batchSize: 10, epochs: 2, evalEvery: 7 } }), undefined],
    ['a run stopped mid-epoch', circleSpec(), 22],
    ['a diverged regression run without a test split', diverging, undefined],
    ['a run with batch norm and dropout', circleSpec({ layers: [{ units: 8, activation: 'relu', batchNorm: true, dropout: 0.2 }, { units: 2, activation: 'softmax' }] }), undefined],
  ];

  it.each(cases)('gives back exactly the events of %s, in order', (_name, spec, stopAfter) => {
    const history = openTemp();
    const { id, events } = recordRun(history, spec, { batch: 5, ...(stopAfter === undefined ? {} : { stopAfter }), weights: false });
    expect(events[0]!.type).toBe('start');
    expect(history.recordedEvents(id)).toEqual(events);
  });

  it('covers the diverged case it claims to (the end says diverged, some statistics are null)', () => {
    const { events } = trainRun(diverging, 'x');
    expect(endOf(events).status).toBe('diverged');
    expect(eventsOf(events, 'eval')[0]!.test).toBeUndefined();
    const statistics = eventsOf(events, 'diagnostics').flatMap((d) => d.layers.flatMap((l) => [l.gradNorm, l.updateRatio, l.preactivation.mean, l.weights.std]));
    expect(statistics).toContain(null);
  });

  it('ends without an end event when the run never recorded one, and is empty before start', () => {
    const history = openTemp();
    const { id, spec, events } = recordRun(history, circleSpec(), { weights: false });
    const partial = events.slice(0, 30);
    const crashed = '0e000000-0000-4000-8000-000000000001';
    history.createRun({ id: crashed, spec, status: 'running' });
    history.recordEvents(crashed, partial.map((e) => (e.type === 'start' ? { ...e, runId: crashed } : e)));
    history.markRunFailed(crashed, 'worker crashed');
    expect(history.recordedEvents(crashed)).toEqual(partial.map((e) => (e.type === 'start' ? { ...e, runId: crashed } : e)));
    const queued = '0e000000-0000-4000-8000-000000000002';
    history.createRun({ id: queued, spec, status: 'queued' });
    expect(history.recordedEvents(queued)).toEqual([]);
    expect(history.recordedEvents(id).at(-1)!.type).toBe('end');
  });
});
