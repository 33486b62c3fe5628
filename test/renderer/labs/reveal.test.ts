import { describe, expect, it } from 'vitest';
import { LAB_SHEETS, findLabSheet, type LabComparison, type LabSheet } from '../../../engine/lab/lab-sheets';
import { findPreset, type LocalizedText } from '../../../engine/lab/presets';
import { LECTURE_NETWORK, SATURATED_NEURON_EXAMPLE, runWalkthrough } from '../../../engine/lab/walkthrough';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { walkthroughMessages } from '../../../renderer/src/lib/i18n/messages/labs';
import { allPredicted, isRevealed, presetClaimsShown, revealedStepText, visibleObservations, walkthroughUpdateShown, type RevealProgress } from '../../../renderer/src/lib/labs/reveal';
import { gatedComparisons, predictionStep } from '../../../renderer/src/lib/labs/sheet-plan';
import { formulaText, lastReachableStep, walkthroughSteps, type WalkthroughStep } from '../../../renderer/src/lib/labs/walkthrough-steps';

function progress(predicted: Iterable<string>, probesOpened: Iterable<string> = []): RevealProgress {
  return { predicted: new Set(predicted), probesOpened: new Set(probesOpened) };
}

/** Every probe a sheet's steps open. */
function probes(sheet: LabSheet): string[] {
  return sheet.steps.flatMap((s) => (s.action?.kind === 'probe' ? [s.action.presetId] : []));
}

/**
 * Whether comparison `other`'s runs can all exist while `comparison` is still unpredicted: each of
 * its presets is run by some step whose gated predictions do not include `comparison` (then the
 * sheet shows `other`'s explanation before `comparison`'s prediction).
 */
function runsWithout(sheet: LabSheet, other: LabComparison, comparison: LabComparison): boolean {
  return other.presets.every((preset) => sheet.steps.some((step, i) => step.presets?.includes(preset) && !gatedComparisons(sheet, i).some((c) => c.id === comparison.id)));
}

const walkthroughT = { ko: translator(walkthroughMessages, 'ko'), en: translator(walkthroughMessages, 'en') };

/** A walkthrough step's words as the stepper shows them: title, formula lines, explanation and note. */
function stepWords(step: WalkthroughStep): string {
  return [step.title, ...step.lines.map(formulaText), step.explanation, step.note?.text ?? ''].join('\n');
}

/**
 * What the walkthrough opened from `sheet` lets the student read in this state: every step of both
 * examples up to the last reachable one (the update phase only once walkthroughUpdateShown), and,
 * while the update waits, the note that sends the student to the prediction. Nothing for a sheet
 * that does not open the walkthrough.
 */
function walkthroughTexts(sheet: LabSheet, state: RevealProgress): [string, LocalizedText][] {
  if (!sheet.steps.some((s) => s.action?.kind === 'walkthrough')) return [];
  const updateShown = walkthroughUpdateShown(sheet, state);
  const texts = Object.entries({ lecture: LECTURE_NETWORK, saturated: SATURATED_NEURON_EXAMPLE }).flatMap(([example, network]) => {
    const result = runWalkthrough(network);
    const ko = walkthroughSteps(result, walkthroughT.ko);
    const en = walkthroughSteps(result, walkthroughT.en);
    return ko.slice(0, lastReachableStep(ko, updateShown) + 1).map((step, i): [string, LocalizedText] => [`walkthrough (${example}) ${step.id}`, { ko: stepWords(step), en: stepWords(en[i]!) }]);
  });
  if (updateShown) return texts;
  const n = predictionStep(sheet, sheet.walkthroughUpdate!.comparisons[0]!) + 1;
  const held = (language: 'ko' | 'en') => (['heldTitle', 'heldText', 'heldPredict', 'updateLocked'] as const).map((key) => walkthroughT[language](key, { n })).join('\n');
  return [...texts, ['walkthrough, update held back', { ko: held('ko'), en: held('en') }]];
}

