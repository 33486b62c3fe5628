import type { DoctorCode, DoctorEvidence, DoctorFinding, DoctorRemedy, SpecPatchOp } from '../../../api/doctor-findings';
import { withParticle } from '../../claims/wording/korean-particles';
import { formatFactor, formatPercent, formatPoints, formatRatio, group, type Lang } from '../../claims/wording/number-words';
import { findLabSheet } from '../../lab-sheets';
import { koreanPatchField, koreanValue } from '../../claims/wording/spec-field-words';
import { layerListWords, layerWord } from '../../layer-words';
import type { LocalizedText } from '../../presets';

/**
 * The training doctor's findings in Korean and English: a title per code, one sentence of
 * evidence per finding (the numbers, where, and what it means), the remedy and the patch it
 * makes. Layers are named as the builder names them (layer-words.ts: 은닉층 1 … / hidden layer 1 …,
 * the last one 출력층 / output layer), so each function that names a layer takes the network's
 * number of weight layers (null where it is not known); particles after words that vary come from
 * withParticle.
 */

export type { Lang } from '../../claims/wording/number-words';

/** A finding's name, with the lecture's terms. */
export const DOCTOR_TITLES: Readonly<Record<DoctorCode, LocalizedText>> = {
  'exploding-gradient': { ko: '기울기 폭주·발산', en: 'Exploding gradient / divergence' },
  'vanishing-gradient': { ko: '기울기 소실', en: 'Vanishing gradient' },
  saturation: { ko: '활성화 포화', en: 'Saturated units' },
  'dead-relu': { ko: '죽은 ReLU', en: 'Dead ReLUs' },
  'lr-too-high': { ko: '학습률이 너무 큼', en: 'Learning rate too high' },
  'lr-too-low': { ko: '학습률이 너무 작음', en: 'Learning rate too low' },
  overfitting: { ko: '과적합', en: 'Overfitting' },
};

/** The line for a run where nothing was found. */
export const HEALTHY_WORDS: LocalizedText = { ko: '진단에서 문제를 찾지 못했습니다.', en: 'The doctor found nothing wrong.' };

/** The line for a run that ended too short to tell, where nothing was found. */
export const SHORT_WORDS: LocalizedText = {
  ko: '진단하기에는 짧은 실행입니다(진단 3번과 30단계가 필요합니다). 찾은 문제는 없습니다.',
  en: 'The run was too short to tell (it takes 3 diagnostics and 30 steps); nothing wrong found.',
};

/** The line for a young run where nothing was found yet. */
export const EARLY_WORDS: LocalizedText = {
  ko: '아직 판단하기 이릅니다(진단 3번과 30단계가 필요합니다). 지금까지는 문제가 보이지 않습니다.',
  en: 'Too early to tell (it takes 3 diagnostics and 30 steps); nothing wrong so far.',
};

/** "은닉층 3" / "hidden layer 3" for a 0-based layer index; "출력층" / "output layer" for the last of `layerCount`. */
export function layerName(layer: number, layerCount: number | null, lang: Lang): string {
  return layerWord(layer, layerCount, lang);
}

/** A measured value: 3 significant digits, exponent form below 0.001 and from 10,000 on ("7.9e-7", "1.4e8", "2.44", "0.0687"). */
export function formatValue(value: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size < 1e-3 || size >= 1e4) return value.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  return String(Number(value.toPrecision(3)));
}

/** A factor: "15", "2,300", and in exponent form from 10,000 on ("5.7e7"), where grouped digits stop being readable. */
function formatTimes(factor: number): string {
  return factor < 1e4 ? formatFactor(factor) : formatValue(factor);
}

