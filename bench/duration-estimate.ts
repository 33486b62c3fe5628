import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunSpec } from '../engine/api/parse-run-spec';
import type { RunSpecInput } from '../engine/api/run-spec';
import type { DurationEstimate, SpecCheck } from '../engine/api/lab-api';
import { loadDataset } from '../engine/data/load-dataset';
import { nodeDataSources } from '../engine/data/node-mnist';
import { PRESETS, type TrainPreset } from '../engine/lab/presets';
import { kernelBackend } from '../engine/nn/kernel-backend';
import { estimateDuration, measureMachineSpeed, type MachineSpeed } from '../engine/service/duration-estimate';
import { createLabApiHandler } from '../engine/service/lab-api-handler';
import { LabService } from '../engine/service/lab-service';
import { checkCompleted, closeKeepingAlive } from './pool-runs';
import { formatRatio, formatSpread, valueMeasurement, type Measurement, type SectionResult, type TargetCheck } from './report';
import { estimateWithin, median, summarize, worstRatio, type Summary } from './stats';
import { threadIds, threadsCpuMs } from './thread-cpu';
import { progress } from './timing';

/** The target: the estimate the app shows before a run is within this factor of the run's time, either way. */
const TARGET_FACTOR = 1.5;

/** Steps of the untimed first run, so the worker has compiled the trainer before any timed run. */
const WARM_UP_STEPS = 100;

export interface EstimatePlan {
  /** Timed runs of each preset (the median counts). */
  repetitions: number;
  /** Every training preset, or per experiment the one with the most estimated work (the costliest parts of each kind). */
  presets: 'all' | 'one per experiment';
}

/** One preset's estimate against its runs. */
interface PresetTiming {
  preset: TrainPreset;
  estimate: DurationEstimate;
  /** The end event's elapsedMs (the stored durationMs, the time the UI shows once the run ended), in seconds. */
  measured: Summary;
  /** From startRun to the end recorded and the weights saved, in seconds: adds loading the dataset, handing it to the worker, storing. */
  wall: Summary;
  stepsDone: number;
  /** The estimate at the speed measured in CPU time, against the worker thread's CPU seconds: other programs' load cancels out (null where threads' CPU time cannot be read). */
  cpu: { estimate: number; measured: Summary } | null;
}

/**
 * How close the duration estimate the app shows before a run (checkSpec's, through the same
 * handler the transports use, at the machine speed measured the same way) comes to the time the
 * run then takes, for each training preset. Runs go through a LabService with one worker, as
 * `nnlab presets verify` trains them but one at a time, so no run shares the cores with another;
 * repetitions go round-robin over the presets, so drift hits all alike.
 */
