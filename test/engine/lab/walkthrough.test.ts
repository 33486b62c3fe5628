import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../engine/api/spec-error';
import {
  LECTURE_NETWORK,
  localDerivative,
  runWalkthrough,
  SATURATED_NEURON_EXAMPLE,
  type WalkthroughInput,
  type WalkthroughResult,
} from '../../../engine/lab/walkthrough';

const lecture = runWalkthrough(LECTURE_NETWORK);

function unit(result: WalkthroughResult, name: string) {
  const forward = result.forward.flatMap((l) => l.units).find((u) => u.name === name)!;
  const backward = result.backward.flatMap((l) => l.units).find((u) => u.name === name)!;
  return { forward, backward };
}
function gradient(result: WalkthroughResult, label: string): number {
  return result.updates.find((u) => u.label === label)!.gradient;
}
function updated(result: WalkthroughResult, label: string): number {
  return result.updates.find((u) => u.label === label)!.new;
}

describe("walkthrough: the lecture's 2-2-1 sigmoid network", () => {
  it('gives the slide’s forward values: h1 = 0.73, h2 = 0.5, output z = 0.23 → 0.55', () => {
    const { h1, h2, y } = { h1: unit(lecture, 'h1').forward, h2: unit(lecture, 'h2').forward, y: unit(lecture, 'y').forward };
    expect(h1.z).toBe(1); // 2·1 + 1·(−1)
    expect(Math.trunc(h1.a * 1000) / 1000).toBe(0.731); // σ(1)
    expect(h1.a.toFixed(2)).toBe('0.73');
    expect(h2.z).toBe(0); // 1·1 + 1·(−1)
    expect(h2.a).toBe(0.5);
    expect(Math.trunc(y.z * 1000) / 1000).toBe(0.231); // 0.731·1 + 0.5·(−1)
    expect(Math.trunc(y.z * 100) / 100).toBe(0.23);
    expect(Math.trunc(y.a * 1000) / 1000).toBe(0.557); // σ(0.231)
    expect(Math.trunc(y.a * 100) / 100).toBe(0.55);
    // Full precision: σ(1) = 0.7310585786, σ(0.2310585786) = 0.5575090141.
    expect(h1.a).toBeCloseTo(0.7310585786, 9);
    expect(y.a).toBeCloseTo(0.5575090141, 9);
  });

  it('names the weights w1…w6 as the slide does, with each input × weight term', () => {
    expect(unit(lecture, 'h1').forward.terms.map((t) => [t.weightLabel, t.weight, t.input, t.inputValue, t.product])).toEqual([
      ['w1', 2, 'x1', 1, 2],
      ['w2', 1, 'x2', -1, -1],
    ]);
    expect(unit(lecture, 'h2').forward.terms.map((t) => t.weightLabel)).toEqual(['w3', 'w4']);
    expect(unit(lecture, 'y').forward.terms.map((t) => [t.weightLabel, t.weight, t.input])).toEqual([
      ['w5', 1, 'h1'],
      ['w6', -1, 'h2'],
    ]);
    expect(lecture.updates.map((u) => u.label)).toEqual(['w1', 'w2', 'b1', 'w3', 'w4', 'b2', 'w5', 'w6', 'b3']);
  });

  it('computes the loss L = ½ (y − t)² with t = 1', () => {
    // y − t = 0.5575090141 − 1 = −0.4424909859;  L = ½ · 0.4424909859² = 0.0978991363
    expect(lecture.loss.outputs[0]!.error).toBeCloseTo(-0.4424909859, 9);
    expect(lecture.loss.value).toBeCloseTo(0.0978991363, 9);
  });

  it('gives each chain-rule factor of the output unit (hand-computed)', () => {
    const y = unit(lecture, 'y').backward;
    // ∂L/∂y = y − t = −0.4424909859
    expect(y.dLda.source).toBe('loss');
    expect(y.dLda.value).toBeCloseTo(-0.4424909859, 9);
    // ∂y/∂z = σ′(0.2310585786) = y(1 − y) = 0.5575090141 × 0.4424909859 = 0.2466927133
    expect(y.dadz.value).toBeCloseTo(0.2466927133, 9);
    // δ_y = (−0.4424909859) × 0.2466927133 = −0.1091593019
    expect(y.delta).toBeCloseTo(-0.1091593019, 9);
    // ∂L/∂w5 = δ_y × h1 = (−0.1091593019) × 0.7310585786 = −0.0798018441
    expect(gradient(lecture, 'w5')).toBeCloseTo(-0.0798018441, 9);
    // ∂L/∂w6 = δ_y × h2 = (−0.1091593019) × 0.5 = −0.0545796510
    expect(gradient(lecture, 'w6')).toBeCloseTo(-0.054579651, 9);
    expect(y.weights.map((w) => [w.label, w.input])).toEqual([
      ['w5', 'h1'],
      ['w6', 'h2'],
    ]);
    // ∂L/∂b3 = δ_y
    expect(gradient(lecture, 'b3')).toBeCloseTo(-0.1091593019, 9);
  });

  it('gives each chain-rule factor of the hidden units (hand-computed)', () => {
    const h1 = unit(lecture, 'h1').backward;
    // ∂L/∂h1 = δ_y × w5 = (−0.1091593019) × 1
    expect(h1.dLda.source).toBe('next-layer');
    expect(h1.dLda.terms.map((t) => [t.from, t.weightLabel, t.weight])).toEqual([['y', 'w5', 1]]);
    expect(h1.dLda.value).toBeCloseTo(-0.1091593019, 9);
    // ∂h1/∂z = σ′(1) = 0.7310585786 × 0.2689414214 = 0.1966119332
    expect(h1.dadz.value).toBeCloseTo(0.1966119332, 9);
    // δ_h1 = (−0.1091593019) × 0.1966119332 = −0.0214620214
    expect(h1.delta).toBeCloseTo(-0.0214620214, 9);
    // ∂L/∂w1 = δ_h1 × x1 = −0.0214620214 × 1;  ∂L/∂w2 = δ_h1 × x2 = −0.0214620214 × (−1)
    expect(gradient(lecture, 'w1')).toBeCloseTo(-0.0214620214, 9);
    expect(gradient(lecture, 'w2')).toBeCloseTo(0.0214620214, 9);

    const h2 = unit(lecture, 'h2').backward;
    // ∂L/∂h2 = δ_y × w6 = (−0.1091593019) × (−1) = 0.1091593019;  σ′(0) = 0.25
    expect(h2.dLda.value).toBeCloseTo(0.1091593019, 9);
    expect(h2.dadz.value).toBe(0.25);
    // δ_h2 = 0.1091593019 × 0.25 = 0.0272898255;  ∂L/∂w3 = δ_h2 × 1;  ∂L/∂w4 = δ_h2 × (−1)
    expect(h2.delta).toBeCloseTo(0.0272898255, 9);
    expect(gradient(lecture, 'w3')).toBeCloseTo(0.0272898255, 9);
    expect(gradient(lecture, 'w4')).toBeCloseTo(-0.0272898255, 9);
    expect(gradient(lecture, 'b1')).toBeCloseTo(-0.0214620214, 9);
    expect(gradient(lecture, 'b2')).toBeCloseTo(0.0272898255, 9);
  });

  it('updates every weight by new = old − 0.5 × gradient (hand-computed)', () => {
    const expected: Record<string, number> = {
      w1: 2.0107310107, // 2 − 0.5 × (−0.0214620214)
      w2: 0.9892689893, // 1 − 0.5 × 0.0214620214
      w3: 0.9863550873, // 1 − 0.5 × 0.0272898255
      w4: 1.0136449127, // 1 − 0.5 × (−0.0272898255)
      w5: 1.0399009221, // 1 − 0.5 × (−0.0798018441)
      w6: -0.9727101745, // −1 − 0.5 × (−0.0545796510)
      b1: 0.0107310107, // 0 − 0.5 × (−0.0214620214)
      b2: -0.0136449127, // 0 − 0.5 × 0.0272898255
      b3: 0.054579651, // 0 − 0.5 × (−0.1091593019)
    };
    for (const [label, value] of Object.entries(expected)) expect(updated(lecture, label), label).toBeCloseTo(value, 9);
    expect(lecture.updates.find((u) => u.label === 'w6')!.old).toBe(-1);
  });

  it('one update lowers the loss of the example', () => {
    expect(lecture.after.loss).toBeLessThan(lecture.loss.value);
    expect(lecture.after.outputs[0]!.value).toBeGreaterThan(unit(lecture, 'y').forward.a);
  });

  it('every ∂L/∂w and ∂L/∂b equals the finite-difference derivative of L', () => {
    expectGradientsMatchFiniteDifferences(LECTURE_NETWORK);
  });

  it('is the lecture network as given: target 1, learning rate 0.5, and frozen', () => {
    expect(lecture.target).toEqual([1]);
    expect(lecture.learningRate).toBe(0.5);
    expect(Object.isFrozen(LECTURE_NETWORK.layers[0]!.weights[0])).toBe(true);
  });
});

