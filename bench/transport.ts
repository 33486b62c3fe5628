import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeMessage } from '../engine/api/socket-codec';
import { EventThrottle } from '../engine/service/event-throttle';
import { LabService } from '../engine/service/lab-service';
import { TrainingPool } from '../engine/train/pool/training-pool';
import { checkCompleted, closeKeepingAlive, poolRunIncludes, runConcurrently, warmUpPool, type PoolWorkload } from './pool-runs';
import { formatPercent, formatRate, formatSpread, rateMeasurement, valueMeasurement, type Measurement, type RateRow, type SectionResult, type Table, type TargetCheck } from './report';
import { median, overheadFromTimes, summarize } from './stats';
import { threadCpuMs } from './thread-cpu';
import { progress } from './timing';

const TARGET_FORWARDING = 0.02;

/**
 * Rounds beyond `runs` for short runs: more until the pool-alone runs add up to this long, at most
 * MAX_ROUNDS. A 2,000-iteration S run trains for ~0.1 s; its main-thread time varies by several
 * ms from run to run (SQLite, the machine's other load), more than the 2 % being measured.
 */
const MIN_TIMED_POOL_MS = 3000;
const MAX_ROUNDS = 15;

type Config = 'pool' | 'service' | 'subscriber';

const CONFIG_LABELS: Record<Config, string> = {
  pool: 'pool alone',
  service: 'LabService (storage + throttle), no subscriber',
  subscriber: 'LabService + subscriber (encoded pushes)',
};

/** One timed run: wall-clock time, main-thread busy and CPU time, and what the subscriber encoded. */
interface Sample {
  wallMs: number;
  busyMs: number;
  /** null where the thread's CPU time cannot be read (see threadCpuMs). */
  cpuMs: number | null;
  encodeMs: number;
  chars: number;
  messages: number;
  /** Time spent inside the service's event throttle (collecting, thinning, handing pushes to the subscriber, which encodes them there). */
  forwardingMs: number;
}

/**
 * Times every call into the LabService's EventThrottle (push, and the flushes its timers and the
 * run's end make, which call the subscriber): the forwarding work itself, on the main thread.
 * A benchmark-only wrapper of the class's methods, undone by the returned function.
 */
function timeForwarding(into: { forwardingMs: number }): () => void {
  const proto = EventThrottle.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = ['push', 'flush', 'forwardPending'] as const;
  const originals = names.map((name) => proto[name]!);
  let depth = 0;
  names.forEach((name, i) => {
    const original = originals[i]!;
    proto[name] = function timed(this: unknown, ...args: unknown[]) {
      if (depth > 0) return original.apply(this, args);
      depth++;
      const start = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        into.forwardingMs += performance.now() - start;
        depth--;
      }
    };
  });
  return () => names.forEach((name, i) => (proto[name] = originals[i]!));
}

/** Runs `action` and measures its wall time, and how long this thread's event loop was busy and how much CPU it used meanwhile. */
async function sample(action: () => Promise<unknown>, encoded = { encodeMs: 0, chars: 0, messages: 0, forwardingMs: 0 }): Promise<Sample> {
  const elu = performance.eventLoopUtilization();
  const cpuBefore = threadCpuMs();
  const start = performance.now();
  await action();
  const wallMs = performance.now() - start;
  const cpuAfter = threadCpuMs();
  const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return { wallMs, busyMs: performance.eventLoopUtilization(elu).active, cpuMs, ...encoded };
}

async function serviceRun(service: LabService, p: PoolWorkload): Promise<void> {
  const { id } = service.startRun(p.spec);
  const stored = await service.whenEnded(id);
  checkCompleted(stored, `a ${p.workload.name} run through the LabService`);
}

/** A service run with a subscriber that encodes every push as the browser host's WebSocket bridge does (engine/api/socket-codec). */
async function subscribedRun(service: LabService, p: PoolWorkload): Promise<Sample> {
  const encoded = { encodeMs: 0, chars: 0, messages: 0, forwardingMs: 0 };
  const untime = timeForwarding(encoded);
  const unsubscribe = service.subscribe((push) => {
    const start = performance.now();
    const text = encodeMessage({ push });
    encoded.encodeMs += performance.now() - start;
    encoded.chars += text.length;
    encoded.messages++;
  });
  try {
    return await sample(() => serviceRun(service, p), encoded);
  } finally {
    unsubscribe();
    untime();
  }
}

