import { mayHoldForbiddenKey, parseUntrustedJson, ForbiddenKeyError } from '$engine/api/untrusted-json';
import { parseRunSpec } from '$engine/api/parse-run-spec';
import { plainText } from '$engine/api/plain-text';
import type { RunSpec } from '$engine/api/run-spec';
import { SpecError, type FieldProblem } from '$engine/api/spec-error';

/**
 * A spec file: the builder's current RunSpec as plain JSON, the same file `nnlab train --spec FILE`
 * reads. The name ends in `.json` (any editor opens it) with `.nnlab-spec` before it, so a folder
 * of them says what they are; opening accepts any `.json`, such as resources/examples/*.json.
 */
export const SPEC_FILE_SUFFIX = '.nnlab-spec.json';

/**
 * The largest spec file opened. A spec's size is its inline data: 100,000 CSV points (the CSV
 * limit) written out take about 5 MB; anything larger is not a spec and is not read.
 */
export const MAX_SPEC_FILE_BYTES = 16 * 1024 * 1024;

/** Why a file is not a spec (the builder says it in the UI's language: spec-file-text.ts). */
export type SpecFileProblem =
  | { kind: 'too-large'; bytes: number }
  | { kind: 'not-json'; line: number | null; column: number | null }
  | { kind: 'forbidden-key' }
  | { kind: 'spec'; problems: readonly FieldProblem[] };

export class SpecFileError extends Error {
  override readonly name = 'SpecFileError';
  constructor(readonly problem: SpecFileProblem) {
    super(problem.kind === 'spec' ? problem.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ') : problem.kind);
  }
}

/** True for a file name the builder opens as a spec (dropped files of other kinds go elsewhere). */
export function isSpecFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.json');
}

/** The file's text: the spec with every default filled in, so it trains the same under a later version's defaults. */
export function specFileText(spec: RunSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/**
 * "원,-tanh.nnlab-spec.json" from the spec's name; without one, from its dataset and layer widths
 * ("circle-4-2-2.nnlab-spec.json"). Safe on Windows: no reserved characters, at most 100 before the suffix.
 */
export function specFileName(spec: RunSpec): string {
  const safe = (text: string) =>
    plainText(text)
      .trim()
      .replace(/[<>:"/\\|?*]/g, '_')
      .replace(/\s+/g, '-')
      .slice(0, 100)
      .replace(/[.\s-]+$/, '');
  return `${safe(spec.name ?? '') || safe([spec.dataset.name, ...spec.layers.map((layer) => layer.units)].join('-'))}${SPEC_FILE_SUFFIX}`;
}

/**
 * A spec from a file's text, checked as the engine checks every spec (parseRunSpec), or
 * SpecFileError saying why not. A byte order mark (Notepad writes one) is skipped; a name with
 * control or bidi characters keeps only what shows.
 */
export function parseSpecFileText(text: string): RunSpec {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let json: unknown;
  try {
    json = mayHoldForbiddenKey(body) ? parseUntrustedJson(body, 'the spec file') : JSON.parse(body);
  } catch (error) {
    if (error instanceof ForbiddenKeyError) throw new SpecFileError({ kind: 'forbidden-key' });
    throw new SpecFileError({ kind: 'not-json', ...jsonErrorPlace(body, error) });
  }
  let spec: RunSpec;
  try {
    spec = parseRunSpec(json);
  } catch (error) {
    if (error instanceof SpecError) throw new SpecFileError({ kind: 'spec', problems: error.problems });
    throw error;
  }
  return spec.name === undefined ? spec : { ...spec, name: plainText(spec.name) };
}

/** A file chosen or dropped: refused by its size before a byte is read, then parsed. */
export async function readSpecFile(file: { size: number; text(): Promise<string> }): Promise<RunSpec> {
  if (file.size > MAX_SPEC_FILE_BYTES) throw new SpecFileError({ kind: 'too-large', bytes: file.size });
  return parseSpecFileText(await file.text());
}

/**
 * A bash command that trains the spec: `nnlab train --spec -` reading the file's text from a
 * here-document. Its delimiter is quoted, so the shell expands nothing inside; no line of the JSON
 * can be the bare delimiter (JSON's lines are indented or punctuation, its strings quoted).
 */
export const COMMAND_DELIMITER = 'NNLAB_SPEC';

export function nnlabCommand(spec: RunSpec): string {
  return `nnlab train --spec - <<'${COMMAND_DELIMITER}'\n${specFileText(spec)}${COMMAND_DELIMITER}\n`;
}

/** Line and column (1-based) of a JSON syntax error, from the position V8 names, or nulls. */
function jsonErrorPlace(text: string, error: unknown): { line: number | null; column: number | null } {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  const at = position ? Number(position[1]) : /Unexpected end of JSON input/.test(message) ? text.length : null;
  if (at === null) return { line: null, column: null };
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
