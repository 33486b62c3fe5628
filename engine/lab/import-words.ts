import type { KoreanRule } from './problem-words';

/**
 * The run file import's English messages in Korean, for the screens and the CLI. Each rule matches
 * one message of engine/history (run-file.ts, run-history.ts); anything else is shown as
 * the engine wrote it, which names the field and the fix.
 */
export const IMPORT_KOREAN_RULES: readonly KoreanRule[] = [
  [/^a run with this id is already in the history$/, () => '같은 실행이 이미 기록에 있습니다'],
  [/^this is not an NN Lab runs file: it is not gzip-compressed/, () => 'NN Lab 실행 파일이 아닙니다 (실행 파일은 ‘내보내기’로 만든 .nnlab 파일입니다)'],
  [/^this is not an NN Lab runs file \(/, () => 'NN Lab 실행 파일이 아닙니다 (파일 형식이 다릅니다)'],
  [/^this is a lab pack, not (runs|a runs file)/, () => '실습 묶음(.nnlabpack)입니다: 실행을 가져오는 파일이 아니라 실습으로 여는 파일입니다'],
  [/^this is not an NN Lab file \(/, () => 'NN Lab 파일이 아닙니다 (파일 형식이 다릅니다)'],
  [/^this file is too large to import/, () => '파일이 너무 커서 가져올 수 없습니다'],
  [/^this file is damaged or incomplete/, () => '파일이 손상되었거나 일부만 있습니다 (압축을 풀 수 없습니다)'],
  [/^this file is damaged: its content is not valid JSON/, () => '파일이 손상되었습니다 (내용을 읽을 수 없습니다)'],
  [/^this file is damaged or was edited/, () => '파일이 손상되었거나 고쳐졌습니다 (체크섬이 맞지 않습니다)'],
  [/^this file was made by a newer NN Lab/, () => '더 새로운 NN Lab에서 만든 파일입니다. NN Lab을 업데이트한 뒤 가져오세요'],
  [/^this file is not one NN Lab exported, or it is damaged: its content is nested more than (\d+) levels deep/, (m) => `NN Lab이 내보낸 파일이 아니거나 손상되었습니다 (내용이 ${m[1]}단계보다 깊게 중첩되어 있습니다)`],
  [/^this file is not one NN Lab exported, or it is damaged: its content has more than (.+) arrays and objects/, (m) => `NN Lab이 내보낸 파일이 아니거나 손상되었습니다 (배열과 객체가 ${koreanCount(m[1]!)} 개보다 많습니다)`],
  [/^this file is not one NN Lab exported, or it is damaged: its content has more than (.+) values/, (m) => `NN Lab이 내보낸 파일이 아니거나 손상되었습니다 (값이 ${koreanCount(m[1]!)} 개보다 많습니다)`],
  [/^this file took longer than (\S+) s to read/, (m) => `파일을 읽는 데 ${m[1]}초보다 오래 걸려 가져오기를 중지했습니다. NN Lab이 내보낸 파일이 아니거나 손상되었습니다`],
  [/^this file needs more than the (\d+) MB an import may use/, (m) => `파일을 읽는 데 가져오기에 허용된 ${m[1]} MB보다 많은 메모리가 필요해 가져오기를 중지했습니다. NN Lab이 내보낸 파일이 아니거나 손상되었습니다`],
];

/** "2 million" → "200만", "32 million" → "3200만" (json-shape.ts writes its limits in millions). */
function koreanCount(english: string): string {
  const millions = /^(\d+) million$/.exec(english);
  return millions ? `${Number(millions[1]) * 100}만` : english;
}
