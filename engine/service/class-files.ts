import { randomUUID } from 'node:crypto';
import { NewPackSchema, StudentIdentitySchema, type LabPack, type PackOpenOutcome, type PackSheet, type StudentIdentity } from '../api/lab-pack';
import { parseRunSpec } from '../api/parse-run-spec';
import { SpecError, fieldPath, problemsFromZod, type FieldProblem } from '../api/spec-error';
import { writeHandIn } from '../history/hand-in-file';
import { HistoryError } from '../history/history-error';
import { ImportError } from '../history/import-error';
import type { HandInContent } from '../history/hand-in-file';
import { expectHandIn, readLabFile, readPackFile, type LabFileContent } from '../history/lab-file';
import { writePackFile } from '../history/lab-pack-file';
import { storeRunFileContent } from '../history/run-file';
import type { ImportResult, RunHistory } from '../history/run-history';
import { findLabSheet } from '../lab/lab-sheets';
import { findPreset } from '../lab/presets';
import { prepareClassRunFacts } from './class/class-summary';

/**
 * The class's files as the app and the CLI make and take them: a lab pack made from what the
 * teacher chose (checked against the lab content this NN Lab has), opened into a history, a
 * student's hand-in made from a history, and any NN Lab file imported by what it is.
 */

export interface FileOptions {
  appVersion?: string;
  now?: () => number;
}

/** Why the pack's sheets and presets are not ones this NN Lab has, as problems (none when all are known). */
export function unknownLabContent(pack: Pick<LabPack, 'sheets' | 'presets'>, at: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  pack.sheets.forEach((sheet, i) => {
    if (sheet.kind === 'built-in' && findLabSheet(sheet.id) === undefined) problems.push({ field: `${at}sheets[${i}]`, message: `"${sheet.id}" is not a lab sheet of this NN Lab` });
  });
  pack.presets.forEach((id, i) => {
    if (findPreset(id) === undefined) problems.push({ field: `${at}presets[${i}]`, message: `"${id}" is not a preset of this NN Lab (list them with "nnlab presets")` });
  });
  return problems;
}

/**
 * A new lab pack from what a teacher chose (NewPack: built-in sheet ids or own sheets, preset
 * ids, specs), with a fresh id (or `id`, for a newer version of a pack) and its file's bytes.
 * Throws SpecError naming every field that is wrong.
 */
export function createPack(input: unknown, options: FileOptions & { id?: string } = {}): { pack: LabPack; data: Buffer } {
  const parsed = NewPackSchema.safeParse(input);
  if (!parsed.success) {
    throw new SpecError(problemsFromZod(parsed.error).map((p, i) => ({ field: fieldPath(parsed.error.issues[i]!.path), message: p.message })));
  }
  const chosen = parsed.data;
  const id = (options.id ?? randomUUID()).toLowerCase();
  let own = 0;
  const sheets = (chosen.sheets ?? []).map((sheet): PackSheet => (typeof sheet === 'string' ? { kind: 'built-in', id: sheet } : { kind: 'own', id: `p${id.slice(0, 8)}-${++own}`, title: sheet.title, text: sheet.text }));
  const problems: FieldProblem[] = [];
  const specs = (chosen.specs ?? []).flatMap((spec, i) => {
    try {
      return [parseRunSpec(spec)];
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      problems.push(...error.problems.map((p) => ({ field: p.field ? `specs[${i}].${p.field}` : `specs[${i}]`, message: p.message })));
      return [];
    }
  });
  const pack: LabPack = {
    id,
    title: chosen.title,
    className: chosen.className,
    teacher: chosen.teacher ?? '',
    note: chosen.note === undefined || chosen.note.trim() === '' ? null : chosen.note,
    due: chosen.due ?? null,
    sheets,
    presets: chosen.presets ?? [],
    specs,
    updatedAt: new Date((options.now ?? Date.now)()).toISOString(),
  };
  problems.push(...unknownLabContent(pack, ''));
  if (problems.length > 0) throw new SpecError(problems);
  return { pack, data: writePackFile(pack, options) };
}

/** Opens a lab pack file into the history (validated first: nothing is stored from a bad file). */
export function openPack(history: RunHistory, data: Uint8Array, options: { now?: () => number } = {}): PackOpenOutcome {
  const { pack } = readPackFile(data, options);
  const unknown = unknownLabContent(pack, 'payload.');
  if (unknown.length > 0) throw ImportError.fromProblems(unknown);
  return history.keepPack(pack);
}

