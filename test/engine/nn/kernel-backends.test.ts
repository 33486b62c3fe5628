import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { availableKernelBackends, setKernelBackend } from '../../../engine/nn/kernel-backend';
import { eventsOf, train } from '../train/run-helpers';

/**
 * Whole training runs on each kernel backend: the same seed gives bit-identical runs on one
 * backend, and the backends agree within float32 rounding (they sum the products' terms in a
 * different order and precision, so float32 runs drift apart by rounding only).
 */

afterEach(() => {
  setKernelBackend('auto');
});

/** MNIST through a 784-32-16-10 ReLU network: products far above the WebAssembly threshold. */
const spec: RunSpecInput = {
  version: 1,
  seed: 7,
  dtype: 'float32',
  dataset: { name: 'mnist', trainSize: 400, testSize: 100 },
  layers: [
    { units: 32, activation: 'relu', init: 'he' },
    { units: 16, activation: 'relu', init: 'he' },
    { units: 10, activation: 'softmax' },
  ],
  optimizer: { name: 'sgd', lr: 0.05 },
  training: { batchSize: 25, iterations: 40 },
  diagnostics: { every: 10, bins: 10 },
};

/** The same with sigmoid hidden layers, whose forward and backward passes also run in WebAssembly. */
const sigmoidSpec: RunSpecInput = {
  ...spec,
  layers: [
    { units: 32, activation: 'sigmoid', init: 'xavier' },
    { units: 16, activation: 'sigmoid', init: 'xavier' },
    { units: 10, activation: 'softmax' },
  ],
  optimizer: { name: 'sgd', lr: 0.5 },
};

function stepLosses(backend: string, input: RunSpecInput = spec): number[] {
  setKernelBackend(backend as Parameters<typeof setKernelBackend>[0]);
  return eventsOf(train(input).events, 'step').map((e) => e.loss);
}

describe('training on each kernel backend', () => {
  it.each(availableKernelBackends())('%s: the same seed gives bit-identical runs', (backend) => {
    setKernelBackend(backend);
    const first = train(spec).events;
    const second = train(spec).events;
    expect(second).toEqual(first);
  });

  it('WebAssembly and TypeScript runs agree within float32 rounding, step by step', () => {
    const reference = stepLosses('typescript');
    for (const backend of availableKernelBackends().filter((b) => b !== 'typescript')) {
      const losses = stepLosses(backend);
      expect(losses).toHaveLength(reference.length);
      // Products differ by float32 rounding (~1e-7 relative); over 40 SGD steps the losses move
      // apart by ~1e-8 relative (measured): 1e-6 leaves room, and would catch any real change.
      losses.forEach((loss, step) => expect(Math.abs(loss - reference[step]!), `${backend}, step ${step}`).toBeLessThan(1e-6 * reference[step]!));
      // ...and they are not the same computation: float32 sums in another order round differently
      expect(losses).not.toEqual(reference);
    }
  });

  it('with sigmoid layers too (σ within 3 ulp instead of Math.exp rounded once)', () => {
    const reference = stepLosses('typescript', sigmoidSpec);
    expect(reference[reference.length - 1]!).toBeLessThan(0.9 * reference[0]!); // it learns: the comparison means something
    for (const backend of availableKernelBackends().filter((b) => b !== 'typescript')) {
      const losses = stepLosses(backend, sigmoidSpec);
      losses.forEach((loss, step) => expect(Math.abs(loss - reference[step]!), `${backend}, step ${step}`).toBeLessThan(1e-6 * reference[step]!));
    }
  });
});

describe('where WebAssembly validates but may not compile (a renderer under a strict Content-Security-Policy)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('falls back to the TypeScript kernels and still computes', async () => {
    // The project's types (ES2023 + Node) do not declare WebAssembly: see engine/nn/wasm/wasm-kernels.ts.
    const real = (globalThis as unknown as { WebAssembly: { validate: unknown; Instance: unknown } }).WebAssembly;
    vi.stubGlobal('WebAssembly', {
      ...real,
      validate: real.validate,
      Module: class {
        constructor() {
          throw new Error("Refused to compile WebAssembly: 'wasm-unsafe-eval' is not allowed");
        }
      },
      Instance: real.Instance,
    });
    vi.resetModules();
    const backend = await import('../../../engine/nn/kernel-backend');
    const { matmul } = await import('../../../engine/nn/matmul');
    expect(backend.availableKernelBackends()[0]).not.toBe('typescript'); // it validates...
    expect(backend.kernelBackend()).toBe('typescript'); // ...but runs TypeScript
    const a = new Float32Array(64 * 8).fill(1);
    const b = new Float32Array(8 * 8).fill(0.5);
    const out = new Float32Array(64 * 8);
    matmul(a, b, null, out, 64, 8, 8);
    expect(out.every((v) => v === 4)).toBe(true);
  });
});
