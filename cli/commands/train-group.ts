import { availableParallelism } from 'node:os';
import type { EndEvent } from '../../engine/api/events';
import { MAX_GROUP_SEEDS } from '../../engine/api/lab-api';
import type { RunSpec } from '../../engine/api/run-spec';
import { ClaimRunCollector, type ClaimRun } from '../../engine/lab/claim-checks';
import { presetTag } from '../../engine/lab/preset-tag';
import { groupSummaryText, presetGroupClaim, type GroupClaim } from '../../engine/lab/seed-group-claim';
import type { CliStorage } from '../cli-service';
import { stoppingOnCtrlC, withCliService } from '../cli-service';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIO } from '../cli-io';
import { metricsText, summary } from './train-report';
import { counted } from '../../engine/lab/counted-words';
import { progressLine } from '../progress-line';
import { END_KOREAN_RULES, koreanByRules } from '../../engine/lab/problem-words';
import { RUN_STATUS_WORDS } from '../../engine/lab/run-status-words';

/** ✔ reproduced, ✘ not reproduced, … not yet (as `nnlab presets verify` marks them). */
const MARKS = { reproduced: '✔', 'not-reproduced': '✘', 'not-yet': '…' } as const;

/** How `nnlab train --seeds N` runs: the spec, what it came from, where it is stored. */
export interface GroupTrainRequest {
  spec: RunSpec;
  source: string;
  /** The preset it came from (its claim is checked over the seeds), or null for a spec file. */
  presetId: string | null;
  seeds: number;
  storage: CliStorage;
  packId: string | undefined;
  json: boolean;
  lang: 'ko' | 'en';
}

/** `--seeds N`: a whole number from 2 to MAX_GROUP_SEEDS (one run needs no group). */
export function seedsOption(value: string): number {
  const seeds = Number(value);
  if (value.trim() === '' || !Number.isInteger(seeds) || seeds < 2 || seeds > MAX_GROUP_SEEDS) {
    throw new UsageError(
      `--seeds: must be a whole number from 2 to ${MAX_GROUP_SEEDS} (got ${value}; for one run leave --seeds out)`,
      `--seeds: 2부터 ${MAX_GROUP_SEEDS}까지의 정수여야 합니다 (받은 값 ${value}; 실행 하나는 --seeds를 빼세요)`,
    );
  }
  return seeds;
}

/** One seed's run once it has ended. */
interface SeedOutcome {
  k: number;
  runId: string;
  groupId: string;
  seed: number;
  end: EndEvent;
  claim: ClaimRun;
}

/**
 * `nnlab train … --seeds N`: the spec's seed group (LabService.startRunGroup: seeds s … s+N−1,
 * nothing else different), trained as many at once as there are cores (the rest wait in the
 * service's queue). Prints one result line per seed as it ends, then, for a preset with a claim,
 * each seed's verdict, "reproduced in k of N seeds" and the key number's median and range.
 * `--json`: one object per seed in seed order, then the group's. Exit 0 when every run completed
 * or was stopped, 1 when one diverged or failed.
 */
