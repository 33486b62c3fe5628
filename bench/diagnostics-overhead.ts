import { engineTrainer } from './engine-runner';
import { kernelBackend } from '../engine/nn/kernel-backend';
import { formatPercent, formatRate, formatSpread, rateMeasurement, valueMeasurement, type RateRow, type SectionResult } from './report';
import { overheadFromRates, ratePerSecond, summarize } from './stats';
import { progress } from './timing';
import { DEFAULT_DIAGNOSTICS_EVERY, workloadByName } from './workloads';

export interface DiagnosticsPlan {
  /** Steps per timed window: a multiple of the interval, so each window holds the same number of snapshots. */
  windowSteps: number;
  runs: number;
}

/**
 * Diagnostics overhead on W, in this thread: two engine trainers, one with diagnostics every 50
 * steps (the default) and one without, timed over the same windows of steps, alternately (so drift
 * hits both alike; which goes first alternates too). The overhead is the median of the pairs'
 * ratios: a burst of other load slows one pair, not the result. A window of 50·k steps starting at
 * a multiple of 50 holds exactly k snapshots.
 */
export function diagnosticsSection(plan: DiagnosticsPlan): SectionResult {
  if (plan.windowSteps % DEFAULT_DIAGNOSTICS_EVERY !== 0) throw new RangeError(`windowSteps must be a multiple of ${DEFAULT_DIAGNOSTICS_EVERY}`);
  const w = workloadByName('W');
  const configs = [
    { impl: `W, diagnostics every ${DEFAULT_DIAGNOSTICS_EVERY}`, ...engineTrainer(w, { diagnosticsEvery: DEFAULT_DIAGNOSTICS_EVERY }) },
    { impl: 'W, no diagnostics', ...engineTrainer(w) },
  ];
  // Warm-up: steps 0..49 (step 0 takes a snapshot in both configurations), so timing starts at step 50.
  for (const c of configs) for (let s = 0; s < DEFAULT_DIAGNOSTICS_EVERY; s++) c.iterate();
  const rates = configs.map(() => [] as number[]);
  for (let r = 0; r < plan.runs; r++) {
    progress(`  diagnostics overhead: window ${r + 1}/${plan.runs}`);
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const c = configs[i]!;
      const start = performance.now();
      for (let s = 0; s < plan.windowSteps; s++) c.iterate();
      rates[i]!.push(ratePerSecond(plan.windowSteps, performance.now() - start));
    }
  }
  const rows: RateRow[] = configs.map((c, i) => ({
    workload: 'diagnostics-overhead',
    impl: c.impl,
    rate: summarize(rates[i]!),
    samplesPerIteration: w.batchSize,
    flopsPerIteration: w.flopsPerIteration,
  }));
  const ofMedians = overheadFromRates(rows[1]!.rate.median, rows[0]!.rate.median);
  const pairs = rates[0]!.map((withDiagnostics, r) => overheadFromRates(rates[1]![r]!, withDiagnostics)!);
  const paired = summarize(pairs);
  const overhead = pairs.length > 0 ? paired.median : ofMedians;
  return {
    title: 'Diagnostics overhead (W, engine in this thread)',
    notes: [
      `Kernels: ${kernelBackend()}. Windows of ${plan.windowSteps} steps from step 50 on; a diagnostics step reads the batch's weight gradients, passes the fixed 256-sample diagnostics set forward (no dropout) for the activation and pre-activation statistics, summarizes the weights of every layer and builds the diagnostics event (dropped here; sending and storing it is in the transport section).`,
      `Overhead = the median over pairs of windows of it/s without ÷ it/s with − 1 (the pairs ranged ${formatPercent(paired.min)} to ${formatPercent(paired.max)}); from the two medians it is ${formatPercent(ofMedians)}.`,
    ],
    tables: [
      {
        headers: ['configuration', 'it/s', 'min–max', 'runs', 'time vs none'],
        align: 'lrrrr',
        rows: rows.map((r, i) => [r.impl, formatRate(r.rate.median), formatSpread(r.rate), String(r.rate.runs), i === 0 ? formatPercent(overhead) : '']),
      },
    ],
    measurements: [...rows.map(rateMeasurement), valueMeasurement('diagnostics-overhead', `W, time added by diagnostics every ${DEFAULT_DIAGNOSTICS_EVERY}`, (overhead ?? NaN) * 100, plan.runs, '%')],
    targets: [
      {
        target: `diagnostics every ${DEFAULT_DIAGNOSTICS_EVERY} cost ≤ 10 % of training time (W)`,
        measured: formatPercent(overhead),
        met: overhead === null ? null : overhead <= 0.1,
      },
    ],
  };
}
