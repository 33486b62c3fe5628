import { describe, expect, it } from 'vitest';
import type { ActivationName } from '../../../engine/api/run-spec';
import { SpecError } from '../../../engine/api/spec-error';
import { activationByName } from '../../../engine/nn/activations';
import { initializeDense, type Initializer } from '../../../engine/nn/initializers';
import { randomStream } from '../../../engine/nn/random';
import { gradientAgainstRuleOfThumb, parseProbeOptions, runProbe, type ProbeResult } from '../../../engine/lab/probe';
import { numericGradient } from '../nn/numeric-gradient';

/**
 * The textbook's §6.2.2 experiment (EXPERIMENTS.md 3.1): 1000 × 100 standard-normal inputs through
 * 5 layers of 100 units without bias. Their table comes from numpy's generator, ours from the
 * engine's, so these tests check the pattern each row shows, not its digits.
 */
const cache = new Map<string, ProbeResult>();
function probe(activation: ActivationName, init: Initializer): ProbeResult {
  const key = `${activation} ${JSON.stringify(init)}`;
  if (!cache.has(key)) cache.set(key, runProbe({ activation, init }));
  return cache.get(key)!;
}
const normal = (std: number): Initializer => ({ name: 'normal', std });
const stds = (r: ProbeResult) => r.layers.map((l) => l.std!);
const grads = (r: ProbeResult) => r.layers.map((l) => l.gradNorm!);

describe('activation probe: the textbook table, pattern by pattern', () => {
  it('runs the book setup by default: 5 layers, 30-bin auto-ranged histograms over 1000 × 100 values', () => {
    const r = probe('sigmoid', normal(1));
    expect(r.layers.map((l) => l.layer)).toEqual([1, 2, 3, 4, 5]);
    for (const layer of r.layers) {
      expect(layer.histogram.counts).toHaveLength(30);
      expect(layer.histogram.edges).toHaveLength(31);
      expect(layer.histogram.counts.reduce((s, c) => s + c, 0)).toBe(100_000);
    }
  });

  it('sigmoid, std 1: activations pile up at 0 and 1 (about half saturated in every layer)', () => {
    const r = probe('sigmoid', normal(1));
    for (const layer of r.layers) {
      expect(layer.saturatedFraction).toBeGreaterThan(0.35);
      expect(layer.saturatedFraction).toBeLessThan(0.75);
      expect(layer.std!).toBeGreaterThan(0.4);
      const counts = layer.histogram.counts;
      const middle = Math.max(...counts.slice(1, -1));
      expect(counts[0]!).toBeGreaterThan(5 * middle);
      expect(counts[counts.length - 1]!).toBeGreaterThan(5 * middle);
    }
    const meanSaturation = r.layers.reduce((s, l) => s + l.saturatedFraction, 0) / r.layers.length;
    expect(meanSaturation).toBeGreaterThan(0.45);
  });

  it('sigmoid, std 0.01: everything collapses to ≈ 0.5 (std 0.01–0.03), nothing saturated', () => {
    for (const layer of probe('sigmoid', normal(0.01)).layers) {
      expect(Math.abs(layer.mean! - 0.5)).toBeLessThan(0.01);
      expect(layer.std!).toBeGreaterThan(0.005);
      expect(layer.std!).toBeLessThan(0.03);
      expect(layer.saturatedFraction).toBe(0);
    }
  });

  it('sigmoid, Xavier: activations stay spread out (std 0.1–0.25), nothing saturated', () => {
    for (const layer of probe('sigmoid', { name: 'xavier' }).layers) {
      expect(layer.std!).toBeGreaterThan(0.1);
      expect(layer.std!).toBeLessThan(0.25);
      expect(layer.saturatedFraction).toBe(0);
    }
  });

  it("sigmoid, std 100 (the lecture's w = 100): 99–100 % saturated", () => {
    for (const layer of probe('sigmoid', normal(100)).layers) expect(layer.saturatedFraction).toBeGreaterThanOrEqual(0.99);
  });

  it('ReLU, std 0.01: activations collapse to ~0 by layer 3', () => {
    const s = stds(probe('relu', normal(0.01)));
    expect(s[0]!).toBeGreaterThan(0.03);
    expect(s[2]!).toBeLessThan(1e-3);
    expect(s[4]!).toBeLessThan(1e-4);
  });

  it('ReLU, Xavier: activations shrink with depth (layer 5 below half of layer 1)', () => {
    const s = stds(probe('relu', { name: 'xavier' }));
    for (let i = 1; i < s.length; i++) expect(s[i]!).toBeLessThan(s[i - 1]!);
    expect(s[4]!).toBeLessThan(0.5 * s[0]!);
  });

  it('ReLU, He: the spread stays level (every layer std 0.6–1.2)', () => {
    for (const std of stds(probe('relu', { name: 'he' }))) {
      expect(std).toBeGreaterThan(0.6);
      expect(std).toBeLessThan(1.2);
    }
  });

  it('ReLU, std 1: activations explode', () => {
    const s = stds(probe('relu', normal(1)));
    expect(s[4]!).toBeGreaterThan(1000 * s[0]!);
  });

  it('tanh, Xavier: std decreases from ≈ 0.6 to ≈ 0.3 without saturation', () => {
    const r = probe('tanh', { name: 'xavier' });
    const s = stds(r);
    expect(s[0]!).toBeGreaterThan(0.55);
    expect(s[0]!).toBeLessThan(0.7);
    expect(s[4]!).toBeGreaterThan(0.25);
    expect(s[4]!).toBeLessThan(0.35);
    for (let i = 1; i < s.length; i++) expect(s[i]!).toBeLessThan(s[i - 1]!);
    for (const layer of r.layers) expect(layer.saturatedFraction).toBeLessThan(0.02);
  });

  it('tanh, std 1: ≈ 78 % saturated', () => {
    for (const layer of probe('tanh', normal(1)).layers) {
      expect(layer.saturatedFraction).toBeGreaterThan(0.7);
      expect(layer.saturatedFraction).toBeLessThan(0.86);
    }
  });

  it('histograms are auto-ranged: ReLU values above 1 and negative tanh values are counted', () => {
    const relu = probe('relu', { name: 'he' }).layers[0]!.histogram.edges;
    expect(relu[relu.length - 1]!).toBeGreaterThan(1);
    const tanh = probe('tanh', { name: 'xavier' }).layers[0]!.histogram.edges;
    expect(tanh[0]!).toBeLessThan(-0.9);
  });

  it('saturated and dead follow the activation module: all-zero weights make every ReLU unit dead, no sigmoid unit', () => {
    const relu = runProbe({ activation: 'relu', init: 'zeros', layers: 2, samples: 50 });
    for (const layer of relu.layers) {
      expect(layer.deadFraction).toBe(1);
      expect(layer.gradNorm).toBe(0);
    }
    const sigmoid = runProbe({ activation: 'sigmoid', init: 'zeros', layers: 2, samples: 50 });
    for (const layer of sigmoid.layers) {
      expect(layer.deadFraction).toBe(0);
      expect(layer.saturatedFraction).toBe(0);
      expect(layer.mean).toBe(0.5);
    }
  });
});

