import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MemoryProbeRequest, MemoryProbeResult, StageMemory } from './memory-probe';
import { formatMB, valueMeasurement, type Measurement, type SectionResult, type Table, type TargetCheck } from './report';
import { perRunIncrement } from './stats';

const TARGET_DATASET_BYTES = 60e6;
const TARGET_PER_RUN_BYTES = 30e6;

/** The bundled training worker `npm run build` writes (electron.vite.config.ts), which the packaged app starts. */
const BUNDLED_WORKER = fileURLToPath(new URL('../out/main/training-worker.js', import.meta.url));

/** Which worker entry the runs use. */
export interface WorkerVariant {
  label: string;
  workerUrl: string | null;
}

/**
 * The worker entries to measure: the bundled worker when it has been built (what the app runs),
 * and the TypeScript source through tsx (what tests and the CLI run); `both` false keeps only the first.
 */
export function workerVariants(both: boolean): WorkerVariant[] {
  const variants: WorkerVariant[] = [];
  if (existsSync(BUNDLED_WORKER)) {
    const built = statSync(BUNDLED_WORKER).mtime.toISOString().replace(/\.\d+Z$/, 'Z');
    variants.push({ label: `bundled worker (out/main/training-worker.js, built ${built})`, workerUrl: pathToFileURL(BUNDLED_WORKER).href });
  }
  if (both || variants.length === 0) variants.push({ label: 'workers from TypeScript source through tsx', workerUrl: null });
  return variants;
}

/** Runs memory-probe.ts in a fresh Node process (through tsx, with --expose-gc) and returns its result. */
function runProbe(request: MemoryProbeRequest): Promise<MemoryProbeResult> {
  const script = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));
  const root = fileURLToPath(new URL('..', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', script, JSON.stringify(request)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`the memory probe exited with code ${code}`));
      else {
        try {
          resolve(JSON.parse(line) as MemoryProbeResult);
        } catch (error) {
          reject(new Error(`the memory probe printed no result: ${(error as Error).message}`));
        }
      }
    });
  });
}

/** Each training stage's RSS increase per added run, from the previous stage. */
function increments(loaded: StageMemory, training: readonly StageMemory[]): { label: string; bytes: number }[] {
  const result: { label: string; bytes: number }[] = [];
  let previous = loaded;
  for (const stage of training) {
    result.push({ label: `${previous.runs} → ${stage.runs} runs`, bytes: perRunIncrement(previous.rss.median, stage.rss.median, previous.runs, stage.runs) });
    previous = stage;
  }
  return result;
}

/** One probe's table, measurements and per-run increments. */
function probeReport(variant: WorkerVariant, result: MemoryProbeResult) {
  const [baseline, loaded, ...training] = result.stages as [StageMemory, StageMemory, ...StageMemory[]];
  const perRun = increments(loaded, training);
  const table: Table = {
    headers: [variant.label, 'RSS', 'RSS peak', 'Δ vs no dataset', 'per added run', 'heapUsed', 'external', 'arrayBuffers'],
    align: 'lrrrrrrr',
    rows: result.stages.map((s, i) => [
      s.label,
      formatMB(s.rss.median),
      formatMB(s.rss.max),
      i === 0 ? '' : formatMB(s.rss.median - baseline.rss.median),
      i < 2 ? '' : formatMB(perRun[i - 2]!.bytes),
      formatMB(s.heapUsed),
      formatMB(s.external),
      formatMB(s.arrayBuffers),
    ]),
  };
  const tag = variant.workerUrl === null ? 'tsx workers' : 'bundled worker';
  const measurements: Measurement[] = [];
  for (const s of result.stages) {
    measurements.push(valueMeasurement('memory', `${tag}, ${s.label}: RSS`, s.rss.median / 1e6, s.rss.runs, 'MB'));
    measurements.push(valueMeasurement('memory', `${tag}, ${s.label}: external (main thread)`, s.external / 1e6, 1, 'MB'));
    measurements.push(valueMeasurement('memory', `${tag}, ${s.label}: arrayBuffers (main thread)`, s.arrayBuffers / 1e6, 1, 'MB'));
  }
  measurements.push(valueMeasurement('memory', `${tag}, MNIST SharedArrayBuffers`, result.sharedBytes / 1e6, 1, 'MB'));
  measurements.push(valueMeasurement('memory', `${tag}, MNIST load: RSS increase`, (loaded.rss.median - baseline.rss.median) / 1e6, 1, 'MB'));
  for (const inc of perRun) measurements.push(valueMeasurement('memory', `${tag}, RSS per added W run, ${inc.label}`, inc.bytes / 1e6, 1, 'MB'));
  return { table, measurements, perRun, loadCost: loaded.rss.median - baseline.rss.median };
}

