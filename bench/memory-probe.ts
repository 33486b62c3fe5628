/**
 * The memory benchmark's child process (started by memory.ts, so nothing else lives in its heap):
 * holds MNIST once, then trains 1, 2, 4… W runs at once in the real worker pool, sampling the
 * process's memory while they train. Reads its request as JSON from argv[2]; writes one JSON line
 * (a MemoryProbeResult) to stdout; progress goes to stderr.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { parseRunSpec } from '../engine/api/parse-run-spec';
import { MNIST_TEST_SIZE, MNIST_TRAIN_SIZE } from '../engine/api/run-spec';
import { loadDataset } from '../engine/data/load-dataset';
import { nodeDataSources } from '../engine/data/node-mnist';
import type { Dataset } from '../engine/data/types';
import { TrainingPool } from '../engine/train/pool/training-pool';
import { closeKeepingAlive } from './pool-runs';
import { summarize, type Summary } from './stats';
import { DEFAULT_DIAGNOSTICS_EVERY, engineSpec, workloadByName, workloadDataset } from './workloads';

export interface MemoryProbeRequest {
  /** The runs' MNIST split (the process always loads all 60,000 + 10,000 images first). */
  runTrainSize: number;
  runTestSize: number;
  /** Concurrent runs at each stage, increasing (e.g. [1, 2, 4]). */
  stages: number[];
  /** How long to sample each stage once all its runs train. */
  windowMs: number;
  sampleEveryMs: number;
  /** The worker entry as a file URL (a bundled build); null for the TypeScript source through tsx. */
  workerUrl: string | null;
}

/** The process's memory at one stage; rss over the stage's samples, the rest (this thread's isolate only) at its end. */
export interface StageMemory {
  label: string;
  runs: number;
  rss: Summary;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface MemoryProbeResult {
  stages: StageMemory[];
  /** Bytes of the distinct SharedArrayBuffers behind the dataset's arrays. */
  sharedBytes: number;
  /** True when every image and label array of the dataset is backed by a SharedArrayBuffer. */
  allShared: boolean;
}

const request = JSON.parse(process.argv[2] ?? '{}') as MemoryProbeRequest;
const log = (message: string) => process.stderr.write(`  memory probe: ${message}\n`);
const collect = () => (globalThis as { gc?: () => void }).gc?.();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** V8's memory reducer starts this long after a full GC (--gc-memory-reducer-start-delay-ms: 8 s), then takes up to ~1 s. */
const SETTLE_MIN_MS = 9500;
/** The reducer has run once the young generation is back to (about) its initial size… */
const SETTLED_NEW_SPACE_BYTES = 2e6;
/** …and RSS has not moved by more than SETTLE_TOLERANCE_BYTES for SETTLE_QUIET_MS; or SETTLE_MAX_MS has passed. */
const SETTLE_QUIET_MS = 1000;
const SETTLE_TOLERANCE_BYTES = 0.5e6;
const SETTLE_MAX_MS = 25_000;

function newSpaceBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.physical_space_size ?? 0;
}

/**
 * A full GC, then waits for this thread's heap to settle before a baseline. ~8 s after a full GC,
 * on a thread that allocates little, V8's memory reducer shrinks the young generation and hands back
 * pages: 8-19 MB of RSS here, left over from loading tsx and the engine. Without the wait, that drop
 * lands in whichever stage runs 8 s later, and counts as its runs costing less.
 */
async function settle(what: string): Promise<void> {
  collect();
  const start = performance.now();
  let quietSince = start;
  let reference = process.memoryUsage.rss();
  for (;;) {
    await sleep(250);
    const now = performance.now();
    const rss = process.memoryUsage.rss();
    if (Math.abs(rss - reference) > SETTLE_TOLERANCE_BYTES) {
      reference = rss;
      quietSince = now;
    }
    const settled = now - start >= SETTLE_MIN_MS && newSpaceBytes() <= SETTLED_NEW_SPACE_BYTES && now - quietSince >= SETTLE_QUIET_MS;
    if (settled || now - start >= SETTLE_MAX_MS) {
      log(`${what}: heap ${settled ? 'settled' : 'NOT settled'} after ${((now - start) / 1000).toFixed(1)} s (young generation ${(newSpaceBytes() / 1e6).toFixed(1)} MB)`);
      return;
    }
  }
}