describe('activation probe: gradient view', () => {
  it('sigmoid, std 0.01: layer 1 gets a gradient at least 10⁴× smaller than layer 5', () => {
    const g = grads(probe('sigmoid', normal(0.01)));
    expect(g[0]! * 1e4).toBeLessThan(g[4]!);
    for (let i = 1; i < g.length; i++) expect(g[i]!).toBeGreaterThan(g[i - 1]!);
  });

  it('sigmoid, Xavier: layer 1 gets a gradient tens to hundreds of times smaller (oracle ≈ 180×)', () => {
    const g = grads(probe('sigmoid', { name: 'xavier' }));
    expect(g[4]! / g[0]!).toBeGreaterThan(50);
    expect(g[4]! / g[0]!).toBeLessThan(1000);
  });

  it('ReLU, He: roughly flat (max/min < 3) at the oracle scale ≈ 2.2–2.4', () => {
    const g = grads(probe('relu', { name: 'he' }));
    expect(Math.max(...g) / Math.min(...g)).toBeLessThan(3);
    for (const norm of g) {
      expect(norm).toBeGreaterThan(1.8);
      expect(norm).toBeLessThan(3);
    }
  });

  it('tanh, Xavier: roughly flat (max/min < 2) at the oracle scale ≈ 1.0–1.1', () => {
    const g = grads(probe('tanh', { name: 'xavier' }));
    expect(Math.max(...g) / Math.min(...g)).toBeLessThan(2);
    for (const norm of g) {
      expect(norm).toBeGreaterThan(0.8);
      expect(norm).toBeLessThan(1.6);
    }
  });

  it('ReLU, std 0.01: even across layers, but every layer’s gradient is 1/40,000 of He’s ((√(2/100) / 0.01)⁴: ReLU is homogeneous)', () => {
    const against = gradientAgainstRuleOfThumb({ activation: 'relu', init: normal(0.01) }, probe('relu', normal(0.01)))!;
    expect(against.reference).toBe('he');
    for (const ratio of against.ratios) expect(ratio!).toBeCloseTo(1 / 40_000, 10);
    expect(gradientAgainstRuleOfThumb({ activation: 'relu', init: { name: 'he' } })).toBeNull();
    expect(gradientAgainstRuleOfThumb({ activation: 'tanh', init: normal(1), samples: 50 })!.reference).toBe('xavier');
  });

  it.each([['sigmoid'], ['tanh'], ['relu'], ['elu']] as const)('gradNorm is ‖∂L/∂W‖ of L = (1/M) Σ G ⊙ X_last, checked by finite differences (%s)', (activation) => {
    const layers = 3;
    const units = 4;
    const samples = 6;
    const seed = 7;
    const init: Initializer = { name: 'normal', std: 0.8 };
    const result = runProbe({ activation, init, layers, units, samples, seed });

    // An independent forward pass from the same streams, written naively.
    const fn = activationByName(activation);
    const inputStream = randomStream(seed, 'probe:input');
    const inputs = Float64Array.from({ length: samples * units }, () => inputStream.normal());
    const weights = Array.from({ length: layers }, (_, i) => {
      const w = new Float64Array(units * units);
      initializeDense(init, units, units, randomStream(seed, `probe:init:${i + 1}`), w, new Float64Array(units));
      return w;
    });
    const upstreamStream = randomStream(seed, 'probe:upstream');
    const upstream = Float64Array.from({ length: samples * units }, () => upstreamStream.normal());
    const loss = () => {
      let x = inputs;
      for (const w of weights) {
        const z = new Float64Array(samples * units);
        for (let r = 0; r < samples; r++) for (let j = 0; j < units; j++) for (let k = 0; k < units; k++) z[r * units + j]! += x[r * units + k]! * w[k * units + j]!;
        const a = new Float64Array(samples * units);
        fn.forward(z, a, samples, units);
        x = a;
      }
      return x.reduce((sum, v, i) => sum + upstream[i]! * v, 0) / samples;
    };
    weights.forEach((w, i) => {
      const numeric = numericGradient(loss, w);
      const norm = Math.sqrt(numeric.reduce((s, g) => s + g * g, 0));
      expect(Math.abs(result.layers[i]!.gradNorm! - norm) / norm).toBeLessThan(1e-6);
    });
  });
});

