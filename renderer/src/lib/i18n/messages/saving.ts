import { defineMessages } from '../locale';

/** A typed answer's save state, and a conflict with another tab or window that saved the same answer. */
export const savingMessages = defineMessages({
  ko: {
    saving: '저장 중…',
    saved: '저장됨',
    failed: '저장 안 됨',
    retry: '다시 시도',
    conflictTitle: '다른 탭이나 창에서 이 답을 {time}에 저장했습니다. 어느 쪽을 남길지 고르세요. 고르기 전에는 어느 것도 지워지지 않습니다.',
    mine: '이 창의 답',
    theirs: '다른 창의 답',
    keepMine: '이 창의 답 남기기',
    keepTheirs: '다른 창의 답 남기기',
    keepBoth: '둘 다 남기기',
    empty: '(비어 있음)',
  },
  en: {
    saving: 'Saving…',
    saved: 'Saved',
    failed: 'Not saved',
    retry: 'Try again',
    conflictTitle: 'Another tab or window saved this answer at {time}. Choose which to keep; neither is erased until you choose.',
    mine: 'This window’s answer',
    theirs: 'The other window’s answer',
    keepMine: 'Keep this window’s',
    keepTheirs: 'Keep the other’s',
    keepBoth: 'Keep both',
    empty: '(empty)',
  },
});
