import { parentPort } from 'node:worker_threads';
import { WorkerLoop } from '../../../../../engine/train/pool/worker-loop';
import type { ToWorkerMessage } from '../../../../../engine/train/pool/worker-protocol';

/**
 * A test worker: the real training loop, except that a run whose spec is named "crash" kills the
 * worker with an uncaught error right after it has posted an events batch reaching step 30.
 */
const port = parentPort!;
let crashing = false;
const loop = new WorkerLoop((message) => {
  port.postMessage(message);
  if (crashing && message.kind === 'events' && message.events.some((e) => e.type === 'step' && e.step >= 30)) {
    crashing = false;
    setImmediate(() => {
      throw new Error('injected failure: the worker crashed mid-run');
    });
  }
});
port.on('message', (message: ToWorkerMessage) => {
  if (message.kind === 'run') crashing = message.spec.name === 'crash';
  loop.handle(message);
});
