import { beforeAll, describe, expect, it } from 'vitest';
import { checkClaim, checkComparison, claimRunFromEvents, type ClaimRun } from '../../../engine/lab/claim-checks';
import { runPreset } from './preset-runs';

/**
 * The claim checks on real, shortened runs of the 03 (vanishing gradient) and 04 (initialization)
 * presets, on a slice of MNIST. Their claims are read at step 0 (the gradients per layer) and at
 * the presets' end (step 2,000, the training loss): a shortened run decides what step 0 shows, and
 * a learning that must not happen as soon as it happens, but never passes a claim read at the end
 * (that takes the full runs: `nnlab presets verify`).
 */

function runOf(id: string, reduction: Parameters<typeof runPreset>[1]): ClaimRun {
  return claimRunFromEvents(runPreset(id, reduction).events);
}

describe('03 vanishing gradient: the checks on real, shortened runs', () => {
  const short = { trainSize: 1000, testSize: 100, iterations: 20, evalEvery: 10 };
  const runs: Record<string, ClaimRun> = {};
  beforeAll(() => {
    for (const id of ['vanishing-sigmoid', 'vanishing-relu', 'vanishing-tanh']) runs[id] = runOf(id, short);
  }, 600_000);

  it('step 0 decides the gradients: only sigmoid’s first layer gets a vanishing gradient', () => {
    const verdict = checkComparison('vanishing-gradient-size', runs);
    expect(verdict.verdict, verdict.message.en).toBe('reproduced');
    expect(verdict.message.en).toMatch(/at step 0 layer 1’s gradient is 1\/[\d,]+ of layer 10’s \(expected below 1\/1,000\)/);
    expect(verdict.message.ko).toMatch(/0단계에서 1층의 기울기가 10층의 1\/[\d,]+입니다/);
  });

  it('a run that ends at step 20 cannot tell whether the network learns by step 2,000: not yet, with the gradient judged', () => {
    for (const id of ['vanishing-sigmoid', 'vanishing-relu', 'vanishing-tanh']) {
      const verdict = checkClaim(id, runs[id]!);
      expect(verdict.verdict, verdict.message.en).toBe('not-yet');
      expect(verdict.message.en).toContain('the run ended at step 20 (completed); it takes 2,000 steps to tell');
      expect(verdict.judged.map((j) => j.verdict)).toEqual(['reproduced', 'not-yet']);
    }
    expect(checkComparison('vanishing-which-learns', runs).verdict).toBe('not-yet');
  });

  it('a ReLU run checked against the sigmoid claim is not reproduced, with the setting that differs', () => {
    const verdict = checkClaim('vanishing-sigmoid', runs['vanishing-relu']!);
    expect(verdict.verdict).toBe('not-reproduced');
    expect(verdict.message.en).toContain('This run differs from the preset in layers[0–9].activation "sigmoid" → "relu", layers[0–9].init "xavier" → "he")');
    // In Korean, the fields and values in words: no spec path, no English.
    expect(verdict.message.ko).toContain('프리셋과 다른 설정: 은닉층 1–10 활성화 함수 sigmoid → ReLU, 은닉층 1–10 가중치 초기화 Xavier → He)');
  });
});

describe('04 initialization: the checks on real, shortened runs', () => {
  const short = { trainSize: 2000, testSize: 100, iterations: 100, evalEvery: 50 };
  const runs: Record<string, ClaimRun> = {};
  beforeAll(() => {
    for (const id of ['init-mnist-std001', 'init-mnist-xavier', 'init-mnist-he']) runs[id] = runOf(id, short);
  }, 600_000);

  it('runs that end at step 100 are not judged on claims read at step 2,000', () => {
    for (const id of ['init-mnist-std001', 'init-mnist-xavier', 'init-mnist-he']) expect(checkClaim(id, runs[id]!).verdict, id).toBe('not-yet');
    for (const id of ['init-which-learns', 'init-fastest']) expect(checkComparison(id, runs).verdict, id).toBe('not-yet');
    expect(checkClaim('init-mnist-std001', runs['init-mnist-std001']!).message.en).toBe(
      'std 0.01 should not learn: the run ended at step 100 (completed); it takes 2,000 steps to tell — not yet',
    );
  });

  it('a He run checked against the std 0.01 claim is not reproduced as soon as it learns; a live run is not yet', () => {
    const he = checkClaim('init-mnist-std001', runs['init-mnist-he']!);
    expect(he.verdict).toBe('not-reproduced');
    expect(he.message.en).toMatch(/the training loss fell to [\d.]+ by step (50|100) .* not reproduced ✘ \(did you change the learning rate or the initialization\? This run differs from the preset in layers\[0–3\]\.init/);
    const early = runPreset('init-mnist-he', { ...short, iterations: 40 });
    const running = claimRunFromEvents(early.events.filter((e) => e.type !== 'end'));
    expect(checkClaim('init-mnist-he', running).verdict).toBe('not-yet');
  });
});
