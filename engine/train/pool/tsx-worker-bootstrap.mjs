// Entry of a worker whose real entry is TypeScript source (TrainingPool passes it as workerData.entry).
// On Node 20, `--import tsx` in a Worker's execArgv does not make the worker's entry loadable
// (ERR_UNKNOWN_FILE_EXTENSION), so this plain-JS entry registers tsx's loader in the worker itself,
// then imports the TypeScript entry. 'tsx/esm/api' resolves from this file, whatever the cwd.
// Only runs from source come here (tests, `npm run nnlab`): tsx is a devDependency, and the bundles
// (out/main, out/cli) start their built training-worker.js directly (worker-url.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
