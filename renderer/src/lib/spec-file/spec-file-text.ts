import { plainText } from '$engine/api/plain-text';
import { withParticle } from '$engine/lab/claims/wording/korean-particles';
import type { Locale } from '../i18n/locale';
import { translator } from '../i18n/locale';
import { specFileMessages } from '../i18n/messages/spec-file';
import { problemText } from '../i18n/problem-text';
import { MAX_SPEC_FILE_BYTES, type SpecFileProblem } from './spec-file';

/** A file name as the object of a Korean sentence ("원.json을"), as it is in English; hidden characters removed. */
export function fileObject(name: string, locale: Locale): string {
  const shown = plainText(name);
  return locale === 'ko' ? withParticle(shown, '을/를') : shown;
}

/** Why a file did not open, in one line in the UI's language; a spec problem names its field. */
export function specFileProblemText(problem: SpecFileProblem, locale: Locale): string {
  const t = translator(specFileMessages, locale);
  switch (problem.kind) {
    case 'too-large':
      return t('tooLarge', { size: megabytes(problem.bytes), max: megabytes(MAX_SPEC_FILE_BYTES) });
    case 'not-json':
      return problem.line === null ? t('notJson') : t('notJsonAt', { line: problem.line, column: problem.column ?? 1 });
    case 'forbidden-key':
      return t('forbiddenKey');
    case 'spec': {
      const first = problemText(problem.problems[0]!, locale);
      return problem.problems.length > 1 ? t('moreProblems', { problem: first, n: problem.problems.length - 1 }) : first;
    }
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
