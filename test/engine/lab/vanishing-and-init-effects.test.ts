import { beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../train/run-helpers';
import { runPreset, type PresetOutcome } from './preset-runs';

/**
 * The lecture's claims on vanishing gradients (03), initialization (04) and batch norm, each
 * reproduced by running its preset on a slice of MNIST for a fraction of its length.
 */

describe('03 vanishing gradient presets', () => {
  const short = { trainSize: 500, testSize: 100, iterations: 40 };
  let sigmoid: PresetOutcome;
  let relu: PresetOutcome;
  let tanh: PresetOutcome;
  beforeAll(() => {
    sigmoid = runPreset('vanishing-sigmoid', short);
    relu = runPreset('vanishing-relu', short);
    tanh = runPreset('vanishing-tanh', short);
  }, 300_000);

  it("sigmoid: the first layer's gradient is orders of magnitude below the last hidden layer's", () => {
    const norms = sigmoid.initialGradNorms;
    expect(norms).toHaveLength(11);
    expect(norms[0]! / norms[9]!).toBeLessThan(1e-3);
    // and it shrinks monotonically toward the input
    for (let i = 0; i < 9; i++) expect(norms[i]!).toBeLessThan(norms[i + 1]!);
  });

  it('ReLU and tanh: every hidden layer gets a gradient of the same order', () => {
    for (const norms of [relu.initialGradNorms, tanh.initialGradNorms]) {
      const hidden = norms.slice(0, 10);
      expect(Math.max(...hidden) / Math.min(...hidden)).toBeLessThan(10);
    }
  });

  it('so the sigmoid network does not learn where ReLU and tanh do', () => {
    expect(sigmoid.trainLoss).toBeGreaterThan(2.25);
    expect(relu.trainLoss).toBeLessThan(sigmoid.trainLoss - 0.3);
    expect(tanh.trainLoss).toBeLessThan(sigmoid.trainLoss - 0.3);
  });
});

describe('04 initialization presets (MNIST, 784-100×4-10 ReLU)', () => {
  const short = { trainSize: 1000, testSize: 100, iterations: 64 };
  let small: PresetOutcome;
  let xavier: PresetOutcome;
  let he: PresetOutcome;
  beforeAll(() => {
    small = runPreset('init-mnist-std001', short);
    xavier = runPreset('init-mnist-xavier', short);
    he = runPreset('init-mnist-he', short);
  }, 300_000);

  it('std 0.01 does not learn: the batch loss stays at ln 10 ≈ 2.30', () => {
    const losses = eventsOf(small.events, 'step').map((s) => s.loss);
    for (const loss of losses) expect(Math.abs(loss - Math.log(10))).toBeLessThan(0.01);
    expect(small.trainAccuracy).toBeLessThan(0.2);
  });

  it('He learns fastest, Xavier behind it, std 0.01 not at all', () => {
    expect(he.trainLoss).toBeLessThan(xavier.trainLoss);
    expect(xavier.trainLoss).toBeLessThan(small.trainLoss);
    expect(he.trainLoss).toBeLessThan(small.trainLoss - 0.2);
  });
});

describe('batch norm across initial weight scales', () => {
  const short = { testSize: 100, epochs: 12 };

  it('at a tiny initial scale only the batch-normalized network learns', () => {
    const off = runPreset('bn-off-std-0_00736', short);
    const on = runPreset('bn-on-std-0_00736', short);
    expect(off.trainAccuracy).toBeLessThan(0.2);
    expect(on.trainAccuracy).toBeGreaterThan(0.9);
  });

  it('near He scale, the only place it learns, the plain network does well (the textbook has it ahead of BN there)', () => {
    const off = runPreset('bn-off-std-0_293', short);
    const on = runPreset('bn-on-std-0_293', short);
    expect(off.trainAccuracy).toBeGreaterThan(0.8);
    expect(off.trainAccuracy).toBeGreaterThan(on.trainAccuracy);
  });
});
