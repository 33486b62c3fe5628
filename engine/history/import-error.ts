import type { FieldProblem } from '../api/spec-error';

/** A file that cannot be imported; the message names what is wrong, and nothing was stored. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ImportError';
  }

  static fromProblems(problems: readonly FieldProblem[]): ImportError {
    const lines = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
    const shown = lines.slice(0, 5).join('\n');
    return new ImportError(`this file cannot be imported: ${shown}${lines.length > 5 ? `\n(and ${lines.length - 5} more problems)` : ''}`, problems);
  }
}
