import { defineMessages } from '../locale';

/** What the app says at startup about the run history (engine/history/history-notice.ts's codes). */
export const noticeMessages = defineMessages({
  ko: {
    'corrupt-set-aside': '실행 기록 파일이 손상되어 옆으로 옮기고 빈 기록으로 새로 시작했습니다. 지워진 것은 없습니다. 옮긴 파일: {files}',
    'read-only': '실행 기록 파일에 쓸 수 없어 읽기 전용으로 열었습니다. 저장된 실행은 볼 수 있지만 새 실행은 저장되지 않습니다. 폴더 권한이나 디스크 공간을 확인한 뒤 다시 시작하세요.',
    'backup-before-upgrade': '실행 기록 파일을 이 버전의 형식으로 올렸습니다. 올리기 전의 사본을 남겨 두었습니다: {files}',
    'recovery-skipped': '중단된 실행을 "중단됨"으로 표시하지 못했습니다(디스크가 가득 찼거나 읽기 전용입니다).',
    noticesTitle: '실행 기록 알림',
    dismiss: '확인',
  },
  en: {
    'corrupt-set-aside': 'The run history file was damaged: it was moved aside and an empty history started. Nothing was deleted. Moved to: {files}',
    'read-only': 'The run history cannot be written, so it was opened read-only: stored runs can be viewed, new runs are not saved. Check the folder’s permissions or free disk space, then restart.',
    'backup-before-upgrade': 'The run history was upgraded to this version’s format. A copy from before is kept: {files}',
    'recovery-skipped': 'Runs left running by an NN Lab that stopped could not be marked interrupted (the disk is full or the file read-only).',
    noticesTitle: 'Run history notices',
    dismiss: 'OK',
  },
});