/** The student identity to stamp: the one given (which then becomes the PC's), else the stored one. */
export function studentFor(history: RunHistory, given: unknown): StudentIdentity {
  if (given !== undefined) {
    const parsed = StudentIdentitySchema.safeParse(given);
    if (!parsed.success) throw new HistoryError('invalid-argument', `the student ${fieldPath(parsed.error.issues[0]!.path)} ${parsed.error.issues[0]!.message}`);
    history.setStudent(parsed.data);
    return parsed.data;
  }
  const stored = history.getStudent();
  if (stored === null) throw new HistoryError('invalid-argument', 'enter your name and student number first: a hand-in says whose it is');
  return stored;
}

/** A student's hand-in for a pack opened in this history: its file's bytes and what it holds. */
export function makeHandIn(history: RunHistory, packIdOrPrefix: string, student: unknown, options: FileOptions = {}): { packId: string; student: StudentIdentity; runs: number; entries: number; data: Buffer } {
  const pack = history.getPack(packIdOrPrefix);
  const identity = studentFor(history, student);
  const made = writeHandIn(history, pack, identity, options);
  return { packId: pack.id, student: identity, ...made };
}

/** Stores a validated runs file or hand-in; a lab pack is refused (it is opened, not imported). */
export function storeLabFile(history: RunHistory, read: LabFileContent, options: { withNotebook?: boolean } = {}): ImportResult {
  if (read.kind === 'runs') return storeRunFileContent(history, read.content, options);
  if (read.kind === 'hand-in') {
    keepCarriedPack(history, read.content);
    return withClassRunFacts(history, history.insertHandIn(read.content));
  }
  throw new ImportError('this is a lab pack, not runs: open it with "Open pack" (nnlab pack open FILE)');
}

/**
 * storeLabFile with the event loop turning between the file's runs: each run is inserted in a
 * transaction of its own, then the notebook (or the hand-in's) in one more. Storing a hand-in of
 * ten MNIST runs at once held the thread for a few hundred ms (bench/class-import.ts), and the
 * app's window or the browser host's every request with it. A run that cannot be stored removes
 * the file's runs stored before it, so a refused file leaves nothing, as storeLabFile's one
 * transaction does.
 */
export async function storeLabFileYielding(history: RunHistory, read: LabFileContent, options: { withNotebook?: boolean } = {}): Promise<ImportResult> {
  if (read.kind === 'pack') return storeLabFile(history, read, options);
  if (read.kind === 'hand-in') keepCarriedPack(history, read.content);
  const stamp = read.kind === 'hand-in' ? { author: read.content.stamp.student, packId: read.content.stamp.packId } : null;
  const imported: string[] = [];
  const skipped: ImportResult['skipped'] = [];
  try {
    for (const record of read.content.runs) {
      if (history.insertRecord(record, stamp)) imported.push(record.id);
      else skipped.push({ id: record.id, name: record.name, reason: 'a run with this id is already in the history' });
      await new Promise((resolve) => setImmediate(resolve));
    }
    const rest = read.kind === 'runs' ? storeLabFile(history, { kind: 'runs', content: { ...read.content, runs: [] } }, options) : storeLabFile(history, { kind: 'hand-in', content: { ...read.content, runs: [] } }, options);
    // The facts of the hand-in's runs, now that they are all in (the class view opens on them).
    return withClassRunFacts(history, { ...rest, imported, skipped });
  } catch (error) {
    for (const id of imported) {
      try {
        history.deleteRun(id);
      } catch {
        // The history cannot be written at all now (the error above says why): the runs stay, and a re-import skips them.
      }
    }
    throw error;
  }
}

/** A hand-in only (validated on this thread): a runs file or a pack is refused saying what it is. */
export function importHandIn(history: RunHistory, data: Uint8Array, options: { now?: () => number } = {}): ImportResult {
  return storeLabFile(history, { kind: 'hand-in', content: expectHandIn(readLabFile(data, options)) });
}

/**
 * The pack a hand-in carries, kept in the teacher's history when it has none of that version (a
 * pack made on another PC, or with `nnlab pack create`): the class view needs its sheets. A pack
 * naming sheets or presets this NN Lab does not have is left out (as opening it would refuse it);
 * the hand-in's runs and answers still come in.
 */
function keepCarriedPack(history: RunHistory, content: HandInContent): void {
  if (content.pack === undefined || unknownLabContent(content.pack, '').length > 0) return;
  history.keepPack(content.pack);
}

/**
 * After a hand-in's runs are stored, the class view's facts of the pack's new runs are computed
 * (once per run, so the class view of a whole class opens at once). The runs are stored already:
 * facts that cannot be computed now are computed when the class view opens.
 */
function withClassRunFacts(history: RunHistory, result: ImportResult): ImportResult {
  if (result.handIn !== undefined && result.imported.length > 0) {
    try {
      prepareClassRunFacts(history, result.handIn.packId, result.imported);
    } catch {
      // Left for the class view to compute (see classRunFacts).
    }
  }
  return result;
}
