import type { DiagnosticsEvent, RunStatus, TrainingEvent } from '../api/events';
import { parseRunSpec } from '../api/parse-run-spec';
import type { RunSpec } from '../api/run-spec';
import type { ConfigDifference, EvalSeries, RunDetail, StepSeries } from '../api/runs';
import { configDiff } from '../api/config-diff';
import { BATCH_NORM_SCALES, PRESETS, findPreset, type LocalizedText, type TrainPreset } from './presets';

/**
 * Machine checks of the lecture's claims: for every training preset, what its run must show
 * (`checkClaim`), and for the lab sheets' comparisons, what the runs compared must show side by
 * side (`checkComparison`). Pure: the UI passes a RunDetail (plus, for the gradient and weight
 * claims, the diagnostics snapshots `diagnosticsNeeded` names), or the events of a live run via
 * `claimRunFromEvents`.
 *
 * Each check is a list of criteria with concrete thresholds, calibrated on the presets' full runs
 * (test/engine/lab: claim-checks.test.ts on hand-made runs; claim-verdicts-*.test.ts and
 * overfitting-effects.test.ts on real reduced runs). A criterion is
 * "by step N" (the effect must show by then: reproduced as soon as it shows, not reproduced once
 * the run passes step N without it) or "through step N" (a run that does not learn: not
 * reproduced as soon as it learns, reproduced once it passes step N without learning); before
 * that it is 'not-yet'. Losses are the data loss (penalties left out), averaged over the last 50
 * steps, as the textbook's curves are smoothed batch losses.
 */

export type ClaimVerdictKind = 'reproduced' | 'not-reproduced' | 'not-yet';

/** A check's outcome, with the numbers and, when not reproduced, the likely reason. */
export interface ClaimVerdict {
  verdict: ClaimVerdictKind;
  message: LocalizedText;
}

/** A diagnostics snapshot (LabApi getDiagnostics); only its step and layers are read. */
export type ClaimDiagnostics = Pick<DiagnosticsEvent, 'step' | 'layers'>;

/**
 * What a check reads of a run: the fields of a RunDetail (a RunDetail itself will do), plus the
 * diagnostics snapshots `diagnosticsNeeded` names — the first (step 0: gradients per layer) and
 * the latest (weights at the end: exact zeros).
 */
export interface ClaimRun {
  status: RunStatus;
  /** Updates done. */
  stepsDone: number;
  steps: Pick<StepSeries, 'step' | 'dataLoss'>;
  evals: Pick<EvalSeries, 'step' | 'trainLoss' | 'trainAccuracy' | 'testAccuracy'>;
  final: RunDetail['final'];
  /** Why the run ended (a divergence's message). */
  message?: string | null;
  /** When given, the fields where it differs from the preset are named in a not-reproduced message. */
  spec?: RunSpec;
  diagnostics?: { first?: ClaimDiagnostics | null; last?: ClaimDiagnostics | null };
}

/** The snapshots a check needs: 'first' = diagnosticsSteps[0], 'last' = the latest of diagnosticsSteps. */
export type DiagnosticsNeed = 'first' | 'last';

/** A training preset's machine-checkable expectation. */
export interface ClaimExpectation {
  presetId: string;
  /** What is checked, with its thresholds, in words (to show beside the claim before the run). */
  expects: LocalizedText;
  diagnostics: DiagnosticsNeed[];
  check(run: ClaimRun): ClaimVerdict;
}

/** A comparison's check (a lab sheet's comparison with the same id). */
export interface ComparisonExpectation {
  id: string;
  /** The training presets whose runs it reads. */
  presets: string[];
  expects: LocalizedText;
  /** Snapshots needed, per preset id. */
  diagnostics: Record<string, DiagnosticsNeed[]>;
  check(runs: Readonly<Record<string, ClaimRun | undefined>>): ClaimVerdict;
}

// ── Reading runs ──

/** Steps of the loss window: the mean of the data losses of the last 50 steps. */
const LOSS_WINDOW = 50;
/** Fewest losses a window needs (live runs may forward a thinned series). */
const MIN_WINDOW_POINTS = 3;

interface Observation {
  step: number;
  value: number;
}

const ENDED: readonly RunStatus[] = ['completed', 'stopped', 'diverged', 'failed', 'interrupted'];

/**
 * Window means of the data loss, one per recorded step (windows with too few finite losses left
 * out). Step s's loss is measured on update s + 1's batch before it, so the window ending there is
 * reported at step s + 1: the loss "at step 300" is the mean over the batches of updates 251–300.
 */
function lossObservations(run: ClaimRun): Observation[] {
  const { step, dataLoss } = run.steps;
  const out: Observation[] = [];
  let start = 0;
  for (let i = 0; i < step.length; i++) {
    while (step[start]! <= step[i]! - LOSS_WINDOW) start++;
    // Summed afresh for each window (no running sum): a blown-up loss of 1e30 early in a run must
    // not leave rounding garbage in the windows after it.
    let sum = 0;
    let count = 0;
    for (let j = start; j <= i; j++) {
      const loss = dataLoss[j]!;
      if (Number.isFinite(loss)) {
        sum += loss;
        count++;
      }
    }
    // Reported at step + 1: the window ending with update s's batch is the loss "by step s + 1".
    if (count > 0 && count >= Math.min(MIN_WINDOW_POINTS, i + 1)) out.push({ step: step[i]! + 1, value: sum / count });
  }
  return out;
}

function evalObservations(run: ClaimRun, value: (i: number) => number | null): Observation[] {
  const out: Observation[] = [];
  for (let i = 0; i < run.evals.step.length; i++) {
    const v = value(i);
    if (v !== null && Number.isFinite(v)) out.push({ step: run.evals.step[i]!, value: v });
  }
  return out;
}

type Lang = 'ko' | 'en';

/** Something a criterion measures over a run, with its names and number format. */
interface Metric {
  /** "the loss" / "손실". */
  name: LocalizedText;
  /** The Korean subject form ("손실이"). */
  subjectKo: string;
  /** The value in words; `extraDigits` more digits than usual (to tell a value from a threshold it rounds to). */
  format(value: number, lang: Lang, extraDigits?: number): string;
  observe(run: ClaimRun): Observation[];
}

/** `value` formatted with as many more digits (up to 3) as it takes to differ from `threshold`'s text. */
function formatAgainst(metric: Metric, value: number, threshold: number, lang: Lang): string {
  for (let extra = 0; extra < 3; extra++) {
    const text = metric.format(value, lang, extra);
    if (text !== metric.format(threshold, lang, extra)) return text;
  }
  return metric.format(value, lang, 3);
}

const LOSS: Metric = {
  name: { ko: '손실', en: 'the loss' },
  subjectKo: '손실이',
  format: (v, _lang, extraDigits = 0) => formatLoss(v, extraDigits),
  observe: lossObservations,
};

const TRAIN_ACCURACY: Metric = {
  name: { ko: '훈련 정확도', en: 'training accuracy' },
  subjectKo: '훈련 정확도가',
  format: formatPercent,
  observe: (run) => evalObservations(run, (i) => run.evals.trainAccuracy[i] ?? null),
};

const GAP: Metric = {
  name: { ko: '훈련/시험 정확도 차이', en: 'the train/test accuracy gap' },
  subjectKo: '훈련/시험 정확도 차이가',
  format: formatPoints,
  observe: (run) => evalObservations(run, (i) => gapAt(run, i)),
};

function gapAt(run: ClaimRun, i: number): number | null {
  const train = run.evals.trainAccuracy[i];
  const test = run.evals.testAccuracy[i];
  return train === null || train === undefined || test === null || test === undefined ? null : train - test;
}

/** Observations at or before `step`. */
function upTo(observations: Observation[], step: number): Observation[] {
  return observations.filter((o) => o.step <= step);
}

/** The latest observation at or before `step`. */
function observationAt(metric: Metric, run: ClaimRun, step: number): Observation | undefined {
  return upTo(metric.observe(run), step).at(-1);
}

// ── Criteria ──

/** One criterion's finding: its verdict and what it saw. */
interface Finding {
  verdict: ClaimVerdictKind;
  detail: LocalizedText;
}

interface Criterion {
  needs?: DiagnosticsNeed;
  evaluate(run: ClaimRun): Finding;
}

