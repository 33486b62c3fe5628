import type { ClassScalePlan } from './class-scale';
import type { ConcurrencyPlan } from './concurrency';
import type { DiagnosticsPlan } from './diagnostics-overhead';
import type { EstimatePlan } from './duration-estimate';
import type { MemoryProbeRequest } from './memory-probe';
import type { TimingPlan } from './timing';
import type { UiPlan } from './ui-long-tasks';
import { GEMM_LAYERS, type GemmLayer } from './workloads';

export const SECTIONS = ['throughput', 'gemm', 'diagnostics', 'concurrency', 'transport', 'memory', 'estimate', 'history', 'ui'] as const;
export type SectionName = (typeof SECTIONS)[number];

/** Everything a bench run does, as the command line chose it. */
export interface BenchOptions {
  quick: boolean;
  json: boolean;
  sections: ReadonlySet<SectionName>;
  throughput: TimingPlan;
  gemm: TimingPlan & { layers: readonly GemmLayer[] };
  diagnostics: DiagnosticsPlan;
  /** Iterations of each W run through the pool, and the MNIST split those runs use. */
  pool: { wIterations: number; sIterations: number; mnistTrainSize: number; mnistTestSize: number };
  concurrency: ConcurrencyPlan;
  transportRuns: number;
  memory: Omit<MemoryProbeRequest, 'workerUrl'> & { bothWorkers: boolean };
  estimate: EstimatePlan;
  /** The history section's class-scale part: hand-ins imported, the class view, a large runs table. */
  classScale: ClassScalePlan;
  /** The UI section: loads of the 50,000-point CSV, rounds of screen switching while four runs train. */
  ui: UiPlan;
}

export const USAGE = `usage: npm run bench -- [--quick] [--json] [--only ${SECTIONS.join(',')}]
  --quick   shorter and fewer runs, fewer GEMM shapes, smaller pool runs, one memory probe (under a minute),
            one run of one preset per experiment for the duration estimate (under a minute more)
            (the history section trains its MNIST presets in full either way; --quick imports 10 students'
            hand-ins once instead of 40 up to three times)
  --json    one JSON line per measurement on stdout, nothing else (progress goes to stderr)
  --only    run only these sections (comma-separated)
  --profile the ui section also CPU-profiles the page and names the code behind its longest tasks
            (source files and lines after \`NNLAB_PROFILE_BUILD=1 npm run build\`: unminified, with source maps)
  (the ui section drives the built app in Chromium: run \`npm run build\` first; it builds nothing)`;

/** A command-line mistake, reported with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function plans(quick: boolean): Omit<BenchOptions, 'quick' | 'json' | 'sections'> {
  if (quick) {
    return {
      throughput: { warmupMs: 100, runMs: 250, runs: 3 },
      gemm: { warmupMs: 30, runMs: 60, runs: 3, layers: GEMM_LAYERS.filter((l) => l.nIn !== 100) },
      diagnostics: { windowSteps: 200, runs: 5 },
      pool: { wIterations: 120, sIterations: 2000, mnistTrainSize: 2560, mnistTestSize: 0 },
      concurrency: { runs: 3, poolSizes: [2] },
      transportRuns: 3,
      memory: { runTrainSize: 2560, runTestSize: 0, stages: [1, 2, 4], windowMs: 600, sampleEveryMs: 50, bothWorkers: false },
      // Every preset once would take 2–3 minutes: one per experiment (its costliest) still covers each kind of work.
      estimate: { repetitions: 1, presets: 'one per experiment' },
      classScale: { students: 10, importRepetitions: 1, importBudgetSeconds: 0, classViewRepetitions: 5, tableRuns: 5000, tableRepetitions: 20 },
      ui: { csvRepetitions: 1, switchRounds: 1, profile: false },
    };
  }
  return {
    throughput: { warmupMs: 1000, runMs: 1500, runs: 5 },
    gemm: { warmupMs: 200, runMs: 300, runs: 5, layers: GEMM_LAYERS },
    diagnostics: { windowSteps: 500, runs: 5 },
    pool: { wIterations: 1000, sIterations: 20_000, mnistTrainSize: 12_800, mnistTestSize: 0 },
    concurrency: { runs: 3, poolSizes: [2, 4] },
    transportRuns: 3,
    memory: { runTrainSize: 60_000, runTestSize: 10_000, stages: [1, 2, 4], windowMs: 2000, sampleEveryMs: 50, bothWorkers: true },
    estimate: { repetitions: 3, presets: 'all' },
    classScale: { students: 40, importRepetitions: 3, importBudgetSeconds: 240, classViewRepetitions: 5, tableRuns: 5000, tableRepetitions: 20 },
    ui: { csvRepetitions: 3, switchRounds: 3, profile: false },
  };
}

/** Parses the command line (without node and the script). Throws UsageError on anything unknown. */
export function parseOptions(args: readonly string[]): BenchOptions {
  let quick = false;
  let json = false;
  let profile = false;
  let only: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--json') json = true;
    else if (arg === '--profile') profile = true;
    else if (arg === '--only') only = args[++i] ?? '';
    else if (arg.startsWith('--only=')) only = arg.slice('--only='.length);
    else throw new UsageError(`unknown argument "${arg}"`);
  }
  let sections: Set<SectionName> = new Set(SECTIONS);
  if (only !== null) {
    const names = only.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
    if (names.length === 0 || unknown.length > 0) throw new UsageError(`--only takes section names from: ${SECTIONS.join(', ')}${unknown.length > 0 ? ` (not ${unknown.join(', ')})` : ''}`);
    sections = new Set(names as SectionName[]);
  }
  const planned = plans(quick);
  return { quick, json, sections, ...planned, ui: { ...planned.ui, profile } };
}
