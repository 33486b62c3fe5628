import { describe, expect, it } from 'vitest';
import { LECTURE_NETWORK, SATURATED_NEURON_EXAMPLE, runWalkthrough } from '../../../engine/lab/walkthrough';
import { translator } from '../../../renderer/src/lib/i18n/locale';
import { walkthroughMessages } from '../../../renderer/src/lib/i18n/messages/labs';
import { formulaSegments, formulaText, lastReachableStep, openingStep, revealedUpTo, walkthroughSteps } from '../../../renderer/src/lib/labs/walkthrough-steps';

const t = translator(walkthroughMessages, 'en');

describe('walkthrough steps', () => {
  const steps = walkthroughSteps(runWalkthrough(LECTURE_NETWORK), t);
  const byId = (id: string) => steps.find((s) => s.id === id)!;

  it('goes forward node by node, then the loss, backward factor by factor, then the update', () => {
    expect(steps.map((s) => s.id)).toEqual([
      'forward:h1', 'forward:h2', 'forward:y', 'loss',
      'backward:y:error', 'backward:y:local', 'backward:y:delta', 'backward:y:w5', 'backward:y:w6',
      'backward:h1:error', 'backward:h1:local', 'backward:h1:delta', 'backward:h1:w1', 'backward:h1:w2',
      'backward:h2:error', 'backward:h2:local', 'backward:h2:delta', 'backward:h2:w3', 'backward:h2:w4',
      'update', 'after',
    ]);
  });

  it('shows the slide numbers in the forward pass', () => {
    expect(formulaText(byId('forward:h1').lines[0]!)).toBe('z_h1 = w1·x1 + w2·x2 + b1 = 2·1 + 1·(−1) + 0 = 1');
    expect(formulaText(byId('forward:h1').lines[1]!)).toBe('h1 = σ(z_h1) = σ(1) = 0.7311');
    expect(byId('forward:h2').lines[1]!.result).toBe('0.5');
    expect(byId('forward:y').lines[0]!.result).toBe('0.2311');
    expect(byId('forward:y').lines[1]!.result).toBe('0.5575');
  });

  it('writes each gradient as δ times the value from the layer before', () => {
    expect(formulaText(byId('backward:y:w6').lines[0]!)).toBe('∂L/∂w6 = δ_y × h2 = (−0.1092) × 0.5 = −0.05458');
    expect(byId('backward:y:w6').focusEdges).toEqual(['w6']);
    expect(formulaText(byId('backward:h1:error').lines[0]!)).toBe('∂L/∂h1 = δ_y × w5 = (−0.1092) × 1 = −0.1092');
  });

  it('reveals gradients on the drawing only once their step is reached', () => {
    const w6 = steps.findIndex((s) => s.id === 'backward:y:w6');
    expect(revealedUpTo(steps, w6 - 1).gradients.w6).toBeUndefined();
    expect(revealedUpTo(steps, w6).gradients.w6).toBeCloseTo(-0.05458, 4);
    expect(revealedUpTo(steps, w6).deltas.y).toBeCloseTo(-0.1092, 4);
  });

  it('updates every weight and reports a lower loss after the step', () => {
    const update = byId('update');
    expect(update.lines.map((l) => l.lhs)).toContain('w6′');
    expect(formulaText(update.lines.find((l) => l.lhs === 'w6′')!)).toBe('w6′ = w6 − η × ∂L/∂w6 = (−1) − 0.5 × (−0.05458) = −0.9727');
    expect(byId('after').note?.tone).toBe('good');
  });

  it('says in words that the saturated neuron’s gradient is 0.00…01', () => {
    const saturated = walkthroughSteps(runWalkthrough(SATURATED_NEURON_EXAMPLE), t);
    const local = saturated.find((s) => s.id === 'backward:y:local')!;
    expect(local.lines[0]!.result).toBe('7.095e−23');
    expect(local.note?.text).toContain('= 0.000000000000000000000071:');
    expect(local.note?.text).toContain('22 zeros');
    expect(saturated.find((s) => s.id === 'after')!.note?.tone).toBe('info');
  });

  it('stops before the update while it is held back, and opens at a phase within what may be reached', () => {
    const held = lastReachableStep(steps, false);
    expect(steps[held]!.id).toBe('backward:h2:w4');
    expect(steps.slice(held + 1).map((s) => s.id)).toEqual(['update', 'after']);
    expect(lastReachableStep(steps, true)).toBe(steps.length - 1);
    expect(openingStep(steps, null, held)).toBe(0);
    expect(steps[openingStep(steps, 'backward', held)]!.id).toBe('backward:y:error');
    // Asked for the update while it waits: the last step before it (where the walkthrough says why it stops).
    expect(openingStep(steps, 'update', held)).toBe(held);
    expect(steps[openingStep(steps, 'update', steps.length - 1)]!.id).toBe('update');
  });

  it('turns _names after z and δ into subscripts', () => {
    expect(formulaSegments('δ_y × h2')).toEqual([
      { text: 'δ', sub: false },
      { text: 'y', sub: true },
      { text: ' × h2', sub: false },
    ]);
    expect(formulaSegments('w1·x1')).toEqual([{ text: 'w1·x1', sub: false }]);
  });
});
