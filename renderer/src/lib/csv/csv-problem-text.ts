import type { CsvColumn, CsvProblem, CsvSeparator } from '$engine/api/points-csv';
import { withParticle } from '$engine/lab/claims/wording/korean-particles';
import { translator, type Locale, type Translate } from '../i18n/locale';
import { csvMessages } from '../i18n/messages/csv';
import { pluralForm } from '../i18n/plural';

/** A problem of the CSV reader itself (its worker failed), not of the file. */
export interface CsvReaderStopped {
  code: 'reader-stopped';
  /** The browser's own words for the failure, shown only in English (they are English). */
  detail: string;
}

/** Everything the CSV import can say went wrong. */
export type CsvImportProblem = CsvProblem | CsvReaderStopped;

type CsvKey = keyof (typeof csvMessages)['ko'];

const COLUMN_KEYS: Record<CsvColumn, CsvKey> = { x1: 'columnX1', x2: 'columnX2', label: 'columnLabel' };
const SEPARATOR_KEYS: Record<CsvSeparator, CsvKey> = { tab: 'separatorTab', semicolon: 'separatorSemicolon', comma: 'separatorComma' };

/**
 * The problem as one line in the UI's language, where it is first (line, column), then what is wrong.
 * Text from the file was cleaned by the engine (plainText, cut short); here it is only quoted.
 */
export function csvProblemText(problem: CsvImportProblem, locale: Locale): string {
  const t = translator(csvMessages, locale);
  const what = t(problem.code, whatParams(problem, t, locale));
  if (!('line' in problem)) return what;
  if (!('column' in problem)) return t('at', { line: problem.line, what });
  return t('atColumn', { line: problem.line, column: t(COLUMN_KEYS[problem.column]), what });
}

/** The placeholders of the problem's text, Korean ones with the particle their word's final sound takes. */
function whatParams(problem: CsvImportProblem, t: Translate<CsvKey>, locale: Locale): Record<string, string | number> {
  const topic = (word: string) => (locale === 'ko' ? withParticle(word, '은/는') : word);
  const list = (words: readonly string[]) => words.reduce((first, second) => t('and', { first, second }));
  const subject = (words: readonly string[]) => withParticle(list(words), '이/가');
  switch (problem.code) {
    case 'columns':
      return { found: problem.found, separator: t(SEPARATOR_KEYS[problem.separator]) };
    case 'header-names':
      return {
        named: list(problem.named),
        missing: list(problem.missing),
        namedSubject: subject(problem.named),
        missingSubject: subject(problem.missing),
      };
    case 'not-a-number':
    case 'number-too-large':
      return { text: problem.text, textTopic: topic(`“${problem.text}”`) };
    case 'label-not-whole':
    case 'label-negative':
      return { label: problem.label, labelTopic: topic(String(problem.label)) };
    case 'label-too-large':
      return { label: problem.label, labelTopic: topic(String(problem.label)), classes: problem.classes, last: problem.classes - 1 };
    case 'labels-mixed':
      return { label: problem.label, labelTopic: topic(String(problem.label)), minusOneLine: problem.minusOneLine };
    case 'too-few-points':
      return { count: problem.count, minimum: problem.minimum, pointWord: t(`pointWord${pluralForm(locale, problem.count)}`) };
    case 'reader-stopped':
      return { detail: problem.detail };
    default: {
      const { code: _code, ...params } = problem;
      return params as Record<string, string | number>;
    }
  }
}
