import type { RunDetail } from '../../../engine/api/runs';
import { DB_OPTION, withHistory } from '../../cli-history';
import { UsageError, type CliIO } from '../../cli-io';
import { languageOf, type Lang, type Localized } from '../../cli-language';
import { parseOptions } from '../../parse-options';
import { percentText } from '../number-text';
import { counted } from '../../../engine/lab/counted-words';
import { END_KOREAN_RULES, koreanByRules } from '../../../engine/lab/problem-words';
import { OPTIMIZER_NAMES } from '../../../engine/lab/optimizer-names';
import { activationListText, initListText, regularizationText } from '../../../engine/lab/run-names';
import { RUN_STATUS_WORDS } from '../../../engine/lab/run-status-words';
import { dateText, displayWidth, durationText, finalText, lossText, table } from './run-text';

export const SHOW_HELP: Localized = {
  en: `nnlab runs show ID [--json]
    one run: its summary, spec and metrics (--json: the run with "spec" and "metrics")`,
  ko: `nnlab runs show ID [--json]
    실행 하나: 요약, 설정, 지표 (--json: "spec"과 "metrics"가 든 실행)`,
};

/** At most this many evaluation rows in the readable view (evenly spaced, the last kept). */
const SHOWN_EVALS = 25;

/** The labels of `runs show`, one column wide in each language. */
const LABELS = {
  ko: { status: '상태', created: '만든 때', data: '데이터', network: '신경망', optimizer: '최적화', final: '최종', tags: '태그', notes: '메모', from: '원래 실행' },
  en: { status: 'status', created: 'created', data: 'data', network: 'network', optimizer: 'optimizer', final: 'final', tags: 'tags', notes: 'notes', from: 'from run' },
} as const;

/** `nnlab runs show ID`. */
export async function runsShow(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions('runs show', args, { ...DB_OPTION, json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('nnlab runs show: give one run id (see "nnlab runs list")', 'nnlab runs show: 실행 ID를 하나 주세요 ("nnlab runs list"로 볼 수 있습니다)');
  const run = await withHistory(values.db, (history) => history.getRun(positionals[0]!));
  const { steps, evals, ...summary } = run;
  if (values.json) {
    io.out(JSON.stringify({ ...summary, metrics: { steps, evals } }, null, 2));
    return 0;
  }
  const lang = languageOf(io);
  const words = LABELS[lang];
  const label = (text: string) => `  ${text}${' '.repeat(Math.max(1, 11 - displayWidth(text)))}`;
  const ko = lang === 'ko';
  const stepsText = run.totalSteps === null ? counted(run.stepsDone, 'step', lang) : ko ? `${counted(run.totalSteps, 'step', 'ko')} 중 ${counted(run.stepsDone, 'step', 'ko')}` : `${run.stepsDone}/${counted(run.totalSteps, 'step', 'en')}`;
  io.out(`${run.name}  (${run.id})`);
  const message = run.message && lang === 'ko' ? (koreanByRules(run.message, END_KOREAN_RULES) ?? run.message) : run.message;
  io.out(`${label(words.status)}${RUN_STATUS_WORDS[lang][run.status]}${message ? ` — ${message}` : ''}`);
  io.out(`${label(words.created)}${dateText(run.createdAt)}, ${ko ? `걸린 시간 ${durationText(run.durationMs, 'ko')}` : `took ${durationText(run.durationMs)}`}, ${stepsText}`);
  io.out(`${label(words.data)}${dataText(run, lang)}`);
  io.out(`${label(words.network)}${networkText(run, lang)}`);
  io.out(`${label(words.optimizer)}${optimizerText(run, lang)}`);
  io.out(`${label(words.final)}${finalText(run.final, lang)}`);
  if (run.tags.length > 0) io.out(`${label(words.tags)}${run.tags.join(', ')}`);
  if (run.notes) io.out(`${label(words.notes)}${run.notes}`);
  if (run.sourceRunId) io.out(`${label(words.from)}${run.sourceRunId.slice(0, 8)}`);
  if (evals.step.length > 0) {
    io.out('');
    const indices = evenly(evals.step.length, SHOWN_EVALS);
    const rows = indices.map((i) => [String(evals.step[i]), String(evals.epoch[i]), lossText(evals.trainLoss[i]), percentText(evals.trainAccuracy[i], { digits: 2 }), lossText(evals.testLoss[i]), percentText(evals.testAccuracy[i], { digits: 2 })]);
    const header = ko ? ['단계', '에폭', '훈련 손실', '훈련 정확도', '시험 손실', '시험 정확도'] : ['step', 'epoch', 'train loss', 'train acc', 'test loss', 'test acc'];
    for (const line of table(header, rows)) io.out(`  ${line}`);
  }
  return 0;
}

/** "circle: 400 train + 100 test" / "circle: 훈련 400개 + 시험 100개". */
function dataText(run: RunDetail, lang: Lang): string {
  if (!run.dataset) return run.spec.dataset.name;
  const { name, trainSize, testSize } = run.dataset;
  return lang === 'ko' ? `${name}: 훈련 ${trainSize.toLocaleString('ko-KR')}개 + 시험 ${testSize.toLocaleString('ko-KR')}개` : `${name}: ${trainSize} train + ${testSize} test`;
}

/** "2-8-1 relu/he, L2 0.001" (Korean: the lecture's names, "ReLU/He, L2 0.001, 드롭아웃 0.2"). */
function networkText(run: RunDetail, lang: Lang): string {
  const activation = lang === 'ko' ? activationListText(run.activation, 'ko') : run.activation;
  const init = lang === 'ko' ? initListText(run.init, 'ko') : run.init;
  const regularization = run.regularization ? `, ${lang === 'ko' ? regularizationText(run.regularization, 'ko') : run.regularization}` : '';
  return `${run.architecture ?? '–'} ${activation}/${init}${regularization}`;
}

/** "adam lr 0.01, batch 32, seed 1" / "Adam 학습률 0.01, 배치 32, 시드 1". */
function optimizerText(run: RunDetail, lang: Lang): string {
  const { optimizer, training } = run.spec;
  if (lang === 'en') return `${optimizer.name}${optimizer.lr === undefined ? '' : ` lr ${optimizer.lr}`}, batch ${training.batchSize}, seed ${run.seed}`;
  return `${OPTIMIZER_NAMES[optimizer.name].ko}${optimizer.lr === undefined ? '' : ` 학습률 ${optimizer.lr}`}, 배치 ${training.batchSize}, 시드 ${run.seed}`;
}

/** Up to `max` indices of 0..n−1, evenly spaced, first and last included. */
function evenly(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return [...new Set(Array.from({ length: max }, (_, i) => Math.round((i * (n - 1)) / (max - 1))))];
}
