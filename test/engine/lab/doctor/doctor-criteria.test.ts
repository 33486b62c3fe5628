import { describe, expect, it } from 'vitest';
import { EndEventSchema } from '../../../../engine/api/events';
import { parseRunSpec } from '../../../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../../../engine/api/run-spec';
import { applySpecPatch, SpecPatchError } from '../../../../engine/api/spec-patch';
import { chooseRemedy, diagnose, emptyDoctorRun, remedyPatch, type DoctorLayer, type DoctorRun } from '../../../../engine/lab/doctor/training-doctor';

/** The criteria's edges on hand-made runs, the remedies' choices and patches, and the contract. */

const spec = (overrides: Partial<RunSpecInput> = {}) =>
  parseRunSpec({
    version: 1,
    dataset: { name: 'circle' },
    layers: [
      { units: 8, activation: 'sigmoid' },
      { units: 8, activation: 'sigmoid' },
      { units: 2, activation: 'softmax' },
    ],
    optimizer: { name: 'sgd', lr: 0.1 },
    training: { batchSize: 10, epochs: 5 },
    ...overrides,
  });

const layer = (index: number, numbers: Partial<DoctorLayer> = {}): DoctorLayer => ({
  layer: index,
  units: 8,
  activationName: index === 2 ? 'softmax' : 'sigmoid',
  gradNorm: 0.1,
  updateRatio: 1e-3,
  deadFraction: 0,
  saturatedFraction: 0,
  ...numbers,
});

/** A run with `steps` steps of loss `loss(step)`, an evaluation at 0, and snapshots at the given steps. */
function run(options: { steps: number; loss?: (step: number) => number; snapshots?: { step: number; layers: DoctorLayer[] }[]; spec?: ReturnType<typeof spec> | null }): DoctorRun {
  const result = emptyDoctorRun();
  result.spec = options.spec === undefined ? spec() : options.spec;
  const loss = options.loss ?? ((s: number) => 0.7 * Math.exp(-s / 50));
  for (let s = 0; s < options.steps; s++) {
    result.steps.step.push(s);
    result.steps.dataLoss.push(loss(s));
  }
  Object.assign(result.evals, { step: [0], trainLoss: [loss(0)], testLoss: [null], trainAccuracy: [null], testAccuracy: [null] });
  result.recentSnapshots = (options.snapshots ?? []).slice(-3);
  return result;
}

const vanishingLayers = () => [layer(0, { gradNorm: 1e-7 }), layer(1, { gradNorm: 1e-4 }), layer(2, { gradNorm: 0.5 })];

