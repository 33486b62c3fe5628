import { MAX_UNITS } from './run-spec';
import { randomStream } from '../nn/random';

/**
 * A student's own 2-D data from a CSV file (TensorFlow Playground's most requested feature): one
 * point per line as x1, x2, label, read into the inline dataset of a RunSpec.
 */

/** Most points a file may hold (a toy set's `samples` stops at the same number). */
export const MAX_CSV_POINTS = 100_000;
/** Fewest points a file must hold: some to train on, some to test on. */
export const MIN_CSV_POINTS = 4;

export type CsvColumn = 'x1' | 'x2' | 'label';
const COLUMNS: readonly CsvColumn[] = ['x1', 'x2', 'label'];

/**
 * A CSV file that cannot be read as points. `line` is the 1-based line of the file (blank lines
 * counted, as an editor shows them) and `column` the column's role, when the fault is in one;
 * both are null for faults of the whole file (too few points, a single class). The message starts
 * with them: `line 7, column x2: "abc" is not a number`.
 */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  readonly line: number | null;
  readonly column: CsvColumn | null;

  constructor(line: number | null, column: CsvColumn | null, problem: string) {
    super(line === null ? problem : `line ${line}${column === null ? '' : `, column ${column}`}: ${problem}`);
    this.line = line;
    this.column = column;
  }
}

/** Points read from a CSV file: inputs (x1, x2) and class indices 0 … k−1. */
export interface CsvPoints {
  x: number[][];
  y: number[];
}

/** A number as people write them in CSV files: 1, -0.5, .5, 1e-3 (not "", 0x10, NaN or Infinity). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A decimal comma (1,5), read as a decimal point when the separator is ";" or a tab. */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * Reads points from CSV text: three columns x1, x2, label per line.
 * - Separator: a tab, ";" or ",", whichever the first line holds (in that order of preference);
 *   with ";" or a tab, a decimal comma (1,5) is read as 1.5 (spreadsheets in many locales).
 * - Header: optional; the first line is one when any of its cells is not a number. Columns named
 *   x1, x2 and label (any order, any case) are read by name, other names in the order x1, x2,
 *   label; a header naming some of the three out of that order (x1, label, foo) is refused.
 * - Ignored: a UTF-8 byte order mark, blank lines, whitespace around cells, double quotes around a
 *   cell; lines may end in \n, \r\n or \r.
 * - Labels are class indices: whole numbers 0, 1, 2, … (below MAX_UNITS). Files labelled -1 and 1
 *   (TensorFlow Playground, SVM data) are read too, -1 as class 0 and 1 as class 1; in such a file
 *   every label must be -1 or 1.
 * - Between MIN_CSV_POINTS and MAX_CSV_POINTS points, with at least 2 classes.
 * Throws CsvError naming the line and column of the first fault.
 */
export function parsePointsCsv(text: string): CsvPoints {
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\r|\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1) throw new CsvError(null, null, 'the file is empty: expected one point per line as x1, x2, label');
  const separator = detectSeparator(lines[first]!);
  const readCells = (index: number): string[] => {
    const cells = lines[index]!.split(separator).map(unquote);
    if (cells.length !== COLUMNS.length) {
      throw new CsvError(index + 1, null, `expected 3 columns (x1, x2, label) separated by ${SEPARATOR_NAMES[separator]}, found ${cells.length}`);
    }
    return cells;
  };

  const firstCells = readCells(first);
  const hasHeader = firstCells.some((cell) => !isNumber(cell, separator));
  const order = hasHeader ? columnOrder(firstCells, first + 1) : [0, 1, 2];
  const x: number[][] = [];
  const labels: number[] = [];
  const labelLines: number[] = [];
  for (let index = hasHeader ? first + 1 : first; index < lines.length; index++) {
    if (lines[index]!.trim() === '') continue;
    const line = index + 1;
    if (x.length === MAX_CSV_POINTS) throw new CsvError(line, null, `the file holds more than ${MAX_CSV_POINTS} points, the most one dataset can have`);
    const cells = readCells(index);
    const [x1, x2, label] = COLUMNS.map((column, i) => readNumber(cells[order[i]!]!, separator, line, column));
    checkLabel(label!, line);
    x.push([x1!, x2!]);
    labels.push(label!);
    labelLines.push(line);
  }
  if (x.length < MIN_CSV_POINTS) {
    throw new CsvError(null, null, `the file holds ${x.length} point${x.length === 1 ? '' : 's'}: at least ${MIN_CSV_POINTS} are needed, some to train on and some to test on`);
  }
  const y = classIndices(labels, labelLines);
  const classes = new Set(y);
  if (classes.size < 2) throw new CsvError(null, null, `every point has the label ${labels[0]}: at least 2 classes are needed to learn a boundary`);
  return { x, y };
}

