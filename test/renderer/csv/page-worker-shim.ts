// Runs the page's CSV worker module (renderer/src/lib/csv/points-csv.worker.ts) in a Node worker
// thread: `self` as a dedicated worker's global, over the thread's port. The module itself is the
// one the page bundles. Messages that arrive while it loads wait for it, as a browser's do.
import { parentPort, workerData } from 'node:worker_threads';

const listeners: ((event: { data: unknown }) => void)[] = [];
const early: unknown[] = [];
let loaded = false;
parentPort!.on('message', (data: unknown) => {
  if (loaded) listeners.forEach((listener) => listener({ data }));
  else early.push(data);
});
Object.assign(globalThis, {
  self: {
    addEventListener: (type: string, listener: (event: { data: unknown }) => void) => {
      if (type === 'message') listeners.push(listener);
    },
    postMessage: (message: unknown) => parentPort!.postMessage(message),
  },
});
await import((workerData as { module: string }).module);
loaded = true;
for (const data of early.splice(0)) listeners.forEach((listener) => listener({ data }));
