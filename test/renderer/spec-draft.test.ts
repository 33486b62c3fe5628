import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import { PRESETS } from '../../engine/lab/presets';
import { resolveOptimizerOptions } from '../../engine/nn/optimizers';
import { defaultDraft, draftToSpec, specToDraft } from '../../renderer/src/lib/state/spec-draft';

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
});
