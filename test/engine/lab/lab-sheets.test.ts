import { describe, expect, it } from 'vitest';
import { NOTEBOOK_KEY_PATTERN, NOTEBOOK_SHEET_ID_PATTERN } from '../../../engine/api/lab-notebook';
import { COMPARISON_EXPECTATIONS } from '../../../engine/lab/claim-checks';
import { LAB_SHEETS, LAB_SHEET_IDS, findLabComparison, findLabSheet, notebookKey, type LabSheet } from '../../../engine/lab/lab-sheets';
import { findPreset, type LocalizedText } from '../../../engine/lab/presets';

/** Every LocalizedText of a sheet, with where it is. */
function texts(sheet: LabSheet): [string, LocalizedText][] {
  return [
    ['title', sheet.title],
    ['goal', sheet.goal],
    ...sheet.steps.map((s, i): [string, LocalizedText] => [`steps[${i}]`, s.text]),
    ...sheet.steps.flatMap((s, i): [string, LocalizedText][] => (s.revealed ? [[`steps[${i}].revealed`, s.revealed]] : [])),
    ...sheet.comparisons.flatMap((c): [string, LocalizedText][] => [
      [`${c.id}.prompt`, c.prompt],
      [`${c.id}.explanation`, c.explanation],
      ...c.choices.map((choice): [string, LocalizedText] => [`${c.id}.${choice.id}`, choice.text]),
    ]),
    ...sheet.observe.map((o, i): [string, LocalizedText] => [`observe[${i}]`, o]),
    ...sheet.questions.map((q): [string, LocalizedText] => [q.id, q.text]),
  ];
}

const HANGUL = /[\uac00-\ud7a3]/;

describe('lab sheets', () => {
  it('one sheet per lecture part, in lecture order', () => {
    expect(LAB_SHEETS.map((s) => s.id)).toEqual([...LAB_SHEET_IDS]);
    expect(LAB_SHEETS.map((s) => s.part)).toEqual(['backprop', 'vanishing-gradient', 'initialization', 'overfitting']);
    expect(findLabSheet('04-initialization')?.section).toBe('04');
    expect(findLabSheet('nope')).toBeUndefined();
  });

  it.each(LAB_SHEETS.map((s) => [s.id, s] as const))('%s: every text in Korean and English, with steps, comparisons, bullets and questions', (_id, sheet) => {
    for (const [where, text] of texts(sheet)) {
      expect(text.ko.trim(), where).not.toBe('');
      expect(text.en.trim(), where).not.toBe('');
      // Names the two languages share ("He", "L1") are the only Korean texts without Hangul.
      if (text.ko !== text.en) expect(text.ko, where).toMatch(HANGUL);
      expect(text.en, where).not.toMatch(HANGUL);
    }
    expect(sheet.steps.length).toBeGreaterThanOrEqual(3);
    expect(sheet.comparisons.length).toBeGreaterThanOrEqual(1);
    expect(sheet.observe.length).toBeGreaterThanOrEqual(3);
    expect(sheet.questions.length).toBeGreaterThanOrEqual(3);
  });

  it.each(LAB_SHEETS.map((s) => [s.id, s] as const))('%s: names no durations (the UI shows each step’s estimate, measured on the PC it runs on)', (_id, sheet) => {
    for (const [where, text] of texts(sheet)) {
      expect(text.ko, where).not.toMatch(/\d\s*(분|초)(?![가-힣])|몇\s*분/);
      expect(text.en, where).not.toMatch(/\b(minutes?|seconds?)\b/i);
    }
  });

  it('uses the slides’ Korean terms', () => {
    const korean = (id: string) => texts(findLabSheet(id)!).map(([, t]) => t.ko).join('\n');
    expect(korean('backprop')).toContain('역전파');
    expect(korean('03-vanishing-gradient')).toContain('기울기 소실');
    expect(korean('04-initialization')).toContain('가중치 초기화');
    for (const term of ['과적합', '정규화', '드롭아웃', '배치 정규화']) expect(korean('05-overfitting')).toContain(term);
  });

  it.each(LAB_SHEETS.map((s) => [s.id, s] as const))('%s: presets, probes, comparisons and ids that exist and fit together', (_id, sheet) => {
    const comparisonIds = sheet.comparisons.map((c) => c.id);
    for (const step of sheet.steps) {
      for (const id of step.presets ?? []) expect(findPreset(id)?.kind, id).toBe('train');
      if (step.action?.kind === 'probe') expect(findPreset(step.action.presetId)?.kind, step.action.presetId).toBe('probe');
      if (step.comparison !== undefined) expect(comparisonIds).toContain(step.comparison);
    }
    for (const comparison of sheet.comparisons) {
      for (const id of comparison.presets) expect(findPreset(id)?.kind, id).toBe('train');
      const choiceIds = comparison.choices.map((c) => c.id);
      expect(new Set(choiceIds).size).toBe(choiceIds.length);
      expect(choiceIds).toContain(comparison.expected);
      // Each comparison is asked before a step that runs (some of) its presets, or at a step after they ran.
      expect(sheet.steps.some((s) => s.comparison === comparison.id), comparison.id).toBe(true);
      // ... and has a machine check over the same presets.
      expect(COMPARISON_EXPECTATIONS.get(comparison.id)?.presets.slice().sort(), comparison.id).toEqual(comparison.presets.slice().sort());
      expect(findLabComparison(comparison.id)?.sheet.id).toBe(sheet.id);
    }
    const questionIds = sheet.questions.map((q) => q.id);
    expect(new Set(questionIds).size).toBe(questionIds.length);
  });

  it('comparison ids are unique across sheets, and every notebook key and sheet id is one the notebook accepts', () => {
    const all = LAB_SHEETS.flatMap((s) => s.comparisons.map((c) => c.id));
    expect(new Set(all).size).toBe(all.length);
    for (const sheet of LAB_SHEETS) {
      expect(sheet.id).toMatch(NOTEBOOK_SHEET_ID_PATTERN);
      for (const c of sheet.comparisons) expect(notebookKey('prediction', c.id)).toMatch(NOTEBOOK_KEY_PATTERN);
      for (const q of sheet.questions) expect(notebookKey('answer', q.id)).toMatch(NOTEBOOK_KEY_PATTERN);
    }
    expect(notebookKey('prediction', 'init-which-learns')).toBe('prediction:init-which-learns');
  });
});
