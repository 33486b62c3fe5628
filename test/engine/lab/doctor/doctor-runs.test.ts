import { describe, expect, it } from 'vitest';
import type { DoctorFinding } from '../../../../engine/api/doctor-findings';
import { parseRunSpec } from '../../../../engine/api/parse-run-spec';
import { applySpecPatch } from '../../../../engine/api/spec-patch';
import type { RunSpecInput } from '../../../../engine/api/run-spec';
import { LAB_SHEET_IDS } from '../../../../engine/lab/lab-sheets';
import { eventsOf } from '../../train/run-helpers';
import { findingsAlongTheWay, HEALTHY_SPECS, SICK_SPECS, trainAndDiagnose } from './doctor-specs';

/**
 * The training doctor on real runs through the Trainer: each run built to go wrong gets its
 * finding (at the layer and step where it shows, with its numbers, the lecture's remedy and a patch
 * that makes a valid spec), and runs that learn well get none, neither at the end nor at any point
 * on the way (the page calls the doctor on the events so far).
 */

function only(findings: DoctorFinding[], code: DoctorFinding['code']): DoctorFinding {
  const finding = findings.find((f) => f.code === code);
  if (!finding) throw new Error(`no ${code} finding among ${JSON.stringify(findings.map((f) => f.code))}`);
  return finding;
}

/** The patched spec parses, and the sheet is one of the lab's. */
function expectApplicable(finding: DoctorFinding, spec: RunSpecInput) {
  expect(LAB_SHEET_IDS).toContain(finding.remedy.sheet);
  expect(finding.remedy.patch.length).toBeGreaterThan(0);
  return parseRunSpec(applySpecPatch(parseRunSpec(spec), finding.remedy.patch));
}

describe('vanishing gradient', () => {
  it('10 sigmoid layers on MNIST: layer 1 (index 0) gets ~1e-6 of the output layer’s gradient; remedy ReLU + He', () => {
    const { findings, events } = trainAndDiagnose(SICK_SPECS.sigmoidDeepMnist);
    expect(findings.map((f) => f.code)).toEqual(['vanishing-gradient']);
    const [finding] = findings as [DoctorFinding];
    expect(finding.layer).toBe(0);
    expect(finding.step).toBe(eventsOf(events, 'diagnostics').at(-1)!.step);
    expect(finding.evidence).toMatchObject({ measure: 'gradient-ratio', referenceLayer: 10, threshold: 1e-3, snapshots: 3 });
    if (finding.evidence.measure !== 'gradient-ratio') throw new Error('unexpected evidence');
    expect(finding.evidence.ratio).toBeLessThan(1e-4);
    expect(finding.evidence.ratio).toBeCloseTo(finding.evidence.gradNorm / finding.evidence.referenceGradNorm, 12);
    expect(finding.remedy.id).toBe('relu-he');
    expect(finding.remedy.sheet).toBe('03-vanishing-gradient');
    const patched = expectApplicable(finding, SICK_SPECS.sigmoidDeepMnist);
    expect(patched.layers.slice(0, 10).every((l) => l.activation === 'relu' && l.init === 'he')).toBe(true);
    expect(patched.layers[10]).toEqual(parseRunSpec(SICK_SPECS.sigmoidDeepMnist).layers[10]);
  });

  it('10 sigmoid layers on the circle: the same, from its first diagnostics on', () => {
    const { findings, events } = trainAndDiagnose(SICK_SPECS.sigmoidDeepCircle);
    expect(findings.map((f) => f.code)).toEqual(['vanishing-gradient']);
    expect(findings[0]!.layer).toBe(0);
    // Three snapshots (steps 0, 10, 20) are enough evidence: it shows by step 20.
    expect(findingsAlongTheWay(events).get('vanishing-gradient')).toBeLessThanOrEqual(21);
  });
});

describe('learning rate 10', () => {
  it('on MNIST the loss blows up to ~1e8 (exploding), then the ReLUs die; remedy lr 1', () => {
    const { findings } = trainAndDiagnose(SICK_SPECS.lr10Mnist);
    expect(findings.map((f) => f.code)).toEqual(['exploding-gradient', 'dead-relu']);
    const exploding = only(findings, 'exploding-gradient');
    expect(exploding.evidence.measure).toBe('loss-blow-up');
    if (exploding.evidence.measure !== 'loss-blow-up') throw new Error('unexpected evidence');
    expect(exploding.evidence.peakLoss / exploding.evidence.initialLoss).toBeGreaterThan(1e3);
    expect(exploding.remedy).toEqual({ id: 'lower-lr', sheet: 'backprop', patch: [{ op: 'add', path: '/optimizer/lr', value: 1 }] });
    expect(only(findings, 'dead-relu').evidence).toMatchObject({ measure: 'dead-fraction', layers: 2 });
    expect(only(findings, 'dead-relu').remedy.id).toBe('lower-lr');
  });

  it('on the circle the loss climbs to 10–20 times its start (lr-too-high) and tanh saturates', () => {
    const { findings } = trainAndDiagnose(SICK_SPECS.lr10Circle);
    expect(findings.map((f) => f.code)).toEqual(['saturation', 'lr-too-high']);
    const high = only(findings, 'lr-too-high');
    expect(high.evidence).toMatchObject({ measure: 'loss-peak', threshold: 3 });
    expect(high.remedy.patch).toEqual([{ op: 'add', path: '/optimizer/lr', value: 1 }]);
    // The rate is what drives tanh into its flat ends: the remedy is the rate, not the activation.
    expect(only(findings, 'saturation').remedy.id).toBe('lower-lr');
  });

  it('on a regression the loss overflows: the run diverges, and that is the finding', () => {
    const { findings, events } = trainAndDiagnose(SICK_SPECS.lr10Regression);
    const end = eventsOf(events, 'end')[0]!;
    expect(end.status).toBe('diverged');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'exploding-gradient', step: end.steps, evidence: { measure: 'divergence', message: end.message } });
    expect(findings[0]!.remedy.id).toBe('lower-lr');
  });
});

