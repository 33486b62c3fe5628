import { beforeAll, describe, expect, it } from 'vitest';
import { runPreset, type PresetOutcome } from './preset-runs';

/** Textbook §6.1.8 on a slice of MNIST: SGD is clearly the slowest; the adaptive and momentum methods are close. */
describe('optimizer comparison presets', () => {
  const short = { trainSize: 2000, testSize: 100, iterations: 150 };
  let outcomes: Record<string, PresetOutcome>;
  beforeAll(() => {
    outcomes = Object.fromEntries(['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'].map((name) => [name, runPreset(`optimizer-${name}`, short)]));
  }, 300_000);

  it('SGD ends with the highest training loss, far above every other optimizer', () => {
    for (const name of ['momentum', 'adagrad', 'rmsprop', 'adam']) expect(outcomes[name]!.trainLoss, name).toBeLessThan(outcomes.sgd!.trainLoss / 2);
  });
});