type Direction = 'below' | 'above';

const passes = (value: number, direction: Direction, threshold: number) => (direction === 'below' ? value < threshold : value >= threshold);

function isEnded(run: ClaimRun): boolean {
  return ENDED.includes(run.status);
}

/** A run that ended before `step` (its detail), or null when it may still get there. */
function endedEarly(run: ClaimRun, step: number): Finding | null {
  if (!isEnded(run) || run.stepsDone >= step) return null;
  if (run.status === 'diverged') {
    const why = run.message ? ` (${run.message})` : '';
    return {
      verdict: 'not-reproduced',
      detail: { ko: `${group(run.stepsDone)}단계에서 발산했습니다${why}`, en: `the run diverged at step ${group(run.stepsDone)}${why}` },
    };
  }
  return {
    verdict: 'not-yet',
    detail: {
      ko: `실행이 ${group(run.stepsDone)}단계에서 끝났습니다(${statusKo(run.status)}). 판단하려면 ${group(step)}단계가 필요합니다`,
      en: `the run ended at step ${group(run.stepsDone)} (${run.status}); it takes ${group(step)} steps to tell`,
    },
  };
}

/** The effect shows by step `byStep`: `metric` goes below (or to at least) `threshold`. */
function reaches(metric: Metric, direction: Direction, threshold: number, byStep: number): Criterion {
  const goalEn = `${direction === 'below' ? 'below' : 'at least'} ${metric.format(threshold, 'en')}`;
  const thresholdKo = metric.format(threshold, 'ko');
  const goalKo = direction === 'below' ? `${thresholdKo} 아래로 내려갔습니다` : `${thresholdKo} 이상이 되었습니다`;
  return {
    evaluate(run) {
      const seen = upTo(metric.observe(run), byStep);
      const hit = seen.find((o) => passes(o.value, direction, threshold));
      if (hit) {
        return {
          verdict: 'reproduced',
          detail: {
            ko: `${group(hit.step)}단계에 ${metric.subjectKo} ${goalKo}(${formatAgainst(metric, hit.value, threshold, 'ko')})`,
            en: `${metric.name.en} reached ${formatAgainst(metric, hit.value, threshold, 'en')} (${goalEn}) by step ${group(hit.step)}`,
          },
        };
      }
      const early = endedEarly(run, byStep);
      if (early) return early;
      const last = seen.at(-1);
      if (run.stepsDone >= byStep) {
        const value = last ? formatAgainst(metric, last.value, threshold, 'en') : 'unknown';
        return {
          verdict: 'not-reproduced',
          detail: {
            ko: `${group(byStep)}단계까지 ${metric.subjectKo} ${direction === 'below' ? `${thresholdKo} 아래로 내려가지 않았습니다` : `${thresholdKo}에 이르지 못했습니다`}(${last ? formatAgainst(metric, last.value, threshold, 'ko') : '값 없음'})`,
            en: `${metric.name.en} was still ${value} at step ${group(byStep)} (expected ${goalEn})`,
          },
        };
      }
      return {
        verdict: 'not-yet',
        detail: {
          ko: `${last ? `${group(last.step)}단계에서 ${metric.name.ko} ${metric.format(last.value, 'ko')}; ` : ''}${group(byStep)}단계까지 ${thresholdKo} ${direction === 'below' ? '아래로 내려가야' : '이상이 되어야'} 합니다`,
          en: `${last ? `${metric.name.en} is ${metric.format(last.value, 'en')} at step ${group(last.step)}; ` : ''}it should be ${goalEn} by step ${group(byStep)}`,
        },
      };
    },
  };
}

/**
 * The run does not do something through step `throughStep`: `metric` never goes below (or to at
 * least) `threshold`. With `divergenceCounts`, a run that diverged counts as not having learned.
 */
function never(metric: Metric, direction: Direction, threshold: number, throughStep: number, options: { divergenceCounts?: boolean } = {}): Criterion {
  const crossedKo = direction === 'below' ? `${metric.format(threshold, 'ko')} 아래로 내려갔습니다` : `${metric.format(threshold, 'ko')} 이상이 되었습니다`;
  const heldKo = direction === 'below' ? `${metric.format(threshold, 'ko')} 이상을 유지했습니다` : `${metric.format(threshold, 'ko')} 아래에 머물렀습니다`;
  const heldEn = direction === 'below' ? `at or above ${metric.format(threshold, 'en')}` : `below ${metric.format(threshold, 'en')}`;
  return {
    evaluate(run) {
      const seen = upTo(metric.observe(run), throughStep);
      const crossed = seen.find((o) => passes(o.value, direction, threshold));
      if (crossed) {
        return {
          verdict: 'not-reproduced',
          detail: {
            ko: `${group(crossed.step)}단계에 ${metric.subjectKo} ${crossedKo}(${formatAgainst(metric, crossed.value, threshold, 'ko')})`,
            en: `${metric.name.en} ${direction === 'below' ? 'fell' : 'rose'} to ${formatAgainst(metric, crossed.value, threshold, 'en')} by step ${group(crossed.step)} (expected to stay ${heldEn})`,
          },
        };
      }
      const last = seen.at(-1);
      const lastKo = last ? `(${group(last.step)}단계 ${metric.format(last.value, 'ko')})` : '';
      const lastEn = last ? ` (${metric.format(last.value, 'en')} at step ${group(last.step)})` : '';
      if (run.status === 'diverged' && options.divergenceCounts) {
        return {
          verdict: 'reproduced',
          detail: { ko: `${group(run.stepsDone)}단계에서 발산해 학습되지 않았습니다`, en: `the run diverged at step ${group(run.stepsDone)} without learning` },
        };
      }
      const early = endedEarly(run, throughStep);
      if (early) return early;
      if (run.stepsDone >= throughStep) {
        return {
          verdict: 'reproduced',
          detail: { ko: `${group(throughStep)}단계까지 ${metric.subjectKo} ${heldKo}${lastKo}`, en: `${metric.name.en} stayed ${heldEn} through step ${group(throughStep)}${lastEn}` },
        };
      }
      return {
        verdict: 'not-yet',
        detail: {
          ko: `${last ? `${group(last.step)}단계에서 ${metric.name.ko} ${metric.format(last.value, 'ko')}; ` : ''}판단하려면 ${group(throughStep)}단계가 필요합니다`,
          en: `${last ? `${metric.name.en} is ${metric.format(last.value, 'en')} at step ${group(last.step)}; ` : ''}it takes ${group(throughStep)} steps to tell`,
        },
      };
    },
  };
}

const WAITING_FIRST: Finding = {
  verdict: 'not-yet',
  detail: { ko: '첫 진단 스냅숏(0단계의 층별 기울기)을 기다리는 중입니다', en: 'waiting for the first diagnostics snapshot (step 0’s per-layer gradients)' },
};

/** Hidden layers' gradient norms of a snapshot (the output layer left out); null when one is not finite. */
function hiddenGradNorms(snapshot: ClaimDiagnostics): number[] | null {
  const norms = snapshot.layers.slice(0, -1).map((layer) => layer.gradNorm);
  return norms.every((n): n is number => n !== null && Number.isFinite(n) && n > 0) ? norms : null;
}

const NOT_FINITE: Finding = {
  verdict: 'not-reproduced',
  detail: { ko: '기울기가 유한한 수가 아닙니다(0, 무한대 또는 NaN)', en: 'a gradient is not a positive finite number (0, infinite or NaN)' },
};

/** At step 0, the first layer's gradient is below `maxRatio` times the last hidden layer's. */
function gradientVanishes(maxRatio: number): Criterion {
  return {
    needs: 'first',
    evaluate(run) {
      const first = run.diagnostics?.first;
      if (!first) return WAITING_FIRST;
      const norms = hiddenGradNorms(first);
      if (norms === null || norms.length < 2) return NOT_FINITE;
      const ratio = norms[0]! / norms.at(-1)!;
      const last = norms.length;
      const ok = ratio < maxRatio;
      return {
        verdict: ok ? 'reproduced' : 'not-reproduced',
        detail: {
          ko: `${group(first.step)}단계에서 1층의 기울기가 ${last}층의 ${formatRatio(ratio)}입니다(${formatRatio(maxRatio)}보다 작아야 함)`,
          en: `at step ${group(first.step)} layer 1’s gradient is ${formatRatio(ratio)} of layer ${last}’s (expected below ${formatRatio(maxRatio)})`,
        },
      };
    },
  };
}

