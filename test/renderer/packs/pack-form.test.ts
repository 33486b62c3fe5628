import { describe, expect, it } from 'vitest';
import { createPack } from '../../../engine/service/class-files';
import type { SpecError } from '../../../engine/api/spec-error';
import { emptyOwnSheet, emptyPackForm, fieldOfProblem, localPackProblems, packFromForm, problemsByField, type PackForm } from '../../../renderer/src/lib/packs/pack-form';
import { findPreset, type TrainPreset } from '../../../engine/lab/presets';

/** The "make a lab pack" form → createPack's NewPack, and createPack's problems back at the form's fields. */
function filled(): PackForm {
  const form = emptyPackForm('김교수');
  form.title = '  4주차 실습 ';
  form.className = '딥러닝 기초';
  form.note = '1번부터 순서대로 하세요.\n마감 전에 제출 파일을 내세요.';
  form.due = '2025-03-14';
  form.sheets = ['backprop', '04-initialization'];
  form.presets = ['backprop-lecture-network'];
  form.ownSheets = [{ ...emptyOwnSheet(), titleKo: '생각해 보기', textKo: '<b>굵게</b> 아닌 글자 그대로' }];
  form.specs = [{ label: 'builder', spec: (findPreset('backprop-lecture-network') as TrainPreset).spec }];
  return form;
}

describe('packFromForm', () => {
  it('gives built-in sheets first, then own sheets with only the languages written; the real createPack takes it', () => {
    const pack = packFromForm(filled());
    expect(pack).toMatchObject({ title: '  4주차 실습 ', className: '딥러닝 기초', teacher: '김교수', due: '2025-03-14', presets: ['backprop-lecture-network'] });
    expect(pack.sheets).toEqual(['backprop', '04-initialization', { title: { ko: '생각해 보기' }, text: { ko: '<b>굵게</b> 아닌 글자 그대로' } }]);
    expect(localPackProblems(pack)).toEqual([]);
    const { pack: made } = createPack(pack);
    expect(made).toMatchObject({ title: '4주차 실습', teacher: '김교수', note: '1번부터 순서대로 하세요.\n마감 전에 제출 파일을 내세요.', due: '2025-03-14' });
    expect(made.sheets[2]).toMatchObject({ kind: 'own', text: { ko: '<b>굵게</b> 아닌 글자 그대로' } });
    expect(made.specs).toHaveLength(1);
  });

  it('leaves empty optional fields out rather than sending blanks', () => {
    const form = emptyPackForm();
    form.title = 'T';
    form.className = 'C';
    form.note = '   ';
    expect(packFromForm(form)).toEqual({ title: 'T', className: 'C' });
  });
});

describe('problems at the form’s fields', () => {
  it('puts the schema’s problems at the title, the class, the due date and an own sheet', () => {
    const form = filled();
    form.title = '   ';
    form.className = '';
    form.due = '2025-02-30';
    form.ownSheets.push(emptyOwnSheet());
    const shown = problemsByField(localPackProblems(packFromForm(form)), form);
    expect(Object.keys(shown).sort()).toEqual(['className', 'due', 'own-1-text', 'own-1-title', 'title']);
    expect(shown['due']).toEqual(['is not a real date']);
    expect(shown['own-1-title']).toEqual(['needs a Korean or an English text']);
  });

  it('puts createPack’s SpecError (a bad spec, an unknown preset) at that spec and preset', () => {
    const form = filled();
    form.presets = ['backprop-lecture-network', 'no-such-preset'];
    form.specs = [{ label: 'ok', spec: form.specs[0]!.spec }, { label: 'bad', spec: { layers: [] } }];
    let problems: SpecError['problems'] = [];
    try {
      createPack(packFromForm(form));
    } catch (error) {
      problems = (error as SpecError).problems;
    }
    expect(problems.length).toBeGreaterThan(0);
    const fields = problems.map((p) => fieldOfProblem(p, form));
    expect(fields).toContainEqual({ kind: 'preset', id: 'no-such-preset' });
    expect(fields).toContainEqual({ kind: 'spec', index: 1 });
    expect(fields).not.toContainEqual({ kind: 'form' });
  });

  it('keeps a problem it cannot place at the form, with its field named', () => {
    const form = filled();
    expect(problemsByField([{ field: 'specs[9]', message: 'x' }, { field: '', message: 'y' }], form)).toEqual({ form: ['specs[9]: x', 'y'] });
  });
});