/**
 * Everything the sheet can show while `comparison`'s prediction is not recorded, in the worst
 * case: every other prediction recorded (in any order), every probe opened, every run that does
 * not need this prediction done. The sheet view shows exactly these through the same functions.
 */
function textsBeforePrediction(sheet: LabSheet, comparison: LabComparison): [string, LocalizedText][] {
  const state = progress(
    sheet.comparisons.filter((c) => c.id !== comparison.id).map((c) => c.id),
    probes(sheet),
  );
  const claims = presetClaimsShown(sheet, state)
    ? [...new Set([...sheet.steps.flatMap((s) => s.presets ?? []), ...probes(sheet)])].map((id): [string, LocalizedText] => [`claim of ${id}`, findPreset(id)!.claim])
    : [];
  return [
    ['title', sheet.title],
    ['goal', sheet.goal],
    ...sheet.steps.map((s, i): [string, LocalizedText] => [`step ${i + 1}`, s.text]),
    ...sheet.steps.flatMap((_s, i): [string, LocalizedText][] => {
      const shown = revealedStepText(sheet, i, state);
      return shown ? [[`step ${i + 1}, revealed`, shown]] : [];
    }),
    ...sheet.comparisons.flatMap((c): [string, LocalizedText][] => [[`${c.id} prompt`, c.prompt], ...c.choices.map((choice): [string, LocalizedText] => [`${c.id} choice ${choice.id}`, choice.text])]),
    ...sheet.comparisons.filter((c) => c.id !== comparison.id && runsWithout(sheet, c, comparison)).map((c): [string, LocalizedText] => [`${c.id} explanation`, c.explanation]),
    ...visibleObservations(sheet, state).map((o, i): [string, LocalizedText] => [`observe ${i + 1}`, o]),
    ...sheet.questions.map((q): [string, LocalizedText] => [`question ${q.id}`, q.text]),
    ...claims,
    ...walkthroughTexts(sheet, state),
  ];
}

const normal = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');

describe('what a sheet shows before a prediction', () => {
  const cases = LAB_SHEETS.flatMap((sheet) => sheet.comparisons.map((comparison) => [`${sheet.id} / ${comparison.id}`, sheet, comparison] as const));

  it.each(cases)('%s: no text readable before the prediction states its outcome', (_name, sheet, comparison) => {
    const before = textsBeforePrediction(sheet, comparison);
    for (const language of ['ko', 'en'] as const) {
      for (const phrase of comparison.outcomePhrases[language]) {
        const leaks = before.filter(([, text]) => normal(text[language]).includes(normal(phrase))).map(([where]) => where);
        expect(leaks, `“${phrase}” (${language})`).toEqual([]);
      }
    }
  });

  it.each(cases)('%s: its own outcome texts appear once it is predicted', (_name, sheet, comparison) => {
    const before = progress(sheet.comparisons.filter((c) => c.id !== comparison.id).map((c) => c.id));
    const after = progress(sheet.comparisons.map((c) => c.id));
    const tied = sheet.observe.filter((o) => o.reveal.after === 'prediction' && o.reveal.comparisons.includes(comparison.id));
    for (const bullet of tied) {
      expect(visibleObservations(sheet, before)).not.toContain(bullet);
      expect(visibleObservations(sheet, after)).toContain(bullet);
    }
    // The walkthrough's update phase, held back for this comparison, opens with it.
    if (sheet.walkthroughUpdate?.comparisons.includes(comparison.id)) {
      expect(walkthroughUpdateShown(sheet, before)).toBe(false);
      expect(walkthroughUpdateShown(sheet, after)).toBe(true);
    }
  });

  it.each(LAB_SHEETS.map((s) => [s.id, s] as const))('%s: nothing to observe before the first prediction, everything after the last', (_id, sheet) => {
    expect(visibleObservations(sheet, progress([], probes(sheet)))).toEqual([]);
    expect(visibleObservations(sheet, progress(sheet.comparisons.map((c) => c.id)))).toEqual(sheet.observe);
    for (let i = 0; i < sheet.steps.length; i++) {
      if (sheet.steps[i]!.revealed) expect(revealedStepText(sheet, i, progress([])), `step ${i + 1}`).toBeNull();
    }
  });
});

