import { defineMessages } from '../locale';

/** What a lab sheet says about the texts it holds back until the student has predicted. */
export const predictionMessages = defineMessages({
  ko: {
    observeAfterPrediction: '예측을 기록하면 여기에 관찰할 점이 나타납니다.',
    observeMore: '관찰할 점 {n}개가 더 있습니다. 관련된 예측을 기록하면 나타납니다.',
    revealedTag: '보이는 것',
  },
  en: {
    observeAfterPrediction: 'Record a prediction and what to observe appears here.',
    observeMore: '{n} more to observe: each appears once you record the prediction it belongs to.',
    revealedTag: 'What it shows',
  },
});
