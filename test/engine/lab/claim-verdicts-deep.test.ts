import { beforeAll, describe, expect, it } from 'vitest';
import { checkClaim, checkComparison, claimRunFromEvents, type ClaimRun } from '../../../engine/lab/claim-checks';
import { runPreset } from './preset-runs';

/**
 * The claim checks on real runs of the 03 (vanishing gradient) and 04 (initialization) presets,
 * on a slice of MNIST and just long enough for every check to decide (200 steps for 03; 300 for 04, Xavier 500).
 */

function runOf(id: string, reduction: Parameters<typeof runPreset>[1]): ClaimRun {
  return claimRunFromEvents(runPreset(id, reduction).events);
}

describe('03 vanishing gradient: the checks on real runs', () => {
  const short = { trainSize: 2000, testSize: 100, iterations: 200 };
  const runs: Record<string, ClaimRun> = {};
  beforeAll(() => {
    for (const id of ['vanishing-sigmoid', 'vanishing-relu', 'vanishing-tanh']) runs[id] = runOf(id, short);
  }, 600_000);

  it.each(['vanishing-sigmoid', 'vanishing-relu', 'vanishing-tanh'])('%s: reproduced', (id) => {
    const verdict = checkClaim(id, runs[id]!);
    expect(verdict.verdict, verdict.message.en).toBe('reproduced');
  });

  it('sigmoid’s message gives the gradient ratio and the loss that did not move', () => {
    const { message } = checkClaim('vanishing-sigmoid', runs['vanishing-sigmoid']!);
    expect(message.en).toMatch(/at step 0 layer 1’s gradient is 1\/[\d,]+ of layer 10’s \(expected below 1\/100\); the loss stayed at or above 2\.20 through step 200 \(2\.3\d at step 200\)/);
    expect(message.ko).toMatch(/0단계에서 1층의 기울기가 10층의 1\/[\d,]+입니다/);
  });

  it('the comparisons of the sheet: only sigmoid’s gradient vanishes; ReLU and tanh learn, sigmoid does not', () => {
    for (const id of ['vanishing-gradient-size', 'vanishing-which-learns']) {
      const verdict = checkComparison(id, runs);
      expect(verdict.verdict, verdict.message.en).toBe('reproduced');
    }
  });

  it('a ReLU run checked against the sigmoid claim is not reproduced, with the setting that differs', () => {
    const verdict = checkClaim('vanishing-sigmoid', runs['vanishing-relu']!);
    expect(verdict.verdict).toBe('not-reproduced');
    expect(verdict.message.en).toContain('This run differs from the preset in layers[0–9].activation "sigmoid" → "relu", layers[0–9].init "xavier" → "he")');
  });
});

describe('04 initialization: the checks on real runs', () => {
  const short = { trainSize: 2000, testSize: 100, evalEvery: 100 };
  const runs: Record<string, ClaimRun> = {};
  beforeAll(() => {
    runs['init-mnist-std001'] = runOf('init-mnist-std001', { ...short, iterations: 300 });
    runs['init-mnist-xavier'] = runOf('init-mnist-xavier', { ...short, iterations: 500 });
    runs['init-mnist-he'] = runOf('init-mnist-he', { ...short, iterations: 300 });
  }, 600_000);

  it.each(['init-mnist-std001', 'init-mnist-xavier', 'init-mnist-he'])('%s: reproduced', (id) => {
    const verdict = checkClaim(id, runs[id]!);
    expect(verdict.verdict, verdict.message.en).toBe('reproduced');
  });

  it('std 0.01: "should not learn: the loss stayed … through step 300 — reproduced ✔"', () => {
    expect(checkClaim('init-mnist-std001', runs['init-mnist-std001']!).message.en).toMatch(
      /^std 0\.01 should not learn: the loss stayed at or above 2\.20 through step 300 \(2\.30 at step 300\) — reproduced ✔$/,
    );
  });

  it('the comparisons of the sheet: Xavier and He learn, std 0.01 does not; He is faster', () => {
    for (const id of ['init-which-learns', 'init-fastest']) {
      const verdict = checkComparison(id, runs);
      expect(verdict.verdict, verdict.message.en).toBe('reproduced');
    }
  });

  it('a He run checked against the std 0.01 claim is not reproduced; a run cut short is not yet', () => {
    const he = checkClaim('init-mnist-std001', runs['init-mnist-he']!);
    expect(he.verdict).toBe('not-reproduced');
    expect(he.message.en).toMatch(/the loss fell to 2\.1\d+ by step \d+ .* not reproduced ✘ \(did you change the learning rate or the initialization\? This run differs from the preset in layers\[0–3\]\.init/);
    const early = runPreset('init-mnist-he', { ...short, iterations: 100 });
    const running = claimRunFromEvents(early.events.filter((e) => e.type !== 'end'));
    expect(checkClaim('init-mnist-he', running).verdict).toBe('not-yet');
  });
});
