import type { Locale } from '../i18n/locale';
import { translateMessage, type KoreanRule } from '../i18n/message-rules';

/**
 * The run file import's English messages (shared with the CLI) in the UI's language. Each rule
 * matches one message of engine/history (run-file.ts, run-history.ts); anything else is shown as
 * the engine wrote it, which names the field and the fix.
 */
const KOREAN_RULES: readonly KoreanRule[] = [
  [/^a run with this id is already in the history$/, () => '같은 실행이 이미 기록에 있습니다'],
  [/^this is not an NN Lab runs file: it is not gzip-compressed/, () => 'NN Lab 실행 파일이 아닙니다 (실행 파일은 ‘내보내기’로 만든 .nnlab 파일입니다)'],
  [/^this is not an NN Lab runs file \(/, () => 'NN Lab 실행 파일이 아닙니다 (파일 형식이 다릅니다)'],
  [/^this file is too large to import/, () => '파일이 너무 커서 가져올 수 없습니다'],
  [/^this file is damaged or incomplete/, () => '파일이 손상되었거나 일부만 있습니다 (압축을 풀 수 없습니다)'],
  [/^this file is damaged: its content is not valid JSON/, () => '파일이 손상되었습니다 (내용을 읽을 수 없습니다)'],
  [/^this file is damaged or was edited/, () => '파일이 손상되었거나 고쳐졌습니다 (체크섬이 맞지 않습니다)'],
  [/^this file was made by a newer NN Lab/, () => '더 새로운 NN Lab에서 만든 파일입니다. NN Lab을 업데이트한 뒤 가져오세요'],
];

/** An import message (a skipped run's reason, or why the file was refused) in the UI's language. */
export function importMessage(message: string, locale: Locale): string {
  return translateMessage(message, locale, KOREAN_RULES);
}
