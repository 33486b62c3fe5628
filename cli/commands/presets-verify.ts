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
import { LANG_HELP, languageOf, type Localized } from '../cli-language';
import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import { progressLine } from '../progress-line';

export const VERIFY_HELP: Localized = {
  en: `Usage: nnlab presets verify [ID…] [--seeds N] [--workers N] [--json] [--lang ko|en] [--db PATH]

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
  --lang ko|en  ${LANG_HELP.en}
  --db PATH     keep the runs in this history (default: keep nothing)

Exit codes: 0 every claim held on every seed, 1 some did not, 2 bad input.`,
  ko: `사용법: nnlab presets verify [ID…] [--seeds N] [--workers N] [--json] [--lang ko|en] [--db PATH]

학습 프리셋마다 프리셋의 시드와 그다음 N−1개 (42, 43, …; 비교 하나에 든 프리셋은 같은 시드를
씁니다)로 N번 학습합니다. 앱과 같은 서비스로, 작업자 수만큼 동시에 학습하고, 실행이 끝날 때마다
(또는 실습지가 정한 때, 예를 들어 층별 기울기는 0단계에) 주장을 모두 확인해 판정 기준마다 한 줄을
보여 줍니다: 판정하는 수치, 기준, 시드마다 그 수치와 ✔ 또는 ✘; 끝에 프리셋과 비교마다
"k/N 재현" ("He가 Xavier보다 빨리 배운다": 같은 시드의 두 프리셋 실행).

ID는 학습 프리셋이나 비교입니다 (비교는 그 프리셋을 함께 학습합니다; 프리셋을 모두 주면 그
비교도 확인합니다). ID가 없으면 모든 학습 프리셋과 모든 비교: 시드마다 실행 27개, 코어 하나로
3분쯤 걸립니다 (2,000단계 MNIST 프리셋 하나가 7~17초).

옵션:
  --seeds N     프리셋마다 실행 수 (기본값 5)
  --workers N   동시에 학습할 실행 수 (기본값: 코어마다 하나)
  --json        보고서를 JSON 문서 하나로 씁니다
  --lang ko|en  ${LANG_HELP.ko}
  --db PATH     실행을 이 기록에 남깁니다 (기본값: 남기지 않음)

종료 코드: 0 모든 시드에서 모든 주장이 재현됨, 1 재현되지 않은 것이 있음, 2 잘못된 입력.`,
};

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
    const message = (error as Error).message;
    throw new UsageError(`nnlab presets verify: ${message} (run "nnlab presets" to see the preset ids)`, `nnlab presets verify: ${koreanTarget(message) ?? message} ("nnlab presets"로 프리셋 ID를 볼 수 있습니다)`);
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

/** Why an ID cannot be verified (claim-verification.ts's two messages), in Korean. */
function koreanTarget(message: string): string | null {
  const probe = /^"(.+)" is a probe preset/.exec(message);
  if (probe) return `${withParticle(`"${probe[1]}"`, '은/는')} 초기화 실험 프리셋입니다: 학습하지 않고 확인할 주장도 없습니다`;
  const unknown = /^unknown preset or comparison "(.+)"$/.exec(message);
  return unknown ? `알 수 없는 프리셋이나 비교 "${unknown[1]}"` : null;
}
