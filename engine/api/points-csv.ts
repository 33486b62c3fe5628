import { MAX_UNITS } from './run-spec';
import Papa from 'papaparse';
import { randomStream } from '../nn/random';
import { plainText } from './plain-text';

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
 * Most characters a file may hold: 100,000 points written at full precision fit in under 5 million;
 * a larger file is not a set of points, and reading it would only cost time and memory.
 */
export const MAX_CSV_CHARACTERS = 16_000_000;
/** Longest stretch of a cell a message quotes (a hostile file's "cell" may be the rest of the file). */
const QUOTED_TEXT_LENGTH = 40;

/** The separators a file may use, as a problem names them. */
export type CsvSeparator = 'tab' | 'semicolon' | 'comma';

/**
 * Why a file cannot be read as points: a code and what the message needs, so the UI says it in its
 * own language (renderer/src/lib/i18n/messages/csv.ts) and the engine in English (CsvError).
 * `line` is the 1-based line of the file (blank lines counted, as an editor shows them); `text` is
 * the file's own text, without control or bidi characters and cut to a few dozen characters.
 */
export type CsvProblem =
  | { code: 'too-large'; characters: number; limit: number }
  | { code: 'empty' }
  | { code: 'quote-not-closed'; line: number }
  | { code: 'quote-misplaced'; line: number }
  | { code: 'columns'; line: number; found: number; separator: CsvSeparator }
  | { code: 'header-names'; line: number; named: CsvColumn[]; missing: CsvColumn[] }
  | { code: 'too-many-points'; line: number; limit: number }
  | { code: 'empty-cell'; line: number; column: CsvColumn }
  | { code: 'not-a-number'; line: number; column: CsvColumn; text: string }
  | { code: 'number-too-large'; line: number; column: CsvColumn; text: string }
  | { code: 'label-not-whole'; line: number; column: 'label'; label: number }
  | { code: 'label-negative'; line: number; column: 'label'; label: number }
  | { code: 'label-too-large'; line: number; column: 'label'; label: number; classes: number }
  | { code: 'labels-mixed'; line: number; column: 'label'; label: number; minusOneLine: number }
  | { code: 'too-few-points'; count: number; minimum: number }
  | { code: 'one-class'; label: number };

export type CsvProblemCode = CsvProblem['code'];

/**
 * A CSV file that cannot be read as points: its problem (code and parameters) and that problem in
 * English, line and column first: `line 7, column x2: "abc" is not a number`.
 */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  readonly problem: CsvProblem;

  constructor(problem: CsvProblem) {
    super(englishProblem(problem));
    this.problem = problem;
  }

  get line(): number | null {
    return 'line' in this.problem ? this.problem.line : null;
  }

  get column(): CsvColumn | null {
    return 'column' in this.problem ? this.problem.column : null;
  }
}

/** Points read from a CSV file: inputs (x1, x2) and class indices 0 … k−1. */
export interface CsvPoints {
  x: number[][];
  y: number[];
}

/** A number as people write them in CSV files: 1, -0.5, .5, 1e-3 (not "", 0x10, NaN or Infinity). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A decimal comma (1,5): with "," separators only a quoted cell can hold one. */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

const SEPARATORS: Record<CsvSeparator, string> = { tab: '\t', semicolon: ';', comma: ',' };

/**
 * Reads points from CSV text: three columns x1, x2, label per line. Papa Parse splits the text into
 * cells (quotes, separators inside quotes, "" inside quotes, line endings); what the cells must be
 * is checked here.
 * - Separator: a tab, ";" or ",", whichever the first line holds outside quotes (in that order of
 *   preference).
 * - Decimal commas (1,5) are read as 1.5 wherever a cell can hold one: in every cell with ";" or
 *   tab separators, in quoted cells ("1,5") with ",". A comma is never a thousands separator.
 * - Header: optional; the first line is one when any of its cells is not a number. Columns named
 *   x1, x2 and label (any order, any case) are read by name, other names in the order x1, x2,
 *   label; a header naming some of the three out of that order (x1, label, foo) is refused.
 * - Ignored: a UTF-8 byte order mark, blank lines (and lines of separators alone, as spreadsheets
 *   write empty rows), whitespace around cells, double quotes around a cell; lines may end in \n,
 *   \r\n or \r.
 * - Labels are class indices: whole numbers 0, 1, 2, … (below MAX_UNITS). Files labelled -1 and 1
 *   (TensorFlow Playground, SVM data) are read too, -1 as class 0 and 1 as class 1; in such a file
 *   every label must be -1 or 1.
 * - At most MAX_CSV_CHARACTERS characters; between MIN_CSV_POINTS and MAX_CSV_POINTS points, with
 *   at least 2 classes.
 * Throws CsvError with the first fault; reading stops there, so a hostile file costs one pass at most.
 */
