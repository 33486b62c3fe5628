import { parentPort } from 'node:worker_threads';
import { WorkerLoop } from './worker-loop';
import type { ToWorkerMessage } from './worker-protocol';

/**
 * The training worker's entry: runs inside a worker_threads Worker started by TrainingPool, and
 * trains the runs the pool sends it, one at a time (see worker-loop.ts and worker-protocol.ts).
 */
const port = parentPort;
if (port === null) throw new Error('training-worker.ts runs inside a worker thread started by TrainingPool');
const loop = new WorkerLoop((message) => port.postMessage(message));
port.on('message', (message: ToWorkerMessage) => loop.handle(message));
