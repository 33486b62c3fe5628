import { activationByName } from '../nn/activations';
import { parseWalkthroughInput, type WalkthroughActivation, type WalkthroughInput, type WalkthroughNetwork } from './walkthrough-input';

export { parseWalkthroughInput, WALKTHROUGH_LIMITS, type WalkthroughActivation, type WalkthroughInput, type WalkthroughLayer, type WalkthroughNetwork } from './walkthrough-input';

/** A named value (an input, an output). */
export interface NamedValue {
  name: string;
  value: number;
}

/** One term w·x of a unit's weighted sum. */
export interface WeightedTerm {
  weightLabel: string;
  weight: number;
  /** Name of the node the weight comes from (x1, h2, …). */
  input: string;
  inputValue: number;
  /** weight × inputValue. */
  product: number;
}

/** One unit's forward step: z = Σ w·x + b, a = f(z). */
export interface ForwardUnit {
  name: string;
  terms: WeightedTerm[];
  bias: { label: string; value: number };
  z: number;
  activation: WalkthroughActivation;
  a: number;
}

/** A layer's forward step (layer is 1-based: layer 1 is the first hidden layer). */
export interface ForwardLayer {
  layer: number;
  activation: WalkthroughActivation;
  units: ForwardUnit[];
}

/** L = ½ Σₖ (yₖ − tₖ)², with each output's error yₖ − tₖ. */
export interface LossStep {
  formula: string;
  value: number;
  outputs: { name: string; output: number; target: number; error: number }[];
}

/** One term δₖ·wⱼₖ of a hidden unit's ∂L/∂a = Σₖ δₖ·wⱼₖ (k over the next layer's units). */
export interface DeltaTerm {
  /** The next-layer unit k the error comes back from. */
  from: string;
  delta: number;
  weightLabel: string;
  weight: number;
  product: number;
}

/** One incoming weight's gradient: ∂L/∂w = δ × (the input to that weight). */
export interface WeightGradient {
  label: string;
  input: string;
  inputValue: number;
  delta: number;
  gradient: number;
}

/** One unit's backward step, each chain-rule factor named. */
export interface BackwardUnit {
  name: string;
  /**
   * ∂L/∂a. Output unit: from the loss, y − t (terms empty). Hidden unit: Σₖ δₖ·wⱼₖ over the
   * next layer's units, with the weights before the update.
   */
  dLda: { value: number; source: 'loss' | 'next-layer'; terms: DeltaTerm[] };
  /** ∂a/∂z = f′(z), the activation's local derivative, with its formula. */
  dadz: { value: number; activation: WalkthroughActivation; z: number; formula: string };
  /** δ = ∂L/∂z = ∂L/∂a × ∂a/∂z. */
  delta: number;
  weights: WeightGradient[];
  /** ∂L/∂b = δ (the bias's input is 1). */
  bias: { label: string; gradient: number };
}

/** A layer's backward step (1-based layer number). */
export interface BackwardLayer {
  layer: number;
  units: BackwardUnit[];
}

/** One parameter's gradient-descent step: new = old − learningRate × gradient. */
export interface ParameterUpdate {
  label: string;
  kind: 'weight' | 'bias';
  layer: number;
  old: number;
  gradient: number;
  new: number;
}

/** Everything a UI needs to step through one example, in the order a lecture tells it. */
export interface WalkthroughResult {
  inputs: NamedValue[];
  target: number[];
  learningRate: number;
  forward: ForwardLayer[];
  loss: LossStep;
  /** Last layer first: the order backpropagation visits the layers. */
  backward: BackwardLayer[];
  /** In forward order: layer by layer, unit by unit, each unit's incoming weights then its bias (w1, w2, b1, w3, …). */
  updates: ParameterUpdate[];
  /** The same example through the updated network: did the step reduce the loss? */
  after: { outputs: NamedValue[]; loss: number };
}

/**
 * One step of backpropagation by hand, for a small fully-connected network, on one example with
 * squared-error loss L = ½ Σₖ (yₖ − tₖ)²:
 *   forward    zⱼ = Σᵢ wᵢⱼ·xᵢ + bⱼ,  aⱼ = f(zⱼ)
 *   output     ∂L/∂yₖ = yₖ − tₖ
 *   hidden     ∂L/∂aⱼ = Σₖ δₖ·wⱼₖ  (next layer's δ and weights)
 *   each unit  δⱼ = ∂L/∂zⱼ = ∂L/∂aⱼ · f′(zⱼ)
 *   weights    ∂L/∂wᵢⱼ = δⱼ · xᵢ,  ∂L/∂bⱼ = δⱼ
 *   update     w ← w − η·∂L/∂w   (all gradients are taken before any weight changes)
 * f′ is computed without cancellation (σ′(51) ≈ 7.1e-23, not 0). Throws SpecError for bad shapes.
 */
