import { defineMessages, type Translate } from '../locale';
import type { ChartTranslate } from './charts';

/**
 * The histogram figures' own words (live view, replay, probe, compare): the shared x range and its
 * toggle, each panel's standard deviation against hidden layer 1, the share of values exactly 0 shown
 * apart (ReLU), and the distribution over training (ridgeline). Korean keeps the lecture's terms
 * (활성화 분포, 표준편차, 층).
 */
export const histogramMessages = defineMessages({
  ko: {
    stdFirst: '표준편차 {std}',
    stdVsFirst: '표준편차 {std} (은닉층 1의 {ratio}배)',
    ratioOnly: '{ratio}배',
    mean: '평균 {mean}',
    zeroAxis: '0인 값',
    zeroTick: '0',
    zeroShare: '0인 값 {percent}%',
    tooltipZeroOne: '정확히 0인 값: {percent}% ({n}개)',
    tooltipZeroOther: '정확히 0인 값: {percent}% ({n}개)',
    zeroShareUnknown: '0인 값 기록 없음',
    narrowValuesRight: '← 값이 모두\n{from} ~ {to}',
    narrowValuesLeft: '값이 모두 →\n{from} ~ {to}',
    tooltipZeroUnknown: '정확히 0인 값: 이 실행은 따로 세지 않았습니다(이전 버전의 기록). 0인 값도 막대에 들어 있습니다.',
    tooltipBin: '{from} ~ {to}: {count}개',
    tooltipBinWithoutZeros: '{from} ~ {to}: {count}개 (정확히 0인 값 제외)',

    rangeLabel: '가로축 범위',
    rangeShared: '모든 층 같은 범위',
    rangePerLayer: '층마다 자기 범위',
    rangeHint: '같은 범위에 그려야 층을 지날수록 분포가 한 점으로 좁아지는지(소실), 0과 1로 몰리는지(포화) 보입니다. 층마다 자기 범위로 그리면 모양만 비교됩니다.',
    noteShared: '가로축: 모든 층 {min} ~ {max}',
    noteSharedBounded: '가로축: 모든 층 {min} ~ {max} ({activation}의 출력 범위)',
    noteSharedRuns: '가로축: 모든 층과 실행이 {min} ~ {max}',
    notePerLayer: '가로축: 층마다 자기 범위 (폭은 축의 숫자로 비교)',
    notePerLayerRuns: '가로축: 층마다 자기 범위, 실행끼리는 같은 범위',
    noteZeros: '회색 막대: 정확히 0인 값의 비율 (옆 그림은 0이 아닌 값만)',
    noteZerosOverlay: '곡선은 0이 아닌 값만 그림 (정확히 0인 값의 비율은 각 층 제목에)',

    ridgelineTitle: '단계별 분포 변화: {layer} {kind}',
    ridgelineNote: '맨 위가 처음, 맨 아래(앞)가 최근 · 줄마다 자기 최댓값에 맞춘 높이',
    ridgelineRange: '가로축 {min} ~ {max}: 모든 층, 모든 단계 같은 범위',
    ridgelineOwnRange: '가로축 {min} ~ {max}: 이 층의 범위',
    ridgelineLayer: '층',
    ridgelineChart: '단계별 분포 변화',
    axisSnapshotStep: '단계',
    axisZeroShare: '0인 값',
    tooltipRidge: '{step}단계: {from} ~ {to}에 {count}개',
    tooltipRidgeZero: '{step}단계: 정확히 0인 값 {percent}%',
    kindActivation: '활성화 값',
    kindPreactivation: '활성화 함수 입력 z',
    kindWeight: '가중치',
  },
  en: {
    stdFirst: 'std {std}',
    stdVsFirst: 'std {std} ({ratio}× hidden layer 1)',
    ratioOnly: '{ratio}×',
    mean: 'mean {mean}',
    zeroAxis: 'at 0',
    zeroTick: '0',
    zeroShare: 'at 0: {percent}%',
    tooltipZeroOne: 'exactly 0: {percent}% ({n} value)',
    tooltipZeroOther: 'exactly 0: {percent}% ({n} values)',
    zeroShareUnknown: 'at 0: not recorded',
    narrowValuesRight: '← every value\nin {from} – {to}',
    narrowValuesLeft: 'every value →\nin {from} – {to}',
    tooltipZeroUnknown: 'exactly 0: not counted apart by this run (recorded by an earlier version); its bars include them.',
    tooltipBin: '{from} to {to}: {count}',
    tooltipBinWithoutZeros: '{from} to {to}: {count} (exact zeros left out)',

    rangeLabel: 'x range',
    rangeShared: 'One range for all layers',
    rangePerLayer: 'Each layer its own range',
    rangeHint: 'On one range you see the distribution shrink to a point layer after layer (vanishing) or pile up at 0 and 1 (saturation). Each layer on its own range compares shapes only.',
    noteShared: 'x axis: every layer {min} to {max}',
    noteSharedBounded: 'x axis: every layer {min} to {max} ({activation}’s output range)',
    noteSharedRuns: 'x axis: every layer and run {min} to {max}',
    notePerLayer: 'x axis: each layer its own range (compare widths by the axis numbers)',
    notePerLayerRuns: 'x axis: each layer its own range, the same for every run',
    noteZeros: 'grey bar: share of values exactly 0 (beside it, only the values that are not 0)',
    noteZerosOverlay: 'curves show only the values that are not 0 (each heading gives the share at exactly 0)',

    ridgelineTitle: 'Distribution over training: {layer}, {kind}',
    ridgelineNote: 'oldest at the top, newest at the bottom (front) · each row scaled to its own peak',
    ridgelineRange: 'x axis {min} to {max}, the same for every layer and step',
    ridgelineOwnRange: 'x axis {min} to {max}, this layer’s own range',
    ridgelineLayer: 'Layer',
    ridgelineChart: 'Distribution over training',
    axisSnapshotStep: 'Step',
    axisZeroShare: 'At 0',
    tooltipRidge: 'step {step}: {count} in {from} to {to}',
    tooltipRidgeZero: 'step {step}: exactly 0 {percent}%',
    kindActivation: 'activations',
    kindPreactivation: 'pre-activations z',
    kindWeight: 'weights',
  },
});

/** A key of the histograms namespace. */
export type HistogramMessageKey = keyof typeof histogramMessages.ko;

/** The histogram namespace's translator. */
export type HistogramTranslate = Translate<HistogramMessageKey>;

/** What the histogram figures' builders receive: the charts' words and their own. */
export interface HistogramTranslators {
  chart: ChartTranslate;
  histogram: HistogramTranslate;
}
