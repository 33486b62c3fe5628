import type { Histogram } from '../api/events';
import { defaultInitName } from '../api/run-spec';
import { activationByName, type Activation } from '../nn/activations';
import { initializeDense } from '../nn/initializers';
// The TypeScript kernels, not engine/nn/matmul: the probe runs in float64 (where matmul would pick
// them anyway) and inside the page, whose CSP forbids compiling the WebAssembly kernels.
import { matmul, matmulTransposeA, matmulTransposeB } from '../nn/matmul-typescript';
import { randomStream } from '../nn/random';
import { activationHealth } from '../nn/activation-health';
import { l2Norm, summarize } from '../nn/statistics';
import { parseProbeOptions, type ProbeOptionsInput } from './probe-options';

export { parseProbeOptions, PROBE_LIMITS, type ProbeOptions, type ProbeOptionsInput } from './probe-options';

/** What the probe measured in one layer. */
export interface ProbeLayer {
  /** 1-based, as the textbook's panels ("1-layer" … "5-layer"). */
  layer: number;
  /** Mean and population std of the layer's activations a over all samples and units; null if not finite. */
  mean: number | null;
  std: number | null;
  /** Fraction of activation values in a flat part of f (the activation's `isSaturated`). */
  saturatedFraction: number;
  /** Fraction of units that pass no gradient for any sample (the activation's `passesNoGradient`). */
  deadFraction: number;
  /** Auto-ranged histogram of the activations (bins + 1 edges from min to max). */
  histogram: Histogram;
  /** ‖∂L/∂W‖₂ of the layer's weights in the gradient view; null if not finite. */
  gradNorm: number | null;
}

/** The probe's result, first layer first. */
export interface ProbeResult {
  layers: ProbeLayer[];
}

/**
 * The textbook's activation-histogram experiment (§6.2.2, EXPERIMENTS.md 3.1), forward only, plus a
 * gradient view. Nothing is trained.
 *
 * Forward: X₀ is samples × units standard normal (stream `probe:input`); for layer i = 1..layers,
 *   Zᵢ = Xᵢ₋₁ · Wᵢ   (no bias, as the book),   Xᵢ = f(Zᵢ),
 * with Wᵢ (units × units) drawn by `initializeDense` from stream `probe:init:i`.
 *
 * Gradient view: a random upstream gradient G (samples × units standard normal, stream
 * `probe:upstream`) stands for the loss: L = (1/M) Σ G ⊙ X_last, M = samples, so ∂L/∂X_last = G/M
 * as with a loss averaged over the batch. Backpropagating,
 *   ∂L/∂Zᵢ = ∂L/∂Xᵢ ⊙ f′(Zᵢ),   ∂L/∂Wᵢ = Xᵢ₋₁ᵀ · ∂L/∂Zᵢ,   ∂L/∂Xᵢ₋₁ = ∂L/∂Zᵢ · Wᵢᵀ,
 * and gradNorm = ‖∂L/∂Wᵢ‖₂ (Frobenius). With the book's setup this reproduces EXPERIMENTS.md's
 * oracle scale (ReLU + He ≈ 2.2–2.4 in every layer).
 *
 * Deterministic per seed; float64 throughout. Throws SpecError for bad options.
 */
export function runProbe(input: ProbeOptionsInput): ProbeResult {
  const options = parseProbeOptions(input);
  const { layers, units, samples, bins, seed } = options;
  const fn = activationByName(options.activation);
  const size = samples * units;

  const inputs = new Float64Array(size);
  const inputStream = randomStream(seed, 'probe:input');
  for (let i = 0; i < size; i++) inputs[i] = inputStream.normal();

  const weights: Float64Array[] = [];
  const preactivations: Float64Array[] = [];
  const activations: Float64Array[] = [inputs]; // activations[i] is the input of layer i + 1
  const bias = new Float64Array(units);
  for (let i = 1; i <= layers; i++) {
    const w = new Float64Array(units * units);
    initializeDense(options.init, units, units, randomStream(seed, `probe:init:${i}`), w, bias);
    const z = new Float64Array(size);
    const a = new Float64Array(size);
    matmul(activations[i - 1]!, w, null, z, samples, units, units);
    fn.forward(z, a, samples, units);
    weights.push(w);
    preactivations.push(z);
    activations.push(a);
  }

  const gradNorms = backpropagateUpstream(options.seed, fn, weights, preactivations, activations, samples, units);

  return {
    layers: preactivations.map((z, index) => {
      const a = activations[index + 1]!;
      const { mean, std, histogram } = summarize(a, size, bins);
      return { layer: index + 1, mean, std, ...activationHealth(fn, z, a, samples, units), histogram, gradNorm: gradNorms[index]! };
    }),
  };
}

/** Each layer's gradient against the same probe with the lecture's rule-of-thumb initializer for its activation. */
export interface GradientAgainstRuleOfThumb {
  /** He for the ReLU family, Xavier otherwise (the lecture's rule of thumb). */
  reference: 'he' | 'xavier';
  /** Per layer, this probe's ‖∂L/∂W‖ over the reference probe's (null where either is not finite or is 0). */
  ratios: (number | null)[];
}

/**
 * The probe's gradients per layer against the same probe (same inputs, upstream gradient and
 * weight draws: only the scale differs) with the rule-of-thumb initializer of its activation:
 * what a flat gradient view does not show by itself. ReLU with std 0.01 passes the gradient on
 * evenly, but every layer's is 4 × 10⁴ below He's ((√(2/100) / 0.01)⁴ with 5 layers of 100).
 * Null when the probe already uses that initializer.
 */
export function gradientAgainstRuleOfThumb(input: ProbeOptionsInput, result: ProbeResult = runProbe(input)): GradientAgainstRuleOfThumb | null {
  const options = parseProbeOptions(input);
  const reference = defaultInitName(options.activation);
  if (options.init.name === reference) return null;
  const referenceResult = runProbe({ ...options, init: reference });
  const ratios = result.layers.map((layer, i) => {
    const own = layer.gradNorm;
    const other = referenceResult.layers[i]?.gradNorm ?? null;
    return own === null || other === null || other === 0 ? null : own / other;
  });
  return { reference, ratios };
}

/** ‖∂L/∂Wᵢ‖₂ per layer for L = (1/M) Σ G ⊙ X_last with G standard normal (see runProbe). */
function backpropagateUpstream(
  seed: number,
  fn: Activation,
  weights: Float64Array[],
  preactivations: Float64Array[],
  activations: Float64Array[],
  samples: number,
  units: number,
): (number | null)[] {
  const size = samples * units;
  // ∂L/∂Xᵢ; once turned into ∂L/∂Zᵢ it is free to receive ∂L/∂Xᵢ₋₁.
  const gradOutput = new Float64Array(size);
  const upstream = randomStream(seed, 'probe:upstream');
  for (let i = 0; i < size; i++) gradOutput[i] = upstream.normal() / samples;
  const gradPre = new Float64Array(size);
  const gradWeights = new Float64Array(units * units);
  const norms: (number | null)[] = new Array<number | null>(weights.length).fill(null);
  for (let i = weights.length - 1; i >= 0; i--) {
    fn.backward(preactivations[i]!, activations[i + 1]!, gradOutput, gradPre, samples, units);
    matmulTransposeA(activations[i]!, gradPre, gradWeights, samples, units, units);
    norms[i] = l2Norm(gradWeights);
    if (i > 0) matmulTransposeB(gradPre, weights[i]!, gradOutput, samples, units, units);
  }
  return norms;
}