export function runWalkthrough(input: WalkthroughInput): WalkthroughResult {
  const network = parseWalkthroughInput(input);
  const forward = forwardPass(network);
  const outputs = forward[forward.length - 1]!.units;
  const loss: LossStep = {
    formula: 'L = ½ Σ (y − t)²',
    value: 0,
    outputs: outputs.map((unit, k) => ({ name: unit.name, output: unit.a, target: network.target[k]!, error: unit.a - network.target[k]! })),
  };
  loss.value = loss.outputs.reduce((sum, o) => sum + 0.5 * o.error * o.error, 0);
  const backward = backwardPass(network, forward, loss);
  const updates = updatesOf(network, backward);
  return {
    inputs: network.inputs.map((value, i) => ({ name: network.inputNames[i]!, value })),
    target: network.target,
    learningRate: network.learningRate,
    forward,
    loss,
    backward,
    updates,
    after: evaluateAfter(network, updates),
  };
}

/** Outputs and loss of the example once every update is applied. */
function evaluateAfter(network: WalkthroughNetwork, updates: ParameterUpdate[]): WalkthroughResult['after'] {
  const updated = new Map(updates.map((u) => [u.label, u.new]));
  const layers = network.layers.map((layer) => ({
    ...layer,
    weights: layer.weights.map((row, i) => row.map((_, j) => updated.get(layer.weightLabels[i]![j]!)!)),
    bias: layer.bias.map((_, j) => updated.get(layer.biasLabels[j]!)!),
  }));
  const forward = forwardPass({ ...network, layers });
  const outputs = forward[forward.length - 1]!.units.map((u) => ({ name: u.name, value: u.a }));
  return { outputs, loss: outputs.reduce((sum, o, k) => sum + 0.5 * (o.value - network.target[k]!) ** 2, 0) };
}

function forwardPass(network: WalkthroughNetwork): ForwardLayer[] {
  let names = network.inputNames;
  let values = network.inputs;
  return network.layers.map((layer, l) => {
    const units = layer.units.map((name, j): ForwardUnit => {
      const terms = values.map((inputValue, i): WeightedTerm => {
        const weight = layer.weights[i]![j]!;
        return { weightLabel: layer.weightLabels[i]![j]!, weight, input: names[i]!, inputValue, product: weight * inputValue };
      });
      const bias = layer.bias[j]!;
      const z = terms.reduce((sum, t) => sum + t.product, 0) + bias;
      return { name, terms, bias: { label: layer.biasLabels[j]!, value: bias }, z, activation: layer.activation, a: activate(layer.activation, z) };
    });
    names = layer.units;
    values = units.map((u) => u.a);
    return { layer: l + 1, activation: layer.activation, units };
  });
}

function backwardPass(network: WalkthroughNetwork, forward: ForwardLayer[], loss: LossStep): BackwardLayer[] {
  const backward: BackwardLayer[] = [];
  let next: BackwardUnit[] | null = null;
  for (let l = network.layers.length - 1; l >= 0; l--) {
    const layer = network.layers[l]!;
    const inputs = l === 0 ? network.inputs.map((value, i) => ({ name: network.inputNames[i]!, value })) : forward[l - 1]!.units.map((u) => ({ name: u.name, value: u.a }));
    const nextLayer = network.layers[l + 1];
    const following: BackwardUnit[] | null = next;
    const units = forward[l]!.units.map((unit, j): BackwardUnit => {
      let dLda: BackwardUnit['dLda'];
      if (following === null || nextLayer === undefined) {
        dLda = { value: loss.outputs[j]!.error, source: 'loss', terms: [] };
      } else {
        const terms = following.map((k, kIndex): DeltaTerm => {
          const weight = nextLayer.weights[j]![kIndex]!;
          return { from: k.name, delta: k.delta, weightLabel: nextLayer.weightLabels[j]![kIndex]!, weight, product: k.delta * weight };
        });
        dLda = { value: terms.reduce((sum, t) => sum + t.product, 0), source: 'next-layer', terms };
      }
      const dadz = { value: localDerivative(layer.activation, unit.z, unit.a), activation: layer.activation, z: unit.z, formula: DERIVATIVE_FORMULAS[layer.activation] };
      const delta = dLda.value * dadz.value;
      const weights = inputs.map((input, i): WeightGradient => ({
        label: layer.weightLabels[i]![j]!,
        input: input.name,
        inputValue: input.value,
        delta,
        gradient: delta * input.value,
      }));
      return { name: unit.name, dLda, dadz, delta, weights, bias: { label: layer.biasLabels[j]!, gradient: delta } };
    });
    backward.push({ layer: l + 1, units });
    next = units;
  }
  return backward;
}