describe('diagnose on hand-made runs', () => {
  it('says "too early" and finds nothing before 3 snapshots and 30 steps, however bad they look', () => {
    const young = run({ steps: 20, snapshots: [{ step: 0, layers: vanishingLayers() }, { step: 10, layers: vanishingLayers() }] });
    expect(diagnose(young)).toEqual({ findings: [], early: true });
    const grown = run({ steps: 40, snapshots: [0, 10, 20].map((step) => ({ step, layers: vanishingLayers() })) });
    expect(diagnose(grown).early).toBe(false);
    expect(diagnose(grown).findings.map((f) => f.code)).toEqual(['vanishing-gradient']);
  });

  it('a vanishing gradient must hold in each of the last 3 snapshots', () => {
    const healthy = [layer(0), layer(1), layer(2)];
    const once = run({ steps: 40, snapshots: [{ step: 0, layers: vanishingLayers() }, { step: 10, layers: healthy }, { step: 20, layers: vanishingLayers() }] });
    expect(diagnose(once).findings).toEqual([]);
  });

  it('a first layer with a gradient of exactly 0 is dead, not vanishing', () => {
    const layers = [layer(0, { gradNorm: 0 }), layer(1), layer(2)];
    expect(diagnose(run({ steps: 40, snapshots: [0, 10, 20].map((step) => ({ step, layers })) })).findings).toEqual([]);
  });

  it('a flat loss explained by a vanishing gradient is not also called a low learning rate', () => {
    const layers = vanishingLayers().map((l) => ({ ...l, updateRatio: 1e-6 }));
    const flat = run({ steps: 60, loss: () => 0.69, snapshots: [0, 20, 40].map((step) => ({ step, layers })) });
    expect(diagnose(flat).findings.map((f) => f.code)).toEqual(['vanishing-gradient']);
    const flowing = [layer(0, { updateRatio: 1e-6 }), layer(1, { updateRatio: 1e-6 }), layer(2, { updateRatio: 1e-6 })];
    expect(diagnose(run({ steps: 60, loss: () => 0.69, snapshots: [0, 20, 40].map((step) => ({ step, layers: flowing })) })).findings.map((f) => f.code)).toEqual(['lr-too-low']);
  });

  it('a saturated output layer is a confident classifier, not a finding; a saturated hidden layer of a stalled run is', () => {
    const output = [layer(0), layer(1), layer(2, { activationName: 'sigmoid', saturatedFraction: 1 })];
    expect(diagnose(run({ steps: 60, loss: () => 0.69, snapshots: [0, 20, 40].map((step) => ({ step, layers: output })) })).findings).toEqual([]);
    const hidden = [layer(0), layer(1, { saturatedFraction: 0.9 }), layer(2)];
    const stalled = diagnose(run({ steps: 60, loss: () => 0.69, snapshots: [0, 20, 40].map((step) => ({ step, layers: hidden })) })).findings;
    expect(stalled.map((f) => [f.code, f.layer])).toEqual([['saturation', 1]]);
    // The same saturation on a run that learnt (loss down to a tenth) is left alone.
    expect(diagnose(run({ steps: 200, snapshots: [0, 20, 40].map((step) => ({ step, layers: hidden })) })).findings).toEqual([]);
  });

  it('a loss back up from its lowest, by much, is a learning rate too high; batch noise at the bottom is not', () => {
    const bounce = (s: number) => (s < 100 ? 0.7 * Math.exp(-s / 20) : 0.5);
    const found = diagnose(run({ steps: 200, loss: bounce })).findings;
    expect(found.map((f) => f.code)).toEqual(['lr-too-high']);
    expect(found[0]!.evidence).toMatchObject({ measure: 'loss-rising', recentLoss: 0.5 });
    const noisy = (s: number) => 0.7 * Math.exp(-s / 20) + 0.02 * (s % 2);
    expect(diagnose(run({ steps: 200, loss: noisy })).findings).toEqual([]);
  });

  it('needs the start event (the spec) to say anything', () => {
    expect(diagnose(run({ steps: 40, spec: null, snapshots: [0, 10, 20].map((step) => ({ step, layers: vanishingLayers() })) })).findings).toEqual([]);
  });
});