/** An inline dataset spec of points, split into training and test rows. */
export interface InlinePointsSpec {
  name: 'inline';
  x: number[][];
  y: number[];
  test?: { x: number[][]; y: number[] };
}

/**
 * The inline dataset of a RunSpec for `points`, split as the toy sets are: the points shuffled
 * with `randomStream(seed, 'data')`, the last round(testFraction · n) of them the test split (no
 * test split when that is 0). Same points, fraction and seed ⇒ the same split. Throws RangeError
 * when testFraction is outside [0, 1) or leaves no training point.
 */
export function pointsToInlineDataset(points: CsvPoints, testFraction: number, seed: number): InlinePointsSpec {
  const count = points.x.length;
  if (points.y.length !== count) throw new RangeError(`${count} points but ${points.y.length} labels`);
  if (!(testFraction >= 0 && testFraction < 1)) throw new RangeError(`testFraction must be at least 0 and below 1, not ${testFraction}`);
  const testCount = Math.round(testFraction * count);
  if (testCount >= count) throw new RangeError(`testFraction ${testFraction} of ${count} points leaves no training points`);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  randomStream(seed, 'data').shuffle(order);
  const take = (rows: Int32Array) => ({ x: Array.from(rows, (r) => [...points.x[r]!]), y: Array.from(rows, (r) => points.y[r]!) });
  const trainCount = count - testCount;
  const train = take(order.subarray(0, trainCount));
  return testCount === 0 ? { name: 'inline', ...train } : { name: 'inline', ...train, test: take(order.subarray(trainCount)) };
}

const SEPARATOR_NAMES: Record<string, string> = { '\t': 'tabs', ';': '";"', ',': '","' };

function detectSeparator(line: string): string {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  return ',';
}

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

function isNumber(cell: string, separator: string): boolean {
  return NUMBER.test(cell) || (separator !== ',' && DECIMAL_COMMA.test(cell));
}

/**
 * Which cell holds x1, x2 and label: by name when the header names all three; else in order, unless
 * a name the header does use sits elsewhere than its place in that order (x1, label, foo).
 */
function columnOrder(header: string[], line: number): number[] {
  const names = header.map((cell) => cell.toLowerCase());
  const found = COLUMNS.map((column) => names.indexOf(column));
  if (found.every((index) => index !== -1)) return found;
  if (found.every((index, i) => index === -1 || index === i)) return [0, 1, 2];
  const named = COLUMNS.filter((_, i) => found[i] !== -1);
  const missing = COLUMNS.filter((_, i) => found[i] === -1);
  throw new CsvError(
    line,
    null,
    `the header names ${named.join(' and ')} but not ${missing.join(' and ')}: name the columns x1, x2 and label (in any order), ` +
      'or give names that are none of these, read in the order x1, x2, label',
  );
}

function readNumber(cell: string, separator: string, line: number, column: CsvColumn): number {
  if (cell === '') throw new CsvError(line, column, 'is empty: every point needs x1, x2 and a label');
  if (!isNumber(cell, separator)) throw new CsvError(line, column, `"${cell}" is not a number`);
  const value = Number(NUMBER.test(cell) ? cell : cell.replace(',', '.'));
  if (!Number.isFinite(value)) throw new CsvError(line, column, `"${cell}" is too large`);
  return value;
}

/** A label as a class index: a whole number from -1 (a -1/1 file's class 0) to MAX_UNITS − 1. */
function checkLabel(label: number, line: number): void {
  const problem = !Number.isInteger(label)
    ? `${label} is not a whole number: labels are classes 0, 1, 2, … (or -1 and 1)`
    : label < -1
      ? `${label} is negative: labels are classes 0, 1, 2, … (or -1 and 1)`
      : label >= MAX_UNITS
        ? `${label} is too large: at most ${MAX_UNITS} classes (0 to ${MAX_UNITS - 1})`
        : null;
  if (problem !== null) throw new CsvError(line, 'label', problem);
}

/**
 * Checked labels as class indices: as they are, or in a file with -1 labels, where every label must
 * be -1 or 1, -1 as 0. `lines` holds each label's line, for errors.
 */
function classIndices(labels: number[], lines: number[]): number[] {
  const minusOne = labels.indexOf(-1);
  if (minusOne === -1) return labels;
  const other = labels.findIndex((label) => label !== -1 && label !== 1);
  if (other !== -1) {
    throw new CsvError(
      lines[other]!,
      'label',
      `${labels[other]} in a file whose line ${lines[minusOne]} has the label -1: labels are either classes 0, 1, 2, … or -1 and 1, not both`,
    );
  }
  return labels.map((label) => (label === 1 ? 1 : 0));
}