function updatesOf(network: WalkthroughNetwork, backward: BackwardLayer[]): ParameterUpdate[] {
  const lr = network.learningRate;
  const updates: ParameterUpdate[] = [];
  network.layers.forEach((layer, l) => {
    const units = backward.find((b) => b.layer === l + 1)!.units;
    const step = (label: string, kind: ParameterUpdate['kind'], old: number, gradient: number) =>
      updates.push({ label, kind, layer: l + 1, old, gradient, new: old - lr * gradient });
    units.forEach((unit, j) => {
      unit.weights.forEach((w, i) => step(w.label, 'weight', layer.weights[i]![j]!, w.gradient));
      step(unit.bias.label, 'bias', layer.bias[j]!, unit.bias.gradient);
    });
  });
  return updates;
}

/** f(z) through the activation module. */
function activate(name: WalkthroughActivation, z: number): number {
  const a = new Float64Array(1);
  activationByName(name).forward(Float64Array.of(z), a, 1, 1);
  return a[0]!;
}

/**
 * f′(z). Sigmoid and tanh use forms without cancellation, so a saturated unit shows its true tiny
 * derivative instead of 0: σ′(z) = e^(−|z|)/(1 + e^(−|z|))² (σ(1 − σ) rounds to 0 beyond |z| ≈ 37),
 * tanh′(z) = 4e^(−2|z|)/(1 + e^(−2|z|))². Others come from the activation module's backward.
 */
export function localDerivative(name: WalkthroughActivation, z: number, a: number): number {
  if (name === 'sigmoid') {
    const e = Math.exp(-Math.abs(z));
    return e / ((1 + e) * (1 + e));
  }
  if (name === 'tanh') {
    const e = Math.exp(-2 * Math.abs(z));
    return (4 * e) / ((1 + e) * (1 + e));
  }
  const dz = new Float64Array(1);
  activationByName(name).backward(Float64Array.of(z), Float64Array.of(a), Float64Array.of(1), dz, 1, 1);
  return dz[0]!;
}

/** Each activation's derivative as shown to students. */
export const DERIVATIVE_FORMULAS: Record<WalkthroughActivation, string> = {
  sigmoid: "σ'(z) = σ(z)·(1 − σ(z))",
  tanh: "tanh'(z) = 1 − tanh²(z)",
  relu: "relu'(z) = 1 if z > 0, else 0",
  leaky_relu: "leaky_relu'(z) = 1 if z > 0, else 0.01",
  elu: "elu'(z) = 1 if z > 0, else e^z",
  linear: "linear'(z) = 1",
};

/**
 * The lecture's 2-2-1 sigmoid network (LECTURE.md, "Review: how a network learns"):
 *   x = (1, −1)
 *   h1 = σ(w1·x1 + w2·x2) = σ(2·1 + 1·(−1)) = σ(1) = 0.731      (slide: 0.73)
 *   h2 = σ(w3·x1 + w4·x2) = σ(1·1 + 1·(−1)) = σ(0) = 0.5        (slide: 0.5)
 *   y  = σ(w5·h1 + w6·h2) = σ(0.731 − 0.5) = σ(0.231) = 0.557   (slide: 0.23 → 0.55)
 * All biases 0. The slides give no target or learning rate; we choose target 1 (the output 0.557
 * is visibly short of it, so every gradient is clearly non-zero) and learning rate 0.5 (large
 * enough that one update changes the weights in the second or third decimal).
 */
export const LECTURE_NETWORK: WalkthroughInput = deepFreeze({
  inputs: [1, -1],
  inputNames: ['x1', 'x2'],
  layers: [
    {
      // Column j holds unit j's weights: h1 gets w1 (from x1) and w2 (from x2), h2 gets w3 and w4.
      weights: [
        [2, 1],
        [1, 1],
      ],
      weightLabels: [
        ['w1', 'w3'],
        ['w2', 'w4'],
      ],
      bias: [0, 0],
      biasLabels: ['b1', 'b2'],
      units: ['h1', 'h2'],
      activation: 'sigmoid',
    },
    { weights: [[1], [-1]], weightLabels: [['w5'], ['w6']], bias: [0], biasLabels: ['b3'], units: ['y'], activation: 'sigmoid' },
  ],
  target: [1],
  learningRate: 0.5,
});

/**
 * The lecture's bad-initialization neuron (LECTURE.md §04): w = 100, bias 1, input 0.5, so
 * z = 100·0.5 + 1 = 51 and σ′(51) = e^(−51)/(1 + e^(−51))² ≈ 7.1e-23: "Gradient = 0.00…01".
 * Target 0 (the neuron says ≈1 and is as wrong as it can be), learning rate 0.5: the update still
 * moves w by only ≈1.8e-23.
 */
export const SATURATED_NEURON_EXAMPLE: WalkthroughInput = deepFreeze({
  inputs: [0.5],
  inputNames: ['x'],
  layers: [{ weights: [[100]], weightLabels: [['w']], bias: [1], biasLabels: ['b'], units: ['y'], activation: 'sigmoid' }],
  target: [0],
  learningRate: 0.5,
});

/** Freezes an example and everything in it, so no caller edits the shared copy (clone it first). */
function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  return Object.freeze(value);
}
