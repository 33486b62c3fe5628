/**
 * The worker entry's file name, beside this module. From source (tests, `npm run nnlab` under tsx)
 * this module is worker-url.ts and the entry is the TypeScript source; in a bundle (the CLI's
 * out/cli, built by vite.cli.config.ts) this module is one of the bundle's chunks and the entry is
 * the bundle's training-worker.js, which the build writes beside its chunks. Kept in a variable,
 * not written inside `new URL('…', import.meta.url)`, so bundlers do not copy the TypeScript
 * source as an asset.
 */
const WORKER_ENTRY = isTypeScriptUrl(new URL(import.meta.url)) ? './training-worker.ts' : './training-worker.js';
const BOOTSTRAP = './tsx-worker-bootstrap.mjs';

/**
 * The training worker's entry next to this module: the TypeScript source when running from source,
 * the bundle's built worker when running from a bundle that keeps its chunks beside its entries
 * (the CLI's). The Electron main process passes its own built worker's URL to TrainingPool instead.
 */
export function defaultWorkerUrl(): URL {
  return new URL(WORKER_ENTRY, import.meta.url);
}

/** True when the worker script is TypeScript source (.ts, .mts, .cts) that Node must load through tsx. */
export function isTypeScriptUrl(url: URL): boolean {
  return /\.[mc]?ts$/.test(url.pathname);
}

/** What `new Worker` is given: the script to run, and what it needs to load the real entry. */
export interface WorkerLaunch {
  script: URL;
  /** For the bootstrap: the TypeScript entry to import. */
  workerData?: { entry: string };
  /** undefined: Node's default (the parent's execArgv). */
  execArgv?: string[];
}

/**
 * How to start a worker on `url`. A built .js / .mjs entry is started as is. TypeScript source is
 * started through tsx-worker-bootstrap.mjs, which registers tsx's loader inside the worker and then
 * imports `url` (given as workerData): on Node 20, `execArgv: ['--import', 'tsx']` does not make a
 * worker's .ts entry loadable. Its execArgv defaults to none, so a parent run under tsx does not
 * load tsx twice.
 */
export function workerLaunch(url: URL): WorkerLaunch {
  if (!isTypeScriptUrl(url)) return { script: url };
  return { script: new URL(BOOTSTRAP, import.meta.url), workerData: { entry: url.href }, execArgv: [] };
}
