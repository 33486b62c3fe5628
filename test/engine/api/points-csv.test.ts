import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { loadDataset } from '../../../engine/data/load-dataset';
import { CsvError, MAX_CSV_CHARACTERS, MAX_CSV_POINTS, parsePointsCsv, pointsToInlineDataset, type CsvPoints } from '../../../engine/api/points-csv';
import { Trainer } from '../../../engine/train/trainer';

const FOUR_POINTS: CsvPoints = {
  x: [
    [0.5, 1],
    [-2, 3.25],
    [4, -0.001],
    [1e3, 0],
  ],
  y: [0, 1, 1, 0],
};

/** The CsvError `text` raises (fails the test when it parses). */
function csvError(text: string): CsvError {
  try {
    parsePointsCsv(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CsvError);
    return error as CsvError;
  }
  throw new Error('expected a CsvError');
}

describe('parsePointsCsv: files it reads', () => {
  it('reads comma-separated points without a header', () => {
    expect(parsePointsCsv('0.5,1,0\n-2,3.25,1\n4,-0.001,1\n1e3,0,0\n')).toEqual(FOUR_POINTS);
  });

  it('reads a header row of any names, and named columns in any order', () => {
    expect(parsePointsCsv('a,b,c\n0.5,1,0\n-2,3.25,1\n4,-0.001,1\n1e3,0,0')).toEqual(FOUR_POINTS);
    expect(parsePointsCsv('x1,x2,y\n0.5,1,0\n-2,3.25,1\n4,-0.001,1\n1e3,0,0')).toEqual(FOUR_POINTS);
    expect(parsePointsCsv('Label, X2, x1\n0,1,0.5\n1,3.25,-2\n1,-0.001,4\n0,0,1e3')).toEqual(FOUR_POINTS);
  });

  it('reads ";" and tab separators, Windows and old Mac line endings, a BOM, quotes, blank lines and spaces', () => {
    expect(parsePointsCsv('x1;x2;label\r\n0.5;1;0\r\n-2;3.25;1\r\n4;-0.001;1\r\n1e3;0;0\r\n')).toEqual(FOUR_POINTS);
    expect(parsePointsCsv('0.5\t1\t0\n-2\t3.25\t1\n4\t-0.001\t1\n1e3\t0\t0')).toEqual(FOUR_POINTS);
    expect(parsePointsCsv('\uFEFFx1,x2,label\r0.5,1,0\r-2,3.25,1\r4,-0.001,1\r1e3,0,0')).toEqual(FOUR_POINTS);
    expect(parsePointsCsv('\n  \n"x1","x2","label"\n "0.5" , 1 ,0 \n\n-2,  3.25,1\n\t\n4,-0.001,1\n1e3,0,0\n\n')).toEqual(FOUR_POINTS);
  });

  it('reads decimal commas when the separator is ";" or a tab', () => {
    expect(parsePointsCsv('0,5;1;0\n-2;3,25;1\n4;-0,001;1\n1000;0;0')).toEqual(FOUR_POINTS);
    expect(parsePointsCsv('0,5\t1\t0\n-2\t3,25\t1\n4\t-0,001\t1\n1000\t0\t0')).toEqual(FOUR_POINTS);
  });

  it('reads quoted cells with Papa Parse: decimal commas inside quotes with "," separators, "" inside quotes, separators inside quotes', () => {
    expect(parsePointsCsv('"0,5","1",0\n"-2","3,25",1\n"4","-0,001",1\n1000,0,0')).toEqual(FOUR_POINTS);
    expect(parsePointsCsv('"x1","x2","my ""label"", with a comma"\n0.5,1,0\n-2,3.25,1\n4,-0.001,1\n1e3,0,0')).toEqual(FOUR_POINTS);
    expect(parsePointsCsv('"0,5";"1";"0"\r\n"-2";3,25;1\r\n4;"-0,001";1\r\n1000;0;0\r\n')).toEqual(FOUR_POINTS);
  });

  it('reads a BOM with CRLF lines and ";" separators, skipping the empty rows spreadsheets write (";;")', () => {
    expect(parsePointsCsv('\uFEFFx1;x2;label\r\n0,5;1;0\r\n;;\r\n-2;3,25;1\r\n4;-0,001;1\r\n1000;0;0\r\n;;\r\n')).toEqual(FOUR_POINTS);
  });

  it('counts lines as an editor does when a quoted header cell holds a line break', () => {
    expect(csvError('"x1\nfirst",x2,label\n1,2,0\n3,abc,1').message).toBe('line 4, column x2: "abc" is not a number');
  });

  it('reads class indices 0 … k−1, and -1/1 labels as classes 0/1', () => {
    expect(parsePointsCsv('0,0,0\n1,1,1\n2,2,2\n3,3,1').y).toEqual([0, 1, 2, 1]);
    expect(parsePointsCsv('0,0,-1\n1,1,1\n2,2,1.0\n3,3,-1').y).toEqual([0, 1, 1, 0]);
  });

  it('reads up to 100,000 points', () => {
    const lines = Array.from({ length: MAX_CSV_POINTS }, (_, i) => `${i},${-i},${i % 2}`);
    const points = parsePointsCsv(`x1,x2,label\n${lines.join('\n')}\n`);
    expect(points.x).toHaveLength(MAX_CSV_POINTS);
    expect(points.x[MAX_CSV_POINTS - 1]).toEqual([MAX_CSV_POINTS - 1, -(MAX_CSV_POINTS - 1)]);
  });
});

