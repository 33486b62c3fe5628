import type { TrainingEvent } from '../../../engine/api/events';
import { DB_OPTION } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { stoppingOnCtrlC, withCliService } from '../../cli-service';
import { parseOptions } from '../../parse-options';
import { counted } from '../../../engine/lab/counted-words';
import { languageOf, type Localized } from '../../cli-language';
import { progressLine } from '../../progress-line';

export const RERUN_HELP: Localized = {
  en: `nnlab runs rerun ID [--json]
    trains a stored run's spec again (stored as a new run) and says whether every loss and
    evaluation is identical, bit for bit, or where they first differ
    (--json: { "identical", "firstDifference", "engineVersions", "runId", "sourceRunId" })`,
  ko: `nnlab runs rerun ID [--json]
    저장된 실행의 설정으로 다시 학습하고 (새 실행으로 저장합니다) 모든 손실과 평가가 비트
    하나까지 같은지, 다르면 처음 달라진 곳을 알려 줍니다
    (--json: { "identical", "firstDifference", "engineVersions", "runId", "sourceRunId" })`,
};

/**
 * `nnlab runs rerun`: same spec, same seed, same engine ⇒ the same numbers. The re-run trains
 * through LabService.rerun, as in the app; Ctrl-C stops it (stored `stopped`, so it then differs).
 */
export async function runsRerun(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs rerun', args, { ...DB_OPTION, json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('nnlab runs rerun: give one run id', 'nnlab runs rerun: 실행 ID를 하나 주세요');
  const lang = languageOf(io);
  const result = await withCliService({ dbPath: values.db }, async (service) => {
    const stored = service.getRun(positionals[0]!);
    if (!values.json) io.out(lang === 'ko' ? `${stored.id.slice(0, 8)} "${stored.name}" 다시 학습하는 중…` : `re-running ${stored.id.slice(0, 8)} "${stored.name}"…`);
    // Its events are stored, not shown (but on a terminal its steps move the progress line); only a failure to store them is worth a line.
    const progress = values.json ? null : progressLine(io, lang === 'ko' ? '다시 학습' : 'rerun', lang);
    const total = stored.totalSteps ?? stored.stepsDone;
    const observer = {
      onEvents: (events: readonly TrainingEvent[]) => {
        for (const event of events) if (event.type === 'step') progress?.update(event.step + 1, total);
      },
      onError: (message: string) => io.err(`${lang === 'ko' ? '오류' : 'error'}: ${message}`),
    };
    const { runId, verdict } = await stoppingOnCtrlC(service, () => service.rerun(stored.id, { observer }));
    progress?.finish();
    return { ...verdict, runId, sourceRunId: stored.id, steps: service.getRun(runId).stepsDone };
  });
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  const { stored, rerun } = result.engineVersions;
  const newRun = result.runId.slice(0, 8);
  if (lang === 'ko') {
    const versions = stored === rerun ? `엔진 ${rerun}` : `엔진 그때 ${stored}, 지금 ${rerun}`;
    if (result.identical) io.out(`동일 ✔  ${counted(result.steps, 'step', 'ko')}, 모든 손실과 평가가 마지막 비트까지 같습니다 (${versions}); 새 실행 ${newRun}`);
    else {
      const d = result.firstDifference!;
      io.out(`다름 ✘  처음 다른 곳은 ${d.step}단계: ${d.series === 'steps' ? '배치' : '평가'} ${d.field} 그때 ${d.stored ?? '없음'}, 지금 ${d.rerun ?? '없음'} (${versions}); 새 실행 ${newRun}`);
    }
    return 0;
  }
  const versions = stored === rerun ? `engine ${rerun}` : `engine ${stored} then, ${rerun} now`;
  if (result.identical) {
    io.out(`identical ✔  ${counted(result.steps, 'step', 'en')}, every loss and evaluation the same to the last bit (${versions}); stored as run ${newRun}`);
  } else {
    const d = result.firstDifference!;
    io.out(`different ✘  first at step ${d.step}: ${d.series === 'steps' ? 'batch' : 'evaluation'} ${d.field} was ${d.stored ?? 'absent'}, now ${d.rerun ?? 'absent'} (${versions}); stored as run ${newRun}`);
  }
  return 0;
}