/**
 * Memory of a process that holds MNIST once and trains 1, 2 and 4 W runs at once in workers:
 * RSS (the whole process, workers included) sampled while the runs train, and the main thread's
 * external and ArrayBuffer memory; one fresh process per worker variant. The targets are checked
 * on the first variant (the bundled worker when built: what the app runs).
 */
export async function memorySection(request: Omit<MemoryProbeRequest, 'workerUrl'>, variants: readonly WorkerVariant[]): Promise<SectionResult> {
  const tables: Table[] = [];
  const measurements: Measurement[] = [];
  let targets: TargetCheck[] = [];
  let shared: MemoryProbeResult | null = null;
  for (const variant of variants) {
    const result = await runProbe({ ...request, workerUrl: variant.workerUrl });
    shared ??= result;
    const report = probeReport(variant, result);
    tables.push(report.table);
    measurements.push(...report.measurements);
    if (targets.length > 0) continue;
    const worst = report.perRun.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    targets = [
      {
        target: 'MNIST held once per process, ≤ ~60 MB for the images, shared with every worker',
        measured: `RSS +${formatMB(report.loadCost)} on load; SharedArrayBuffers ${formatMB(result.sharedBytes)}${result.allShared ? '' : ' (not all arrays shared!)'}`,
        met: result.allShared && report.loadCost <= TARGET_DATASET_BYTES,
      },
      {
        target: 'each extra concurrent MNIST run adds ≤ ~30 MB',
        measured: `${report.perRun.map((inc) => `${inc.label}: ${formatMB(inc.bytes)}/run`).join(', ')} (${variant.workerUrl === null ? 'tsx workers' : 'bundled worker'})`,
        met: worst.bytes <= TARGET_PER_RUN_BYTES,
      },
    ];
  }
  const full = request.runTrainSize === 60_000 && request.runTestSize === 10_000;
  const runsData = full
    ? 'the runs train on all of it'
    : `the runs train on views of its first ${request.runTrainSize.toLocaleString('en-US')} training images${request.runTestSize === 0 ? ' (no test split)' : ''}, which keeps their initial evaluation short; per-run memory does not depend on it beyond a 4-byte index per image`;
  return {
    title: 'Memory: MNIST held once, 1 / 2 / 4 concurrent W runs in workers',
    notes: [
      `A fresh process per table loads all of MNIST (60,000 + 10,000 images); ${runsData}. Pool size = the largest stage, so every run has its own worker thread; diagnostics every 50 steps.`,
      `RSS is the whole process (workers included): median of samples every ${request.sampleEveryMs} ms over ${request.windowMs} ms once all runs train (peak beside it). heapUsed / external / arrayBuffers are the main thread's isolate only.`,
      `Both baselines are taken once the main thread's heap has settled (a full GC, then ~10 s for V8's memory reducer, which hands back 8-19 MB left from loading tsx and the engine): otherwise that drop lands in a later stage and counts as its runs costing less.`,
      `Workers run under the pool's default resourceLimits (engine/train/pool/worker-limits.ts: a small young generation). The windows are the runs' first seconds; over minutes of training a worker's old generation grows with promoted garbage (up to ~10 MB here) until a full GC hands it back.`,
      `The dataset's images and labels are ${shared?.allShared ? '' : 'NOT all '}in SharedArrayBuffers (${formatMB(shared?.sharedBytes ?? null)}), passed to workers without a copy.`,
      'The bundled worker is what the packaged app starts (rebuild with `npm run build` to measure current engine code); tsx workers also hold tsx\'s loader and the engine\'s TypeScript sources.',
      'Targets are checked on the first table. 1 MB = 10⁶ bytes.',
    ],
    tables,
    measurements,
    targets,
  };
}