describe('parsePointsCsv: files it refuses, naming the line and column', () => {
  it.each([
    ['a non-number', 'x1,x2,label\n1,2,0\n3,4,1\n5,6,0\n7,abc,1\n', 5, 'x2', 'line 5, column x2: "abc" is not a number'],
    ['a non-number without a header', '1,2,0\n3,4,1\n5,6,0\nNaN,8,1', 4, 'x1', 'line 4, column x1: "NaN" is not a number'],
    ['an empty cell', '1,2,0\n3,,1\n5,6,0\n7,8,1', 2, 'x2', 'line 2, column x2: is empty: every point needs x1, x2 and a label'],
    ['a missing column', '1,2,0\n3,4,1\n\n5,6\n7,8,1', 4, null, 'line 4: expected 3 columns (x1, x2, label) separated by ",", found 2'],
    ['an extra column', 'x1;x2;label\n1;2;0;9\n3;4;1\n5;6;0\n7;8;1', 2, null, 'line 2: expected 3 columns (x1, x2, label) separated by ";", found 4'],
    ['a header of the wrong width', 'x,y\n1,2\n3,4\n5,6\n7,8', 1, null, 'line 1: expected 3 columns (x1, x2, label) separated by ",", found 2'],
    ['a decimal comma with "," separators', '1,5,2,0\n3,4,1\n5,6,0\n7,8,1', 1, null, 'line 1: expected 3 columns (x1, x2, label) separated by ",", found 4'],
    ['a number too large', '1,2,0\n3,4,1\n5,1e999,0\n7,8,1', 3, 'x2', 'line 3, column x2: "1e999" is too large'],
    ['a fractional label', '1,2,0\n3,4,1.5\n5,6,0\n7,8,1', 2, 'label', 'line 2, column label: 1.5 is not a whole number: labels are classes 0, 1, 2, … (or -1 and 1)'],
    ['a negative label', '1,2,0\n3,4,1\n5,6,-2\n7,8,1', 3, 'label', 'line 3, column label: -2 is negative: labels are classes 0, 1, 2, … (or -1 and 1)'],
    ['a label too large', '1,2,0\n3,4,1\n5,6,4096\n7,8,1', 3, 'label', 'line 3, column label: 4096 is too large: at most 4096 classes (0 to 4095)'],
    [
      '-1 labels mixed with 0',
      '1,2,1\n3,4,-1\n5,6,0\n7,8,1',
      3,
      'label',
      'line 3, column label: 0 in a file whose line 2 has the label -1: labels are either classes 0, 1, 2, … or -1 and 1, not both',
    ],
    [
      'a header naming some columns out of place',
      'x1,label,other\n1,0,2\n3,1,4\n5,0,6\n7,1,8',
      1,
      null,
      'line 1: the header names x1 and label but not x2: name the columns x1, x2 and label (in any order), or give names that are none of these, read in the order x1, x2, label',
    ],
  ])('%s', (_, text, line, column, message) => {
    const error = csvError(text);
    expect(error.message).toBe(message);
    expect(error.line).toBe(line);
    expect(error.column).toBe(column);
  });

  it('refuses quotes that never close or close early, at their line, and carries every problem as a code and parameters', () => {
    const open = csvError('1,2,0\n3,4,1\n"5,6,0\n7,8,1\n');
    expect(open.message).toBe('line 3: a quoted cell is never closed: a " opens it and no " ends it');
    expect(open.problem).toEqual({ code: 'quote-not-closed', line: 3 });
    const early = csvError('1,2,0\n"3"4,4,1\n5,6,0\n7,8,1');
    expect(early.problem).toEqual({ code: 'quote-misplaced', line: 2 });
    expect(csvError('1,2,0\n3,abc,1').problem).toEqual({ code: 'not-a-number', line: 2, column: 'x2', text: 'abc' });
  });

  it('quotes a cell as text that shows, cut short: no control or bidi characters, at most 40 characters', () => {
    const error = csvError(`1,2,0\n3,"\u202Eevil\u001b[2J${'x'.repeat(100)}",1`);
    expect(error.problem).toMatchObject({ code: 'not-a-number', line: 2, column: 'x2' });
    const text = (error.problem as { text: string }).text;
    expect(text).toBe(`evil[2J${'x'.repeat(32)}…`);
    expect(text).toHaveLength(40);
  });

  it('refuses a file of more than MAX_CSV_CHARACTERS characters before reading it', () => {
    const text = '1,2,0\n'.repeat(Math.ceil((MAX_CSV_CHARACTERS + 1) / 6));
    const error = csvError(text);
    expect(error.problem).toEqual({ code: 'too-large', characters: text.length, limit: MAX_CSV_CHARACTERS });
    expect(error.line).toBeNull();
  });

  it.each([
    ['an empty file', '', 'the file is empty: expected one point per line as x1, x2, label'],
    ['a file of blank lines and a BOM', '\uFEFF\r\n  \r\n', 'the file is empty: expected one point per line as x1, x2, label'],
    ['a header alone', 'x1,x2,label\n', 'the file holds 0 points: at least 4 are needed, some to train on and some to test on'],
    ['three points', '1,2,0\n3,4,1\n5,6,0\n', 'the file holds 3 points: at least 4 are needed, some to train on and some to test on'],
    ['one class', '1,2,1\n3,4,1\n5,6,1\n7,8,1', 'every point has the label 1: at least 2 classes are needed to learn a boundary'],
  ])('%s', (_, text, message) => {
    const error = csvError(text);
    expect(error.message).toBe(message);
    expect(error.line).toBeNull();
    expect(error.column).toBeNull();
  });

  it('refuses more than 100,000 points at the line of the first one too many', () => {
    const lines = Array.from({ length: MAX_CSV_POINTS + 1 }, (_, i) => `${i},${i},${i % 2}`);
    const error = csvError(['x1,x2,label', '', ...lines].join('\n'));
    expect(error.message).toBe('line 100003: the file holds more than 100000 points, the most one dataset can have');
    expect(error.line).toBe(MAX_CSV_POINTS + 3);
  });
});

