import { Worker } from 'node:worker_threads';
import { median } from './stats';

/** A plain integer loop in a worker (CommonJS, evaluated: no tsx, no engine), posting when done. */
const SPIN_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
let x = 0;
for (let i = 0; i < workerData; i++) x = (x + i * 7) % 1000003;
parentPort.postMessage(x);
`;

/** Loop iterations per thread: ~0.2 s on one core of the 2-core test machine. */
const SPIN_LOOPS = 160_000_000;

/** Wall time for `threads` worker threads to each run the same loop, started together. */
function spin(threads: number): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    let left = threads;
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(SPIN_SCRIPT, { eval: true, workerData: SPIN_LOOPS });
      worker.once('error', reject);
      worker.once('message', () => {
        void worker.terminate();
        if (--left === 0) resolve(performance.now() - start);
      });
    }
  });
}

/**
 * How much more work two threads get done than one on this machine, right now: 2 · t(1 thread) ÷
 * t(2 threads) for a plain loop (2.0 on two free cores; less when the cores are SMT siblings,
 * throttled, or busy with something else). Medians of `runs` alternating timings.
 */
export async function twoThreadSpeedup(runs: number): Promise<number> {
  const one: number[] = [];
  const two: number[] = [];
  for (let r = 0; r < runs; r++) {
    one.push(await spin(1));
    two.push(await spin(2));
  }
  return (2 * median(one)) / median(two);
}
