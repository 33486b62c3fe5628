import { availableParallelism } from 'node:os';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import { ClaimRunCollector, type ClaimRun } from '../../engine/lab/claim-checks';
import { verificationReport, verificationSeed, verificationTargets, type VerificationReport, type VerificationTargets } from '../../engine/lab/claim-verification';
import { findPreset } from '../../engine/lab/presets';
import type { LabService } from '../../engine/service/lab-service';
import { DB_OPTION } from '../cli-history';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIO } from '../cli-io';
import { stoppingOnCtrlC, withCliService } from '../cli-service';
import { integerOption, parseOptions } from '../parse-options';
import { renderVerification } from './presets-verify-text';
import { counted } from '../../engine/lab/counted-words';
import { LANG_HELP, languageOf } from '../cli-language';
import { progressLine } from '../progress-line';

export const VERIFY_HELP = `Usage: nnlab presets verify [ID…] [--seeds N] [--workers N] [--json] [--lang ko|en] [--db PATH]

Trains each training preset N times, with the preset's own seed and the next N−1 (42, 43, …; the
presets of one comparison share the seed), through the same service the app trains with, as many
runs at once as there are workers; checks every claim at the end of each run (or at the moment its
lab sheet names, such as step 0 for the gradients per layer), and prints one row per criterion:
the number it judges, the bound, and that number with ✔ or ✘ for each seed; then "held k/N" for
each preset and each comparison ("He learns faster than Xavier": its presets' runs of one seed).

IDs are training presets or comparisons (a comparison brings its presets; a comparison whose
presets are all named is checked too). Without IDs: every training preset and every comparison:
27 runs per seed, about 3 minutes of one core (a 2,000-step MNIST preset takes 7–17 s).

Options:
  --seeds N     runs per preset (default 5)
  --workers N   runs trained at once (default: one per core)
  --json        print the report as one JSON document
  --lang ko|en  ${LANG_HELP}
  --db PATH     keep the runs in this history (default: keep nothing)

Exit codes: 0 every claim held on every seed, 1 some did not, 2 bad input.`;

const OPTIONS = { seeds: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' }, ...DB_OPTION } as const;

/** `nnlab presets verify`: the claims of the presets over seeds, as a table or one JSON document. */
export async function runVerify(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('presets verify', args, OPTIONS, true);
  const seeds = integerOption('seeds', values.seeds, 1) ?? 5;
  const workers = integerOption('workers', values.workers, 1) ?? availableParallelism();
  const lang = languageOf(io);
  let targets: VerificationTargets;
  try {
    targets = verificationTargets(positionals);
  } catch (error) {
    throw new UsageError(`nnlab presets verify: ${(error as Error).message} (run "nnlab presets" to see the preset ids)`);
  }
  const started = performance.now();
  const report = await withCliService(
    values.db === undefined ? 'nowhere' : { dbPath: values.db },
    (service) =>
      stoppingOnCtrlC(service, async () => {
        // On a terminal one updating line; elsewhere (a log, a pipe) a line per finished run on standard error.
        const progress = values.json ? null : progressLine(io, lang === 'ko' ? '검증 (실행)' : 'verify (runs)', lang);
        const report = await trainAll(service, targets, seeds, (line, done, total) => (progress?.shown ? progress.update(done, total) : io.err(line)));
        progress?.finish();
        return report;
      }),
    workers,
  );
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of renderVerification(report, lang, (performance.now() - started) / 1000)) io.out(line);
  return report.allHeld ? EXIT_OK : EXIT_FAILURE;
}

/**
 * Trains run k = 0 … seeds − 1 of every preset of `targets` (its spec with seed + k), all handed to
 * the service at once (its pool trains as many as it has workers and queues the rest), collects
 * what the claim checks read of each, and reports. `progress` hears one line per finished run, with the runs done and in all.
 */
export async function trainAll(service: LabService, targets: VerificationTargets, seeds: number, progress: (line: string, done: number, total: number) => void): Promise<VerificationReport> {
  const runs = new Map<string, ClaimRun>();
  const key = (presetId: string, k: number) => `${presetId}#${k}`;
  const jobs = targets.presets.flatMap((presetId) => Array.from({ length: seeds }, (_, k) => ({ presetId, k })));
  let done = 0;
  await Promise.all(
    jobs.map(async ({ presetId, k }) => {
      const preset = findPreset(presetId);
      if (preset?.kind !== 'train') throw new Error(`no training preset "${presetId}"`);
      const seed = verificationSeed(presetId, k);
      const collector = new ClaimRunCollector();
      const { id } = service.startRun(parseRunSpec({ ...preset.spec, seed }), { observer: { onEvents: (events) => events.forEach((event) => collector.add(event)) } });
      await service.whenEnded(id);
      const run = collector.run();
      runs.set(key(presetId, k), run);
      done++;
      progress(`verify: ${done}/${jobs.length} ${presetId} seed ${seed}: ${run.status}, ${counted(run.stepsDone, 'step', 'en')}`, done, jobs.length);
    }),
  );
  return verificationReport(targets, seeds, (presetId, k) => runs.get(key(presetId, k))!);
}
