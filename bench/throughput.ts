import { ENGINE_ITERATION_INCLUDES, engineTrainer, loadWorkloadData } from './engine-runner';
import type { EngineImpl } from './kernel-backend';
import { formatRate, formatRatio, formatSpread, rateMeasurement, type RateRow, type SectionResult, type TargetCheck } from './report';
import { ratio, summarize } from './stats';
import { TFJS_ITERATION_INCLUDES, TFJS_LABELS, sampleBatches, tfjsTensorCount, tfjsTrainer, useTfjsBackend, type TfjsBackend } from './tfjs-runner';
import { progress, timeRoundRobin, type Contender, type TimingPlan } from './timing';
import { MNIST_BENCH_TRAIN_SIZE, type Workload } from './workloads';

/** TF.js batches cycled per workload (real data, uploaded once). */
const TFJS_BATCHES = 8;

function row(w: Workload, impl: string, rates: number[]): RateRow {
  return { workload: w.name, impl, rate: summarize(rates), samplesPerIteration: w.batchSize, flopsPerIteration: w.flopsPerIteration };
}

/**
 * Times one workload on every implementation, round-robin: the engine's backends, then TF.js WASM
 * and CPU (each TF.js trainer is built on its backend and keeps its tensors there).
 */
async function measureWorkload(w: Workload, engines: readonly EngineImpl[], plan: TimingPlan, restoreEngine: () => Promise<void>): Promise<RateRow[]> {
  const batches = sampleBatches(loadWorkloadData(w), w, TFJS_BATCHES);
  const tensorsBefore = tfjsTensorCount();
  const contenders: Contender[] = [
    ...engines.map((engine) => ({ label: engine.label, activate: () => engine.activate(), create: () => ({ iterate: engineTrainer(w).iterate, dispose: () => {} }) })),
    ...(['wasm', 'cpu'] as TfjsBackend[]).map((backend) => ({ label: TFJS_LABELS[backend], activate: () => useTfjsBackend(backend), create: () => tfjsTrainer(w, batches) })),
  ];
  const rates = await timeRoundRobin(contenders, plan, (label, run) => progress(run === 0 ? `  ${w.name}: ${label}: building, warming up` : `  ${w.name}: timed round ${run}/${plan.runs} done`));
  await restoreEngine();
  if (tfjsTensorCount() !== tensorsBefore) progress(`  note: TF.js holds ${tfjsTensorCount() - tensorsBefore} more tensors after ${w.name}`);
  return contenders.map((c, i) => row(w, c.label, rates[i]!));
}

/** The targets for a workload, checked on the fastest engine row. */
function workloadTargets(w: Workload, rows: readonly RateRow[], engineLabels: ReadonlySet<string>): TargetCheck[] {
  const engineRows = rows.filter((r) => engineLabels.has(r.impl));
  const best = engineRows.reduce<RateRow | null>((a, b) => (a === null || b.rate.median > a.rate.median ? b : a), null);
  const tfjs = rows.find((r) => r.impl === TFJS_LABELS.wasm);
  const vsPytorch = ratio(best?.rate.median, w.pytorchReferenceItPerSec);
  const vsTfjs = ratio(best?.rate.median, tfjs?.rate.median);
  const who = best === null ? 'no engine row' : `${best.impl}: ${formatRate(best.rate.median)} it/s`;
  return [
    {
      target: `${w.name}: ≥ ${w.target.vsPytorch}× PyTorch reference (${formatRate(w.pytorchReferenceItPerSec * w.target.vsPytorch)} it/s)`,
      measured: `${who} = ${formatRatio(vsPytorch)}`,
      met: vsPytorch === null ? null : vsPytorch >= w.target.vsPytorch,
    },
    {
      target: `${w.name}: ≥ ${w.target.vsTfjsWasm}× TF.js WASM+SIMD (same run)`,
      measured: `${who} vs ${formatRate(tfjs?.rate.median ?? null)} it/s = ${formatRatio(vsTfjs)}`,
      met: vsTfjs === null ? null : vsTfjs >= w.target.vsTfjsWasm,
    },
  ];
}

/**
 * Training throughput of W, S and D on every implementation, with ratios against the TF.js WASM
 * row measured in this run and against the PyTorch numbers (quoted, not measured here).
 */
export async function throughputSection(workloads: readonly Workload[], engines: readonly EngineImpl[], plan: TimingPlan, restoreEngine: () => Promise<void>): Promise<SectionResult> {
  const rows: RateRow[] = [];
  const targets: TargetCheck[] = [];
  const engineLabels = new Set(engines.map((e) => e.label));
  for (const w of workloads) {
    const measured = await measureWorkload(w, engines, plan, restoreEngine);
    rows.push(...measured);
    targets.push(...workloadTargets(w, measured, engineLabels));
  }
  const tableRows = rows.map((r) => {
    const m = rateMeasurement(r);
    const w = workloads.find((x) => x.name === r.workload)!;
    const tfjs = rows.find((x) => x.workload === r.workload && x.impl === TFJS_LABELS.wasm);
    return [
      r.workload,
      r.impl,
      formatRate(m.itPerSec),
      formatSpread(r.rate),
      formatRate(m.samplesPerSec),
      m.gflops!.toFixed(2),
      String(m.runs),
      formatRatio(ratio(m.itPerSec, tfjs?.rate.median)),
      formatRatio(ratio(m.itPerSec, w.pytorchReferenceItPerSec)),
    ];
  });
  const references = workloads.map((w) => `${w.name} ${formatRate(w.pytorchReferenceItPerSec)} it/s`).join(', ');
  return {
    title: 'Training throughput per iteration (W, S, D)',
    notes: [
      ...workloads.map((w) => `${w.name}: ${w.description}; ${(w.flopsPerIteration / 1e6).toFixed(2)} MFLOP per iteration.`),
      `Method: per implementation one ${plan.warmupMs} ms warm-up, then ${plan.runs} timed runs of ≥ ${plan.runMs} ms each, round-robin across implementations; it/s is the median, min–max the spread.`,
      `${ENGINE_ITERATION_INCLUDES}. MNIST batches come from the first ${MNIST_BENCH_TRAIN_SIZE.toLocaleString('en-US')} real training images (per-iteration work does not depend on the split's size; it keeps the untimed initial evaluation short).`,
      `${TFJS_ITERATION_INCLUDES}. Batch upload to TF.js is not timed (a small advantage to TF.js).`,
      'GFLOP/s counts the three products of every layer (2·batch·n_in·n_out each), as the issue does (715 it/s ≙ 60 GFLOP/s for W); element-wise work is not counted.',
      `"× PyTorch ref" divides by reference numbers from the issue, not measured here (PyTorch 1.13 + OpenBLAS, 1 thread: ${references}).`,
    ],
    tables: [{ headers: ['workload', 'impl', 'it/s', 'min–max', 'samples/s', 'GFLOP/s', 'runs', '× TF.js WASM', '× PyTorch ref*'], align: 'llrrrrrrr', rows: tableRows }],
    measurements: rows.map(rateMeasurement),
    targets,
  };
}