/** At step 0, every hidden layer's gradient is within a factor `maxSpread` of the others. */
function gradientEven(maxSpread: number): Criterion {
  return {
    needs: 'first',
    evaluate(run) {
      const first = run.diagnostics?.first;
      if (!first) return WAITING_FIRST;
      const norms = hiddenGradNorms(first);
      if (norms === null || norms.length < 1) return NOT_FINITE;
      const spread = Math.max(...norms) / Math.min(...norms);
      const ok = spread < maxSpread;
      return {
        verdict: ok ? 'reproduced' : 'not-reproduced',
        detail: {
          ko: `${group(first.step)}단계에서 은닉층 기울기의 최대/최소 비가 ${formatFactor(spread)}배입니다(${maxSpread}배 미만이어야 함)`,
          en: `at step ${group(first.step)} the hidden layers’ gradients are within a factor of ${formatFactor(spread)} of each other (expected under ${maxSpread})`,
        },
      };
    },
  };
}

/** In the latest snapshot, at least `fraction` of layer 1's weights are exactly 0, by step `byStep`. */
function exactZeros(fraction: number, byStep: number): Criterion {
  return {
    needs: 'last',
    evaluate(run) {
      const last = run.diagnostics?.last;
      if (!last) {
        return { verdict: 'not-yet', detail: { ko: '가중치 진단 스냅숏을 기다리는 중입니다', en: 'waiting for a diagnostics snapshot of the weights' } };
      }
      const zeros = last.layers[0]?.weights.zeroFraction ?? 0;
      const value = { ko: formatPercent(zeros, 'ko'), en: formatPercent(zeros, 'en') };
      if (zeros >= fraction) {
        return {
          verdict: 'reproduced',
          detail: {
            ko: `${group(last.step)}단계에서 1층 가중치의 ${value.ko}가 정확히 0입니다(${formatPercent(fraction, 'ko')} 이상이어야 함)`,
            en: `at step ${group(last.step)} ${value.en} of layer 1’s weights are exactly 0 (expected at least ${formatPercent(fraction, 'en')})`,
          },
        };
      }
      if (last.step + 1 >= byStep) {
        return {
          verdict: 'not-reproduced',
          detail: {
            ko: `${group(last.step)}단계에서도 1층 가중치 중 정확히 0인 것이 ${value.ko}뿐입니다(${formatPercent(fraction, 'ko')} 이상이어야 함)`,
            en: `at step ${group(last.step)} only ${value.en} of layer 1’s weights are exactly 0 (expected at least ${formatPercent(fraction, 'en')})`,
          },
        };
      }
      return {
        verdict: 'not-yet',
        detail: {
          ko: `${group(last.step)}단계에서 1층 가중치의 ${value.ko}가 0입니다; ${group(byStep)}단계까지 ${formatPercent(fraction, 'ko')} 이상이 되어야 합니다`,
          en: `at step ${group(last.step)} ${value.en} of layer 1’s weights are exactly 0; it should be at least ${formatPercent(fraction, 'en')} by step ${group(byStep)}`,
        },
      };
    },
  };
}

/** In the latest snapshot at or after `fromStep`, no layer has more than `fraction` of its weights exactly 0. */
function fewZeros(fraction: number, fromStep: number): Criterion {
  return {
    needs: 'last',
    evaluate(run) {
      const last = run.diagnostics?.last;
      if (!last) {
        return { verdict: 'not-yet', detail: { ko: '가중치 진단 스냅숏을 기다리는 중입니다', en: 'waiting for a diagnostics snapshot of the weights' } };
      }
      const most = Math.max(...last.layers.map((layer) => layer.weights.zeroFraction));
      const value = { ko: formatPercent(most, 'ko'), en: formatPercent(most, 'en') };
      if (most > fraction) {
        return {
          verdict: 'not-reproduced',
          detail: { ko: `${group(last.step)}단계에서 한 층의 가중치 ${value.ko}가 정확히 0입니다`, en: `at step ${group(last.step)} ${value.en} of one layer’s weights are exactly 0` },
        };
      }
      if (last.step + 1 >= fromStep) {
        return {
          verdict: 'reproduced',
          detail: { ko: `${group(last.step)}단계에서 정확히 0인 가중치가 층마다 ${value.ko} 이하입니다`, en: `at step ${group(last.step)} at most ${value.en} of any layer’s weights are exactly 0` },
        };
      }
      return {
        verdict: 'not-yet',
        detail: { ko: `판단하려면 ${group(fromStep)}단계의 가중치가 필요합니다`, en: `it takes the weights of step ${group(fromStep)} to tell` },
      };
    },
  };
}

// ── Verdicts and messages ──

const SUFFIX: Record<ClaimVerdictKind, LocalizedText> = {
  reproduced: { ko: '재현됨 ✔', en: 'reproduced ✔' },
  'not-reproduced': { ko: '재현되지 않음 ✘', en: 'not reproduced ✘' },
  'not-yet': { ko: '아직 판단할 수 없음', en: 'not yet' },
};

/** not-reproduced if any is, else not-yet if any is, else reproduced. */
function combine(verdicts: readonly ClaimVerdictKind[]): ClaimVerdictKind {
  if (verdicts.includes('not-reproduced')) return 'not-reproduced';
  if (verdicts.includes('not-yet')) return 'not-yet';
  return 'reproduced';
}

/** "statement: the deciding findings — verdict (hint; differences)". */
function verdictOf(statement: LocalizedText, findings: readonly Finding[], hint: LocalizedText | null, differences: LocalizedText | null): ClaimVerdict {
  const verdict = combine(findings.map((f) => f.verdict));
  const deciding = findings.filter((f) => f.verdict === verdict);
  const message = (lang: Lang): string => {
    const details = deciding.map((f) => f.detail[lang]).join('; ');
    let text = `${statement[lang]}: ${details} — ${SUFFIX[verdict][lang]}`;
    if (verdict === 'not-reproduced') {
      // "(did you change …? This run differs from the preset in …)"
      const notes = [hint?.[lang], differences?.[lang]].filter((n): n is string => Boolean(n));
      if (notes.length > 0) text += ` (${notes.map((n, i) => (i > 0 ? n.charAt(0).toUpperCase() + n.slice(1) : n)).join(' ')})`;
    }
    return text;
  };
  return { verdict, message: { ko: message('ko'), en: message('en') } };
}

/** Spec fields that do not change what a preset shows (names, data and run sizes, logging). */
const IGNORED_FIELDS = /^(name|seed|dataset\.(trainSize|testSize)|training\.(iterations|epochs|evalEvery|targetLoss|earlyStopping)(\.|$)|diagnostics\.)/;

const presetSpecs = new Map<string, RunSpec>();

/** The fields where the run's spec differs from its preset's, as "optimizer.lr 0.01 → 0.1" (at most 3). */
function specDifferences(presetId: string, run: ClaimRun): LocalizedText | null {
  if (run.spec === undefined) return null;
  const preset = findPreset(presetId);
  if (preset?.kind !== 'train') return null;
  let presetSpec = presetSpecs.get(presetId);
  if (presetSpec === undefined) {
    presetSpec = parseRunSpec(preset.spec);
    presetSpecs.set(presetId, presetSpec);
  }
  const differences = foldLayers(configDiff([presetSpec, run.spec]).filter((d) => !IGNORED_FIELDS.test(d.field)));
  if (differences.length === 0) return null;
  const shown = differences.slice(0, 3).map((d) => `${d.field} ${short(d.values[0])} → ${short(d.values[1])}`);
  const more = differences.length > 3 ? `, … (+${differences.length - 3})` : '';
  return { ko: `프리셋과 다른 설정: ${shown.join(', ')}${more}`, en: `this run differs from the preset in ${shown.join(', ')}${more}` };
}