/** Where a finding was seen: "은닉층 1 · 99단계" / "hidden layer 1 · step 99" (either part may be missing). */
export function findingPlace(finding: Pick<DoctorFinding, 'layer' | 'step'>, layerCount: number | null): LocalizedText {
  const part = (lang: Lang) =>
    [finding.layer === undefined ? null : layerName(finding.layer, layerCount, lang), finding.step === undefined ? null : lang === 'ko' ? `${group(finding.step)}단계` : `step ${group(finding.step)}`]
      .filter((p) => p !== null)
      .join(' · ');
  return { ko: part('ko'), en: part('en') };
}

/** The evidence of a finding as a sentence or two. */
export function findingWords(finding: DoctorFinding, layerCount: number | null): LocalizedText {
  // A gradient ratio's reference is the last layer measured, the output layer, whether or not the caller knows the count.
  const count = layerCount ?? (finding.evidence.measure === 'gradient-ratio' ? finding.evidence.referenceLayer + 1 : null);
  return evidenceWords(finding.code, finding.evidence, finding.layer ?? 0, finding.step ?? 0, count);
}

function evidenceWords(code: DoctorCode, evidence: DoctorEvidence, layer: number, step: number, layerCount: number | null): LocalizedText {
  const at = group(step);
  const ko = layerName(layer, layerCount, 'ko');
  const en = layerName(layer, layerCount, 'en');
  switch (evidence.measure) {
    case 'gradient-ratio': {
      const { ratio, gradNorm, referenceLayer, referenceGradNorm, threshold, snapshots } = evidence;
      const g = formatValue(gradNorm);
      const rg = formatValue(referenceGradNorm);
      const refKo = layerName(referenceLayer, layerCount, 'ko');
      // "of the output layer's", but "of hidden layer 3's" (a numbered name takes no article).
      const refEn = referenceLayer === (layerCount ?? 0) - 1 ? `the ${layerName(referenceLayer, layerCount, 'en')}` : layerName(referenceLayer, layerCount, 'en');
      if (code === 'vanishing-gradient') {
        return {
          ko: `${ko}의 기울기(${g})가 ${refKo}(${rg})의 ${formatRatio(ratio)}밖에 되지 않습니다. 최근 진단 ${snapshots}번 모두 ${formatRatio(threshold)}보다 작았습니다: 앞쪽 층이 거의 배우지 못합니다.`,
          en: `${capital(en)}’s gradient (${g}) is ${formatRatio(ratio)} of ${refEn}’s (${rg}), below ${formatRatio(threshold)} in each of the last ${snapshots} diagnostics: the first layers barely learn.`,
        };
      }
      return {
        ko: `${ko}의 기울기(${g})가 ${refKo}(${rg})의 ${formatTimes(ratio)}배입니다. 최근 진단 ${snapshots}번 모두 ${formatTimes(threshold)}배 이상이었습니다: 기울기가 입력 쪽으로 갈수록 커집니다.`,
        en: `${capital(en)}’s gradient (${g}) is ${formatTimes(ratio)} times ${refEn}’s (${rg}), at least ${formatTimes(threshold)} times in each of the last ${snapshots} diagnostics: the gradient grows toward the input.`,
      };
    }
    case 'divergence':
      return {
        ko: `${at}단계에서 손실이 NaN 또는 무한대가 되어 학습이 발산했습니다: 가중치가 폭주했습니다.`,
        en: `At step ${at} the loss became NaN or infinite and training diverged: the weights blew up.`,
      };
    case 'loss-blow-up': {
      const { initialLoss, peakLoss } = evidence;
      const factor = formatTimes(peakLoss / initialLoss);
      return {
        ko: `${at}단계 무렵 손실이 처음 값 ${formatValue(initialLoss)}의 ${factor}배인 ${formatValue(peakLoss)}까지 치솟았습니다: 가중치가 폭주했습니다.`,
        en: `Around step ${at} the loss shot up to ${formatValue(peakLoss)}, ${factor} times its initial ${formatValue(initialLoss)}: the weights blew up.`,
      };
    }
    case 'non-finite-gradient':
      return {
        ko: `${at}단계에서 ${ko}의 기울기가 NaN 또는 무한대가 되었습니다: 가중치가 폭주했습니다.`,
        en: `At step ${at} ${en}’s gradient became NaN or infinite: the weights blew up.`,
      };
    case 'saturated-fraction': {
      const { fraction, layers, initialLoss, recentLoss, threshold, snapshots } = evidence;
      const share = { ko: formatPercent(fraction, 'ko'), en: formatPercent(fraction, 'en') };
      return {
        ko: `${ko} 활성화 값의 ${withParticle(share.ko, '이/가')} 포화 구간(sigmoid는 0이나 1, tanh는 −1이나 1 근처)에 있습니다. 최근 진단 ${snapshots}번 모두 ${formatPercent(threshold, 'ko')} 이상이었고${moreLayers(layers, 'ko')}, 손실은 아직 처음 값 ${formatValue(initialLoss)}의 절반 아래로 내려가지 않았습니다(최근 ${formatValue(recentLoss)}): 포화된 뉴런은 기울기를 거의 전달하지 못합니다.`,
        en: `${share.en} of ${en}’s activations sit in the flat ends (near 0 or 1 for sigmoid, −1 or 1 for tanh), at least ${formatPercent(threshold, 'en')} in each of the last ${snapshots} diagnostics${moreLayers(layers, 'en')}, and the loss is still above half its initial ${formatValue(initialLoss)} (recently ${formatValue(recentLoss)}): saturated units pass almost no gradient.`,
      };
    }
    case 'dead-fraction': {
      const { fraction, layers, threshold, snapshots } = evidence;
      const share = { ko: formatPercent(fraction, 'ko'), en: formatPercent(fraction, 'en') };
      return {
        ko: `${ko} ReLU 뉴런의 ${withParticle(share.ko, '이/가')} 죽었습니다: 어떤 표본에도 기울기를 전달하지 않습니다. 최근 진단 ${snapshots}번 모두 ${formatPercent(threshold, 'ko')} 이상이었습니다${moreLayers(layers, 'ko')}.`,
        en: `${share.en} of ${en}’s ReLU units are dead: they pass no gradient for any sample. At least ${formatPercent(threshold, 'en')} in each of the last ${snapshots} diagnostics${moreLayers(layers, 'en')}.`,
      };
    }
    case 'loss-peak': {
      const { initialLoss, peakLoss } = evidence;
      const factor = formatTimes(peakLoss / initialLoss);
      return {
        ko: `${at}단계 무렵 손실이 처음 값 ${formatValue(initialLoss)}의 ${factor}배인 ${formatValue(peakLoss)}까지 올라갔습니다: 갱신 폭이 너무 커서 최솟값을 지나칩니다.`,
        en: `Around step ${at} the loss went up to ${formatValue(peakLoss)}, ${factor} times its initial ${formatValue(initialLoss)}: the steps are so large they overshoot the minimum.`,
      };
    }
    case 'loss-rising': {
      const { bestLoss, bestStep, recentLoss } = evidence;
      return {
        ko: `손실이 ${group(bestStep)}단계 무렵 최저 ${formatValue(bestLoss)}에서 최근 ${withParticle(formatValue(recentLoss), '으로/로')} 다시 올랐습니다: 갱신 폭이 너무 크면 손실이 내려가다 다시 튀어 오릅니다.`,
        en: `The loss went back up from its lowest ${formatValue(bestLoss)} (around step ${group(bestStep)}) to ${formatValue(recentLoss)}: with steps this large it bounces instead of settling.`,
      };
    }
    case 'flat-loss': {
      const { initialLoss, recentLoss, updateRatio } = evidence;
      return {
        ko: `손실이 처음 값 ${formatValue(initialLoss)}에서 거의 줄지 않았습니다(최근 ${formatValue(recentLoss)}). 모든 층의 가중치 갱신 비율 ‖ΔW‖/‖W‖가 ${formatValue(updateRatio)} 이하로, 알맞은 크기(약 1e-3)보다 훨씬 작습니다: 가중치가 거의 움직이지 않습니다.`,
        en: `The loss has hardly moved from its initial ${formatValue(initialLoss)} (recently ${formatValue(recentLoss)}), and every layer’s update ratio ‖ΔW‖/‖W‖ is at most ${formatValue(updateRatio)}, far below a healthy ~1e-3: the weights barely move.`,
      };
    }
    case 'test-loss-rising': {
      const { bestStep, bestTestLoss, testLoss, trainLossAtBest, trainLoss, trainAccuracy, testAccuracy, gap } = evidence;
      const accuracies =
        trainAccuracy === undefined || testAccuracy === undefined || gap === undefined
          ? { ko: '', en: '' }
          : {
              ko: ` 훈련 정확도 ${formatPercent(trainAccuracy, 'ko')}, 시험 정확도 ${withParticle(formatPercent(testAccuracy, 'ko'), '으로/로')} 차이가 ${formatPoints(gap, 'ko')}입니다.`,
              en: ` Training accuracy ${formatPercent(trainAccuracy, 'en')}, test accuracy ${formatPercent(testAccuracy, 'en')}: a gap of ${formatPoints(gap, 'en')}.`,
            };
      return {
        ko: `시험 손실이 ${group(bestStep)}단계의 최저 ${formatValue(bestTestLoss)}에서 ${withParticle(formatValue(testLoss), '으로/로')} 올랐는데, 훈련 손실은 ${formatValue(trainLossAtBest)}에서 ${withParticle(formatValue(trainLoss), '으로/로')} 계속 줄었습니다.${accuracies.ko}`,
        en: `The test loss rose from its lowest ${formatValue(bestTestLoss)} (step ${group(bestStep)}) to ${formatValue(testLoss)} while the training loss kept falling, ${formatValue(trainLossAtBest)} → ${formatValue(trainLoss)}.${accuracies.en}`,
      };
    }
  }
}

