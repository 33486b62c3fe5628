import { defineMessages } from '../locale';

/** The initialization probe: random inputs through layers of equal width (textbook §6.2.2). */
export const probeMessages = defineMessages({
  ko: {
    title: '가중치 초기화 실험: 층별 활성화 분포',
    intro: '표준정규분포 입력 {samples}개를 뉴런 {units}개짜리 층 {layers}개에 통과시킵니다 (편향 없음). 초기값에 따라 층마다 활성화 값이 어떻게 퍼지는지 봅니다.',
    activation: '활성화 함수',
    init: '초기화',
    std: '표준편차',
    layers: '층 수',
    run: '실행',
    layer: '은닉층',
    mean: '평균',
    stdColumn: '표준편차',
    saturated: '포화',
    dead: '죽은 뉴런',
    gradient: '기울기 크기',
    gradientNote: '기울기 크기: 무작위 손실에서 역전파한 ‖∂L/∂W‖. 첫 층이 마지막 층보다 훨씬 작으면 기울기 소실입니다.',
    presetFrom: '프리셋: {title}',
  },
  en: {
    title: 'Initialization probe: activations per layer',
    intro: '{samples} standard-normal inputs go through {layers} layers of {units} neurons (no bias). See how each initialization spreads the activations layer by layer.',
    activation: 'Activation',
    init: 'Initialization',
    std: 'Std',
    layers: 'Layers',
    run: 'Run',
    layer: 'Hidden layer',
    mean: 'Mean',
    stdColumn: 'Std',
    saturated: 'Saturated',
    dead: 'Dead',
    gradient: 'Gradient',
    gradientNote: 'Gradient: ‖∂L/∂W‖ backpropagated from a random loss. A first layer far below the last one is the vanishing gradient.',
    presetFrom: 'Preset: {title}',
  },
});
