import type { KoreanRule } from './problem-words';

/**
 * The engine's English messages about lab packs and hand-ins (engine/api/lab-pack.ts,
 * engine/history/lab-file.ts, engine/service/class-files.ts) in Korean, for the screens and the CLI; the file
 * checks every NN Lab file shares fall through to the import's rules.
 */
export const PACK_KOREAN_RULES: readonly KoreanRule[] = [
  [/^this is a runs file, not a lab pack/, () => '실행 파일입니다. 실습 묶음이 아닙니다: ‘실행 기록’ 화면의 ‘가져오기’로 여세요'],
  [/^this is a hand-in, not a lab pack/, () => '학생의 제출 파일입니다. 실습 묶음이 아닙니다: 선생님은 ‘실행 기록’ 화면의 ‘가져오기’로 여세요'],
  [/^this is not an NN Lab lab pack: it is not gzip-compressed/, () => 'NN Lab 실습 묶음 파일이 아닙니다 (실습 묶음은 .nnlabpack 파일입니다)'],
  [/^this is not an NN Lab file/, () => 'NN Lab 파일이 아닙니다 (파일 형식이 다릅니다)'],
  [/^"(.+)" is not a lab sheet of this NN Lab/, (m) => `‘${m[1]}’ 실습지는 이 NN Lab에 없습니다. NN Lab을 업데이트하세요`],
  [/^"(.+)" is not a preset of this NN Lab/, (m) => `‘${m[1]}’ 프리셋은 이 NN Lab에 없습니다. NN Lab을 업데이트하세요`],
  [/^(?:a title|a class name|a name|a student number) cannot be empty$/, () => '비워 둘 수 없습니다'],
  [/^must have at most (\d+) characters$/, (m) => `${m[1]}자 이하로 쓰세요`],
  [/^must be a date such as/, () => '2025-03-14 같은 날짜여야 합니다'],
  [/^is not a real date$/, () => '없는 날짜입니다'],
  [/^needs a Korean or an English text$/, () => '한국어나 영어로 내용을 쓰세요'],
  [/^enter your name and student number first/, () => '먼저 이름과 학번을 입력하세요: 제출 파일에는 누구의 것인지 적힙니다'],
  [/^no lab pack \S+ has been opened in this history/, () => '이 실습 묶음이 이 컴퓨터에 열려 있지 않습니다. 실습 묶음 파일을 다시 여세요'],
  [/^this hand-in's (\d+) runs make/, (m) => `이 실습의 실행 ${m[1]}개가 제출 파일 하나에 담기에는 너무 큽니다. 제출하지 않을 실행을 ‘실행 기록’에서 지운 뒤 다시 만드세요`],
];
