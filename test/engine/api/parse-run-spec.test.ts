import { describe, expect, it } from 'vitest';
import { parseRunSpec, parseRunSpecJson } from '../../../engine/api/parse-run-spec';
import { SpecError } from '../../../engine/api/spec-error';

const minimal = () => ({
  version: 1,
  dataset: { name: 'circle' },
  layers: [
    { units: 8, activation: 'tanh' },
    { units: 2, activation: 'softmax' },
  ],
  optimizer: { name: 'sgd', lr: 0.1 },
  training: { batchSize: 10, epochs: 5 },
});

/** The problems a bad spec produces, as "field: message" lines. */
function problemsOf(spec: unknown): string[] {
  try {
    parseRunSpec(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).problems.map((p) => `${p.field}: ${p.message}`);
  }
  throw new Error('expected the spec to be refused');
}

describe('parseRunSpec', () => {
  it('fills every default, including those that depend on other fields', () => {
    const spec = parseRunSpec(minimal());
    expect(spec.seed).toBe(0);
    expect(spec.dtype).toBe('float32');
    expect(spec.dataset).toEqual({ name: 'circle', samples: 500, noise: 0.1, testFraction: 0.5 });
    expect(spec.layers[0]).toEqual({ units: 8, activation: 'tanh', init: 'xavier', batchNorm: false, dropout: 0 });
    expect(spec.loss).toBe('softmax_cross_entropy');
    expect(spec.regularization).toEqual({ l1: 0, l2: 0, l1Method: 'proximal' });
    expect(spec.training).toMatchObject({ shuffle: true, sampling: 'epoch' });
    expect(spec.diagnostics).toEqual({ every: 50, bins: 30 });
    // a parsed spec parses again to itself (stored specs are re-read later)
    expect(parseRunSpec(spec)).toEqual(spec);
  });

  it('defaults init by activation (He for the ReLU family) and the loss by output activation', () => {
    const spec = parseRunSpec({ ...minimal(), layers: [{ units: 4, activation: 'relu' }, { units: 1, activation: 'sigmoid' }] });
    expect(spec.layers[0]!.init).toBe('he');
    expect(spec.layers[1]!.init).toBe('xavier');
    expect(spec.loss).toBe('binary_cross_entropy');
    expect(parseRunSpec({ ...minimal(), layers: [{ units: 1, activation: 'linear' }] }).loss).toBe('mse');
  });

  it.each([
    ['unknown activation', (s: ReturnType<typeof minimal>) => ((s.layers[0] as { activation: string }).activation = 'sigmod'), 'layers[0].activation: unknown activation'],
    ['zero units', (s: ReturnType<typeof minimal>) => (s.layers[0]!.units = 0), 'layers[0].units: must be at least 1'],
    ['fractional units', (s: ReturnType<typeof minimal>) => (s.layers[0]!.units = 2.5), 'layers[0].units: must be a whole number'],
    ['negative learning rate', (s: ReturnType<typeof minimal>) => (s.optimizer.lr = -0.1), 'optimizer.lr: must be greater than 0'],
    ['a learning rate that is not a number', (s: ReturnType<typeof minimal>) => ((s.optimizer as { lr: unknown }).lr = 'NaN'), 'optimizer.lr:'],
    ['unknown optimizer', (s: ReturnType<typeof minimal>) => ((s.optimizer as { name: string }).name = 'adamw'), 'optimizer.name: unknown optimizer'],
    ['unknown field', (s: ReturnType<typeof minimal>) => ((s.training as Record<string, unknown>).epoch = 3), 'training: unknown field "epoch"'],
    ['both epochs and iterations', (s: ReturnType<typeof minimal>) => ((s.training as Record<string, unknown>).iterations = 3), 'training: give exactly one of "epochs" or "iterations"'],
    ['neither epochs nor iterations', (s: ReturnType<typeof minimal>) => delete (s.training as Record<string, unknown>).epochs, 'training: give exactly one of "epochs" or "iterations"'],
    ['dropout of 1', (s: ReturnType<typeof minimal>) => ((s.layers[0] as Record<string, unknown>).dropout = 1), 'layers[0].dropout: must be at most 0.95'],
    ['unknown dataset', (s: ReturnType<typeof minimal>) => ((s.dataset).name = 'moons'), 'dataset.name: unknown dataset'],
    ['missing optimizer', (s: ReturnType<typeof minimal>) => delete (s as Record<string, unknown>).optimizer, 'optimizer: is required'],
    ['wrong version', (s: ReturnType<typeof minimal>) => ((s as { version: number }).version = 2), 'version: unsupported spec version'],
  ])('refuses %s, naming the field', (_name, mutate, expected) => {
    const spec = minimal();
    mutate(spec);
    expect(problemsOf(spec).join('\n')).toContain(expected);
  });

  it('refuses combinations that cannot work, naming the field', () => {
    expect(problemsOf({ ...minimal(), layers: [{ units: 3, activation: 'softmax' }, { units: 2, activation: 'softmax' }] })).toContain(
      'layers[0].activation: softmax is only allowed on the output layer',
    );
    expect(problemsOf({ ...minimal(), loss: 'softmax_cross_entropy', layers: [{ units: 2, activation: 'sigmoid' }] })[0]).toMatch(/^loss: softmax_cross_entropy needs a softmax output layer/);
    expect(problemsOf({ ...minimal(), loss: 'binary_cross_entropy' })[0]).toMatch(/^loss: binary_cross_entropy needs a sigmoid output layer/);
    expect(problemsOf({ ...minimal(), layers: [{ units: 2, activation: 'softmax', dropout: 0.5 }] })[0]).toMatch(/^layers\[0\]\.dropout: dropout on the output layer/);
    expect(problemsOf({ ...minimal(), layers: [{ units: 4, activation: 'relu', batchNorm: true }, { units: 2, activation: 'softmax' }], training: { batchSize: 1, epochs: 1 } })).toEqual([
      'training.batchSize: batch normalization needs batches of at least 2 samples',
    ]);
  });

  it('checks the shape of explicit weights against the previous layer', () => {
    const problems = problemsOf({
      ...minimal(),
      layers: [
        { units: 3, activation: 'tanh' },
        { units: 2, activation: 'softmax', init: { name: 'values', weights: [[1, 2], [3, 4]], bias: [0, 0, 0] } },
      ],
    });
    expect(problems).toEqual([
      'layers[1].init.weights: has 2 rows, expected 3 (one per input of the layer)',
      'layers[1].init.bias: has 3 values, expected 2 (one per unit)',
    ]);
  });

  it('reports malformed JSON as bad input', () => {
    expect(() => parseRunSpecJson('{ "version": 1, ')).toThrow(/not valid JSON/);
    expect(() => parseRunSpecJson('{ "version": 1, ')).toThrow(SpecError);
  });
});