/** "; 이런 은닉층이 3개입니다" for more than one layer. */
function moreLayers(layers: number, lang: Lang): string {
  if (layers < 2) return '';
  return lang === 'ko' ? `(이런 은닉층이 ${layers}개)` : ` (${layers} hidden layers are like this)`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A remedy's short name, for a button or a table: "ReLU + He", "학습률 0.01". */
export function remedyLabel(remedy: Pick<DoctorRemedy, 'id' | 'patch'>): LocalizedText {
  const value = patchValue(remedy.patch);
  switch (remedy.id) {
    case 'relu-he':
      return { ko: 'ReLU + He 초기화', en: 'ReLU + He' };
    case 'matched-init':
      return { ko: '맞는 초기화(Xavier/He)', en: 'Fitting init (Xavier/He)' };
    case 'batch-norm':
      return { ko: '배치 정규화', en: 'Batch norm' };
    case 'lower-lr':
    case 'raise-lr':
      return { ko: `학습률 ${value}`, en: `Learning rate ${value}` };
    case 'add-l2':
    case 'stronger-l2':
      return { ko: `L2 규제 λ = ${value}`, en: `L2 λ = ${value}` };
    case 'add-dropout':
      return { ko: `드롭아웃 ${value}`, en: `Dropout ${value}` };
  }
}

/** A remedy as advice, one sentence: what to change, with the numbers of this spec. */
export function remedyWords(remedy: Pick<DoctorRemedy, 'id' | 'patch'>): LocalizedText {
  const value = patchValue(remedy.patch);
  switch (remedy.id) {
    case 'relu-he':
      return { ko: '은닉층의 sigmoid/tanh를 ReLU로 바꾸고 He 초기화를 씁니다.', en: 'Use ReLU with He initialization in the hidden layers.' };
    case 'matched-init':
      return {
        ko: '활성화 함수에 맞는 초기화를 씁니다: sigmoid/tanh에는 Xavier, ReLU에는 He.',
        en: 'Use the initialization that fits each activation: Xavier for sigmoid/tanh, He for ReLU.',
      };
    case 'batch-norm':
      return { ko: '은닉층에 배치 정규화를 넣습니다.', en: 'Add batch normalization to the hidden layers.' };
    case 'lower-lr':
      return { ko: `학습률을 ${withParticle(value, '으로/로')} 낮춥니다(지금의 1/10).`, en: `Lower the learning rate to ${value} (a tenth of now).` };
    case 'raise-lr':
      return { ko: `학습률을 ${withParticle(value, '으로/로')} 높입니다(지금의 10배).`, en: `Raise the learning rate to ${value} (ten times now).` };
    case 'add-l2':
      return { ko: `L2 규제(가중치 감소, λ = ${value})를 더합니다.`, en: `Add L2 regularization (weight decay, λ = ${value}).` };
    case 'add-dropout':
      return { ko: `은닉층에 드롭아웃 ${withParticle(value, '을/를')} 넣습니다.`, en: `Add dropout ${value} to the hidden layers.` };
    case 'stronger-l2':
      return { ko: `L2 규제를 10배 강하게 합니다(λ = ${value}).`, en: `Make L2 ten times stronger (λ = ${value}).` };
  }
}

/** The value the first op of a patch sets, as text ("" for an empty patch). */
function patchValue(patch: readonly SpecPatchOp[]): string {
  return patch.length === 0 ? '' : valueText(patch[0]!.value);
}

/** "활성화 함수 → ReLU" / "activation → relu": one field a patch sets. */
function setWords(field: string, value: unknown, inLayer: boolean, lang: Lang): string {
  if (lang === 'en') return `${field} → ${valueText(value)}`;
  return `${koreanPatchField(field, inLayer)} → ${typeof value === 'number' ? formatValue(value) : koreanValue(value)}`;
}

/** A patched value as text: numbers as measured values are written, anything else as it reads. */
function valueText(value: unknown): string {
  return typeof value === 'number' ? formatValue(value) : typeof value === 'string' ? value : JSON.stringify(value);
}

/** The lab sheet a remedy links to, by its title ("03 기울기 소실과 해결"); the id itself for a sheet this build does not have. */
export function sheetTitle(sheetId: string): LocalizedText {
  const sheet = findLabSheet(sheetId);
  return sheet ? sheet.title : { ko: sheetId, en: sheetId };
}

/**
 * A patch as the fields it sets: "은닉층 1–10: 활성화 함수 → ReLU, 가중치 초기화 → He", "학습률 → 0.01"
 * in Korean (the Korean UI shows no spec paths); "hidden layers 1–10: activation → relu, init → he",
 * "optimizer.lr → 0.01" in English, the paths a spec file writes. Layer fields that get the same
 * values are listed once for their layers.
 */
export function patchWords(patch: readonly SpecPatchOp[], lang: Lang, layerCount: number | null): string {
  const byLayers = new Map<string, { layers: number[]; sets: string[] }>();
  const perLayer = new Map<number, string[]>();
  const others: string[] = [];
  for (const op of patch) {
    const tokens = op.path.split('/').slice(1);
    if (tokens[0] === 'layers' && tokens.length === 3 && /^\d+$/.test(tokens[1]!)) {
      const layer = Number(tokens[1]);
      perLayer.set(layer, [...(perLayer.get(layer) ?? []), setWords(tokens[2]!, op.value, true, lang)]);
    } else {
      others.push(setWords(tokens.join('.'), op.value, false, lang));
    }
  }
  for (const [layer, sets] of perLayer) {
    const key = sets.join(', ');
    const entry = byLayers.get(key) ?? { layers: [], sets };
    entry.layers.push(layer);
    byLayers.set(key, entry);
  }
  const layerTexts = [...byLayers.values()].map(({ layers, sets }) => `${layerListWords(layers, layerCount, lang)}: ${sets.join(', ')}`);
  return [...layerTexts, ...others].join('; ');
}