/** Medians of each configuration's samples, and the rows, tables and checks they give. */
function report(p: PoolWorkload, samples: Record<Config, Sample[]>): { table: Table; measurements: Measurement[]; target: TargetCheck } {
  const w = p.workload;
  const med = (config: Config, field: Exclude<keyof Sample, 'cpuMs'>) => median(samples[config].map((s) => s[field]));
  const medCpu = (config: Config): number | null => {
    const cpu = samples[config].map((s) => s.cpuMs);
    return cpu.every((ms): ms is number => ms !== null) ? median(cpu) : null;
  };
  const poolWall = med('pool', 'wallMs');
  const runs = samples.pool.length;
  // Differences of two medians: they may come out slightly negative when the cost is within noise.
  const busyForwarding = (med('subscriber', 'busyMs') - med('service', 'busyMs')) / poolWall;
  const cpuService = medCpu('service');
  const cpuSubscriber = medCpu('subscriber');
  const cpuForwarding = cpuService === null || cpuSubscriber === null ? null : (cpuSubscriber - cpuService) / poolWall;
  // The target uses CPU time where it can be read: the event loop's active time also counts the
  // time the main thread waited for a core, which on a shared machine varies by more than 2 %.
  // The forwarding work timed where it happens (the throttle and the subscriber's encoding inside
  // it): what the difference of two medians estimates, without its noise. The target uses it; the
  // difference stays beside it as a check that nothing around the throttle costs more.
  const directForwarding = med('subscriber', 'forwardingMs') / poolWall;
  const forwarding = directForwarding;
  const measurements: Measurement[] = [];
  const rows = (Object.keys(CONFIG_LABELS) as Config[]).map((config) => {
    const walls = samples[config].map((s) => s.wallMs);
    const rateRow: RateRow = {
      workload: 'transport-overhead',
      impl: `${w.name}, ${CONFIG_LABELS[config]}`,
      rate: summarize(walls.map((ms) => (p.iterations * 1000) / ms)),
      samplesPerIteration: w.batchSize,
      flopsPerIteration: w.flopsPerIteration,
    };
    const busy = med(config, 'busyMs');
    const cpu = medCpu(config);
    measurements.push(rateMeasurement(rateRow), valueMeasurement('transport-overhead', `${w.name}, ${CONFIG_LABELS[config]}: main-thread busy time`, busy, walls.length, 'ms'));
    if (cpu !== null) measurements.push(valueMeasurement('transport-overhead', `${w.name}, ${CONFIG_LABELS[config]}: main-thread CPU time`, cpu, walls.length, 'ms'));
    const wall = summarize(walls);
    return [
      CONFIG_LABELS[config],
      `${(wall.median / 1000).toFixed(2)} s`,
      formatSpread(wall, (ms) => (ms / 1000).toFixed(2)),
      formatRate(rateRow.rate.median),
      config === 'pool' ? '' : formatPercent(overheadFromTimes(poolWall, wall.median)),
      busy.toFixed(0),
      cpu === null ? 'n/a' : cpu.toFixed(0),
      formatPercent(busy / poolWall).replace(/^\+/, ''),
      config === 'subscriber' ? med(config, 'forwardingMs').toFixed(1) : '',
      config === 'subscriber' ? med(config, 'encodeMs').toFixed(1) : '',
      config === 'subscriber' ? `${(med(config, 'chars') / 1000).toFixed(0)} k` : '',
      config === 'subscriber' ? String(med(config, 'messages')) : '',
    ];
  });
  measurements.push(valueMeasurement('transport-overhead', `${w.name}, forwarding cost (subscriber − no subscriber main-thread time) ÷ training time`, busyForwarding * 100, runs, '%'));
  if (cpuForwarding !== null) measurements.push(valueMeasurement('transport-overhead', `${w.name}, forwarding cost (subscriber − no subscriber main-thread CPU time) ÷ training time`, cpuForwarding * 100, runs, '%'));
  measurements.push(valueMeasurement('transport-overhead', `${w.name}, forwarding work (time in the event throttle and encoding) ÷ training time`, directForwarding * 100, runs, '%'));
  return {
    table: {
      headers: [`${w.name}: configuration`, 'wall', 'min–max (s)', 'it/s', 'wall vs pool', 'main busy ms', 'main CPU ms', 'busy ÷ pool wall', 'forwarding ms', 'encode ms', 'pushed chars', 'pushes'],
      align: 'lrrrrrrrrrrr',
      rows,
    },
    measurements,
    target: {
      target: `${w.name}: forwarding events to the UI < 2 % of training time`,
      measured: `${formatPercent(directForwarding)} forwarding work timed in the throttle; difference of medians: ${cpuForwarding === null ? `${formatPercent(busyForwarding)} busy time` : `${formatPercent(cpuForwarding)} CPU time (busy ${formatPercent(busyForwarding)})`}, ${runs} rounds`,
      met: Number.isFinite(forwarding) ? forwarding < TARGET_FORWARDING : null,
    },
  };
}

