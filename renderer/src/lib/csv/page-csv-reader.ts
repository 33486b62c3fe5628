import { PointsCsvReader, type CsvWorker } from './read-points-csv';

let shared: PointsCsvReader | null = null;

/**
 * The page's one CSV reader; its module worker starts with the first file. Vite bundles the
 * worker as a file of its own beside the page's script, so it loads from the page's origin
 * (the browser host's 127.0.0.1, the desktop app's app://nnlab/) under the page's
 * `script-src 'self'`.
 */
export function pointsCsvReader(): PointsCsvReader {
  return (shared ??= new PointsCsvReader(() => new Worker(new URL('./points-csv.worker.ts', import.meta.url), { type: 'module', name: 'nnlab-points-csv' }) as CsvWorker));
}
