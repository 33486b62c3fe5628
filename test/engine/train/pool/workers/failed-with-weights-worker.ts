import { parentPort } from 'node:worker_threads';
import { WorkerLoop } from '../../../../../engine/train/pool/worker-loop';
import type { FromWorkerMessage, ToWorkerMessage } from '../../../../../engine/train/pool/worker-protocol';

/**
 * A test worker: the real training loop, except that a run whose spec is named "failed with
 * weights" has its end event turned into a `failed` one (final null, the message "injected: failed
 * after its last step") while its final weights are still posted, as a worker of another version
 * might do. The service's rule, not the worker's, decides what is kept.
 */
const port = parentPort!;
let rewriting = false;
const loop = new WorkerLoop((message: FromWorkerMessage) => {
  if (rewriting && message.kind === 'events') {
    const events = message.events.map((event) => (event.type === 'end' ? { ...event, status: 'failed' as const, final: null, message: 'injected: failed after its last step' } : event));
    port.postMessage({ ...message, events });
    return;
  }
  port.postMessage(message);
});
port.on('message', (message: ToWorkerMessage) => {
  if (message.kind === 'run') rewriting = message.spec.name === 'failed with weights';
  loop.handle(message);
});
