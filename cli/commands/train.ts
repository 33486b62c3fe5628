import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { EndEvent } from '../../engine/api/events';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import type { RunSpec } from '../../engine/api/run-spec';
import { stringifyWeightsFile, type WeightsFile } from '../../engine/api/weights-file';
import { presetTag } from '../../engine/lab/preset-tag';
import { findPreset } from '../../engine/lab/presets';
import { DB_OPTION } from '../cli-history';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIO } from '../cli-io';
import { stoppingOnCtrlC, withCliService } from '../cli-service';
import { parseOptions } from '../parse-options';
import { describeFsError, readSpecArgument } from '../standard-streams';
import { progressLine } from '../progress-line';
import { LANG_HELP, languageOf, say, type Lang, type Localized } from '../cli-language';
import { RUN_STATUS_WORDS } from '../../engine/lab/run-status-words';
import { END_KOREAN_RULES, koreanByRules } from '../../engine/lab/problem-words';
import type { Command } from './command';
import { trainGroup, seedsOption } from './train-group';
import { JsonReport, ReadableReport } from './train-report';
import { counted } from '../../engine/lab/counted-words';
import { withParticle } from '../../engine/lab/claims/wording/korean-particles';

const HELP: Localized = {
  en: `Usage: nnlab train (--spec FILE.json | --preset ID) [--seeds N] [options]

Trains one network as a RunSpec describes and prints how the run goes: a header, one line per
evaluation (train and test loss and accuracy), a progress line every few seconds during long
epochs (on a terminal instead one line on standard error that updates itself: step/total,
percent and the time left), and a summary: the final metrics, each layer's gradient norm in the last diagnostics,
and what the training doctor found (vanishing or exploding gradients, saturated or dead units,
a learning rate too high or too low, overfitting), with the numbers, the layer and step, and the
lecture's remedy as a spec change.

Options:
  --spec FILE.json          the RunSpec to run (JSON, version 1); - reads it from standard input
  --preset ID               run a lab preset instead (list them with "nnlab presets")
  --json                    print every training event (start, step, eval, diagnostics, end)
                            as one JSON object per line, and nothing else, on stdout; the end
                            event carries the training doctor's "findings" ([] when none)
  --lang ko|en              ${LANG_HELP.en}
  --save-weights FILE.json  after the run, write the final weights to FILE.json
                            (not when the run diverged or failed)
  --db PATH                 store the run in this history (default $NNLAB_DB, else the
                            desktop app's own history, so the app shows CLI runs too)
  --no-db                   store nothing
  --pack PACKID             the run belongs to this lab pack (one opened with nnlab pack open)
  --seeds N                 train N runs (2 to 20) as one seed group: the spec's seed, then
                            the next N−1, everything else the same, as many at once as there
                            are cores; prints one result line per seed and, for a preset
                            with a claim, each seed's verdict and "reproduced in k of N
                            seeds" with the key number's median and range. With --json: one
                            object per seed, then {groupId, seeds, reproduced, of}. Not with
                            --save-weights (N runs, one file): the weights stay in the history
  -h, --help                show this help

Ctrl-C stops the run early: it ends as "stopped", and it and its weights are still saved.
Exit codes: 0 completed or stopped (with --seeds: every seed), 1 diverged or failed (any seed),
2 bad input.`,
  ko: `사용법: nnlab train (--spec FILE.json | --preset ID) [--seeds N] [옵션]

설정 파일대로 신경망 하나를 학습하고 학습이 진행되는 모습을 보여 줍니다: 머리글, 평가마다 한 줄
(훈련·시험 손실과 정확도), 긴 에폭에서는 몇 초마다 진행 상황 한 줄 (터미널에서는 대신 표준 오류에
스스로 고쳐 쓰는 한 줄: 단계/전체, 백분율, 남은 시간), 끝나면 요약: 최종 지표, 마지막 진단의 층별
기울기 크기, 학습 진단이 찾은 것 (기울기 소실이나 폭주, 포화되거나 죽은 뉴런, 너무 크거나 작은
학습률, 과대적합)을 수치, 층, 단계와 함께 보여 주고, 강의의 처방을 설정 변경으로 알려 줍니다.

옵션:
  --spec FILE.json          학습할 설정 파일 (JSON, 버전 1); -이면 표준 입력에서 읽습니다
  --preset ID               설정 파일 대신 강의 프리셋을 학습합니다 ("nnlab presets"로 목록을 볼 수 있습니다)
  --json                    학습 이벤트 (시작, 단계, 평가, 진단, 끝)를 한 줄에 JSON 객체 하나씩
                            표준 출력에 쓰고 다른 것은 쓰지 않습니다; 끝 이벤트에 학습 진단이 찾은
                            "findings"가 들어 있습니다 (없으면 [])
  --lang ko|en              ${LANG_HELP.ko}
  --save-weights FILE.json  학습이 끝나면 최종 가중치를 FILE.json에 씁니다
                            (발산하거나 실패한 실행은 쓰지 않습니다)
  --db PATH                 실행을 이 기록에 저장합니다 (없으면 $NNLAB_DB, 그것도 없으면
                            데스크톱 앱의 기록: 앱에서도 CLI의 실행이 보입니다)
  --no-db                   아무것도 저장하지 않습니다
  --pack PACKID             이 실행이 속한 실습 묶음 (nnlab pack open으로 연 것)
  --seeds N                 실행 N개 (2~20)를 시드 그룹 하나로 학습합니다: 설정의 시드와 그다음
                            N−1개, 나머지는 모두 같게, 코어 수만큼 동시에; 시드마다 결과를 한 줄씩
                            보여 주고, 주장이 있는 프리셋이면 시드마다 판정과 "N개 시드 중 k개에서
                            재현"을 핵심 수치의 중앙값, 범위와 함께 보여 줍니다. --json과 함께 쓰면
                            시드마다 객체 하나, 끝에 {groupId, seeds, reproduced, of}. --save-weights와는
                            함께 쓸 수 없습니다 (실행 N개, 파일 하나): 가중치는 기록에 남습니다
  -h, --help                이 도움말을 보여 줍니다

Ctrl-C를 누르면 학습을 일찍 끝냅니다: 실행은 "중지됨"으로 끝나고 실행과 가중치는 그대로 저장됩니다.
종료 코드: 0 완료 또는 중지됨 (--seeds: 모든 시드), 1 발산 또는 실패 (시드 하나라도), 2 잘못된 입력.`,
};

