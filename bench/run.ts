/**
 * `npm run bench`: the issue's performance benchmark (issue 6). Training throughput of W, S and D
 * on the engine and on TensorFlow.js (WASM+SIMD and CPU), a GEMM microbenchmark, and the system
 * measurements behind the other targets (diagnostics overhead, four concurrent runs, UI transport,
 * memory), how close the duration estimate comes to the training presets' run times, and how much room
 * a stored MNIST run takes in the run history, and a class's scale (40 hand-ins imported, the class
 * view, a 5,000-run table: issue 14), and the longest main-thread tasks of the built app in Chromium while it
 * loads a 50,000-point CSV and while four runs train (issue 15). Prints
 * tables, or with --json one JSON line per measurement; see options.ts for flags.
 */
import { classScaleSections } from './class-scale';
import { concurrencySection } from './concurrency';
import { diagnosticsSection } from './diagnostics-overhead';
import { estimateSection } from './duration-estimate';
import { gemmSection } from './gemm';
import { historySection } from './history-size';
import { kernelBackend } from '../engine/nn/kernel-backend';
import { engineKernels } from './kernel-backend';
import { memorySection, workerVariants } from './memory';
import { USAGE, UsageError, parseOptions, type BenchOptions, type SectionName } from './options';
import { poolWorkload } from './pool-runs';
import { jsonLine, renderSection, renderTargets, type SectionResult } from './report';
import { describeSystem, loadLine, systemInfo } from './system';
import { throughputSection } from './throughput';
import { tfjsInfo, useTfjsBackend } from './tfjs-runner';
import { progress } from './timing';
import { transportSection } from './transport';
import { uiSection } from './ui-long-tasks';
import { NEVER, WORKLOADS, workloadByName } from './workloads';

async function main(options: BenchOptions): Promise<void> {
  const started = performance.now();
  const load = loadLine();
  await useTfjsBackend('wasm');
  const tfjs = await tfjsInfo();
  const kernels = await engineKernels();
  const header = describeSystem(systemInfo(), [
    `TensorFlow.js ${tfjs.version}: WASM SIMD ${tfjs.wasmSimd ? 'on' : 'off'}, WASM threads ${tfjs.wasmThreads ? 'on' : 'off'}`,
    `engine kernels: ${kernels.impls.map((i) => i.label).join(', ')} (default: ${kernelBackend()})`,
    ...kernels.notes,
    load,
    `mode: ${options.quick ? 'quick (short runs, fewer GEMM shapes, small pool runs, one memory probe, one run of one preset per experiment; numbers are rougher)' : 'full'}; sections: ${[...options.sections].join(', ')}`,
  ]);
  progress(header.join('\n'));

  const pool = options.pool;
  const poolW = () => poolWorkload(workloadByName('W'), pool.wIterations, { mnistTrainSize: pool.mnistTrainSize, mnistTestSize: pool.mnistTestSize, evalEvery: NEVER });
  const poolS = () => poolWorkload(workloadByName('S'), pool.sIterations, { mnistTrainSize: 0, mnistTestSize: 0, evalEvery: 'epoch' });
  const runners: Record<SectionName, () => Promise<SectionResult | SectionResult[]>> = {
    throughput: () => throughputSection(WORKLOADS, kernels.impls, options.throughput, kernels.restore),
    gemm: () => gemmSection(kernels.impls, options.gemm.layers, options.gemm, kernels.restore),
    diagnostics: async () => diagnosticsSection(options.diagnostics),
    concurrency: () => concurrencySection(poolW(), options.concurrency),
    transport: () => transportSection([poolW(), poolS()], options.transportRuns),
    memory: () => memorySection(options.memory, workerVariants(options.memory.bothWorkers)),
    estimate: () => estimateSection(options.estimate),
    history: async () => [await historySection(), ...(await classScaleSections(options.classScale))],
    ui: () => uiSection(options.ui),
  };

  const results: SectionResult[] = [];
  for (const [name, run] of Object.entries(runners) as [SectionName, () => Promise<SectionResult | SectionResult[]>][]) {
    if (!options.sections.has(name)) continue;
    const sectionStart = performance.now();
    progress(`[${name}]`);
    const produced = await run();
    progress(`[${name}] done in ${((performance.now() - sectionStart) / 1000).toFixed(1)} s`);
    for (const result of Array.isArray(produced) ? produced : [produced]) {
      results.push(result);
      if (options.json) for (const m of result.measurements) process.stdout.write(`${jsonLine(m)}\n`);
    }
  }

  const elapsed = `bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`;
  if (options.json) {
    progress(elapsed);
    return;
  }
  const targets = results.flatMap((r) => r.targets);
  const out = [header.join('\n'), ...results.map(renderSection)];
  if (targets.length > 0) out.push(`== Targets on this machine ==\n\n${renderTargets(targets)}`);
  out.push(elapsed);
  process.stdout.write(`${out.join('\n\n')}\n`);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
let options: BenchOptions;
try {
  options = parseOptions(args);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n${USAGE}\n`);
  process.exit(2);
}
try {
  await main(options);
} catch (error) {
  // Reported here: TF.js's WASM module rethrows unhandled rejections with its whole source line.
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