describe('remedies', () => {
  it('overfitting: L2 first, then dropout, then stronger L2', () => {
    expect(chooseRemedy('overfitting', spec(), new Set())).toBe('add-l2');
    expect(chooseRemedy('overfitting', spec({ regularization: { l2: 0.1 } }), new Set())).toBe('add-dropout');
    const both = spec({ regularization: { l2: 0.1 }, layers: [{ units: 8, activation: 'relu', dropout: 0.2 }, { units: 2, activation: 'softmax' }] });
    expect(chooseRemedy('overfitting', both, new Set())).toBe('stronger-l2');
    expect(remedyPatch('stronger-l2', both)).toEqual([{ op: 'replace', path: '/regularization/l2', value: 1 }]);
    expect(remedyPatch('add-dropout', spec())).toEqual([
      { op: 'replace', path: '/layers/0/dropout', value: 0.2 },
      { op: 'replace', path: '/layers/1/dropout', value: 0.2 },
    ]);
  });

  it('the learning rate: from the optimizer’s default when the spec gives none, without float noise', () => {
    expect(remedyPatch('lower-lr', spec({ optimizer: { name: 'adam' } }))).toEqual([{ op: 'add', path: '/optimizer/lr', value: 0.0001 }]);
    expect(remedyPatch('raise-lr', spec({ optimizer: { name: 'sgd', lr: 0.03 } }))).toEqual([{ op: 'add', path: '/optimizer/lr', value: 0.3 }]);
  });

  it('vanishing: ReLU + He for sigmoid/tanh layers, the fitting init for ReLU with a wrong one, batch norm otherwise', () => {
    expect(chooseRemedy('vanishing-gradient', spec(), new Set())).toBe('relu-he');
    const reluSmall = spec({ layers: [{ units: 8, activation: 'relu', init: { name: 'normal', std: 0.01 } }, { units: 2, activation: 'softmax' }] });
    expect(chooseRemedy('vanishing-gradient', reluSmall, new Set())).toBe('matched-init');
    expect(remedyPatch('matched-init', reluSmall)).toEqual([{ op: 'replace', path: '/layers/0/init', value: 'he' }]);
    const reluHe = spec({ layers: [{ units: 8, activation: 'relu' }, { units: 2, activation: 'softmax' }] });
    expect(chooseRemedy('vanishing-gradient', reluHe, new Set())).toBe('batch-norm');
    expect(remedyPatch('batch-norm', reluHe)).toEqual([{ op: 'replace', path: '/layers/0/batchNorm', value: true }]);
    // relu-he leaves ReLU layers that already fit alone
    const mixed = spec({ layers: [{ units: 8, activation: 'relu' }, { units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] });
    expect(remedyPatch('relu-he', mixed)).toEqual([
      { op: 'replace', path: '/layers/1/activation', value: 'relu' },
      { op: 'replace', path: '/layers/1/init', value: 'he' },
    ]);
  });
});

describe('spec patches', () => {
  it('replace and add on a copy; the input is untouched', () => {
    const input = spec();
    const before = JSON.stringify(input);
    const patched = applySpecPatch(input, [
      { op: 'replace', path: '/layers/0/activation', value: 'relu' },
      { op: 'add', path: '/optimizer/momentum', value: 0.9 },
    ]);
    expect(JSON.stringify(input)).toBe(before);
    expect(patched.layers[0]!.activation).toBe('relu');
    expect(patched.optimizer.momentum).toBe(0.9);
  });

  it('refuses paths that do not lead into the spec', () => {
    expect(() => applySpecPatch(spec(), [{ op: 'replace', path: '/layers/9/init', value: 'he' }])).toThrow(SpecPatchError);
    expect(() => applySpecPatch(spec(), [{ op: 'replace', path: '/optimizer/momentum', value: 0.9 }])).toThrow(/no member "momentum"/);
    expect(() => applySpecPatch(spec(), [{ op: 'add', path: '/layers/0', value: {} }])).toThrow(/array items/);
  });
});

describe('the end event contract', () => {
  const end = { type: 'end', status: 'completed', steps: 9, final: null, message: null, elapsedMs: 5 };

  it('findings are optional (runs stored before the doctor parse), and [] means healthy', () => {
    expect(EndEventSchema.parse(end)).not.toHaveProperty('findings');
    expect(EndEventSchema.parse({ ...end, findings: [] }).findings).toEqual([]);
  });

  it('codes, measures and remedies are closed sets', () => {
    const finding = { code: 'lr-too-low', step: 8, evidence: { measure: 'flat-loss', initialLoss: 1, recentLoss: 1, updateRatio: 1e-7, threshold: 1e-4, snapshots: 3 }, remedy: { id: 'raise-lr', sheet: 'backprop', patch: [{ op: 'add', path: '/optimizer/lr', value: 1e-5 }] } };
    expect(EndEventSchema.parse({ ...end, findings: [finding] }).findings).toHaveLength(1);
    expect(EndEventSchema.safeParse({ ...end, findings: [{ ...finding, code: 'bad-luck' }] }).success).toBe(false);
    expect(EndEventSchema.safeParse({ ...end, findings: [{ ...finding, evidence: { measure: 'vibes' } }] }).success).toBe(false);
    expect(EndEventSchema.safeParse({ ...end, findings: [{ ...finding, remedy: { ...finding.remedy, id: 'pray' } }] }).success).toBe(false);
  });
});
