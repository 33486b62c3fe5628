import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import { PRESETS } from '../../engine/lab/presets';
import { resolveOptimizerOptions } from '../../engine/nn/optimizers';
import { MAX_UNITS } from '../../engine/api/run-spec';
import { defaultDraft, draftToSpec, specToDraft, steppedUnits } from '../../renderer/src/lib/state/spec-draft';

describe('spec drafts (what the builder edits)', () => {
  it('the default draft is a valid spec: circle, 4-2 tanh, softmax', () => {
    const spec = parseRunSpec(draftToSpec(defaultDraft()));
    expect(spec.layers.map((l) => [l.units, l.activation])).toEqual([
      [4, 'tanh'],
      [2, 'tanh'],
      [2, 'softmax'],
    ]);
  });

  it('every training preset survives spec → draft → spec with the same meaning', () => {
    // The draft writes an optimizer's defaults out (momentum 0.9): compare options as the engine resolves them.
    const effective = (spec: ReturnType<typeof parseRunSpec>) => ({ ...spec, optimizer: resolveOptimizerOptions(spec.optimizer) });
    for (const preset of PRESETS) {
      if (preset.kind !== 'train') continue;
      const spec = parseRunSpec(preset.spec);
      expect(effective(parseRunSpec(draftToSpec(specToDraft(spec)))), preset.id).toEqual(effective(spec));
    }
  });

  it('carries stop rules and initializer parameters', () => {
    const draft = defaultDraft();
    draft.useTargetLoss = true;
    draft.targetLoss = 0.1;
    draft.useEarlyStopping = true;
    draft.patience = 3;
    draft.layers[0]!.init = 'normal';
    draft.layers[0]!.initParam = 0.01;
    const spec = parseRunSpec(draftToSpec(draft));
    expect(spec.training).toMatchObject({ targetLoss: 0.1, earlyStopping: { patience: 3 } });
    expect(spec.layers[0]!.init).toEqual({ name: 'normal', std: 0.01 });
  });

  it('− / + step a typed neuron count back into what the spec allows', () => {
    expect(steppedUnits(256, 1)).toBe(257);
    expect(steppedUnits(256, -1)).toBe(255);
    expect(steppedUnits(1, -1)).toBe(1);
    expect(steppedUnits(MAX_UNITS, 1)).toBe(MAX_UNITS);
    // Typed values the spec refuses: the buttons lead back towards a valid count.
    expect(steppedUnits(5000, -1)).toBe(MAX_UNITS);
    expect(steppedUnits(0, 1)).toBe(1);
    expect(steppedUnits(-7, 1)).toBe(1);
    expect(steppedUnits(2.4, 1)).toBe(3);
    // An empty field stays empty: its "enter a number" error is already shown.
    expect(steppedUnits(Number.NaN, 1)).toBeNaN();
  });
});