describe('walkthrough: any small network', () => {
  const deeper: WalkthroughInput = {
    inputs: [0.5, -1.2, 2],
    layers: [
      { weights: [[0.3, -0.8], [0.5, 0.1], [-0.4, 0.9]], bias: [0.1, -0.2], activation: 'tanh' },
      { weights: [[0.7, -0.6, 0.2], [-0.3, 0.8, 0.5]], bias: [0.05, 0.3, -0.1], activation: 'elu' },
      { weights: [[0.4, -0.9], [0.6, 0.3], [-0.5, 0.7]], bias: [0.2, 0], activation: 'leaky_relu' },
      { weights: [[1.1, -0.4], [0.2, 0.9]], bias: [0, 0.1], activation: 'linear' },
    ],
    target: [0.5, -0.3],
    learningRate: 0.1,
  };

  it('matches finite differences through tanh, elu, leaky ReLU and linear layers with two outputs', () => {
    expectGradientsMatchFiniteDifferences(deeper);
  });

  it('names units and weights by default (h1_1…, y1, y2, w(x1→h1_1), b(y1))', () => {
    const r = runWalkthrough(deeper);
    expect(r.forward.map((l) => l.units.map((u) => u.name))).toEqual([['h1_1', 'h1_2'], ['h2_1', 'h2_2', 'h2_3'], ['h3_1', 'h3_2'], ['y1', 'y2']]);
    expect(r.forward[0]!.units[0]!.terms[0]!.weightLabel).toBe('w(x1→h1_1)');
    expect(r.backward.map((l) => l.layer)).toEqual([4, 3, 2, 1]);
    expect(r.backward[0]!.units[1]!.bias.label).toBe('b(y2)');
    expect(r.backward[1]!.units[0]!.dLda.terms.map((t) => t.from)).toEqual(['y1', 'y2']);
  });

  it('runs ReLU units: a negative z passes no gradient', () => {
    const r = runWalkthrough({ inputs: [1], layers: [{ weights: [[-2, 3]], bias: [0, 0], activation: 'relu' }, { weights: [[1], [1]], bias: [0], activation: 'linear' }], target: [0], learningRate: 1 });
    expect(r.backward[1]!.units.map((u) => u.dadz.value)).toEqual([0, 1]);
    expect(r.updates.find((u) => u.label === 'w(x1→h1)')!.gradient).toBe(0);
  });
});