async function stage(label: string, runs: number, windowMs: number): Promise<StageMemory> {
  const samples: number[] = [];
  const end = performance.now() + windowMs;
  do {
    samples.push(process.memoryUsage.rss());
    await sleep(request.sampleEveryMs);
  } while (performance.now() < end);
  const { heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { label, runs, rss: summarize(samples), heapUsed, external, arrayBuffers };
}

function sharedMemory(dataset: Dataset): { sharedBytes: number; allShared: boolean } {
  const arrays: ArrayBufferView[] = [];
  for (const split of [dataset.train, dataset.test]) {
    if (split === null) continue;
    arrays.push(split.x.values);
    if (split.y.kind === 'classes') arrays.push(split.y.labels);
  }
  const buffers = new Set<ArrayBufferLike>();
  let allShared = true;
  for (const array of arrays) {
    if (array.buffer instanceof SharedArrayBuffer) buffers.add(array.buffer);
    else allShared = false;
  }
  return { sharedBytes: [...buffers].reduce((sum, b) => sum + b.byteLength, 0), allShared };
}

const stages: StageMemory[] = [];
await settle('engine loaded');
stages.push(await stage('engine loaded, no dataset', 0, 200));

const w = workloadByName('W');
const full = loadDataset({ name: 'mnist', trainSize: MNIST_TRAIN_SIZE, testSize: MNIST_TEST_SIZE }, 0, nodeDataSources());
// The runs' dataset: views of `full` (the files are read once per process).
const spec = parseRunSpec(
  engineSpec(w, { iterations: 10_000_000, diagnosticsEvery: DEFAULT_DIAGNOSTICS_EVERY, dataset: workloadDataset(w, request.runTrainSize, request.runTestSize) }),
);
const dataset = loadDataset(spec.dataset, spec.seed, nodeDataSources());
await settle('MNIST loaded');
stages.push(await stage('MNIST loaded (60,000 + 10,000 images)', 0, 200));

const pool = new TrainingPool({ size: Math.max(...request.stages), closeGraceMs: 0, ...(request.workerUrl !== null ? { workerUrl: new URL(request.workerUrl) } : {}) });
let started = 0;
/** A run that ended while it should still be training (it would make the stage's numbers wrong). */
let endedEarly: string | null = null;
try {
  for (const target of request.stages) {
    const training: Promise<void>[] = [];
    for (; started < target; started++) {
      let resolveTraining!: () => void;
      training.push(new Promise<void>((resolve) => (resolveTraining = resolve)));
      pool.start(
        { runId: `memory-${started}`, spec, dataset },
        {
          onEvents: (events) => {
            const end = events.find((e) => e.type === 'end');
            if (end?.type === 'end') endedEarly ??= `a W run ended ${end.status} while memory was measured: ${end.message ?? 'no message'}`;
            if (end !== undefined || events.some((e) => e.type === 'step')) resolveTraining();
          },
        },
      );
    }
    log(`${target} run(s) started, waiting for their first steps`);
    await Promise.all(training);
    if (endedEarly !== null) throw new Error(endedEarly);
    stages.push(await stage(`${target} W run${target > 1 ? 's' : ''} training`, target, request.windowMs));
    if (endedEarly !== null) throw new Error(endedEarly);
  }
} finally {
  await closeKeepingAlive(() => pool.close());
}

const result: MemoryProbeResult = { stages, ...sharedMemory(full) };
process.stdout.write(`${JSON.stringify(result)}\n`);
