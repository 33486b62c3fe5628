import { NewPackSchema, type NewPack } from '$engine/api/lab-pack';
import { problemsFromZod, type FieldProblem } from '$engine/api/spec-error';

/**
 * The "make a lab pack" form as the teacher fills it, and the NewPack createPack takes from it.
 * Empty optional fields are left out (not sent as ''), own sheets keep only the languages written.
 */

/** A sheet the teacher writes: its title and text in Korean and/or English (plain text). */
export interface OwnSheetDraft {
  titleKo: string;
  titleEn: string;
  textKo: string;
  textEn: string;
}

/** A spec the teacher adds: where it came from (shown in the form) and the spec itself. */
export interface SpecChoice {
  label: string;
  spec: unknown;
}

export interface PackForm {
  title: string;
  className: string;
  teacher: string;
  note: string;
  /** YYYY-MM-DD (an `<input type="date">`'s value), or ''. */
  due: string;
  /** Built-in sheet ids, in the order checked. */
  sheets: string[];
  presets: string[];
  ownSheets: OwnSheetDraft[];
  specs: SpecChoice[];
}

export function emptyPackForm(teacher = ''): PackForm {
  return { title: '', className: '', teacher, note: '', due: '', sheets: [], presets: [], ownSheets: [], specs: [] };
}

export function emptyOwnSheet(): OwnSheetDraft {
  return { titleKo: '', titleEn: '', textKo: '', textEn: '' };
}

function languages(ko: string, en: string): { ko?: string; en?: string } {
  return { ...(ko.trim() === '' ? {} : { ko }), ...(en.trim() === '' ? {} : { en }) };
}

/** The NewPack for createPack: built-in sheets first, then the teacher's own, in the form's order. */
export function packFromForm(form: PackForm): NewPack {
  const pack: NewPack = { title: form.title, className: form.className };
  if (form.teacher.trim() !== '') pack.teacher = form.teacher;
  if (form.note.trim() !== '') pack.note = form.note;
  if (form.due !== '') pack.due = form.due;
  const sheets = [...form.sheets, ...form.ownSheets.map((own) => ({ title: languages(own.titleKo, own.titleEn), text: languages(own.textKo, own.textEn) }))];
  if (sheets.length > 0) pack.sheets = sheets;
  if (form.presets.length > 0) pack.presets = [...form.presets];
  if (form.specs.length > 0) pack.specs = form.specs.map((choice) => choice.spec);
  return pack;
}

/** A form field a problem is shown at: a top-level field, an own sheet, a built-in sheet, a preset, or a spec (by index). */
export type PackField =
  | { kind: 'field'; name: 'title' | 'className' | 'teacher' | 'note' | 'due' }
  | { kind: 'own-sheet'; index: number; part: 'title' | 'text' }
  | { kind: 'sheet'; id: string }
  | { kind: 'preset'; id: string }
  | { kind: 'spec'; index: number }
  | { kind: 'form' };

/** Where a createPack problem belongs on the form (its `sheets[i]` index counts built-in sheets first, as packFromForm sends them). */
export function fieldOfProblem(problem: FieldProblem, form: PackForm): PackField {
  const path = problem.field;
  const top = /^(title|className|teacher|note|due)\b/.exec(path);
  if (top) return { kind: 'field', name: top[1] as 'title' };
  const sheet = /^sheets\[(\d+)\](?:\.(title|text))?/.exec(path);
  if (sheet) {
    const index = Number(sheet[1]);
    if (index < form.sheets.length) return { kind: 'sheet', id: form.sheets[index]! };
    const own = index - form.sheets.length;
    if (own < form.ownSheets.length) return { kind: 'own-sheet', index: own, part: sheet[2] === 'text' ? 'text' : 'title' };
  }
  const preset = /^presets\[(\d+)\]/.exec(path);
  if (preset && form.presets[Number(preset[1])] !== undefined) return { kind: 'preset', id: form.presets[Number(preset[1])]! };
  const spec = /^specs\[(\d+)\]/.exec(path);
  if (spec && Number(spec[1]) < form.specs.length) return { kind: 'spec', index: Number(spec[1]) };
  return { kind: 'form' };
}

/** A stable key for a PackField (the form looks its messages up by it). */
export function fieldKey(field: PackField): string {
  switch (field.kind) {
    case 'field':
      return field.name;
    case 'own-sheet':
      return `own-${field.index}-${field.part}`;
    case 'sheet':
      return `sheet-${field.id}`;
    case 'preset':
      return `preset-${field.id}`;
    case 'spec':
      return `spec-${field.index}`;
    case 'form':
      return 'form';
  }
}

/** The problems grouped by the field key they show at (several for one field are joined). */
export function problemsByField(problems: readonly FieldProblem[], form: PackForm): Record<string, string[]> {
  const shown: Record<string, string[]> = {};
  for (const problem of problems) {
    const key = fieldKey(fieldOfProblem(problem, form));
    const text = key === 'form' && problem.field !== '' ? `${problem.field}: ${problem.message}` : problem.message;
    (shown[key] ??= []).push(text);
  }
  return shown;
}

/** The problems the contract's own schema finds before asking the service (which checks specs, sheets and presets against this NN Lab). */
export function localPackProblems(pack: NewPack): FieldProblem[] {
  const parsed = NewPackSchema.safeParse(pack);
  return parsed.success ? [] : problemsFromZod(parsed.error);
}