describe("walkthrough: the lecture's saturated neuron", () => {
  const r = runWalkthrough(SATURATED_NEURON_EXAMPLE);
  const y = r.backward[0]!.units[0]!;

  it('w = 100, bias 1, input 0.5 gives z = 51 and σ′(51) ≈ 7.1e-23, not 0', () => {
    expect(r.forward[0]!.units[0]!.z).toBe(51); // 100 · 0.5 + 1
    // e^(−51) / (1 + e^(−51))² = 7.0954741623e-23
    expect(y.dadz.value / 7.0954741623e-23).toBeCloseTo(1, 9);
    // ∂L/∂w = (y − t) × σ′(51) × x = 1 × 7.0954741623e-23 × 0.5
    expect(y.weights[0]!.gradient / 3.5477370811e-23).toBeCloseTo(1, 9);
  });

  it('the update cannot move w: 100 − 0.5 × 3.5e-23 is 100 in floating point', () => {
    expect(r.updates.find((u) => u.label === 'w')!.new).toBe(100);
    expect(r.after.loss).toBe(r.loss.value);
  });

  it('local derivatives keep their digits far from 0 (sigmoid and tanh), and agree with σ(1 − σ) near 0', () => {
    expect(localDerivative('sigmoid', -51, 0)).toBe(localDerivative('sigmoid', 51, 1));
    expect(localDerivative('tanh', 30, 1)).toBeGreaterThan(0);
    // tanh′(30) = 4e^(−60)/(1 + e^(−60))² = 3.5e-26
    expect(localDerivative('tanh', 30, 1) / (4 * Math.exp(-60))).toBeCloseTo(1, 9);
    const s = 1 / (1 + Math.exp(-0.3));
    expect(localDerivative('sigmoid', 0.3, s)).toBeCloseTo(s * (1 - s), 15);
    expect(localDerivative('tanh', 0.3, Math.tanh(0.3))).toBeCloseTo(1 - Math.tanh(0.3) ** 2, 15);
  });
});

