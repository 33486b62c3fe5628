import type { ActivationName } from '../api/run-spec';
import { activationByName, type Activation } from './activations';
import type { FloatArray } from './dtype';
import { wasmForElementwise } from './kernel-backend';
import type { WasmKernels } from './wasm/wasm-kernels';

/** A WebAssembly element-wise step over n float32 values: (input, output) or (input, da, dz). */
type ForwardKernel = (kernels: WasmKernels, z: Float32Array, a: Float32Array, n: number) => void;
type BackwardKernel = (kernels: WasmKernels, z: Float32Array, a: Float32Array, da: Float32Array, dz: Float32Array, n: number) => void;

/**
 * `base` with float32 buffers sent through this thread's WebAssembly kernels where it has them
 * (wasmForElementwise decides: float32, large enough, kernels compiled); anything else runs the
 * TypeScript definition.
 */
function accelerated(base: Activation, forward: ForwardKernel, backward: BackwardKernel): Activation {
  return {
    ...base,
    forward(z: FloatArray, a: FloatArray, rows: number, cols: number) {
      const n = rows * cols;
      const wasm = wasmForElementwise(n, z, a);
      if (wasm) forward(wasm, z as Float32Array, a as Float32Array, n);
      else base.forward(z, a, rows, cols);
    },
    backward(z: FloatArray, a: FloatArray, da: FloatArray, dz: FloatArray, rows: number, cols: number) {
      const n = rows * cols;
      const wasm = wasmForElementwise(n, z, a, da, dz);
      if (wasm) backward(wasm, z as Float32Array, a as Float32Array, da as Float32Array, dz as Float32Array, n);
      else base.backward(z, a, da, dz, rows, cols);
    },
  };
}

const ACCELERATED: Partial<Record<ActivationName, Activation>> = {
  // Math.exp costs ~10 ns a value, more than the matrix products of a 100-unit sigmoid layer:
  // σ within 3 float32 ulp of sigmoidOf (engine/nn/wasm/assembly/activations.ts), σ′ bit-identical.
  sigmoid: accelerated(
    activationByName('sigmoid'),
    (k, z, a, n) => k.sigmoid(z, a, n),
    (k, _z, a, da, dz, n) => k.sigmoidBackward(a, da, dz, n),
  ),
  // Within 3 ulp of Math.tanh; tanh′ bit-identical.
  tanh: accelerated(
    activationByName('tanh'),
    (k, z, a, n) => k.tanh(z, a, n),
    (k, _z, a, da, dz, n) => k.tanhBackward(a, da, dz, n),
  ),
  // The same values, branch-free: the TypeScript loop's branch is mispredicted on half the units (~3 ns a value).
  relu: accelerated(
    activationByName('relu'),
    (k, z, a, n) => k.relu(z, a, n),
    (k, z, _a, da, dz, n) => k.reluBackward(z, da, dz, n),
  ),
};

/** The activation a training network runs under a RunSpec name: the WebAssembly kernels for float32 sigmoid, tanh and ReLU, the TypeScript definitions otherwise. */
export function trainingActivation(name: ActivationName): Activation {
  return ACCELERATED[name] ?? activationByName(name);
}
