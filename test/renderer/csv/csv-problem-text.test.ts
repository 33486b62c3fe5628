import { describe, expect, it } from 'vitest';
import { CsvError, MAX_CSV_CHARACTERS, parsePointsCsv, type CsvProblem } from '../../../engine/api/points-csv';
import { glossaryBreaches, latinWordsOutsideGlossary } from '../../../engine/lab/glossary';
import { csvProblemText } from '../../../renderer/src/lib/csv/csv-problem-text';
import { CSV_PROBLEM_EXAMPLES, CSV_PROBLEM_FILES } from './csv-problem-examples';

function problemOf(text: string): CsvError {
  try {
    parsePointsCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('expected a CsvError');
}

describe('csvProblemText: the CSV import’s problems in the UI’s language', () => {
  it('in English says what the engine says, for a file of every problem', () => {
    const files = [...CSV_PROBLEM_FILES, { code: 'too-large', text: '1,2,0\n'.repeat(Math.ceil((MAX_CSV_CHARACTERS + 1) / 6)) }];
    for (const { code, text } of files) {
      const error = problemOf(text);
      expect(error.problem.code).toBe(code);
      expect(csvProblemText(error.problem, 'en')).toBe(error.message);
    }
  });

  it('has an example of every code, each of which the files raise', () => {
    const codes = new Set(CSV_PROBLEM_EXAMPLES.map((problem) => problem.code));
    expect(new Set([...CSV_PROBLEM_FILES.map((file) => file.code), 'too-large', 'too-many-points'])).toEqual(codes);
    expect(codes.size).toBe(16);
  });

  it.each([
    [{ code: 'not-a-number', line: 5, column: 'x2', text: 'abc' }, '5번째 줄, x2 열: “abc”는 숫자가 아닙니다'],
    [{ code: 'not-a-number', line: 4, column: 'label', text: '고양이' }, '4번째 줄, 클래스 번호 열: “고양이”는 숫자가 아닙니다'],
    [{ code: 'empty-cell', line: 2, column: 'x1' }, '2번째 줄, x1 열: 칸이 비어 있습니다: 점마다 x1, x2, 클래스 번호가 모두 있어야 합니다'],
    [{ code: 'columns', line: 2, found: 4, separator: 'semicolon' }, '2번째 줄: 열이 4개입니다(구분 기호: 세미콜론(;)): 열은 x1, x2, 클래스 번호 3개여야 합니다'],
    [{ code: 'header-names', line: 1, named: ['x1', 'label'], missing: ['x2'] }, expect.stringMatching(/^1번째 줄: 머리글에 x1, label이 있지만 x2가 없습니다: /)],
    [{ code: 'label-not-whole', line: 2, column: 'label', label: 1.5 }, '2번째 줄, 클래스 번호 열: 1.5는 정수가 아닙니다: 클래스 번호는 0, 1, 2, …(또는 -1과 1)입니다'],
    [{ code: 'label-too-large', line: 3, column: 'label', label: 4096, classes: 4096 }, '3번째 줄, 클래스 번호 열: 4096은 너무 큽니다: 클래스는 4096개(0부터 4095까지)까지입니다'],
    [{ code: 'labels-mixed', line: 3, column: 'label', label: 0, minusOneLine: 2 }, expect.stringMatching(/^3번째 줄, 클래스 번호 열: 0은 2번째 줄의 -1과 함께 쓸 수 없습니다/)],
    [{ code: 'quote-not-closed', line: 3 }, '3번째 줄: 따옴표(")로 연 칸이 닫히지 않았습니다'],
    [{ code: 'too-few-points', count: 3, minimum: 4 }, '점이 3개뿐입니다: 훈련과 시험에 나누어 쓰려면 적어도 4개가 필요합니다'],
  ] as [CsvProblem, string][])('in Korean: %o', (problem, korean) => {
    expect(csvProblemText(problem, 'ko')).toEqual(korean);
  });

  it('in Korean: every problem in Korean words, no English word outside the glossary’s accepted terms', () => {
    for (const problem of [...CSV_PROBLEM_EXAMPLES, { code: 'reader-stopped' as const, detail: 'Failed to fetch module' }]) {
      const korean = csvProblemText(problem, 'ko');
      expect(korean, problem.code).toMatch(/\p{Script=Hangul}/u);
      expect(latinWordsOutsideGlossary(korean), korean).toEqual([]);
      expect(glossaryBreaches(korean), korean).toEqual([]);
    }
  });

  it('in English: the worker’s failure with the browser’s words', () => {
    expect(csvProblemText({ code: 'reader-stopped', detail: 'it could not start' }, 'en')).toBe('the CSV reader stopped: it could not start');
  });
});