describe('activation probe: determinism and validation', () => {
  it('is deterministic per seed, and the seed matters', () => {
    const options = { activation: 'tanh', init: 'xavier', layers: 3, units: 20, samples: 50 } as const;
    expect(runProbe({ ...options, seed: 3 })).toEqual(runProbe({ ...options, seed: 3 }));
    expect(runProbe({ ...options, seed: 3 }).layers[0]!.std).not.toBe(runProbe({ ...options, seed: 4 }).layers[0]!.std);
  });

  it('fills the defaults: 5 × 100, 1000 samples, 30 bins, seed 0, init by the rule of thumb', () => {
    expect(parseProbeOptions({ activation: 'relu' })).toEqual({ activation: 'relu', init: { name: 'he' }, layers: 5, units: 100, samples: 1000, bins: 30, seed: 0 });
    expect(parseProbeOptions({ activation: 'tanh', init: 'he' }).init).toEqual({ name: 'he' });
  });

  it('respects bins, layers and units', () => {
    const r = runProbe({ activation: 'relu', layers: 7, units: 10, samples: 20, bins: 12 });
    expect(r.layers).toHaveLength(7);
    expect(r.layers[0]!.histogram.counts).toHaveLength(12);
    expect(r.layers[0]!.histogram.counts.reduce((s, c) => s + c, 0)).toBe(200);
  });

  it.each([
    [{ activation: 'relu', layers: 0 }, 'layers'],
    [{ activation: 'relu', layers: 51 }, 'layers'],
    [{ activation: 'relu', layers: 2.5 }, 'layers'],
    [{ activation: 'relu', units: 0 }, 'units'],
    [{ activation: 'relu', units: 1001 }, 'units'],
    [{ activation: 'relu', samples: 0 }, 'samples'],
    [{ activation: 'relu', samples: 20_001 }, 'samples'],
    [{ activation: 'relu', bins: 1 }, 'bins'],
    [{ activation: 'relu', bins: 201 }, 'bins'],
    [{ activation: 'softmax' }, 'activation'],
    [{ activation: 'swish' }, 'activation'],
    [{ activation: 'relu', init: { name: 'normal', std: -1 } }, 'init.std'],
    [{ activation: 'relu', init: { name: 'values', weights: [[1]] } }, 'init'],
    [{ activation: 'relu', units: 1000, layers: 50, samples: 1000 }, 'samples'],
  ])('rejects %o naming %s', (input, field) => {
    let error: unknown;
    try {
      parseProbeOptions(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems.map((p) => p.field)).toEqual([field]);
  });

  it('runProbe validates too', () => {
    expect(() => runProbe({ activation: 'relu', units: 0 })).toThrow(SpecError);
  });
});
