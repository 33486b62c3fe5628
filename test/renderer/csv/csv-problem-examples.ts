import type { CsvProblem } from '../../../engine/api/points-csv';

/** A file that raises each problem code of parsePointsCsv (the too-large one is built, not listed: it is 16 MB). */
export const CSV_PROBLEM_FILES: readonly { code: CsvProblem['code']; text: string }[] = [
  { code: 'empty', text: '\uFEFF\r\n  \r\n' },
  { code: 'quote-not-closed', text: '1,2,0\n3,4,1\n"5,6,0\n7,8,1\n' },
  { code: 'quote-misplaced', text: '1,2,0\n"3"4,4,1\n5,6,0\n7,8,1' },
  { code: 'columns', text: 'x1;x2;label\n1;2;0;9\n3;4;1\n5;6;0\n7;8;1' },
  { code: 'header-names', text: 'x1,label,other\n1,0,2\n3,1,4\n5,0,6\n7,1,8' },
  { code: 'empty-cell', text: '1,2,0\n3,,1\n5,6,0\n7,8,1' },
  { code: 'not-a-number', text: 'x1,x2,label\n1,2,0\n3,4,1\n5,6,0\n7,abc,1\n' },
  { code: 'not-a-number', text: '1,2,0\n3,4,1\n5,6,0\n7,8,label\n' },
  { code: 'number-too-large', text: '1,2,0\n3,4,1\n5,1e999,0\n7,8,1' },
  { code: 'label-not-whole', text: '1,2,0\n3,4,1.5\n5,6,0\n7,8,1' },
  { code: 'label-negative', text: '1,2,0\n3,4,1\n5,6,-2\n7,8,1' },
  { code: 'label-too-large', text: '1,2,0\n3,4,1\n5,6,4096\n7,8,1' },
  { code: 'labels-mixed', text: '1,2,1\n3,4,-1\n5,6,0\n7,8,1' },
  { code: 'too-few-points', text: '1,2,0\n3,4,1\n5,6,0\n' },
  { code: 'too-few-points', text: 'x1,x2,label\n1,2,0\n' },
  { code: 'one-class', text: '1,2,1\n3,4,1\n5,6,1\n7,8,1' },
];

/** One problem of each code, with the parameters a file gives, for text tests that need no parser (the quoted cell is not Latin: a file's own text is shown as it is, in any language). */
export const CSV_PROBLEM_EXAMPLES: readonly CsvProblem[] = [
  { code: 'too-large', characters: 16_000_006, limit: 16_000_000 },
  { code: 'empty' },
  { code: 'quote-not-closed', line: 3 },
  { code: 'quote-misplaced', line: 2 },
  { code: 'columns', line: 2, found: 4, separator: 'semicolon' },
  { code: 'columns', line: 2, found: 2, separator: 'tab' },
  { code: 'columns', line: 2, found: 4, separator: 'comma' },
  { code: 'header-names', line: 1, named: ['x1', 'label'], missing: ['x2'] },
  { code: 'too-many-points', line: 100_003, limit: 100_000 },
  { code: 'empty-cell', line: 2, column: 'x2' },
  { code: 'not-a-number', line: 5, column: 'label', text: '1.2.3' },
  { code: 'number-too-large', line: 3, column: 'x1', text: '1e999' },
  { code: 'label-not-whole', line: 2, column: 'label', label: 1.5 },
  { code: 'label-negative', line: 3, column: 'label', label: -2 },
  { code: 'label-too-large', line: 3, column: 'label', label: 4096, classes: 4096 },
  { code: 'labels-mixed', line: 3, column: 'label', label: 0, minusOneLine: 2 },
  { code: 'too-few-points', count: 1, minimum: 4 },
  { code: 'one-class', label: 1 },
];
