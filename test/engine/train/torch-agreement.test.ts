import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StepEvent, TrainingEvent } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { loadDataset } from '../../../engine/data/load-dataset';
import { Trainer } from '../../../engine/train/trainer';

/**
 * The engine against PyTorch 1.13 on the same specs (test/fixtures/torch-reference.json, made by
 * scripts/torch-reference/generate.py): every optimizer, batch norm, both penalties and all three
 * losses, in float64. Agreement to ~1e-12 means same definitions, not just similar behaviour.
 */
interface ReferenceCase {
  name: string;
  spec: unknown;
  losses: number[];
  final: { weights: number[][]; bias: number[]; gamma?: number[]; beta?: number[]; runningMean?: number[]; runningVar?: number[] }[];
  evalOutputs: number[][];
}

const reference = JSON.parse(readFileSync(new URL('../../fixtures/torch-reference.json', import.meta.url), 'utf8')) as { cases: ReferenceCase[] };

function expectClose(actual: ArrayLike<number>, expected: number[], label: string) {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-10 * Math.max(1, Math.abs(expected[i]!));
    expect(Math.abs(actual[i]! - expected[i]!), `${label}[${i}]: ${actual[i]} vs ${expected[i]}`).toBeLessThan(tolerance);
  }
}

describe('agreement with PyTorch (float64)', () => {
  it('has a reference case for every optimizer', () => {
    const optimizers = new Set(reference.cases.map((c) => (c.spec as { optimizer: { name: string } }).optimizer.name));
    expect([...optimizers].sort()).toEqual(['adagrad', 'adam', 'momentum', 'nesterov', 'rmsprop', 'sgd']);
  });

  for (const testCase of reference.cases) {
    it(testCase.name, () => {
      const spec = parseRunSpec(testCase.spec);
      const events: TrainingEvent[] = [];
      const trainer = new Trainer(spec, loadDataset(spec.dataset, spec.seed, {}), { runId: 'torch', emit: (e) => events.push(e) });
      trainer.runToEnd();
      const losses = events.filter((e): e is StepEvent => e.type === 'step').map((e) => e.loss);
      expectClose(losses, testCase.losses, 'loss per step');
      trainer.network.blocks.forEach((block, i) => {
        const expected = testCase.final[i]!;
        expectClose(block.dense.weights.value, expected.weights.flat(), `layers[${i}].weights`);
        expectClose(block.dense.bias.value, expected.bias, `layers[${i}].bias`);
        if (block.batchNorm) {
          expectClose(block.batchNorm.gamma.value, expected.gamma!, `layers[${i}].gamma`);
          expectClose(block.batchNorm.beta.value, expected.beta!, `layers[${i}].beta`);
          expectClose(block.batchNorm.runningMean, expected.runningMean!, `layers[${i}].runningMean`);
          expectClose(block.batchNorm.runningVar, expected.runningVar!, `layers[${i}].runningVar`);
        }
      });
      const x = Float64Array.from((spec.dataset as { x: number[][] }).x.flat());
      const output = trainer.network.forward(x, testCase.evalOutputs.length, false);
      expectClose(output.subarray(0, testCase.evalOutputs.flat().length), testCase.evalOutputs.flat(), 'evaluation-mode outputs');
    });
  }
});