/**
 * UI transport overhead: the same run (one at a time) through the pool alone, through the
 * LabService (every event stored in SQLite) without a subscriber, and with a subscriber that encodes
 * every push as the WebSocket bridge does. Measured: wall time, this (main) thread's busy and CPU
 * time, and the time spent forwarding (in the event throttle, encoding included). With one run on
 * two cores the main thread's work runs beside training, so its time is the cost that lands on
 * training when every core trains.
 */
export async function transportSection(workloads: readonly PoolWorkload[], runs: number): Promise<SectionResult> {
  const folder = mkdtempSync(join(tmpdir(), 'nnlab-bench-'));
  const size = availableParallelism();
  const pool = new TrainingPool({ size });
  const service = LabService.open({ dbPath: join(folder, 'bench.db'), pool: { size } });
  const tables: Table[] = [];
  const measurements: Measurement[] = [];
  const targets: TargetCheck[] = [];
  try {
    for (const p of workloads) {
      progress(`  transport ${p.workload.name}: warming up`);
      await warmUpPool(pool, p);
      // Both service paths, so the first timed round compiles neither: a cold encoder costs several
      // times its steady-state time once per process, which the first subscribed round used to carry.
      const short = { ...p, spec: { ...p.spec, training: { ...p.spec.training, iterations: Math.min(p.iterations, 100) } } };
      await serviceRun(service, short);
      await subscribedRun(service, short);
      const samples: Record<Config, Sample[]> = { pool: [], service: [], subscriber: [] };
      let poolMs = 0;
      for (let r = 0; r < MAX_ROUNDS && (r < runs || poolMs < MIN_TIMED_POOL_MS); r++) {
        progress(`  transport ${p.workload.name}: round ${r + 1}${r < runs ? `/${runs}` : ' (short runs: more rounds)'}`);
        const alone = await sample(() => runConcurrently(pool, p, 1));
        samples.pool.push(alone);
        poolMs += alone.wallMs;
        // Alternate which service configuration goes first, so that neither always inherits the
        // other's leftovers (garbage to collect, a WAL checkpoint due).
        if (r % 2 === 0) {
          samples.service.push(await sample(() => serviceRun(service, p)));
          samples.subscriber.push(await subscribedRun(service, p));
        } else {
          samples.subscriber.push(await subscribedRun(service, p));
          samples.service.push(await sample(() => serviceRun(service, p)));
        }
      }
      const result = report(p, samples);
      tables.push(result.table);
      measurements.push(...result.measurements);
      targets.push(result.target);
    }
  } finally {
    await closeKeepingAlive(() => service.close());
    await closeKeepingAlive(() => pool.close());
    rmSync(folder, { recursive: true, force: true });
  }
  return {
    title: 'UI transport overhead (one run at a time)',
    notes: [
      ...workloads.map((p) => `${poolRunIncludes(p)}.`),
      'main busy = this thread\'s event-loop active time during the run (receiving event batches, acknowledging, SQLite writes, throttle, encoding); main CPU = the CPU time this thread used meanwhile (Linux per-thread scheduler statistics); "busy ÷ pool wall" relates busy time to the pool-alone run\'s time.',
      'Forwarding cost (the target) = the time spent in the service\'s event throttle — collecting and thinning the events, building each push and handing it to the subscriber, whose encoding runs inside — ÷ the pool-alone wall time ("forwarding ms"). Beside it, the difference of main-thread CPU time with the subscriber − without: it also catches costs around the throttle (garbage kept longer), but its resolution is ±2–3 % of S\'s short runs (SQLite writes and GC vary by ±20 ms a run), too coarse for a 2 % target; on W both agree.',
      'The subscriber encodes every push with engine/api/socket-codec, as the browser host does (JSON for plain data, devalue otherwise). The socket write itself (ws) is not included: there is no browser here.',
      `Rounds: at least ${runs}, more for short runs until the pool-alone runs add up to ${MIN_TIMED_POOL_MS / 1000} s (at most ${MAX_ROUNDS}); the two LabService configurations alternate which goes first. Medians over the rounds.`,
      'With one run on 2 cores, main-thread work overlaps training, so wall-time differences stay within noise; the main thread\'s time is what it would take from training when every core trains.',
    ],
    tables,
    measurements,
    targets,
  };
}