export async function estimateSection(plan: EstimatePlan): Promise<SectionResult> {
  progress('  estimate: measuring this machine\'s speed (as the app does before its first estimate)');
  const speed = measureMachineSpeed();
  // The same measurement per CPU second (the worker is not started yet, so this thread is the process's only busy one).
  const cpuSpeed = measureMachineSpeed(processCpuMs);
  const scratch = mkdtempSync(join(tmpdir(), 'nnlab-bench-estimate-'));
  const service = LabService.open({ dbPath: join(scratch, 'bench.db'), pool: { size: 1 } });
  try {
    const handler = createLabApiHandler(service, { appVersion: 'bench', transport: 'electron' }, { machineSpeed: () => speed });
    const estimateOf = async (preset: TrainPreset): Promise<DurationEstimate> => {
      const reply = await handler('checkSpec', [preset.spec]);
      const check = reply.ok ? (reply.value as SpecCheck) : null;
      if (check === null || !check.ok) throw new Error(`checkSpec refused preset "${preset.id}": ${JSON.stringify(reply.ok ? check : reply.error)}`);
      return check.estimate;
    };
    const all = PRESETS.filter((p): p is TrainPreset => p.kind === 'train');
    const estimates = new Map<string, DurationEstimate>();
    const cpuEstimates = new Map<string, number>();
    for (const preset of all) {
      estimates.set(preset.id, await estimateOf(preset));
      cpuEstimates.set(preset.id, cpuEstimateOf(preset, cpuSpeed));
    }
    const presets = plan.presets === 'all' ? all : costliestPerExperiment(all, (p) => estimates.get(p.id)!.seconds);

    progress(`  estimate: warm-up run (${presets[0]!.id}, ${WARM_UP_STEPS} steps, untimed)`);
    const threadsBefore = threadIds();
    await trainOnce(service, shortened(presets[0]!.spec, WARM_UP_STEPS));
    // The pool's worker started during the warm-up: the threads that appeared then.
    const workerThreads = [...threadIds()].filter((id) => !threadsBefore.has(id));
    const workerCpuMs = () => (workerThreads.length === 0 ? null : threadsCpuMs(workerThreads));
    const measured = new Map<string, number[]>(presets.map((p) => [p.id, []]));
    const wall = new Map<string, number[]>(presets.map((p) => [p.id, []]));
    const stepsDone = new Map<string, number>();
    const cpu = new Map<string, (number | null)[]>(presets.map((p) => [p.id, []]));
    for (let r = 0; r < plan.repetitions; r++) {
      for (const preset of presets) {
        progress(`  estimate: round ${r + 1}/${plan.repetitions}: ${preset.id} (estimate ${formatSeconds(estimates.get(preset.id)!.seconds)})`);
        const cpuBefore = workerCpuMs();
        const run = await trainOnce(service, preset.spec);
        const cpuAfter = workerCpuMs();
        cpu.get(preset.id)!.push(cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / 1000);
        measured.get(preset.id)!.push(run.durationMs / 1000);
        wall.get(preset.id)!.push(run.wallMs / 1000);
        stepsDone.set(preset.id, run.stepsDone);
      }
    }
    const timings = presets.map((preset): PresetTiming => {
      const cpuSeconds = cpu.get(preset.id)!;
      return {
        preset,
        estimate: estimates.get(preset.id)!,
        measured: summarize(measured.get(preset.id)!),
        wall: summarize(wall.get(preset.id)!),
        stepsDone: stepsDone.get(preset.id)!,
        cpu: cpuSeconds.every((s): s is number => s !== null) ? { estimate: cpuEstimates.get(preset.id)!, measured: summarize(cpuSeconds) } : null,
      };
    });
    return report(timings, plan, speed, cpuSpeed);
  } finally {
    await closeKeepingAlive(() => service.close());
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** This process's CPU time in ms (all threads: measure while only one is busy). */
function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The estimate of a preset at a given speed: estimateDuration on the spec and dataset checkSpec uses. */
function cpuEstimateOf(preset: TrainPreset, speed: MachineSpeed): number {
  const spec = parseRunSpec(preset.spec);
  return estimateDuration(spec, loadDataset(spec.dataset, spec.seed, nodeDataSources()), speed).seconds;
}

/** Per experiment (presets compared side by side), the preset with the largest estimate, in lecture order. */
function costliestPerExperiment(presets: readonly TrainPreset[], seconds: (p: TrainPreset) => number): TrainPreset[] {
  const chosen = new Map<string, TrainPreset>();
  for (const p of presets) {
    const current = chosen.get(p.experiment);
    if (current === undefined || seconds(p) > seconds(current)) chosen.set(p.experiment, p);
  }
  return presets.filter((p) => chosen.get(p.experiment) === p);
}

/** The spec trained for `steps` steps instead of its length. */
function shortened(spec: RunSpecInput, steps: number): RunSpecInput {
  // Only one of iterations and epochs may be set: drop epochs.
  const { epochs: _epochs, ...training } = spec.training;
  return { ...spec, training: { ...training, iterations: steps } };
}

/** Starts one run on the service and waits until its end is stored and its weights saved. */
export async function trainOnce(service: LabService, spec: RunSpecInput): Promise<{ durationMs: number; wallMs: number; stepsDone: number }> {
  const start = performance.now();
  const { id } = service.startRun(spec);
  const stored = await service.whenEnded(id);
  const wallMs = performance.now() - start;
  checkCompleted(stored, `preset run "${spec.name ?? id}"`);
  if (stored.durationMs === null) throw new Error(`preset run "${spec.name ?? id}" ended without a duration`);
  return { durationMs: stored.durationMs, wallMs, stepsDone: stored.stepsDone };
}

/** Whether the UI shows the run's estimate or its elapsed time as a second or more (else both read "under 1 s"). */
function showsSeconds(t: PresetTiming): boolean {
  return t.estimate.seconds >= 1 || t.measured.median >= 1;
}

/** Seconds for the table: milliseconds' precision below 10 s, tenths above. */
function formatSeconds(s: number): string {
  return s < 10 ? `${s.toFixed(3)} s` : `${s.toFixed(1)} s`;
}

function report(timings: readonly PresetTiming[], plan: EstimatePlan, speed: MachineSpeed, cpuSpeed: MachineSpeed): SectionResult {
  const ratios = timings.map((t) => t.measured.median / t.estimate.seconds);
  const inTarget = timings.map((t) => estimateWithin(t.estimate.seconds, t.measured.median, TARGET_FACTOR));
  const within = inTarget.filter(Boolean).length;
  // The worst among runs the UI does not show as "under 1 s" either way (those read the same whatever the ratio).
  const judged = ratios.filter((_, i) => showsSeconds(timings[i]!));
  const worst = worstRatio(judged.length > 0 ? judged : ratios);
  const worstPreset = timings[ratios.indexOf(worst)]!.preset.id;
  const measurements: Measurement[] = timings.flatMap((t, i) => [
    valueMeasurement('estimate', `${t.preset.id}: estimated duration`, t.estimate.seconds, 1, 's'),
    valueMeasurement('estimate', `${t.preset.id}: measured duration`, t.measured.median, t.measured.runs, 's'),
    valueMeasurement('estimate', `${t.preset.id}: measured ÷ estimate`, ratios[i]!, t.measured.runs, '×'),
  ]);
  for (const t of timings) if (t.cpu !== null) measurements.push(valueMeasurement('estimate', `${t.preset.id}: worker CPU time ÷ estimate at CPU-time speed`, t.cpu.measured.median / t.cpu.estimate, t.cpu.measured.runs, '×'));
  measurements.push(valueMeasurement('estimate', `worst measured ÷ estimate (${worstPreset})`, worst, plan.repetitions, '×'));
  const target: TargetCheck = {
    target: `duration estimate within ×${TARGET_FACTOR} of the measured time, every training preset`,
    measured: `${within}/${timings.length} within; median ${formatRatio(median(judged.length > 0 ? judged : ratios))}, worst ${formatRatio(worst)} (${worstPreset})`,
    met: within === timings.length,
  };
  const mas = (x: number | undefined) => (x === undefined ? 'none' : `${(x / 1e9).toFixed(2)} G multiply-adds/s`);
  return {
    title: 'Duration estimate vs measured training time (training presets, worker pool of 1)',
    notes: [
      `Estimate = what checkSpec answers (engine/service/lab-api-handler.ts → estimateDuration), at the speed measured by measureMachineSpeed on this thread: TypeScript kernels ${mas(speed.multiplyAddsPerSecond)}, WebAssembly kernels ${mas(speed.wasmMultiplyAddsPerSecond)} (kernels: ${kernelBackend()}).`,
      `CPU columns: the same estimate at the speed measured per CPU second (${mas(cpuSpeed.multiplyAddsPerSecond)}, ${mas(cpuSpeed.wasmMultiplyAddsPerSecond)}) against the CPU time of the worker thread over the run: what the cost model predicts whatever else the machine is running. On an idle machine the two ratios agree; when they differ, other load moved the elapsed-time one.`,
      'Measured = the run\'s end event elapsedMs (its stored duration, the elapsed time the UI shows once the run ended): from building the trainer in the worker to the end event, initial and final evaluation and every diagnostics snapshot included; loading the dataset and handing it to the worker are not (they are in "wall", from startRun to the end stored and the weights saved).',
      `${plan.repetitions} run${plan.repetitions === 1 ? '' : 's'} per preset, one at a time through a LabService with one worker (warmed up by an untimed ${WARM_UP_STEPS}-step run), the preset's own seed; ratio = measured median ÷ estimate. The UI shows any duration under a second as "under 1 s": a run whose estimate and time are both below that meets the target whatever its ratio, and the median and worst ratio are over the others.${plan.presets === 'all' ? '' : ' Quick mode: per experiment only the preset with the largest estimate.'}`,
    ],
    tables: [
      {
        headers: ['preset', 'steps', 'estimate', 'measured (median)', 'min–max', 'wall (median)', 'measured ÷ estimate', 'worker CPU', 'CPU ÷ estimate'],
        align: 'lrrrrrrrr',
        rows: timings.map((t, i) => [
          t.preset.id,
          t.stepsDone === t.estimate.steps ? String(t.stepsDone) : `${t.stepsDone}/${t.estimate.steps}`,
          formatSeconds(t.estimate.seconds),
          formatSeconds(t.measured.median),
          formatSpread(t.measured, formatSeconds),
          formatSeconds(t.wall.median),
          `${formatRatio(ratios[i]!)}${inTarget[i] ? (showsSeconds(t) ? '' : ' (both < 1 s)') : ' ✘'}`,
          t.cpu === null ? '—' : formatSeconds(t.cpu.measured.median),
          t.cpu === null ? '—' : formatRatio(t.cpu.measured.median / t.cpu.estimate),
        ]),
      },
    ],
    measurements,
    targets: [target],
  };
}