const OPTIONS = {
  spec: { type: 'string' },
  preset: { type: 'string' },
  json: { type: 'boolean' },
  'save-weights': { type: 'string' },
  'no-db': { type: 'boolean' },
  pack: { type: 'string' },
  seeds: { type: 'string' },
  ...DB_OPTION,
} as const;

/**
 * `nnlab train`: runs one RunSpec (from a file or a preset) to its end through LabService, as the
 * app does (a worker thread, every event stored as it comes, the service's rule for weights), and
 * shows every event of it as it comes.
 */
export const trainCommand: Command = {
  summary: { en: 'train one network from a RunSpec file or a preset', ko: '설정 파일이나 프리셋으로 신경망 하나를 학습합니다' },
  help: HELP,
  run: runTrain,
};

/** What a finished run left for the command to report. */
interface Outcome {
  end: EndEvent;
  runId: string;
  dbPath: string;
  /** Its stored final weights (null when it diverged or failed), read only for --save-weights. */
  weights: WeightsFile | null;
}

async function runTrain(args: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions('train', args, OPTIONS);
  if (values.db !== undefined && values['no-db']) throw new UsageError('nnlab train: give --db PATH or --no-db, not both', 'nnlab train: --db PATH와 --no-db 중 하나만 주세요');
  const seeds = values.seeds === undefined ? null : seedsOption(values.seeds);
  if (seeds !== null && values['save-weights'] !== undefined) {
    throw new UsageError(
      `nnlab train: --save-weights writes one run's weights, and --seeds ${seeds} trains ${seeds} runs; leave --save-weights out (each seed's weights stay in the history)`,
      `nnlab train: --save-weights는 실행 하나의 가중치를 쓰는데 --seeds ${seeds}는 ${withParticle(counted(seeds, 'run', 'ko'), '을/를')} 학습합니다; --save-weights를 빼세요 (시드마다 가중치는 기록에 남습니다)`,
    );
  }
  const lang = languageOf(io);
  const { spec, source } = await readSpec(values.spec, values.preset, io, lang);
  const weightsPath = values['save-weights'] === undefined ? null : checkWeightsPath(values['save-weights']);
  if (seeds !== null) {
    return trainGroup(
      { spec, source, presetId: values.preset ?? null, seeds, storage: values['no-db'] ? 'nowhere' : { dbPath: values.db }, packId: values.pack, json: values.json === true, lang },
      io,
    );
  }
  const report = values.json ? new JsonReport(io) : new ReadableReport(io, spec, source, () => performance.now(), lang, progressLine(io, lang === 'ko' ? '학습' : 'train', lang));

  const outcome = await withCliService(values['no-db'] ? 'nowhere' : { dbPath: values.db }, (service) =>
    stoppingOnCtrlC(service, async (): Promise<Outcome> => {
      let end: EndEvent | null = null;
      const { id } = service.startRun(spec, {
        ...(values.pack === undefined ? {} : { packId: values.pack }),
        observer: {
          onEvents: (events) => {
            for (const event of events) {
              report.onEvent(event);
              if (event.type === 'end') end = event;
            }
            report.tick();
          },
          onError: (message) => io.err(`${say(lang, '오류', 'error')}: ${message}`),
        },
      });
      // The class summary and the lab sheets know a preset's runs by this tag.
      if (values.preset !== undefined) service.setRunTags(id, [presetTag(values.preset)]);
      await service.whenEnded(id);
      const ended = end as EndEvent | null;
      if (ended === null) throw new Error(`run ${id} ended without an end event`);
      return { end: ended, runId: id, dbPath: service.dbPath, weights: weightsPath === null ? null : service.getWeights(id) };
    }),
  );
  const { end, runId } = outcome;
  const failed = end.status === 'diverged' || end.status === 'failed';
  const note = (line: string) => (values.json ? io.err(line) : io.out(line));
  if (failed && values.json) io.err(say(lang, `실행이 ${withParticle(RUN_STATUS_WORDS.ko[end.status], '으로/로')} 끝났습니다: ${end.message ? (koreanByRules(end.message, END_KOREAN_RULES) ?? end.message) : '(메시지 없음)'}`, `run ${end.status}: ${end.message ?? '(no message)'}`));
  // With --json the start event carries the run id; the note is for people.
  if (!values['no-db'] && !values.json) io.out(lang === 'ko' ? `기록에 저장했습니다: 실행 ${runId.slice(0, 8)}, ${outcome.dbPath}` : `stored as run ${runId.slice(0, 8)} in ${outcome.dbPath}`);
  if (weightsPath !== null) {
    const status = say(lang, RUN_STATUS_WORDS.ko[end.status], end.status);
    if (failed) {
      io.err(say(lang, `가중치를 ${weightsPath}에 저장하지 않았습니다: 실행이 ${withParticle(status, '으로/로')} 끝나서 가중치를 남기지 않습니다`, `weights not saved to ${weightsPath}: the run ${end.status}, so its weights are not worth keeping`));
    } else if (outcome.weights === null) {
      const why = end.message ? say(lang, ` (${koreanByRules(end.message, END_KOREAN_RULES) ?? end.message})`, ` (${end.message})`) : '';
      io.err(say(lang, `오류: 가중치를 ${weightsPath}에 저장하지 않았습니다: 실행이 최종 가중치 없이 ${withParticle(status, '으로/로')} 끝났습니다${why}`, `error: weights not saved to ${weightsPath}: the run ended ${end.status} without final weights${why}`));
      return EXIT_FAILURE;
    } else if (!saveWeights(outcome.weights, weightsPath, io, lang)) {
      return EXIT_FAILURE;
    } else {
      note(lang === 'ko' ? `가중치를 저장했습니다: ${weightsPath}` : `weights saved to ${weightsPath}`);
    }
  }
  return failed ? EXIT_FAILURE : EXIT_OK;
}

