import { describe, expect, it, vi } from 'vitest';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { loadDataset } from '../../../engine/data/load-dataset';
import { nodeDataSources } from '../../../engine/data/node-mnist';
import type { Dataset } from '../../../engine/data/types';
import { estimateDuration, type WorkCosts } from '../../../engine/service/duration-estimate';
import type * as MatmulModule from '../../../engine/nn/matmul';
import { Trainer } from '../../../engine/train/trainer';

/**
 * The estimate's matrix products against the engine's own: every product the trainer runs
 * (training steps, evaluations, diagnostics snapshots and 2-D network snapshots) is counted as it
 * is called (engine/nn/matmul's entry points; a call inside that module counts once), and the estimate, with every cost but the products' multiply-adds set to 0, must
 * count the same multiply-adds. No clock: this checks what the estimate counts, whatever the speed.
 * (On inputs without zeros, so the kernels skip no block and the nominal count is the real one.)
 */

const counted = vi.hoisted(() => ({ multiplyAdds: 0 }));

vi.mock('../../../engine/nn/matmul', async (importOriginal) => {
  const actual = await importOriginal<typeof MatmulModule>();
  return {
    ...actual,
    matmul: (...args: Parameters<typeof actual.matmul>) => {
      const [, , , , m, k, n] = args;
      counted.multiplyAdds += m * k * n;
      actual.matmul(...args);
    },
    matmulTransposeA: (...args: Parameters<typeof actual.matmulTransposeA>) => {
      const [, , , m, k, n] = args;
      counted.multiplyAdds += m * k * n;
      actual.matmulTransposeA(...args);
    },
    weightAndBiasGradients: (...args: Parameters<typeof actual.weightAndBiasGradients>) => {
      const [, , , , m, k, n] = args;
      counted.multiplyAdds += m * k * n;
      actual.weightAndBiasGradients(...args);
    },
    matmulTransposeB: (...args: Parameters<typeof actual.matmulTransposeB>) => {
      const [, , , m, n, k] = args;
      counted.multiplyAdds += m * n * k;
      actual.matmulTransposeB(...args);
    },
  };
});

/** Only the products' multiply-adds count, at one a second (the TypeScript kernels' unit). */
const PRODUCTS_ONLY: WorkCosts = {
  wasmValue: 0,
  wasmCall: 0,
  unitPass: 0,
  transcendental: 0,
  batchNormPass: 0,
  dropoutPass: 0,
  inputValue: 0,
  run: 0,
  evaluation: 0,
  step: 0,
  parameter: 0,
  typescriptUpdate: 0,
  adamParameter: 0,
  penalty: 0,
  snapshot: 0,
  snapshotValue: 0,
  displayValue: 0,
};

function productsOf(input: RunSpecInput, dataset?: Dataset): { estimated: number; counted: number } {
  const spec = parseRunSpec(input);
  const data = dataset ?? loadDataset(spec.dataset, spec.seed, nodeDataSources());
  const estimated = estimateDuration(spec, data, { multiplyAddsPerSecond: 1 }, PRODUCTS_ONLY).seconds;
  counted.multiplyAdds = 0;
  new Trainer(spec, data, { runId: 'count', emit: () => {} }).runToEnd();
  return { estimated, counted: counted.multiplyAdds };
}

describe('the estimate counts the products the engine runs', () => {
  it('a 2-D network with its network snapshots, batch norm, dropout and a short last batch', () => {
    const { estimated, counted: real } = productsOf({
      version: 1,
      seed: 4,
      dataset: { name: 'circle', samples: 230, noise: 0.1, testFraction: 0.3 },
      layers: [
        { units: 8, activation: 'tanh', batchNorm: true },
        { units: 6, activation: 'relu', dropout: 0.2 },
        { units: 2, activation: 'softmax' },
      ],
      optimizer: { name: 'adam', lr: 0.01 },
      training: { batchSize: 16, epochs: 3 },
      diagnostics: { every: 20 },
    });
    expect(real).toBeGreaterThan(0);
    expect(estimated / real).toBeGreaterThan(0.99);
    expect(estimated / real).toBeLessThan(1.01);
  });

  it('a deep MNIST network (on inputs without zeros), evaluated every 20 steps', () => {
    const input: RunSpecInput = {
      version: 1,
      seed: 4,
      dataset: { name: 'mnist', trainSize: 1000, testSize: 300 },
      layers: [
        { units: 64, activation: 'relu' },
        { units: 32, activation: 'relu' },
        { units: 32, activation: 'sigmoid' },
        { units: 10, activation: 'softmax' },
      ],
      optimizer: { name: 'sgd', lr: 0.05 },
      training: { batchSize: 100, iterations: 60, evalEvery: 20 },
      diagnostics: { every: 30 },
    };
    const spec = parseRunSpec(input);
    const mnist = loadDataset(spec.dataset, spec.seed, nodeDataSources());
    const dense: Dataset = { ...mnist, train: { ...mnist.train, x: { values: new Uint8Array(1000 * 784).fill(128), rows: 1000, cols: 784, scale: 1 / 255 } } };
    const { estimated, counted: real } = productsOf(input, dense);
    expect(estimated / real).toBeGreaterThan(0.99);
    expect(estimated / real).toBeLessThan(1.01);
  });
});
