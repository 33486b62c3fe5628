// A test worker that speaks the pool's protocol but misbehaves on purpose, chosen by the spec's name:
// "oom" allocates until the heap limit kills it, "exit" exits with code 3, "hang" never yields again
// (ignores stop), "touch-shared" ends at once with the message "shared" (and adds 1 to the first
// input value, over a SharedArrayBuffer of bytes) or "copied", "limits" ends at once with the
// worker's resourceLimits as JSON for its message.
import { parentPort, resourceLimits } from 'node:worker_threads';

parentPort.on('message', (message) => {
  if (message.kind !== 'run') return;
  const { runId } = message;
  const start = { type: 'start', runId, spec: message.spec, engineVersion: 'test', dataset: { name: 'test', trainSize: 0, testSize: 0, inputSize: 0, numClasses: null }, stepsPerEpoch: 1, totalSteps: 10 };
  const step = (n) => ({ type: 'step', step: n, epoch: 0, loss: 1, dataLoss: 1 });
  switch (message.spec.name) {
    case 'oom': {
      parentPort.postMessage({ kind: 'events', runId, events: [start, step(0), step(1)] });
      const hoard = [];
      setImmediate(() => {
        for (;;) hoard.push(new Array(100_000).fill(hoard.length));
      });
      return;
    }
    case 'exit':
      parentPort.postMessage({ kind: 'events', runId, events: [start, step(0)] });
      process.exit(3);
      return;
    case 'hang':
      parentPort.postMessage({ kind: 'events', runId, events: [start, step(0), step(1), step(2)] });
      parentPort.postMessage({ kind: 'state', runId, state: 'running' });
      setImmediate(() => {
        for (;;);
      });
      return;
    case 'touch-shared': {
      const values = message.dataset.train.x.values;
      const shared = values.buffer instanceof SharedArrayBuffer ? 'shared' : 'copied';
      if (shared === 'shared') Atomics.add(values, 0, 1);
      parentPort.postMessage({ kind: 'events', runId, events: [start, { type: 'end', status: 'completed', steps: 0, final: null, message: shared, elapsedMs: 0 }] });
      parentPort.postMessage({ kind: 'weights', runId, weights: null });
      parentPort.postMessage({ kind: 'idle' });
      return;
    }
    case 'limits':
      parentPort.postMessage({ kind: 'events', runId, events: [start, { type: 'end', status: 'completed', steps: 0, final: null, message: JSON.stringify(resourceLimits), elapsedMs: 0 }] });
      parentPort.postMessage({ kind: 'weights', runId, weights: null });
      parentPort.postMessage({ kind: 'idle' });
      return;
    default:
      throw new Error(`rogue-worker: unknown behaviour ${message.spec.name}`);
  }
});
