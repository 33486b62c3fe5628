import { defineMessages } from '../locale';

/** The training doctor panel (live view and replay). The findings' own sentences come from the engine (engine/lab/doctor/wording). */
export const doctorMessages = defineMessages({
  ko: {
    title: '학습 진단',
    waiting: '학습이 시작되면 기울기와 손실을 보고 진단합니다.',
    remedy: '해결',
    openSheet: '실습지: {sheet}',
    openSheetHint: '실습 화면에서 이 해결 방법을 설명하는 실습지를 엽니다',
    tryIt: '이대로 해 보기',
    tryHint: '바꾼 설정을 새 스펙으로 빌더에 불러옵니다: {patch}',
  },
  en: {
    title: 'Training doctor',
    waiting: 'Once training starts, the doctor reads the gradients and the loss.',
    remedy: 'Remedy',
    openSheet: 'Lab sheet: {sheet}',
    openSheetHint: 'Opens the lab sheet that explains this remedy on the labs screen',
    tryIt: 'Try it',
    tryHint: 'Loads the changed settings into the builder as a new spec: {patch}',
  },
});