describe('learning rate 1e-6', () => {
  for (const [name, spec] of [
    ['MNIST', SICK_SPECS.lr1e6Mnist],
    ['the circle', SICK_SPECS.lr1e6Circle],
  ] as const) {
    it(`on ${name}: flat loss, update ratios ~1e-7 (lr-too-low); remedy lr 1e-5`, () => {
      const { findings } = trainAndDiagnose(spec);
      expect(findings.map((f) => f.code)).toEqual(['lr-too-low']);
      const [finding] = findings as [DoctorFinding];
      expect(finding.evidence).toMatchObject({ measure: 'flat-loss', threshold: 1e-4 });
      if (finding.evidence.measure !== 'flat-loss') throw new Error('unexpected evidence');
      expect(finding.evidence.updateRatio).toBeLessThan(1e-6);
      expect(finding.remedy.patch).toEqual([{ op: 'add', path: '/optimizer/lr', value: 1e-5 }]);
      expectApplicable(finding, spec);
    });
  }
});

describe('dead ReLUs and saturation', () => {
  it('a negative constant initialization kills every hidden ReLU from the start; remedy He', () => {
    const { findings } = trainAndDiagnose(SICK_SPECS.deadReluMnist);
    expect(findings.map((f) => f.code)).toEqual(['dead-relu']);
    const [finding] = findings as [DoctorFinding];
    expect(finding).toMatchObject({ layer: 0, evidence: { measure: 'dead-fraction', fraction: 1, layers: 2, threshold: 0.5 } });
    expect(finding.remedy.id).toBe('matched-init');
    expect(finding.remedy.sheet).toBe('04-initialization');
    const patched = expectApplicable(finding, SICK_SPECS.deadReluMnist);
    expect(patched.layers.map((l) => l.init)).toEqual(['he', 'he', 'xavier']);
  });

  it('sigmoid with weights of std 10 saturates every hidden layer; remedy Xavier', () => {
    const { findings } = trainAndDiagnose(SICK_SPECS.saturatedSigmoidMnist);
    expect(findings.map((f) => f.code)).toEqual(['saturation']);
    const [finding] = findings as [DoctorFinding];
    expect(finding.layer).toBe(0);
    expect(finding.evidence).toMatchObject({ measure: 'saturated-fraction', layers: 3 });
    if (finding.evidence.measure !== 'saturated-fraction') throw new Error('unexpected evidence');
    expect(finding.evidence.fraction).toBeGreaterThan(0.9);
    expect(finding.remedy.id).toBe('matched-init');
    expect(expectApplicable(finding, SICK_SPECS.saturatedSigmoidMnist).layers.map((l) => l.init)).toEqual(['xavier', 'xavier', 'xavier', 'xavier']);
  });
});

describe('overfitting', () => {
  it('a big network on 100 images for 60 epochs: the test loss turns up while the training loss falls; remedy L2', () => {
    const { findings, events } = trainAndDiagnose(SICK_SPECS.overfitMnist);
    expect(findings.map((f) => f.code)).toEqual(['overfitting']);
    const [finding] = findings as [DoctorFinding];
    expect(finding.step).toBe(eventsOf(events, 'eval').at(-1)!.step);
    if (finding.evidence.measure !== 'test-loss-rising') throw new Error('unexpected evidence');
    const { bestTestLoss, testLoss, trainLoss, trainLossAtBest, gap } = finding.evidence;
    expect(testLoss).toBeGreaterThan(1.2 * bestTestLoss);
    expect(trainLoss).toBeLessThan(trainLossAtBest);
    expect(gap).toBeGreaterThan(0.2);
    expect(finding.remedy).toEqual({ id: 'add-l2', sheet: '05-overfitting', patch: [{ op: 'replace', path: '/regularization/l2', value: 0.1 }] });
  });
});

describe('healthy runs: no false alarm', () => {
  for (const [name, spec] of Object.entries(HEALTHY_SPECS)) {
    it(name, () => {
      const { findings, events } = trainAndDiagnose(spec());
      expect(eventsOf(events, 'end')[0]!.status).toBe('completed');
      expect(findings).toEqual([]);
      expect([...findingsAlongTheWay(events)]).toEqual([]);
    });
  }
});
