import { describe, expect, it } from 'vitest';
import { compareRerun } from '../../../engine/service/rerun-comparison';

const recorded = () => ({
  engineVersion: '0.1.0',
  steps: { step: [0, 1, 2], epoch: [0, 0, 1], loss: [0.9, 0.8, 0.7], dataLoss: [0.9, 0.8, 0.7] },
  evals: { step: [0, 2, 3], epoch: [0, 1, 1], trainLoss: [1, 0.75, 0.7], trainAccuracy: [0.5, 0.6, 0.7], testLoss: [1, 0.8, 0.75], testAccuracy: [0.5, 0.55, 0.6] },
});

describe('re-run comparison', () => {
  it('calls bit-identical series identical', () => {
    expect(compareRerun(recorded(), recorded())).toEqual({ identical: true, firstDifference: null, engineVersions: { stored: '0.1.0', rerun: '0.1.0' } });
  });

  it('finds the first step where any number differs, even in the last bit', () => {
    const rerun = recorded();
    rerun.steps.loss[2] = 0.7 + Number.EPSILON;
    rerun.evals.testAccuracy[1] = 0.56;
    expect(compareRerun(recorded(), { ...rerun, engineVersion: '0.2.0' })).toEqual({
      identical: false,
      firstDifference: { series: 'steps', step: 2, field: 'loss', stored: 0.7, rerun: 0.7 + Number.EPSILON },
      engineVersions: { stored: '0.1.0', rerun: '0.2.0' },
    });
  });

  it('reports a run that stopped earlier', () => {
    const rerun = recorded();
    rerun.steps = { step: [0, 1], epoch: [0, 0], loss: [0.9, 0.8], dataLoss: [0.9, 0.8] };
    expect(compareRerun(recorded(), rerun).firstDifference).toEqual({ series: 'steps', step: 2, field: 'step', stored: 2, rerun: null });
  });
});
