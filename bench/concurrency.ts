import { availableParallelism } from 'node:os';
import { TrainingPool } from '../engine/train/pool/training-pool';
import { twoThreadSpeedup } from './parallel-scaling';
import { closeKeepingAlive, poolRunIncludes, runConcurrently, warmUpPool, type PoolWorkload } from './pool-runs';
import { formatRate, formatRatio, formatSpread, rateMeasurement, valueMeasurement, type Measurement, type RateRow, type SectionResult } from './report';
import { ratio, summarize, type Summary } from './stats';
import { progress } from './timing';

/** The target: four concurrent W runs on 2 cores finish in at most ~2.2× one run's time. */
export const CONCURRENT_RUNS = 4;
const TARGET_TIME_RATIO = 2.2;

export interface ConcurrencyPlan {
  runs: number;
  /** Pool sizes to try; availableParallelism() (the app's default, 2 here) is the one the target is checked on. */
  poolSizes: number[];
}

/**
 * Four concurrent W runs through the real worker pool versus one: wall-clock time from starting
 * the runs to the last one's end (pool already warm), alternating one-run and four-run timings.
 * The app's pool has availableParallelism() workers (2 on a 2-core machine): there, 2 runs train
 * while 2 wait, so perfect scaling is 2.0× one run's time; a pool of 4 time-slices 4 workers on
 * the 2 cores, with the same ideal.
 */
export async function concurrencySection(p: PoolWorkload, plan: ConcurrencyPlan): Promise<SectionResult> {
  const defaultSize = availableParallelism();
  progress('  concurrency: measuring how two threads scale on this machine');
  const speedup = await twoThreadSpeedup(plan.runs);
  const single: number[] = [];
  const concurrent = new Map<number, number[]>(plan.poolSizes.map((size) => [size, []]));
  const pools = new Map(plan.poolSizes.map((size) => [size, new TrainingPool({ size })]));
  try {
    for (const [size, pool] of pools) {
      progress(`  concurrency: warming up a pool of ${size}`);
      await warmUpPool(pool, p);
    }
    const baselinePool = pools.get(plan.poolSizes[0]!)!;
    for (let r = 0; r < plan.runs; r++) {
      progress(`  concurrency: round ${r + 1}/${plan.runs}: 1 run`);
      single.push(await runConcurrently(baselinePool, p, 1));
      for (const [size, pool] of pools) {
        progress(`  concurrency: round ${r + 1}/${plan.runs}: ${CONCURRENT_RUNS} runs, pool of ${size}`);
        concurrent.get(size)!.push(await runConcurrently(pool, p, CONCURRENT_RUNS));
      }
    }
  } finally {
    await Promise.all([...pools.values()].map((pool) => closeKeepingAlive(() => pool.close())));
  }

  const w = p.workload;
  const rateRow = (impl: string, times: number[], runsPerTiming: number): RateRow => ({
    workload: `${w.name}×${CONCURRENT_RUNS}-concurrent`,
    impl,
    rate: summarize(times.map((ms) => (runsPerTiming * p.iterations * 1000) / ms)),
    samplesPerIteration: w.batchSize,
    flopsPerIteration: w.flopsPerIteration,
  });
  const singleTime = summarize(single);
  const rows: { row: RateRow; time: Summary; timeRatio: number | null; size: number | null }[] = [
    { row: rateRow(`1 run, pool of ${plan.poolSizes[0]}`, single, 1), time: singleTime, timeRatio: 1, size: null },
  ];
  for (const [size, times] of concurrent) {
    const time = summarize(times);
    rows.push({ row: rateRow(`${CONCURRENT_RUNS} runs, pool of ${size}`, times, CONCURRENT_RUNS), time, timeRatio: ratio(time.median, singleTime.median), size });
  }
  const measurements: Measurement[] = rows.map((r) => rateMeasurement(r.row));
  measurements.push(valueMeasurement(`${w.name}×${CONCURRENT_RUNS}-concurrent`, 'machine check: work done by 2 threads of plain JS ÷ by 1 thread, same time', speedup, plan.runs, '×'));
  // With 2 threads doing `speedup` times the work of one, 4 runs cannot take less than 4 ÷ speedup single-run times.
  const bestHere = CONCURRENT_RUNS / Math.min(speedup, Math.min(defaultSize, CONCURRENT_RUNS));
  for (const r of rows) {
    if (r.size !== null && r.timeRatio !== null) measurements.push(valueMeasurement(r.row.workload, `time of ${CONCURRENT_RUNS} runs ÷ time of 1 run, pool of ${r.size}`, r.timeRatio, plan.runs, '×'));
  }
  const checked = rows.find((r) => r.size === defaultSize) ?? rows.find((r) => r.size !== null);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return {
    title: `${CONCURRENT_RUNS} concurrent ${w.name} runs vs 1 (worker pool)`,
    notes: [
      `${poolRunIncludes(p)}. Time = wall clock from starting the runs to the last end event and weights; workers warmed up first.`,
      'it/s is the aggregate of all runs (runs × iterations ÷ wall time); the engine\'s default kernel backend runs in the workers.',
      `The app's pool has availableParallelism() = ${defaultSize} workers here: with ${CONCURRENT_RUNS} runs, ${Math.min(defaultSize, CONCURRENT_RUNS)} train while the rest wait, so ideal scaling is ${(CONCURRENT_RUNS / Math.min(defaultSize, CONCURRENT_RUNS)).toFixed(1)}× one run's time.`,
      `Machine check: 2 threads of plain JS got ${formatRatio(speedup)} the work of 1 thread done in the same time (2.00× on two free cores), so ${CONCURRENT_RUNS} runs cannot take less than ≈ ${formatRatio(bestHere)} one run's time here, whatever the engine does.`,
    ],
    tables: [
      {
        headers: ['runs', 'wall time', 'min–max', 'aggregate it/s', 'runs timed', 'time ÷ 1 run'],
        align: 'lrrrrr',
        rows: rows.map((r) => [r.row.impl, seconds(r.time.median), formatSpread(r.time, seconds), formatRate(r.row.rate.median), String(r.time.runs), formatRatio(r.timeRatio)]),
      },
    ],
    measurements,
    targets: [
      {
        target: `${CONCURRENT_RUNS} concurrent ${w.name} runs on ${defaultSize} cores ≤ ${TARGET_TIME_RATIO}× one run's time`,
        measured: checked ? `${formatRatio(checked.timeRatio)} (pool of ${checked.size}); machine's 2-thread speedup ${formatRatio(speedup)}, best possible here ≈ ${formatRatio(bestHere)}` : 'not measured',
        met: checked?.timeRatio == null ? null : checked.timeRatio <= TARGET_TIME_RATIO,
      },
    ],
  };
}