describe('pointsToInlineDataset', () => {
  const points: CsvPoints = { x: Array.from({ length: 20 }, (_, i) => [i, -i]), y: Array.from({ length: 20 }, (_, i) => i % 3) };

  it('shuffles the points with the seed\'s data stream and keeps round(testFraction · n) for testing', () => {
    const dataset = pointsToInlineDataset(points, 0.25, 42);
    expect(dataset.name).toBe('inline');
    expect(dataset.x).toHaveLength(15);
    expect(dataset.test!.x).toHaveLength(5);
    // Every point once, still with its own label.
    const all = [...dataset.x, ...dataset.test!.x];
    expect(all.map(([x1]) => x1).sort((a, b) => a! - b!)).toEqual(points.x.map(([x1]) => x1));
    [...dataset.y, ...dataset.test!.y].forEach((label, i) => expect(label).toBe(all[i]![0]! % 3));
    expect(all.map(([x1]) => x1)).not.toEqual(points.x.map(([x1]) => x1));
    // Copies, not the caller's rows.
    expect(dataset.x.some((row) => points.x.includes(row))).toBe(false);

    expect(pointsToInlineDataset(points, 0.25, 42)).toEqual(dataset);
    expect(pointsToInlineDataset(points, 0.25, 43)).not.toEqual(dataset);
  });

  it('has no test split when testFraction rounds to no point, and refuses fractions that leave no training point', () => {
    const noTest = pointsToInlineDataset(points, 0, 1);
    expect(noTest.x).toHaveLength(20);
    expect(noTest).not.toHaveProperty('test');
    expect(pointsToInlineDataset(points, 0.9, 1).x).toHaveLength(2);
    expect(() => pointsToInlineDataset(points, 1, 1)).toThrow(RangeError);
    expect(() => pointsToInlineDataset(points, -0.1, 1)).toThrow('testFraction must be at least 0 and below 1, not -0.1');
    expect(() => pointsToInlineDataset({ x: [[0, 0]], y: [0] }, 0.6, 1)).toThrow('testFraction 0.6 of 1 points leaves no training points');
  });

  it('gives a spec the trainer accepts and learns from: a CSV of two clusters round trip', () => {
    const lines = ['x1;x2;label'];
    for (let i = 0; i < 200; i++) {
      const angle = (i * 2 * Math.PI) / 50;
      const radius = 0.2 + (i % 7) * 0.1;
      const [cx, cy, label] = i % 2 === 0 ? [-2, -2, -1] : [2, 2, 1];
      lines.push(`${(cx + radius * Math.cos(angle)).toFixed(4).replace('.', ',')};${(cy + radius * Math.sin(angle)).toFixed(4).replace('.', ',')};${label}`);
    }
    const points = parsePointsCsv(`\uFEFF${lines.join('\r\n')}\r\n`);
    expect(points.x).toHaveLength(200);
    expect(new Set(points.y)).toEqual(new Set([0, 1]));

    const spec = parseRunSpec({
      version: 1,
      seed: 5,
      dataset: pointsToInlineDataset(points, 0.3, 5),
      layers: [
        { units: 4, activation: 'tanh' },
        { units: 2, activation: 'softmax' },
      ],
      optimizer: { name: 'sgd', lr: 0.1 },
      training: { batchSize: 10, epochs: 10 },
    });
    const dataset = loadDataset(spec.dataset, spec.seed, {});
    expect(dataset).toMatchObject({ name: 'inline', inputSize: 2, numClasses: 2 });
    expect(dataset.train.x.rows).toBe(140);
    expect(dataset.test!.x.rows).toBe(60);

    const events: TrainingEvent[] = [];
    new Trainer(spec, dataset, { runId: 'csv', emit: (event) => events.push(event) }).runToEnd();
    const end = events[events.length - 1];
    expect(end).toMatchObject({ type: 'end', status: 'completed' });
    if (end?.type !== 'end') throw new Error('no end event');
    expect(end.final!.train.accuracy).toBe(1);
    expect(end.final!.test!.accuracy).toBe(1);
  });
});