/** The same change in several layers as one: "layers[0].batchNorm", "layers[1].batchNorm" (true → false) → "layers[0–4].batchNorm". */
function foldLayers(differences: readonly ConfigDifference[]): ConfigDifference[] {
  const groups = new Map<string, { layers: number[]; rest: string; values: unknown[] }>();
  const out: (ConfigDifference | string)[] = [];
  for (const difference of differences) {
    const match = /^layers\[(\d+)\](.*)$/.exec(difference.field);
    if (match === null) {
      out.push(difference);
      continue;
    }
    const key = `${match[2]}\u0000${JSON.stringify(difference.values)}`;
    const group = groups.get(key);
    if (group) group.layers.push(Number(match[1]));
    else {
      groups.set(key, { layers: [Number(match[1])], rest: match[2]!, values: difference.values });
      out.push(key);
    }
  }
  return out.map((item) => {
    if (typeof item !== 'string') return item;
    const { layers, rest, values } = groups.get(item)!;
    const contiguous = layers.every((layer, i) => i === 0 || layer === layers[i - 1]! + 1);
    const index = layers.length === 1 ? `${layers[0]}` : contiguous ? `${layers[0]}–${layers.at(-1)}` : layers.join(',');
    return { field: `layers[${index}]${rest}`, values };
  });
}