/** The parsed spec and where it came from (for the header); `--spec -` reads standard input. */
/** A preset's run is named by its title in the CLI's language, as the screens name it (a spec file keeps its own name). */
async function readSpec(specPath: string | undefined, presetId: string | undefined, io: CliIO, lang: Lang): Promise<{ spec: RunSpec; source: string }> {
  if ((specPath === undefined) === (presetId === undefined)) {
    throw new UsageError('nnlab train: give exactly one of --spec FILE.json or --preset ID (see "nnlab train --help")', 'nnlab train: --spec FILE.json과 --preset ID 중 하나를 주세요 ("nnlab train --help" 참고)');
  }
  if (specPath !== undefined) return readSpecArgument('spec', specPath, io);
  const preset = findPreset(presetId!);
  if (preset === undefined) throw new UsageError(`unknown preset "${presetId}" (run "nnlab presets" to see the preset ids)`, `알 수 없는 프리셋 "${presetId}" ("nnlab presets"로 프리셋 ID를 볼 수 있습니다)`);
  if (preset.kind !== 'train') {
    throw new UsageError(`preset "${presetId}" is a probe, not a training run: use "nnlab probe --preset ${presetId}"`, `프리셋 ${withParticle(`"${presetId}"`, '은/는')} 학습이 아니라 초기화 실험입니다: "nnlab probe --preset ${presetId}"을 쓰세요`);
  }
  return { spec: parseRunSpec({ ...preset.spec, name: preset.title[lang] }), source: `preset ${preset.id}` };
}

/** The absolute weights path, checked before training so a long run is not lost to a typo. */
function checkWeightsPath(path: string): string {
  const absolute = resolve(path);
  const folder = dirname(absolute);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--save-weights: folder "${folder}" does not exist`, `--save-weights: 폴더 ${withParticle(`"${folder}"`, '이/가')} 없습니다`);
  if (existsSync(absolute) && statSync(absolute).isDirectory()) throw new UsageError(`--save-weights: "${path}" is a folder; give a file name`, `--save-weights: ${withParticle(`"${path}"`, '은/는')} 폴더입니다; 파일 이름을 주세요`);
  return path;
}

/** Writes FILE.tmp, then renames it over FILE, so FILE is never half-written. False on failure (reported). */
function saveWeights(weights: WeightsFile, path: string, io: CliIO, lang: Lang): boolean {
  const temporary = `${path}.tmp`;
  try {
    writeFileSync(temporary, stringifyWeightsFile(weights));
    renameSync(temporary, path);
    return true;
  } catch (error) {
    rmSync(temporary, { force: true });
    io.err(say(lang, `오류: 가중치 파일 ${withParticle(`"${path}"`, '을/를')} 쓸 수 없습니다: ${describeFsError(error, 'ko')}`, `error: cannot write weights file "${path}": ${describeFsError(error)}`));
    return false;
  }
}
