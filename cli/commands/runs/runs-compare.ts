import { DB_OPTION, withHistory } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { languageOf, say, type Localized } from '../../cli-language';
import { parseOptions } from '../../parse-options';
import { RUN_STATUS_WORDS } from '../../../engine/lab/run-status-words';
import { percentText } from '../number-text';
import { durationText, finalText, lossText, shortId, table } from './run-text';

export const COMPARE_HELP: Localized = {
  en: `nnlab runs compare ID ID… [--by step|epoch] [--json]
    runs side by side: final metrics, the spec fields that differ, and the curves on one axis
    (--json: { "runs", "differences", "series" })`,
  ko: `nnlab runs compare ID ID… [--by step|epoch] [--json]
    실행을 나란히 비교합니다: 최종 지표, 다른 설정 항목, 한 축 위의 곡선
    (--json: { "runs", "differences", "series" })`,
};

/** Points of the aligned curves shown in the readable view. */
const SHOWN_POINTS = 11;

/** `nnlab runs compare`. */
export async function runsCompare(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs compare', args, { ...DB_OPTION, json: { type: 'boolean' }, by: { type: 'string' } }, true);
  if (positionals.length < 2) throw new UsageError('nnlab runs compare: give at least two run ids', 'nnlab runs compare: 실행 ID를 두 개 이상 주세요');
  const by = values.by ?? 'epoch';
  if (by !== 'step' && by !== 'epoch') throw new UsageError(`--by: "${by}" must be step or epoch`, `--by: step과 epoch 중 하나를 주세요 (받은 값 "${by}")`);
  const { runs, differences, series } = await withHistory(values.db, (history) => {
    const ids = positionals.map((id) => history.resolveRunId(id));
    return { runs: ids.map((id) => history.getRun(id)), differences: history.configDiff(ids), series: history.alignedSeries(ids, by) };
  });
  if (values.json) {
    const summaries = runs.map(({ steps: _steps, evals: _evals, ...summary }) => summary);
    io.out(JSON.stringify({ runs: summaries, differences, series }, null, 2));
    return 0;
  }
  const lang = languageOf(io);
  const header = lang === 'ko' ? ['ID', '이름', '상태', '최종 손실 / 정확도', '걸린 시간'] : ['id', 'name', 'status', 'final loss / accuracy', 'took'];
  const rows = runs.map((r) => [shortId(r), r.name, RUN_STATUS_WORDS[lang][r.status], finalText(r.final, lang), durationText(r.durationMs, lang)]);
  for (const line of table(header, rows)) io.out(line);
  io.out('');
  if (differences.length === 0) io.out(say(lang, '설정이 모두 같습니다', 'the specs are identical'));
  else {
    io.out(say(lang, '다른 설정:', 'what differs:'));
    const cell = (v: unknown) => (v === undefined ? say(lang, '(없음)', '(absent)') : truncate(JSON.stringify(v)));
    for (const line of table([say(lang, '설정', 'field'), ...runs.map(shortId)], differences.map((d) => [d.field, ...d.values.map(cell)]))) io.out(`  ${line}`);
  }
  if (series.x.length > 0) {
    io.out('');
    const title = by === 'epoch' ? say(lang, '에폭별 시험 정확도 (훈련 손실)', 'test accuracy (train loss) by epoch') : say(lang, '단계별 배치 손실', 'batch loss by step');
    io.out(`${title}:`);
    const picks = evenly(series.x.length, SHOWN_POINTS);
    const rows = picks.map((i) => [
      String(Math.round(series.x[i]! * 100) / 100),
      ...series.runs.map((r) => (by === 'epoch' ? `${percentText(r.testAccuracy[i], { digits: 2 })} (${lossText(r.loss[i])})` : lossText(r.loss[i]))),
    ]);
    const axis = by === 'epoch' ? say(lang, '에폭', 'epoch') : say(lang, '단계', 'step');
    for (const line of table([axis, ...runs.map(shortId)], rows)) io.out(`  ${line}`);
  }
  return 0;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function evenly(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return [...new Set(Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1))))];
}
