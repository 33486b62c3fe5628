import type { z } from 'zod';

/** One problem with a RunSpec (or other input), naming the field in JSON-path form, e.g. `layers[1].activation`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Bad input: every problem found, each naming its field. Its message lists them one per line. */
export class SpecError extends Error {
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('\n'));
    this.name = 'SpecError';
  }

  /** A SpecError with a single problem. */
  static of(field: string, message: string): SpecError {
    return new SpecError([{ field, message }]);
  }
}

/** `["layers", 1, "activation"]` → `layers[1].activation`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** zod issues as field problems, with messages a student can act on. */
export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = fieldPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return { field, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
    }
    if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return { field, message: 'is required' };
    if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected')) {
      return { field, message: issue.message.replace('Invalid input: expected', 'must be a').replace(', received', ', not a') };
    }
    return { field, message: issue.message };
  });
}