describe('walkthrough: validation names the field', () => {
  function problemFields(input: unknown): string[] {
    try {
      runWalkthrough(input as WalkthroughInput);
    } catch (error) {
      if (error instanceof SpecError) return error.problems.map((p) => p.field);
      throw error;
    }
    throw new Error('expected a SpecError');
  }
  const lectureCopy = () => structuredClone(LECTURE_NETWORK) as WalkthroughInput;

  it('a weight row of the wrong length: layers[1].weights[0]', () => {
    const input = lectureCopy();
    input.layers[1]!.weights[0] = [1, 2];
    input.layers[1]!.weightLabels = undefined;
    expect(problemFields(input)).toEqual(['layers[1].weights[0]']);
    const second = lectureCopy();
    second.layers[0]!.weights[1] = [1];
    expect(problemFields(second)).toContain('layers[0].weights[1]');
  });

  it('the wrong number of rows (one per input of the layer): layers[1].weights', () => {
    const input = lectureCopy();
    input.layers[1]!.weights = [[1], [-1], [2]];
    expect(problemFields(input)).toContain('layers[1].weights');
  });

  it('inputs, bias, target, labels, activation and learning rate', () => {
    expect(problemFields({ ...lectureCopy(), inputs: [1, 2, 3] })).toContain('layers[0].weights');
    expect(problemFields({ ...lectureCopy(), target: [1, 0] })).toEqual(['target']);
    expect(problemFields({ ...lectureCopy(), learningRate: -1 })).toEqual(['learningRate']);
    expect(problemFields({ ...lectureCopy(), inputs: [1, Number.NaN] })).toEqual(['inputs[1]']);
    const bias = lectureCopy();
    bias.layers[0]!.bias = [0];
    expect(problemFields(bias)).toEqual(['layers[0].bias']);
    const softmax = lectureCopy();
    (softmax.layers[1] as { activation: string }).activation = 'softmax';
    expect(problemFields(softmax)).toEqual(['layers[1].activation']);
    const duplicate = lectureCopy();
    duplicate.layers[1]!.weightLabels = [['w5'], ['w1']];
    expect(problemFields(duplicate)).toEqual(['layers[1].weightLabels[1][0]']);
  });
});

/** Central differences of L with respect to every weight and bias, against the walkthrough's gradients. */
function expectGradientsMatchFiniteDifferences(network: WalkthroughInput) {
  const result = runWalkthrough(network);
  const h = 1e-6;
  const lossWith = (l: number, i: number | null, j: number, delta: number) => {
    const copy = structuredClone(network) as WalkthroughInput;
    const layer = copy.layers[l]!;
    if (i === null) layer.bias[j]! += delta;
    else layer.weights[i]![j]! += delta;
    return runWalkthrough(copy).loss.value;
  };
  let checked = 0;
  network.layers.forEach((layer, l) => {
    const units = result.backward.find((b) => b.layer === l + 1)!.units;
    layer.weights.forEach((row, i) =>
      row.forEach((_, j) => {
        const numeric = (lossWith(l, i, j, h) - lossWith(l, i, j, -h)) / (2 * h);
        expect(units[j]!.weights[i]!.gradient, `layers[${l}].weights[${i}][${j}]`).toBeCloseTo(numeric, 8);
        checked++;
      }),
    );
    layer.bias.forEach((_, j) => {
      const numeric = (lossWith(l, null, j, h) - lossWith(l, null, j, -h)) / (2 * h);
      expect(units[j]!.bias.gradient, `layers[${l}].bias[${j}]`).toBeCloseTo(numeric, 8);
      checked++;
    });
  });
  expect(checked).toBe(result.updates.length);
}
