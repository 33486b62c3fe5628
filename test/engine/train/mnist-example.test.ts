import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunSpecInput } from '../../../engine/api/run-spec';
import { endOf, train } from './run-helpers';

/**
 * The README's MNIST example (784-100-100-10 ReLU/He) on real MNIST images. The full example
 * reaches > 97 % test accuracy in 5 epochs (see README); here two epochs on 10,000 images keep
 * the suite fast and still checks the whole path from IDX files to a network that reads digits.
 */
describe('MNIST example spec', () => {
  for (const file of ['mnist-mlp-adam.json', 'mnist-mlp-momentum.json']) {
    it(`${file}: two epochs on 10,000 images read digits`, () => {
      const spec = JSON.parse(readFileSync(new URL(`../../../resources/examples/${file}`, import.meta.url), 'utf8')) as RunSpecInput;
      expect(spec.dataset).toEqual({ name: 'mnist', trainSize: 60000, testSize: 10000 });
      expect(spec.layers.map((l) => `${l.units} ${l.activation}`)).toEqual(['100 relu', '100 relu', '10 softmax']);
      const { events } = train({ ...spec, dataset: { name: 'mnist', trainSize: 10000, testSize: 2000 }, training: { ...spec.training, epochs: 2 } });
      expect(endOf(events).final!.test!.accuracy).toBeGreaterThan(0.88);
    });
  }
});