export async function trainGroup(request: GroupTrainRequest, io: CliIO): Promise<number> {
  const { spec, seeds, lang } = request;
  const workers = Math.min(seeds, availableParallelism());
  if (!request.json) io.out(`${spec.name ?? request.source}  (${request.source}), ${counted(seeds, 'seed', lang)} ${spec.seed}–${spec.seed + seeds - 1}, ${lang === 'ko' ? `한 번에 ${workers}개씩` : `${workers} at a time`}`);
  const { outcomes, dbPath } = await withCliService(
    request.storage,
    (service) =>
      stoppingOnCtrlC(service, async () => {
        const collectors = Array.from({ length: seeds }, () => new ClaimRunCollector());
        const ends: (EndEvent | null)[] = Array.from({ length: seeds }, () => null);
        // Every seed trains the same number of steps: the group's progress is the steps of all of them.
        const stepsDone = Array.from({ length: seeds }, () => 0);
        let totalSteps = 0;
        const progress = request.json ? null : progressLine(io, lang === 'ko' ? `학습 (시드 ${seeds}개)` : `train (${seeds} seeds)`, lang);
        const runs = service.startRunGroup(spec, {
          seeds,
          ...(request.packId === undefined ? {} : { packId: request.packId }),
          observerOf: (k) => ({
            onEvents: (events) => {
              for (const event of events) {
                collectors[k]!.add(event);
                if (event.type === 'start') totalSteps = event.totalSteps * seeds;
                if (event.type === 'step') stepsDone[k] = event.step + 1;
                if (event.type === 'end') ends[k] = event;
              }
              if (totalSteps > 0) progress?.update(stepsDone.reduce((a, b) => a + b, 0), totalSteps);
            },
            onError: (message) => io.err(lang === 'ko' ? `오류: 시드 ${spec.seed + k}: ${message}` : `error: seed ${spec.seed + k}: ${message}`),
          }),
        });
        if (request.presetId !== null) for (const run of runs) service.setRunTags(run.id, [presetTag(request.presetId)]);
        const ended = await Promise.all(
          runs.map(async (run, k): Promise<SeedOutcome> => {
            await service.whenEnded(run.id);
            const end = ends[k];
            if (end === null || end === undefined) throw new Error(`run ${run.id} ended without an end event`);
            if (!request.json) io.out(resultLine(run.seed, end, lang));
            return { k, runId: run.id, groupId: run.groupId!, seed: run.seed, end, claim: collectors[k]!.run() };
          }),
        );
        progress?.finish();
        return { outcomes: ended, dbPath: service.dbPath };
      }),
    workers,
  );
  const claim = request.presetId === null ? null : presetGroupClaim(request.presetId, outcomes.map((o) => o.claim));
  const groupId = outcomes[0]!.groupId;
  const failed = outcomes.filter((o) => o.end.status === 'diverged' || o.end.status === 'failed');
  if (request.json) {
    for (const o of outcomes) io.out(JSON.stringify(seedObject(o, claim)));
    io.out(JSON.stringify({ groupId, seeds: outcomes.map((o) => o.seed), runIds: outcomes.map((o) => o.runId), reproduced: claim?.held ?? null, of: claim === null ? null : claim.of, ...(claim?.key ? { key: { label: claim.key.label.en, median: claim.key.stats.median, min: claim.key.stats.min, max: claim.key.stats.max } } : {}) }));
    for (const o of failed) {
      const message = o.end.message ? (lang === 'ko' ? (koreanByRules(o.end.message, END_KOREAN_RULES) ?? o.end.message) : o.end.message) : lang === 'ko' ? '(메시지 없음)' : '(no message)';
      io.err(lang === 'ko' ? `시드 ${o.seed}: ${RUN_STATUS_WORDS.ko[o.end.status]}: ${message}` : `seed ${o.seed} ${o.end.status}: ${message}`);
    }
  } else {
    if (claim !== null) for (const line of claimLines(claim, lang)) io.out(line);
    if (request.storage !== 'nowhere') {
      const runIds = outcomes.map((o) => o.runId.slice(0, 8)).join(', ');
      io.out(lang === 'ko' ? `기록에 저장했습니다: 그룹 ${groupId.slice(0, 8)} (실행 ${runIds}), ${dbPath}` : `stored as group ${groupId.slice(0, 8)} (runs ${runIds}) in ${dbPath}`);
    }
  }
  return failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
}

/** "seed 43  completed: 9 steps in 0.1s  train loss 0.3120 acc 90.00%  test loss …" ("시드 43  완료: 9단계, 0.1s  훈련 손실 …"). */
function resultLine(seed: number, end: EndEvent, lang: 'ko' | 'en'): string {
  const [status] = summary(end, null, lang);
  const metrics = end.final ? `  ${metricsText(end.final, lang)}` : '';
  return `${lang === 'ko' ? '시드' : 'seed'} ${seed}  ${status}${metrics}${end.message && !end.final ? `  (${end.message})` : ''}`;
}

/** The claim over the seeds: each seed's verdict, then "reproduced in k of N seeds" with the key number's median and range. */
function claimLines(claim: GroupClaim, lang: 'ko' | 'en'): string[] {
  const lines = [`${lang === 'ko' ? '주장' : 'claim'}: ${claim.statement[lang]}`];
  for (const { seed, verdict, message } of claim.verdicts) lines.push(`  ${lang === 'ko' ? '시드' : 'seed'} ${seed}  ${MARKS[verdict]} ${message[lang]}`);
  lines.push(groupSummaryText(claim)[lang]);
  return lines;
}

/** One seed in `--json`: its run, end and, for a preset with a claim, its verdict and key number. */
function seedObject(o: SeedOutcome, claim: GroupClaim | null): Record<string, unknown> {
  const verdict = claim?.verdicts[o.k];
  const keyCell = claim?.rows[0]?.cells[o.k];
  return {
    groupId: o.groupId,
    runId: o.runId,
    seed: o.seed,
    status: o.end.status,
    steps: o.end.steps,
    elapsedMs: o.end.elapsedMs,
    final: o.end.final ?? null,
    message: o.end.message ?? null,
    ...(verdict === undefined ? {} : { verdict: verdict.verdict, verdictMessage: verdict.message.en, key: keyCell?.value ?? null }),
  };
}
