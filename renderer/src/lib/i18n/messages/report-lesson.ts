import { defineMessages, type Translate } from '../locale';

/** The lab report's lesson figures: group headings, figure captions, the headings of small charts. */
export const reportLessonMessages = defineMessages({
  ko: {
    groupOverfitting: '과적합과 방지 기법',
    groupBatchNormScales: '배치 정규화와 초기 가중치의 크기',
    groupOtherRuns: '그 밖의 실행',
    gradientCaption: '층별 기울기 크기 ‖∂L/∂W‖: 층마다 한 칸, 실행마다 한 선, 모든 칸이 같은 로그 눈금',
    activationCaption: '층별 활성화 값 분포 ({step}단계: 학습 전 초기 가중치), 실행마다 한 열',
    batchLossCaption: '배치 손실: 진한 선은 지수 이동 평균(평활 {smoothing}), 흐린 선은 원래 값',
    lossCaption: '평가 손실: 실선은 훈련 데이터, 점선은 시험 데이터',
    runTrainTestCaption: '{run}: 정확도 (실선: 훈련, 점선: 시험)',
    panelTrainTestCaption: '{panel}: 정확도 (실선: 훈련, 점선: 시험)',
    runLossCaption: '{run}: 손실 (실선: 훈련, 점선: 시험)',
    panelInitialStd: '초기 표준편차 {std}',
    gapCaption: '훈련–시험 격차: 위는 정확도(훈련 − 시험), 아래는 손실(시험 − 훈련)',
    noFigureData: '이 그림에 그릴 기록이 없습니다 (실행에 기록된 사건이 없음).',
  },
  en: {
    groupOverfitting: 'Overfitting and its remedies',
    groupBatchNormScales: 'Batch norm and the initial weights’ scale',
    groupOtherRuns: 'Other runs',
    gradientCaption: 'Gradient size per layer ‖∂L/∂W‖: a panel per layer, a line per run, one log scale for all panels',
    activationCaption: 'Activation distribution per layer (step {step}: the initial weights, before training), a column per run',
    batchLossCaption: 'Batch loss: solid, the exponential moving average (smoothing {smoothing}); faint, the raw values',
    lossCaption: 'Evaluated loss: solid, training data; dashed, test data',
    runTrainTestCaption: '{run}: accuracy (solid: train, dashed: test)',
    panelTrainTestCaption: '{panel}: accuracy (solid: train, dashed: test)',
    runLossCaption: '{run}: loss (solid: train, dashed: test)',
    panelInitialStd: 'Initial std {std}',
    gapCaption: 'Train–test gap: top, accuracy (train − test); bottom, loss (test − train)',
    noFigureData: 'Nothing recorded to draw in this figure (the runs have no events).',
  },
});

export type ReportLessonKey = keyof typeof reportLessonMessages.ko;
export type ReportLessonTranslate = Translate<ReportLessonKey>;