export function parsePointsCsv(text: string): CsvPoints {
  if (text.length > MAX_CSV_CHARACTERS) throw new CsvError({ code: 'too-large', characters: text.length, limit: MAX_CSV_CHARACTERS });
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const separator = detectSeparator(body);
  const reader = new PointsReader(separator);
  let fault: CsvError | null = null;
  Papa.parse<string[]>(body, {
    delimiter: SEPARATORS[separator],
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
    step: (row, parser) => {
      try {
        reader.take(row.data, row.errors);
      } catch (error) {
        if (!(error instanceof CsvError)) throw error;
        fault = error;
        parser.abort();
      }
    },
  });
  if (fault) throw fault;
  return reader.finish();
}

/** The rows of one file, checked as they come. */
class PointsReader {
  readonly #separator: CsvSeparator;
  #line = 1;
  #order: number[] | null = null;
  readonly #x: number[][] = [];
  readonly #labels: number[] = [];
  readonly #labelLines: number[] = [];

  constructor(separator: CsvSeparator) {
    this.#separator = separator;
  }

  take(raw: string[], errors: readonly Papa.ParseError[]): void {
    const line = this.#line;
    // A row spans more than one line when a quoted cell holds a line break.
    this.#line += 1 + raw.reduce((breaks, cell) => breaks + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    const quoteError = errors.find((error) => error.type === 'Quotes');
    if (quoteError) throw new CsvError({ code: quoteError.code === 'MissingQuotes' ? 'quote-not-closed' : 'quote-misplaced', line });
    const cells = raw.map(unquote);
    if (cells.every((cell) => cell === '')) return;
    if (cells.length !== COLUMNS.length) throw new CsvError({ code: 'columns', line, found: cells.length, separator: this.#separator });
    if (this.#order === null) {
      const hasHeader = cells.some((cell) => !isNumber(cell));
      this.#order = hasHeader ? columnOrder(cells, line) : [0, 1, 2];
      if (hasHeader) return;
    }
    if (this.#x.length === MAX_CSV_POINTS) throw new CsvError({ code: 'too-many-points', line, limit: MAX_CSV_POINTS });
    const [x1, x2, label] = COLUMNS.map((column, i) => readNumber(cells[this.#order![i]!]!, line, column));
    checkLabel(label!, line);
    this.#x.push([x1!, x2!]);
    this.#labels.push(label!);
    this.#labelLines.push(line);
  }

  finish(): CsvPoints {
    if (this.#order === null) throw new CsvError({ code: 'empty' });
    const count = this.#x.length;
    if (count < MIN_CSV_POINTS) throw new CsvError({ code: 'too-few-points', count, minimum: MIN_CSV_POINTS });
    const y = classIndices(this.#labels, this.#labelLines);
    if (new Set(y).size < 2) throw new CsvError({ code: 'one-class', label: this.#labels[0]! });
    return { x: this.#x, y };
  }
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

/** The separator of the first line that is not blank, looking outside quoted cells. */
function detectSeparator(text: string): CsvSeparator {
  const first = /[^\r\n]*\S[^\r\n]*/.exec(text)?.[0] ?? '';
  const unquoted = first.replace(/"[^"]*"/g, '');
  if (unquoted.includes('\t')) return 'tab';
  if (unquoted.includes(';')) return 'semicolon';
  return 'comma';
}

/** A cell without the spaces around it, and without quotes Papa Parse left (spaces before the opening quote). */
function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

function isNumber(cell: string): boolean {
  return NUMBER.test(cell) || DECIMAL_COMMA.test(cell);
}

/** A file's text as a message quotes it: what shows, and no more than a few dozen characters. */
function quoted(cell: string): string {
  const shown = plainText(cell);
  return shown.length > QUOTED_TEXT_LENGTH ? `${shown.slice(0, QUOTED_TEXT_LENGTH - 1)}…` : shown;
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
  throw new CsvError({ code: 'header-names', line, named, missing });
}

function readNumber(cell: string, line: number, column: CsvColumn): number {
  if (cell === '') throw new CsvError({ code: 'empty-cell', line, column });
  if (!isNumber(cell)) throw new CsvError({ code: 'not-a-number', line, column, text: quoted(cell) });
  const value = Number(NUMBER.test(cell) ? cell : cell.replace(',', '.'));
  if (!Number.isFinite(value)) throw new CsvError({ code: 'number-too-large', line, column, text: quoted(cell) });
  return value;
}

/** A label as a class index: a whole number from -1 (a -1/1 file's class 0) to MAX_UNITS − 1. */
function checkLabel(label: number, line: number): void {
  if (!Number.isInteger(label)) throw new CsvError({ code: 'label-not-whole', line, column: 'label', label });
  if (label < -1) throw new CsvError({ code: 'label-negative', line, column: 'label', label });
  if (label >= MAX_UNITS) throw new CsvError({ code: 'label-too-large', line, column: 'label', label, classes: MAX_UNITS });
}

/**
 * Checked labels as class indices: as they are, or in a file with -1 labels, where every label must
 * be -1 or 1, -1 as 0. `lines` holds each label's line, for errors.
 */
function classIndices(labels: number[], lines: number[]): number[] {
  const minusOne = labels.indexOf(-1);
  if (minusOne === -1) return labels;
  const other = labels.findIndex((label) => label !== -1 && label !== 1);
  if (other !== -1) throw new CsvError({ code: 'labels-mixed', line: lines[other]!, column: 'label', label: labels[other]!, minusOneLine: lines[minusOne]! });
  return labels.map((label) => (label === 1 ? 1 : 0));
}

const SEPARATOR_WORDS: Record<CsvSeparator, string> = { tab: 'tabs', semicolon: '";"', comma: '","' };

/** The problem as the engine says it (the CLI, logs): line and column first. */
function englishProblem(problem: CsvProblem): string {
  const where = 'line' in problem ? `line ${problem.line}${'column' in problem ? `, column ${problem.column}` : ''}: ` : '';
  return where + englishWhat(problem);
}

function englishWhat(problem: CsvProblem): string {
  switch (problem.code) {
    case 'too-large':
      return `the file holds ${problem.characters} characters, more than the ${problem.limit} a CSV file of points may hold`;
    case 'empty':
      return 'the file is empty: expected one point per line as x1, x2, label';
    case 'quote-not-closed':
      return 'a quoted cell is never closed: a " opens it and no " ends it';
    case 'quote-misplaced':
      return 'a quote is misplaced: a quoted cell must end where its cell ends';
    case 'columns':
      return `expected 3 columns (x1, x2, label) separated by ${SEPARATOR_WORDS[problem.separator]}, found ${problem.found}`;
    case 'header-names':
      return `the header names ${problem.named.join(' and ')} but not ${problem.missing.join(' and ')}: name the columns x1, x2 and label (in any order), or give names that are none of these, read in the order x1, x2, label`;
    case 'too-many-points':
      return `the file holds more than ${problem.limit} points, the most one dataset can have`;
    case 'empty-cell':
      return 'is empty: every point needs x1, x2 and a label';
    case 'not-a-number':
      return `"${problem.text}" is not a number`;
    case 'number-too-large':
      return `"${problem.text}" is too large`;
    case 'label-not-whole':
      return `${problem.label} is not a whole number: labels are classes 0, 1, 2, … (or -1 and 1)`;
    case 'label-negative':
      return `${problem.label} is negative: labels are classes 0, 1, 2, … (or -1 and 1)`;
    case 'label-too-large':
      return `${problem.label} is too large: at most ${problem.classes} classes (0 to ${problem.classes - 1})`;
    case 'labels-mixed':
      return `${problem.label} in a file whose line ${problem.minusOneLine} has the label -1: labels are either classes 0, 1, 2, … or -1 and 1, not both`;
    case 'too-few-points':
      return `the file holds ${problem.count} point${problem.count === 1 ? '' : 's'}: at least ${problem.minimum} are needed, some to train on and some to test on`;
    case 'one-class':
      return `every point has the label ${problem.label}: at least 2 classes are needed to learn a boundary`;
  }
}