describe('reveal rules', () => {
  const init = findLabSheet('04-initialization')!;
  const overfitting = findLabSheet('05-overfitting')!;

  it('shows a probe step’s description once its probe is opened, or once every prediction is recorded', () => {
    const step = init.steps.findIndex((s) => s.action?.kind === 'probe' && s.action.presetId === 'probe-relu-xavier');
    expect(revealedStepText(init, step, progress([]))).toBeNull();
    expect(revealedStepText(init, step, progress([], ['probe-relu-he']))).toBeNull();
    expect(revealedStepText(init, step, progress(['init-which-learns']))).toBeNull();
    expect(revealedStepText(init, step, progress([], ['probe-relu-xavier']))?.ko).toContain('0 쪽으로 좁아집니다');
    expect(revealedStepText(init, step, progress(['init-which-learns', 'init-fastest']))).not.toBeNull();
  });

  it('holds a text about two comparisons until both are predicted', () => {
    const step = overfitting.steps.findIndex((s) => s.presets?.includes('bn-off-std-1'));
    expect(revealedStepText(overfitting, step, progress(['batchnorm-he-scale']))).toBeNull();
    expect(revealedStepText(overfitting, step, progress(['batchnorm-small-init']))).toBeNull();
    expect(revealedStepText(overfitting, step, progress(['batchnorm-small-init', 'batchnorm-he-scale']))?.en).toContain('only 0.293');
  });

  it('shows a bullet of no comparison after the sheet’s first prediction, whichever it is', () => {
    const first = { after: 'first-prediction' } as const;
    expect(isRevealed(init, first, progress([]))).toBe(false);
    expect(isRevealed(init, first, progress(['init-fastest']))).toBe(true);
    expect(isRevealed(init, first, progress(['overfit-gap']))).toBe(false);
  });

  it('ends the walkthrough opened from the backprop sheet before its update until the update’s prediction is recorded; from the header it shows everything', () => {
    const backprop = findLabSheet('backprop')!;
    const steps = walkthroughSteps(runWalkthrough(LECTURE_NETWORK), walkthroughT.ko);
    const lastBackward = steps.findLastIndex((s) => s.phase === 'backward');
    expect(lastReachableStep(steps, walkthroughUpdateShown(backprop, progress([])))).toBe(lastBackward);
    expect(lastReachableStep(steps, walkthroughUpdateShown(backprop, progress(['backprop-one-update'])))).toBe(steps.length - 1);
    expect(lastReachableStep(steps, walkthroughUpdateShown(null, progress([])))).toBe(steps.length - 1);
    // Its last step tells the outcome in the comparison's own words: that is why it waits.
    const after = steps.at(-1)!;
    const phrases = backprop.comparisons.find((c) => c.id === 'backprop-one-update')!.outcomePhrases.ko;
    expect(phrases.some((phrase) => stepWords(after).includes(phrase)), stepWords(after)).toBe(true);
    // Sheets that never open the walkthrough hold nothing back.
    expect(walkthroughUpdateShown(init, progress([]))).toBe(true);
  });

  it('shows the presets’ lecture claims only once every prediction of the sheet is recorded', () => {
    const some = progress(['batchnorm-small-init']);
    expect(presetClaimsShown(overfitting, some)).toBe(false);
    expect(allPredicted(overfitting, some)).toBe(false);
    expect(presetClaimsShown(overfitting, progress(overfitting.comparisons.map((c) => c.id)))).toBe(true);
  });
});
