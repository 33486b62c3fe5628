import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSpecInput } from '../engine/api/run-spec';
import type { DurationEstimate, SpecCheck } from '../engine/api/lab-api';
import { PRESETS, type TrainPreset } from '../engine/lab/presets';
import { kernelBackend } from '../engine/nn/kernel-backend';
import { measureMachineSpeed, type MachineSpeed } from '../engine/service/duration-estimate';
import { createLabApiHandler } from '../engine/service/lab-api-handler';
import { LabService } from '../engine/service/lab-service';
import { checkCompleted, closeKeepingAlive } from './pool-runs';
import { formatRatio, formatSpread, valueMeasurement, type Measurement, type SectionResult, type TargetCheck } from './report';
import { factorOff, median, summarize, worstRatio, type Summary } from './stats';
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
    for (const preset of all) estimates.set(preset.id, await estimateOf(preset));
    const presets = plan.presets === 'all' ? all : costliestPerExperiment(all, (p) => estimates.get(p.id)!.seconds);

    progress(`  estimate: warm-up run (${presets[0]!.id}, ${WARM_UP_STEPS} steps, untimed)`);
    await trainOnce(service, shortened(presets[0]!.spec, WARM_UP_STEPS));
    const measured = new Map<string, number[]>(presets.map((p) => [p.id, []]));
    const wall = new Map<string, number[]>(presets.map((p) => [p.id, []]));
    const stepsDone = new Map<string, number>();
    for (let r = 0; r < plan.repetitions; r++) {
      for (const preset of presets) {
        progress(`  estimate: round ${r + 1}/${plan.repetitions}: ${preset.id} (estimate ${formatSeconds(estimates.get(preset.id)!.seconds)})`);
        const run = await trainOnce(service, preset.spec);
        measured.get(preset.id)!.push(run.durationMs / 1000);
        wall.get(preset.id)!.push(run.wallMs / 1000);
        stepsDone.set(preset.id, run.stepsDone);
      }
    }
    const timings = presets.map((preset) => ({
      preset,
      estimate: estimates.get(preset.id)!,
      measured: summarize(measured.get(preset.id)!),
      wall: summarize(wall.get(preset.id)!),
      stepsDone: stepsDone.get(preset.id)!,
    }));
    return report(timings, plan, speed);
  } finally {
    await closeKeepingAlive(() => service.close());
    rmSync(scratch, { recursive: true, force: true });
  }
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
async function trainOnce(service: LabService, spec: RunSpecInput): Promise<{ durationMs: number; wallMs: number; stepsDone: number }> {
  const start = performance.now();
  const { id } = service.startRun(spec);
  const stored = await service.whenEnded(id);
  const wallMs = performance.now() - start;
  checkCompleted(stored, `preset run "${spec.name ?? id}"`);
  if (stored.durationMs === null) throw new Error(`preset run "${spec.name ?? id}" ended without a duration`);
  return { durationMs: stored.durationMs, wallMs, stepsDone: stored.stepsDone };
}

/** Seconds for the table: milliseconds' precision below 10 s, tenths above. */
function formatSeconds(s: number): string {
  return s < 10 ? `${s.toFixed(3)} s` : `${s.toFixed(1)} s`;
}

function report(timings: readonly PresetTiming[], plan: EstimatePlan, speed: MachineSpeed): SectionResult {
  const ratios = timings.map((t) => t.measured.median / t.estimate.seconds);
  const worst = worstRatio(ratios);
  const worstPreset = timings[ratios.indexOf(worst)]!.preset.id;
  const within = ratios.filter((r) => factorOff(r) <= TARGET_FACTOR).length;
  const measurements: Measurement[] = timings.flatMap((t, i) => [
    valueMeasurement('estimate', `${t.preset.id}: estimated duration`, t.estimate.seconds, 1, 's'),
    valueMeasurement('estimate', `${t.preset.id}: measured duration`, t.measured.median, t.measured.runs, 's'),
    valueMeasurement('estimate', `${t.preset.id}: measured ÷ estimate`, ratios[i]!, t.measured.runs, '×'),
  ]);
  measurements.push(valueMeasurement('estimate', `worst measured ÷ estimate (${worstPreset})`, worst, plan.repetitions, '×'));
  const target: TargetCheck = {
    target: `duration estimate within ×${TARGET_FACTOR} of the measured time, every training preset`,
    measured: `${within}/${timings.length} within; median ${formatRatio(median(ratios))}, worst ${formatRatio(worst)} (${worstPreset})`,
    met: within === timings.length,
  };
  const mas = (x: number | undefined) => (x === undefined ? 'none' : `${(x / 1e9).toFixed(2)} G multiply-adds/s`);
  return {
    title: 'Duration estimate vs measured training time (training presets, worker pool of 1)',
    notes: [
      `Estimate = what checkSpec answers (engine/service/lab-api-handler.ts → estimateDuration), at the speed measured by measureMachineSpeed on this thread: TypeScript kernels ${mas(speed.multiplyAddsPerSecond)}, WebAssembly kernels ${mas(speed.wasmMultiplyAddsPerSecond)} (kernels: ${kernelBackend()}).`,
      'Measured = the run\'s end event elapsedMs (its stored duration, the elapsed time the UI shows once the run ended): from building the trainer in the worker to the end event, initial and final evaluation and every diagnostics snapshot included; loading the dataset and handing it to the worker are not (they are in "wall", from startRun to the end stored and the weights saved).',
      `${plan.repetitions} run${plan.repetitions === 1 ? '' : 's'} per preset, one at a time through a LabService with one worker (warmed up by an untimed ${WARM_UP_STEPS}-step run), the preset's own seed; ratio = measured median ÷ estimate.${plan.presets === 'all' ? '' : ' Quick mode: per experiment only the preset with the largest estimate.'}`,
    ],
    tables: [
      {
        headers: ['preset', 'steps', 'estimate', 'measured (median)', 'min–max', 'wall (median)', 'measured ÷ estimate'],
        align: 'lrrrrrr',
        rows: timings.map((t, i) => [
          t.preset.id,
          t.stepsDone === t.estimate.steps ? String(t.stepsDone) : `${t.stepsDone}/${t.estimate.steps}`,
          formatSeconds(t.estimate.seconds),
          formatSeconds(t.measured.median),
          formatSpread(t.measured, formatSeconds),
          formatSeconds(t.wall.median),
          `${formatRatio(ratios[i]!)}${factorOff(ratios[i]!) <= TARGET_FACTOR ? '' : ' ✘'}`,
        ]),
      },
    ],
    measurements,
    targets: [target],
  };
}
