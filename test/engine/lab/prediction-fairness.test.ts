import { describe, expect, it } from 'vitest';
import { LAB_SHEETS, type LabComparison, type LabSheet } from '../../../engine/lab/lab-sheets';
import { findPreset } from '../../../engine/lab/presets';

/**
 * The sheets' predictions do not give their answer away by the form of the choices, and every
 * text that tells an outcome is marked with when it may be shown (the UI's rules: reveal.ts;
 * what a student can read before each prediction: test/renderer/labs/reveal.test.ts).
 */

const LANGUAGES = ['ko', 'en'] as const;
const COMPARISONS: LabComparison[] = LAB_SHEETS.flatMap((s) => s.comparisons);

/** Length in characters (code points), as a reader sees it. */
const length = (text: string) => [...text].length;

/** Comparisons whose expected choice is strictly longer (or strictly shorter) than every other choice. */
function lengthGiveaways(language: (typeof LANGUAGES)[number], sign: 1 | -1): string[] {
  return COMPARISONS.filter((c) => {
    const expected = length(c.choices.find((choice) => choice.id === c.expected)!.text[language]);
    return c.choices.every((choice) => choice.id === c.expected || sign * (expected - length(choice.text[language])) > 0);
  }).map((c) => c.id);
}

/** Marks of a specific answer: a number, a bracket or a colon. */
const SPECIFIC = /[0-9()（）:：]/;

/** Every text a sheet shows after comparison `id`'s prediction because of it (its explanation, the texts it reveals). */
function textsRevealedBy(sheet: LabSheet, comparison: LabComparison, language: 'ko' | 'en'): string[] {
  const revealedBy = (r: { reveal: { after: string; comparisons?: string[] } }) => r.reveal.after === 'prediction' && (r.reveal.comparisons ?? []).includes(comparison.id);
  return [
    comparison.explanation[language],
    ...sheet.observe.filter(revealedBy).map((o) => o[language]),
    ...sheet.steps.flatMap((s) => (s.revealed && revealedBy(s.revealed) ? [s.revealed[language]] : [])),
  ];
}

describe('prediction choices that do not give the answer away', () => {
  // A student who always picks the longest (or the shortest) choice must do no better than one
  // who picks at random: right in Σ 1/(number of choices) = 3.75 of the 12 comparisons on average.
  const chance = COMPARISONS.reduce((sum, c) => sum + 1 / c.choices.length, 0);

  it.each(LANGUAGES)('%s: the expected choice is the longest no more often than a random pick is right (and never in more than half)', (language) => {
    const longest = lengthGiveaways(language, 1);
    expect(longest.length, `longest: ${longest.join(', ')}`).toBeLessThanOrEqual(Math.floor(chance));
    expect(longest.length).toBeLessThanOrEqual(COMPARISONS.length / 2);
  });

  it.each(LANGUAGES)('%s: nor the shortest', (language) => {
    const shortest = lengthGiveaways(language, -1);
    expect(shortest.length, `shortest: ${shortest.join(', ')}`).toBeLessThanOrEqual(Math.floor(chance));
  });

  it.each(LANGUAGES)('%s: the expected choice is never the only one with a number, a bracket or a colon', (language) => {
    for (const c of COMPARISONS) {
      const specific = c.choices.filter((choice) => SPECIFIC.test(choice.text[language])).map((choice) => choice.id);
      expect(specific, c.id).not.toEqual([c.expected]);
    }
  });

  it.each(LANGUAGES)('%s: no two choices of a comparison read the same', (language) => {
    for (const c of COMPARISONS) expect(new Set(c.choices.map((choice) => choice.text[language])).size, c.id).toBe(c.choices.length);
  });
});

describe('texts held back until a prediction', () => {
  it.each(LAB_SHEETS.map((s) => [s.id, s] as const))('%s: every reveal names a comparison of the sheet, and a probe reveal sits on a probe step', (_id, sheet) => {
    const ids = new Set(sheet.comparisons.map((c) => c.id));
    for (const item of [...sheet.observe, ...sheet.steps.flatMap((s) => (s.revealed ? [s.revealed] : []))]) {
      if (item.reveal.after === 'prediction') {
        expect(item.reveal.comparisons.length, item.en).toBeGreaterThan(0);
        for (const id of item.reveal.comparisons) expect(ids, item.en).toContain(id);
      }
      expect(item.ko.trim(), item.en).not.toBe('');
      expect(item.en.trim(), item.ko).not.toBe('');
    }
    for (const step of sheet.steps) {
      if (step.revealed?.reveal.after !== 'probe') continue;
      expect(step.action?.kind, step.text.en).toBe('probe');
      if (step.action?.kind === 'probe') expect(findPreset(step.action.presetId)?.kind).toBe('probe');
    }
    // Observe bullets wait for a prediction: none is there from the start, none waits for a probe.
    for (const item of sheet.observe) expect(['prediction', 'first-prediction'], item.en).toContain(item.reveal.after);
    // A walkthrough's update held back waits for comparisons of the sheet, on a sheet that opens the walkthrough.
    if (sheet.walkthroughUpdate) {
      expect(sheet.walkthroughUpdate.comparisons.length).toBeGreaterThan(0);
      for (const id of sheet.walkthroughUpdate.comparisons) expect(ids).toContain(id);
      expect(sheet.steps.some((s) => s.action?.kind === 'walkthrough')).toBe(true);
    }
  });

  it.each(LAB_SHEETS.map((s) => [s.id, s] as const))('%s: every comparison tags the phrases of its outcome, each found in a text its prediction reveals', (_id, sheet) => {
    for (const comparison of sheet.comparisons) {
      for (const language of LANGUAGES) {
        const phrases = comparison.outcomePhrases[language];
        expect(phrases.length, `${comparison.id} ${language}`).toBeGreaterThan(0);
        const after = textsRevealedBy(sheet, comparison, language).join('\n').toLowerCase();
        for (const phrase of phrases) expect(after, `${comparison.id}: “${phrase}”`).toContain(phrase.toLowerCase());
      }
    }
  });
});
