import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { circleSpec, train } from './run-helpers';

/**
 * A spec without `dataset.features` must train exactly as before input features existed (issue 16):
 * its stored form, every event's numbers and the final weights. The digests were taken on the
 * commit before input features (221b1ce) (the engine's version string and the steps' times left out).
 */

function digest(events: TrainingEvent[]): string {
  // Step times (added after the digests were taken) are measurements, not results.
  const numbers = events.map((e) => (e.type === 'start' ? { ...e, engineVersion: undefined } : e.type === 'step' ? { ...e, elapsedMs: undefined } : e));
  return createHash('sha256').update(JSON.stringify(numbers)).digest('hex').slice(0, 16);
}

const SPECS = {
  float32: circleSpec(),
  float64: circleSpec({ dtype: 'float64', dataset: { name: 'xor', samples: 120, noise: 0.2, testFraction: 0.25 } }),
};

describe('a spec without input features', () => {
  it('keeps its stored form: no features key is added by parsing', () => {
    const parsed = parseRunSpec(SPECS.float32);
    expect(Object.keys(parsed.dataset)).toEqual(['name', 'samples', 'noise', 'testFraction']);
    expect(JSON.stringify(parsed)).toBe(
      '{"version":1,"seed":3,"dtype":"float32","dataset":{"name":"circle","samples":200,"noise":0.05,"testFraction":0.25},"layers":[{"units":8,"activation":"tanh","batchNorm":false,"dropout":0,"init":"xavier"},{"units":2,"activation":"softmax","batchNorm":false,"dropout":0,"init":"xavier"}],"optimizer":{"name":"sgd","lr":0.1},"regularization":{"l1":0,"l2":0,"l1Method":"proximal"},"training":{"batchSize":10,"epochs":3,"shuffle":true,"sampling":"epoch"},"diagnostics":{"every":5,"bins":10},"loss":"softmax_cross_entropy"}',
    );
  });

  it.each(Object.entries(SPECS))('trains bit-identically to the engine before features (%s)', (dtype, spec) => {
    const { events } = train(spec);
    expect(digest(events)).toBe(dtype === 'float32' ? '01e1d3f5f83235cd' : '5f6ecd169a9603a3');
  });
});