function short(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

interface ExpectationSpec {
  statement: LocalizedText;
  expects: LocalizedText;
  criteria: Criterion[];
  /** The likely reason when it is not reproduced. */
  hint: LocalizedText;
}

/** Each training preset's statement and criteria, for its own check and for the comparisons that read it. */
const EXPECTATION_SPECS = new Map<string, ExpectationSpec>();

function expectation(presetId: string, spec: ExpectationSpec): ClaimExpectation {
  EXPECTATION_SPECS.set(presetId, spec);
  return {
    presetId,
    expects: spec.expects,
    diagnostics: needsOf(spec.criteria),
    check: (run) => verdictOf(spec.statement, spec.criteria.map((c) => c.evaluate(run)), spec.hint, specDifferences(presetId, run)),
  };
}

function needsOf(criteria: readonly Criterion[]): DiagnosticsNeed[] {
  return (['first', 'last'] as const).filter((need) => criteria.some((c) => c.needs === need));
}

// ── The expectations, preset by preset ──

const CHANGED_LR_OR_INIT: LocalizedText = { ko: '학습률이나 초기화를 바꾸었나요?', en: 'did you change the learning rate or the initialization?' };
const CHANGED_ACTIVATION: LocalizedText = { ko: '활성화 함수나 초기화를 바꾸었나요?', en: 'did you change the activation or the initialization?' };
const CHANGED_REGULARIZATION: LocalizedText = { ko: '규제 강도, 학습률이나 데이터 크기를 바꾸었나요?', en: 'did you change the regularization strength, the learning rate or the data size?' };
const CHANGED_OPTIMIZER: LocalizedText = { ko: '최적화 기법이나 학습률을 바꾸었나요?', en: 'did you change the optimizer or its learning rate?' };

/** 0.5·(sigmoid(0.2311) − 1)²: the slide's network's loss for target 1 before the update. */
const BACKPROP_LOSS = 0.5 * (1 / (1 + Math.exp(-(1 / (1 + Math.exp(-1)) - 0.5))) - 1) ** 2;

const backpropCriterion: Criterion = {
  evaluate(run) {
    const before = run.steps.dataLoss[0];
    // The first evaluation after the update (the one at step 0 is before it).
    const afterIndex = run.evals.step.findIndex((step) => step >= 1);
    if (before === undefined || afterIndex < 0) {
      if (isEnded(run)) return { verdict: 'not-yet', detail: { ko: '실행이 갱신 전에 끝났습니다', en: 'the run ended before its update' } };
      return { verdict: 'not-yet', detail: { ko: '갱신을 기다리는 중입니다', en: 'waiting for the update' } };
    }
    const after = run.evals.trainLoss[afterIndex]!;
    const slide = Math.abs(before - BACKPROP_LOSS) < 1e-3;
    const lower = after < before;
    const numbers = {
      ko: `갱신 전 손실 ${before.toFixed(4)}(슬라이드의 출력 0.55, 목표값 1이면 ${BACKPROP_LOSS.toFixed(4)}), 갱신 후 ${after.toFixed(4)}`,
      en: `loss ${before.toFixed(4)} before the update (the slide’s output 0.55 with target 1 gives ${BACKPROP_LOSS.toFixed(4)}), ${after.toFixed(4)} after`,
    };
    if (!slide) {
      return {
        verdict: 'not-reproduced',
        detail: { ko: `${numbers.ko}: 갱신 전 손실이 슬라이드의 값과 다릅니다`, en: `${numbers.en}: the loss before the update is not the slide’s` },
      };
    }
    return lower
      ? { verdict: 'reproduced', detail: numbers }
      : { verdict: 'not-reproduced', detail: { ko: `${numbers.ko}: 오차가 줄지 않았습니다`, en: `${numbers.en}: the error did not shrink` } };
  },
};

/** At step 0, the sigmoid network's first-layer gradient is below 1/100 of its last hidden layer's. */
const SIGMOID_VANISHES = gradientVanishes(1e-2);
/** At step 0, the hidden layers' gradients are within a factor of 10 of each other. */
const GRADIENT_EVEN = gradientEven(10);
/** The sigmoid network stays at chance (ln 10 ≈ 2.30) through step 200. */
const SIGMOID_STALLS = never(LOSS, 'below', 2.2, 200, { divergenceCounts: true });
/** ReLU and tanh learn: below 1.5 by step 200 (the full presets are at 0.6 and 0.4 by then). */
const DEEP_NET_LEARNS = reaches(LOSS, 'below', 1.5, 200);

const VANISHING: ClaimExpectation[] = [
  expectation('vanishing-sigmoid', {
    statement: { ko: 'sigmoid 10층에서는 기울기가 소실되어 학습이 멈춰야 합니다', en: 'With 10 sigmoid layers the gradient should vanish and learning stall' },
    expects: {
      ko: '0단계에서 1층의 기울기가 마지막 은닉층의 1/100 미만이고, 200단계까지 손실이 2.2 이상(무작위 수준 2.30 근처)에 머묾',
      en: 'at step 0 layer 1’s gradient is below 1/100 of the last hidden layer’s, and the loss stays at or above 2.2 (chance is 2.30) through step 200',
    },
    criteria: [SIGMOID_VANISHES, SIGMOID_STALLS],
    hint: CHANGED_ACTIVATION,
  }),
  expectation('vanishing-relu', {
    statement: { ko: 'ReLU 10층에서는 기울기가 모든 층에 전달되어 학습되어야 합니다', en: 'With 10 ReLU layers the gradient should reach every layer and the network learn' },
    expects: {
      ko: '0단계에서 은닉층 기울기의 최대/최소 비가 10배 미만이고, 200단계까지 손실이 1.5 아래로 내려감',
      en: 'at step 0 the hidden layers’ gradients are within a factor of 10 of each other, and the loss falls below 1.5 by step 200',
    },
    criteria: [GRADIENT_EVEN, DEEP_NET_LEARNS],
    hint: CHANGED_ACTIVATION,
  }),
  expectation('vanishing-tanh', {
    statement: { ko: 'tanh 10층에서는 sigmoid보다 기울기가 훨씬 잘 전달되어 학습되어야 합니다', en: 'With 10 tanh layers the gradient should travel far better than with sigmoid, and the network learn' },
    expects: {
      ko: '0단계에서 은닉층 기울기의 최대/최소 비가 10배 미만이고, 200단계까지 손실이 1.5 아래로 내려감',
      en: 'at step 0 the hidden layers’ gradients are within a factor of 10 of each other, and the loss falls below 1.5 by step 200',
    },
    criteria: [GRADIENT_EVEN, DEEP_NET_LEARNS],
    hint: CHANGED_ACTIVATION,
  }),
];

const STD001_STALLS = never(LOSS, 'below', 2.2, 300, { divergenceCounts: true });
const XAVIER_LEARNS = reaches(LOSS, 'below', 1.5, 500);
const HE_LEARNS_FAST = reaches(LOSS, 'below', 1.2, 300);

const INITIALIZATION: ClaimExpectation[] = [
  expectation('init-mnist-std001', {
    statement: { ko: '표준편차 0.01 초기화는 학습되지 않아야 합니다', en: 'std 0.01 should not learn' },
    expects: { ko: '300단계까지 손실이 2.2 이상(무작위 수준 2.30 근처)에 머묾', en: 'the loss stays at or above 2.2 (chance is 2.30) through step 300' },
    criteria: [STD001_STALLS],
    hint: CHANGED_LR_OR_INIT,
  }),
  expectation('init-mnist-xavier', {
    statement: { ko: 'Xavier 초기화는 학습되어야 합니다', en: 'Xavier should learn' },
    expects: { ko: '500단계까지 손실이 1.5 아래로 내려감', en: 'the loss falls below 1.5 by step 500' },
    criteria: [XAVIER_LEARNS],
    hint: CHANGED_LR_OR_INIT,
  }),
  expectation('init-mnist-he', {
    statement: { ko: 'He 초기화는 ReLU에서 가장 빨리 학습되어야 합니다', en: 'He should learn fastest with ReLU' },
    expects: { ko: '300단계까지 손실이 1.2 아래로 내려감(Xavier는 그때 아직 1.9 근처)', en: 'the loss falls below 1.2 by step 300 (Xavier is still near 1.9 then)' },
    criteria: [HE_LEARNS_FAST],
    hint: CHANGED_LR_OR_INIT,
  }),
];

// 300 images at batch 100: 3 steps per epoch, so step 450 is epoch 150.
const BASELINE_MEMORIZES = reaches(TRAIN_ACCURACY, 'above', 0.95, 450);
const BASELINE_GAP = reaches(GAP, 'above', 0.2, 450);
const L2_NO_MEMORIZING = never(TRAIN_ACCURACY, 'above', 0.95, 450);
const L1_ZEROS = exactZeros(0.1, 300);
const DROPOUT_SLOW = never(TRAIN_ACCURACY, 'above', 0.9, 300);
const DROPOUT_CLOSE = never(GAP, 'above', 0.22, 600);
const BATCHNORM_FAST = reaches(TRAIN_ACCURACY, 'above', 0.8, 60);

const OVERFITTING: ClaimExpectation[] = [
  expectation('overfit-baseline', {
    statement: { ko: '규제 없이 300장을 학습하면 과적합되어야 합니다', en: 'Without regularization, 300 images should be overfitted' },
    expects: {
      ko: '150 에폭(450단계)까지 훈련 정확도가 95% 이상, 훈련/시험 정확도 차이가 20%p 이상',
      en: 'by epoch 150 (step 450) training accuracy reaches 95 % and the train/test gap 20 points',
    },
    criteria: [BASELINE_MEMORIZES, BASELINE_GAP],
    hint: CHANGED_REGULARIZATION,
  }),
  expectation('overfit-l2', {
    statement: { ko: 'L2 규제(λ = 0.1)에서는 훈련 정확도가 100%에 이르지 않아야 합니다', en: 'With L2 (λ = 0.1) training accuracy should stop short of 100 %' },
    expects: {
      ko: '150 에폭(450단계)까지 훈련 정확도가 95% 아래에 머묾(차이가 줄어드는 것은 기준 신경망과 비교: overfit-l2-gap)',
      en: 'training accuracy stays below 95 % through epoch 150 (step 450); the smaller gap is checked against the baseline (overfit-l2-gap)',
    },
    criteria: [L2_NO_MEMORIZING],
    hint: CHANGED_REGULARIZATION,
  }),
  expectation('overfit-l1', {
    statement: { ko: 'L1 규제는 작은 가중치를 정확히 0으로 만들어야 합니다', en: 'L1 should drive small weights to exactly 0' },
    expects: { ko: '100 에폭(300단계)까지 1층 가중치의 10% 이상이 정확히 0', en: 'by epoch 100 (step 300) at least 10 % of layer 1’s weights are exactly 0' },
    criteria: [L1_ZEROS],
    hint: { ko: 'L1 강도나 방식(l1Method: proximal)을 바꾸었나요?', en: 'did you change the L1 strength or its method (l1Method: proximal)?' },
  }),
  expectation('overfit-dropout', {
    statement: { ko: '드롭아웃에서는 훈련과 시험 정확도가 가깝게 유지되고 천천히 학습되어야 합니다', en: 'With dropout, train and test accuracy should stay close, and learning be slow' },
    expects: {
      ko: '100 에폭(300단계)까지 훈련 정확도가 90% 아래(기준 신경망은 96%), 200 에폭(600단계)까지 훈련/시험 차이가 22%p 이하',
      en: 'training accuracy stays below 90 % through epoch 100 (step 300; the baseline is at 96 %), and the train/test gap at or below 22 points through epoch 200 (step 600)',
    },
    criteria: [DROPOUT_SLOW, DROPOUT_CLOSE],
    hint: { ko: '드롭아웃 비율이나 학습률을 바꾸었나요?', en: 'did you change the dropout rate or the learning rate?' },
  }),
  expectation('overfit-batchnorm', {
    statement: { ko: '배치 정규화는 학습을 빠르게 해야 합니다', en: 'Batch norm should speed learning up' },
    expects: {
      ko: '20 에폭(60단계)까지 훈련 정확도가 80% 이상(기준 신경망은 56%). 과적합 억제는 확인하지 않습니다: 이 300장에서는 배치 정규화의 차이가 기준 신경망보다 작지 않습니다(실습지의 질문)',
      en: 'training accuracy reaches 80 % by epoch 20 (step 60; the baseline is at 56 %). Curbing overfitting is not checked: on these 300 images batch norm’s gap is not smaller than the baseline’s (the lab sheet asks why)',
    },
    criteria: [BATCHNORM_FAST],
    hint: { ko: '배치 정규화를 끄거나 학습률을 바꾸었나요?', en: 'did you turn batch norm off or change the learning rate?' },
  }),
];

/** The id of the batch-norm preset of this initial scale. */
function batchNormId(scale: number, batchNorm: boolean): string {
  return `bn-${batchNorm ? 'on' : 'off'}-std-${String(scale).replace('.', '_')}`;
}

/** Near He's scale (0.293) the plain network learns; at every other scale of the preset list it stays at chance. */
const PLAIN_LEARNS_AT = 0.293;
const bnLearns = () => reaches(TRAIN_ACCURACY, 'above', 0.3, 200);
const plainLearns = () => reaches(TRAIN_ACCURACY, 'above', 0.5, 200);
const plainStalls = () => never(TRAIN_ACCURACY, 'above', 0.3, 200, { divergenceCounts: true });

const BATCH_NORM: ClaimExpectation[] = BATCH_NORM_SCALES.flatMap((scale) => [
  expectation(batchNormId(scale, false), {
    statement:
      scale === PLAIN_LEARNS_AT
        ? { ko: `배치 정규화 없이도 He에 가까운 초기 표준편차 ${scale}에서는 학습되어야 합니다`, en: `Without batch norm, the initial std ${scale}, near He’s, should learn` }
        : { ko: `배치 정규화 없이 초기 표준편차 ${scale}에서는 학습되지 않아야 합니다`, en: `Without batch norm, the initial std ${scale} should not learn` },
    expects:
      scale === PLAIN_LEARNS_AT
        ? { ko: '20 에폭(200단계)까지 훈련 정확도가 50% 이상', en: 'training accuracy reaches 50 % by epoch 20 (step 200)' }
        : { ko: '20 에폭(200단계)까지 훈련 정확도가 30% 아래(무작위 수준 10% 근처)에 머묾', en: 'training accuracy stays below 30 % (chance is 10 %) through epoch 20 (step 200)' },
    criteria: [scale === PLAIN_LEARNS_AT ? plainLearns() : plainStalls()],
    hint: CHANGED_LR_OR_INIT,
  }),
  expectation(batchNormId(scale, true), {
    statement: { ko: `배치 정규화를 쓰면 초기 표준편차 ${scale}에서도 학습되어야 합니다`, en: `With batch norm, the initial std ${scale} should learn` },
    expects: { ko: '20 에폭(200단계)까지 훈련 정확도가 30% 이상(무작위 수준의 3배)', en: 'training accuracy reaches 30 % (three times chance) by epoch 20 (step 200)' },
    criteria: [bnLearns()],
    hint: { ko: '배치 정규화를 끄거나 학습률을 바꾸었나요?', en: 'did you turn batch norm off or change the learning rate?' },
  }),
]);

const OPTIMIZER_NAMES = { momentum: 'Momentum', adagrad: 'AdaGrad', rmsprop: 'RMSprop', adam: 'Adam' } as const;
const SGD_SLOW = never(LOSS, 'below', 0.8, 200);
const OPTIMIZER_FAST = reaches(LOSS, 'below', 0.6, 200);

const OPTIMIZERS: ClaimExpectation[] = [
  expectation('optimizer-sgd', {
    statement: { ko: 'SGD가 가장 느리게 학습되어야 합니다', en: 'SGD should be the slowest' },
    expects: { ko: '200단계까지 손실이 0.8 이상에 머묾(다른 기법들은 그때 0.6 아래)', en: 'the loss stays at or above 0.8 through step 200 (the others are below 0.6 by then)' },
    criteria: [SGD_SLOW],
    hint: CHANGED_OPTIMIZER,
  }),
  ...(['momentum', 'adagrad', 'rmsprop', 'adam'] as const).map((name) =>
    expectation(`optimizer-${name}`, {
      statement: { ko: `${OPTIMIZER_NAMES[name]}는 SGD보다 빨리 학습되어야 합니다`, en: `${OPTIMIZER_NAMES[name]} should learn faster than SGD` },
      expects: { ko: '200단계까지 손실이 0.6 아래로 내려감(SGD는 그때 아직 1.1 근처)', en: 'the loss falls below 0.6 by step 200 (SGD is still near 1.1 then)' },
      criteria: [OPTIMIZER_FAST],
      hint: CHANGED_OPTIMIZER,
    }),
  ),
];

const BACKPROP: ClaimExpectation[] = [
  expectation('backprop-lecture-network', {
    statement: { ko: '슬라이드의 2-2-1 신경망에서 한 번의 갱신이 오차를 줄여야 합니다', en: 'One update of the slide’s 2-2-1 network should reduce the error' },
    expects: {
      ko: `갱신 전 손실이 슬라이드의 출력 0.55(목표값 1)에 해당하는 ${BACKPROP_LOSS.toFixed(4)}이고, 갱신 후 손실이 그보다 작음`,
      en: `the loss before the update is ${BACKPROP_LOSS.toFixed(4)}, the slide’s output 0.55 for target 1, and the loss after it is smaller`,
    },
    criteria: [backpropCriterion],
    hint: { ko: '입력, 가중치, 목표값이나 학습률을 바꾸었나요?', en: 'did you change the inputs, the weights, the target or the learning rate?' },
  }),
];

/** Every training preset's expectation, by preset id. */
export const CLAIM_EXPECTATIONS: ReadonlyMap<string, ClaimExpectation> = new Map(
  [...BACKPROP, ...VANISHING, ...INITIALIZATION, ...OVERFITTING, ...BATCH_NORM, ...OPTIMIZERS].map((e) => [e.presetId, e]),
);

/** The expectation of a training preset, or undefined (probe presets have none: their pictures are the lesson). */
export function claimExpectation(presetId: string): ClaimExpectation | undefined {
  return CLAIM_EXPECTATIONS.get(presetId);
}

/** The diagnostics snapshots the check of `presetId` reads ([] when none, or for an unknown preset). */
export function diagnosticsNeeded(presetId: string): DiagnosticsNeed[] {
  return CLAIM_EXPECTATIONS.get(presetId)?.diagnostics ?? [];
}

/**
 * Checks a run of a training preset against the effect the lecture claims. Throws for a preset
 * without an expectation (a probe preset, an unknown id).
 */
export function checkClaim(presetId: string, run: ClaimRun): ClaimVerdict {
  const found = CLAIM_EXPECTATIONS.get(presetId);
  if (found === undefined) throw new Error(`no claim check for preset "${presetId}"`);
  return found.check(run);
}

// ── Comparisons ──

function titleOf(presetId: string): LocalizedText {
  const preset = findPreset(presetId);
  return preset ? preset.title : { ko: presetId, en: presetId };
}


interface ComparisonSpec {
  presets: string[];
  statement: LocalizedText;
  expects: LocalizedText;
  /** Findings over the runs, once every preset has one. */
  findings(runs: Record<string, ClaimRun>): Finding[];
  /** Single-run checks whose diagnostics it needs, per preset. */
  diagnostics?: Record<string, DiagnosticsNeed[]>;
}

function comparison(id: string, spec: ComparisonSpec): ComparisonExpectation {
  const diagnostics = spec.diagnostics ?? {};
  return {
    id,
    presets: spec.presets,
    expects: spec.expects,
    diagnostics,
    check(runs) {
      const missing = spec.presets.filter((presetId) => runs[presetId] === undefined);
      if (missing.length > 0) {
        const names = missing.map(titleOf);
        return verdictOf(
          spec.statement,
          [
            {
              verdict: 'not-yet',
              detail: { ko: `먼저 실행하세요: ${names.map((n) => n.ko).join(', ')}`, en: `run ${names.map((n) => n.en).join(', ')} first` },
            },
          ],
          null,
          null,
        );
      }
      const complete = runs as Record<string, ClaimRun>;
      const differences = spec.presets
        .map((presetId) => {
          const found = specDifferences(presetId, complete[presetId]!);
          return found && { ko: `${titleOf(presetId).ko}: ${found.ko}`, en: `${titleOf(presetId).en}: ${found.en}` };
        })
        .filter((d): d is LocalizedText => d !== null);
      const joined = differences.length === 0 ? null : { ko: differences.map((d) => d.ko).join('; '), en: differences.map((d) => d.en).join('; ') };
      return verdictOf(spec.statement, spec.findings(complete), null, joined);
    },
  };
}

/** The criteria of these presets' own checks, each finding prefixed with the preset's title. */
function singleChecks(...presetIds: string[]): ComparisonSpec['findings'] {
  return (runs) =>
    presetIds.flatMap((presetId) => {
      const spec = EXPECTATION_SPECS.get(presetId);
      if (spec === undefined) throw new Error(`no claim check for preset "${presetId}"`);
      return spec.criteria.map((criterion) => prefixed(titleOf(presetId), criterion.evaluate(runs[presetId]!)));
    });
}

/** `metric` of two runs at the latest step both have reached (at least `fromStep`): `smaller` must be below `factor` × `larger`'s. */
function lowerAtCommonStep(metric: Metric, smaller: string, larger: string, factor: number, fromStep: number): ComparisonSpec['findings'] {
  return (runs) => {
    const a = runs[smaller]!;
    const b = runs[larger]!;
    const common = Math.min(a.stepsDone, b.stepsDone);
    const at = observationAt(metric, a, common);
    const other = at ? observationAt(metric, b, at.step) : undefined;
    const nameA = titleOf(smaller);
    const nameB = titleOf(larger);
    if (at === undefined || other === undefined || at.step < fromStep || other.step < fromStep) {
      return [
        {
          verdict: 'not-yet',
          detail: { ko: `두 실행이 모두 ${group(fromStep)}단계에 이르러야 비교할 수 있습니다(지금 ${group(common)}단계)`, en: `both runs must reach step ${group(fromStep)} to compare (now ${group(common)})` },
        },
      ];
    }
    const ok = at.value < factor * other.value;
    const factorText = factor === 1 ? '' : ` × ${factor}`;
    return [
      {
        verdict: ok ? 'reproduced' : 'not-reproduced',
        detail: {
          ko: `${group(at.step)}단계에서 ${metric.name.ko}: ${nameA.ko} ${metric.format(at.value, 'ko')}, ${nameB.ko} ${metric.format(other.value, 'ko')}(앞의 값이 뒤의 값${factorText}보다 작아야 함)`,
          en: `${metric.name.en} at step ${group(at.step)}: ${nameA.en} ${metric.format(at.value, 'en')}, ${nameB.en} ${metric.format(other.value, 'en')} (the first should be below the second${factorText})`,
        },
      },
    ];
  };
}

/** At step `step`, `ahead`'s training accuracy is at least `margin` above `behind`'s. */
function aheadAt(ahead: string, behind: string, step: number, margin: number): ComparisonSpec['findings'] {
  return (runs) => {
    const a = observationAt(TRAIN_ACCURACY, runs[ahead]!, step);
    const b = observationAt(TRAIN_ACCURACY, runs[behind]!, step);
    const nameA = titleOf(ahead);
    const nameB = titleOf(behind);
    if (a === undefined || b === undefined || a.step < step || b.step < step) {
      return [{ verdict: 'not-yet', detail: { ko: `두 실행이 모두 ${group(step)}단계에 이르러야 비교할 수 있습니다`, en: `both runs must reach step ${group(step)} to compare` } }];
    }
    const ok = a.value - b.value >= margin;
    return [
      {
        verdict: ok ? 'reproduced' : 'not-reproduced',
        detail: {
          ko: `${group(step)}단계의 훈련 정확도: ${nameA.ko} ${formatPercent(a.value, 'ko')}, ${nameB.ko} ${formatPercent(b.value, 'ko')}(${formatPoints(margin, 'ko')} 이상 앞서야 함)`,
          en: `training accuracy at step ${group(step)}: ${nameA.en} ${formatPercent(a.value, 'en')}, ${nameB.en} ${formatPercent(b.value, 'en')} (expected at least ${formatPoints(margin, 'en')} ahead)`,
        },
      },
    ];
  };
}

/** At step 0, `vanishing`'s first-layer gradient is below 1/100 of its last hidden layer's, and `even`'s hidden layers are within a factor of 10. */
function gradientContrast(vanishing: string, even: string): ComparisonSpec['findings'] {
  return (runs) => [prefixed(titleOf(vanishing), SIGMOID_VANISHES.evaluate(runs[vanishing]!)), prefixed(titleOf(even), GRADIENT_EVEN.evaluate(runs[even]!))];
}

function prefixed(title: LocalizedText, finding: Finding): Finding {
  return { verdict: finding.verdict, detail: { ko: `${title.ko}: ${finding.detail.ko}`, en: `${title.en}: ${finding.detail.en}` } };
}

/** Several findings combined into one list. */
function all(...parts: ComparisonSpec['findings'][]): ComparisonSpec['findings'] {
  return (runs) => parts.flatMap((part) => part(runs));
}

const COMPARISONS: ComparisonExpectation[] = [
  comparison('backprop-one-update', {
    presets: ['backprop-lecture-network'],
    statement: { ko: '한 번의 갱신으로 오차가 줄어야 합니다', en: 'One update should reduce the error' },
    expects: { ko: '갱신 후 손실이 갱신 전보다 작음', en: 'the loss after the update is below the loss before it' },
    findings: singleChecks('backprop-lecture-network'),
  }),
  comparison('vanishing-gradient-size', {
    presets: ['vanishing-sigmoid', 'vanishing-relu'],
    statement: { ko: 'sigmoid에서만 첫 층의 기울기가 소실되어야 합니다', en: 'Only with sigmoid should the first layer’s gradient vanish' },
    expects: {
      ko: '0단계에서 sigmoid의 1층 기울기가 마지막 은닉층의 1/100 미만, ReLU는 은닉층 기울기의 최대/최소 비가 10배 미만',
      en: 'at step 0, sigmoid’s layer-1 gradient is below 1/100 of its last hidden layer’s, and ReLU’s hidden layers are within a factor of 10',
    },
    findings: gradientContrast('vanishing-sigmoid', 'vanishing-relu'),
    diagnostics: { 'vanishing-sigmoid': ['first'], 'vanishing-relu': ['first'] },
  }),
  comparison('vanishing-which-learns', {
    presets: ['vanishing-sigmoid', 'vanishing-relu', 'vanishing-tanh'],
    statement: { ko: 'ReLU와 tanh는 학습되고 sigmoid는 학습되지 않아야 합니다', en: 'ReLU and tanh should learn, sigmoid should not' },
    expects: {
      ko: 'sigmoid의 손실이 200단계까지 2.2 이상, ReLU와 tanh의 손실이 200단계까지 1.5 아래',
      en: 'sigmoid’s loss stays at or above 2.2 through step 200; ReLU’s and tanh’s fall below 1.5 by step 200',
    },
    findings: (runs) => [
      prefixed(titleOf('vanishing-sigmoid'), SIGMOID_STALLS.evaluate(runs['vanishing-sigmoid']!)),
      prefixed(titleOf('vanishing-relu'), DEEP_NET_LEARNS.evaluate(runs['vanishing-relu']!)),
      prefixed(titleOf('vanishing-tanh'), DEEP_NET_LEARNS.evaluate(runs['vanishing-tanh']!)),
    ],
  }),
  comparison('init-which-learns', {
    presets: ['init-mnist-std001', 'init-mnist-xavier', 'init-mnist-he'],
    statement: { ko: 'Xavier와 He는 학습되고 표준편차 0.01은 학습되지 않아야 합니다', en: 'Xavier and He should learn, std 0.01 should not' },
    expects: {
      ko: '표준편차 0.01의 손실이 300단계까지 2.2 이상, Xavier와 He의 손실이 500단계까지 1.5 아래',
      en: 'std 0.01’s loss stays at or above 2.2 through step 300; Xavier’s and He’s fall below 1.5 by step 500',
    },
    findings: (runs) => [
      prefixed(titleOf('init-mnist-std001'), STD001_STALLS.evaluate(runs['init-mnist-std001']!)),
      prefixed(titleOf('init-mnist-xavier'), XAVIER_LEARNS.evaluate(runs['init-mnist-xavier']!)),
      prefixed(titleOf('init-mnist-he'), XAVIER_LEARNS.evaluate(runs['init-mnist-he']!)),
    ],
  }),
  comparison('init-fastest', {
    presets: ['init-mnist-xavier', 'init-mnist-he'],
    statement: { ko: 'ReLU에서는 He가 Xavier보다 빨리 학습되어야 합니다', en: 'With ReLU, He should learn faster than Xavier' },
    expects: { ko: '같은 단계(300단계 이후)에서 He의 손실이 Xavier의 손실보다 작음', en: 'at the same step (from step 300 on) He’s loss is below Xavier’s' },
    findings: lowerAtCommonStep(LOSS, 'init-mnist-he', 'init-mnist-xavier', 1, 300),
  }),
  comparison('overfit-gap', {
    presets: ['overfit-baseline'],
    statement: { ko: '300장으로 학습하면 훈련과 시험 정확도가 벌어져야 합니다', en: 'Trained on 300 images, train and test accuracy should drift apart' },
    expects: CLAIM_EXPECTATIONS.get('overfit-baseline')!.expects,
    findings: singleChecks('overfit-baseline'),
  }),
  comparison('overfit-l2-gap', {
    presets: ['overfit-baseline', 'overfit-l2'],
    statement: { ko: 'L2 규제는 훈련/시험 정확도 차이를 줄여야 합니다', en: 'L2 should shrink the train/test accuracy gap' },
    expects: {
      ko: '같은 단계(300단계 이후)에서 L2의 차이가 기준 신경망 차이의 0.8배보다 작고, L2의 훈련 정확도가 95%에 이르지 않음',
      en: 'at the same step (from step 300 on) L2’s gap is below 0.8 × the baseline’s, and L2’s training accuracy does not reach 95 %',
    },
    findings: all(lowerAtCommonStep(GAP, 'overfit-l2', 'overfit-baseline', 0.8, 300), (runs) => [prefixed(titleOf('overfit-l2'), L2_NO_MEMORIZING.evaluate(runs['overfit-l2']!))]),
  }),
  comparison('overfit-l1-zeros', {
    presets: ['overfit-l1', 'overfit-l2'],
    statement: { ko: 'L1만 정확히 0인 가중치를 많이 남겨야 합니다', en: 'Only L1 should leave many weights exactly 0' },
    expects: {
      ko: '300단계 이후의 가중치에서 L1은 1층 가중치의 10% 이상이 정확히 0, L2는 어느 층도 1% 이하',
      en: 'in the weights from step 300 on, at least 10 % of L1’s layer-1 weights are exactly 0, and at most 1 % of any L2 layer’s',
    },
    findings: (runs) => [prefixed(titleOf('overfit-l1'), L1_ZEROS.evaluate(runs['overfit-l1']!)), prefixed(titleOf('overfit-l2'), fewZeros(0.01, 300).evaluate(runs['overfit-l2']!))],
    diagnostics: { 'overfit-l1': ['last'], 'overfit-l2': ['last'] },
  }),
  comparison('overfit-dropout-gap', {
    presets: ['overfit-baseline', 'overfit-dropout'],
    statement: { ko: '드롭아웃은 훈련/시험 정확도 차이를 줄여야 합니다', en: 'Dropout should shrink the train/test accuracy gap' },
    expects: { ko: '같은 단계(300단계 이후)에서 드롭아웃의 차이가 기준 신경망 차이의 0.8배보다 작음', en: 'at the same step (from step 300 on) dropout’s gap is below 0.8 × the baseline’s' },
    findings: lowerAtCommonStep(GAP, 'overfit-dropout', 'overfit-baseline', 0.8, 300),
  }),
  comparison('overfit-batchnorm-speed', {
    presets: ['overfit-baseline', 'overfit-batchnorm'],
    statement: { ko: '배치 정규화는 기준 신경망보다 빨리 학습되어야 합니다', en: 'Batch norm should learn faster than the baseline' },
    expects: { ko: '20 에폭(60단계)에서 배치 정규화의 훈련 정확도가 기준 신경망보다 15%p 이상 높음', en: 'at epoch 20 (step 60) batch norm’s training accuracy is at least 15 points above the baseline’s' },
    findings: aheadAt('overfit-batchnorm', 'overfit-baseline', 60, 0.15),
  }),
  comparison('batchnorm-small-init', {
    presets: [batchNormId(0.00736, false), batchNormId(0.00736, true)],
    statement: { ko: '초기 표준편차 0.00736에서는 배치 정규화가 있는 신경망만 학습되어야 합니다', en: 'At an initial std of 0.00736 only the network with batch norm should learn' },
    expects: {
      ko: '20 에폭(200단계)까지 배치 정규화 없음은 훈련 정확도 30% 아래, 배치 정규화 있음은 30% 이상',
      en: 'through epoch 20 (step 200) training accuracy stays below 30 % without batch norm and reaches 30 % with it',
    },
    findings: singleChecks(batchNormId(0.00736, false), batchNormId(0.00736, true)),
  }),
  comparison('batchnorm-he-scale', {
    presets: [batchNormId(PLAIN_LEARNS_AT, false), batchNormId(PLAIN_LEARNS_AT, true)],
    statement: { ko: 'He에 가까운 초기 표준편차 0.293에서는 둘 다 학습되어야 합니다', en: 'At an initial std of 0.293, near He’s, both should learn' },
    expects: {
      ko: '20 에폭(200단계)까지 배치 정규화 없음은 훈련 정확도 50% 이상, 있음은 30% 이상',
      en: 'by epoch 20 (step 200) training accuracy reaches 50 % without batch norm and 30 % with it',
    },
    findings: singleChecks(batchNormId(PLAIN_LEARNS_AT, false), batchNormId(PLAIN_LEARNS_AT, true)),
  }),
  comparison('optimizers-sgd-slowest', {
    presets: ['optimizer-sgd', 'optimizer-momentum', 'optimizer-adagrad', 'optimizer-rmsprop', 'optimizer-adam'],
    statement: { ko: 'SGD가 가장 느려야 합니다', en: 'SGD should be the slowest' },
    expects: { ko: '200단계에서 SGD의 손실이 다른 기법 손실의 2배 이상', en: 'at step 200 SGD’s loss is more than twice each other optimizer’s' },
    findings: all(
      ...(['momentum', 'adagrad', 'rmsprop', 'adam'] as const).map((name) => lowerAtCommonStep(LOSS, `optimizer-${name}`, 'optimizer-sgd', 0.5, 200)),
    ),
  }),
];

/** Every comparison check, by id (the lab sheets' comparisons, and the optimizers'). */
export const COMPARISON_EXPECTATIONS: ReadonlyMap<string, ComparisonExpectation> = new Map(COMPARISONS.map((c) => [c.id, c]));

/**
 * Checks the runs of a comparison (keyed by preset id; a missing preset makes it 'not-yet' with
 * "run … first"). Throws for an unknown comparison id.
 */
export function checkComparison(comparisonId: string, runs: Readonly<Record<string, ClaimRun | undefined>>): ClaimVerdict {
  const found = COMPARISON_EXPECTATIONS.get(comparisonId);
  if (found === undefined) throw new Error(`no check for comparison "${comparisonId}"`);
  return found.check(runs);
}

// ── Live runs ──

/**
 * A ClaimRun from a run's events in order (a live run in the training view, a replay, a test):
 * its steps, evaluations, end, spec (from start) and first and latest diagnostics snapshots.
 */
export function claimRunFromEvents(events: readonly TrainingEvent[]): ClaimRun {
  const steps: ClaimRun['steps'] = { step: [], dataLoss: [] };
  const evals: ClaimRun['evals'] = { step: [], trainLoss: [], trainAccuracy: [], testAccuracy: [] };
  let status: RunStatus = 'queued';
  let stepsDone = 0;
  let final: ClaimRun['final'] = null;
  let message: string | null = null;
  let spec: RunSpec | undefined;
  let first: ClaimDiagnostics | null = null;
  let last: ClaimDiagnostics | null = null;
  for (const event of events) {
    switch (event.type) {
      case 'start':
        status = 'running';
        spec = event.spec as RunSpec;
        break;
      case 'step':
        steps.step.push(event.step);
        steps.dataLoss.push(event.dataLoss);
        stepsDone = Math.max(stepsDone, event.step + 1);
        break;
      case 'eval':
        evals.step.push(event.step);
        evals.trainLoss.push(event.train.loss);
        evals.trainAccuracy.push(event.train.accuracy ?? null);
        evals.testAccuracy.push(event.test?.accuracy ?? null);
        final = { train: event.train, ...(event.test ? { test: event.test } : {}) };
        stepsDone = Math.max(stepsDone, event.step);
        break;
      case 'diagnostics':
        first ??= event;
        last = event;
        break;
      case 'end':
        status = event.status;
        stepsDone = event.steps;
        final = event.final;
        message = event.message;
        break;
      default:
        break;
    }
  }
  return { status, stepsDone, steps, evals, final, message, ...(spec ? { spec } : {}), diagnostics: { first, last } };
}

// ── Numbers in messages ──

/** 12345 → "12,345". */
function group(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatLoss(value: number, extraDigits = 0): string {
  return Math.abs(value) < 1e4 ? value.toFixed(2 + extraDigits) : value.toExponential(1 + extraDigits);
}

/** 0.953 → "95 %" (English, as the lecture texts write it) or "95%" (Korean). */
function formatPercent(value: number, lang: Lang, extraDigits = 0): string {
  const percent = noNegativeZero((value * 100).toFixed(extraDigits));
  return lang === 'ko' ? `${percent}%` : `${percent} %`;
}

/** A difference of accuracies in percentage points: "27 points" / "27%p". */
function formatPoints(value: number, lang: Lang, extraDigits = 0): string {
  const points = noNegativeZero((value * 100).toFixed(extraDigits));
  return lang === 'ko' ? `${points}%p` : `${points} points`;
}

/** "-0" or "-0.0" (a tiny negative value rounded) → "0". */
function noNegativeZero(text: string): string {
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** 3.5e-6 → "1/290,000"; ratios of 1 or more as "×2.3". */
function formatRatio(ratio: number): string {
  if (ratio >= 1) return `×${formatFactor(ratio)}`;
  const inverse = 1 / ratio;
  const digits = Math.floor(Math.log10(inverse));
  const rounded = digits >= 1 ? Math.round(inverse / 10 ** (digits - 1)) * 10 ** (digits - 1) : Math.round(inverse);
  return `1/${group(rounded)}`;
}

function formatFactor(factor: number): string {
  return factor < 10 ? factor.toFixed(1) : group(factor);
}

function statusKo(status: RunStatus): string {
  const names: Record<RunStatus, string> = { queued: '대기', running: '실행 중', completed: '완료', stopped: '중지', diverged: '발산', failed: '실패', interrupted: '중단' };
  return names[status];
}

/** Every training preset, for tests and tools: each must have an expectation. */
export function trainPresetIds(): string[] {
  return PRESETS.filter((p): p is TrainPreset => p.kind === 'train').map((p) => p.id);
}
