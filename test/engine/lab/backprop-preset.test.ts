import { describe, expect, it } from 'vitest';
import { LECTURE_NETWORK, runWalkthrough } from '../../../engine/lab/walkthrough';
import { eventsOf, train } from '../train/run-helpers';
import { trainPreset } from './preset-runs';

/** The backprop review: the trainer and the step-by-step walkthrough are the same computation. */
describe('backprop-lecture-network preset', () => {
  const { events, trainer } = train(trainPreset('backprop-lecture-network').spec);
  const walkthrough = runWalkthrough(LECTURE_NETWORK);

  it("reproduces the slide's forward values 0.73, 0.5 and 0.23 → 0.55", () => {
    const diagnostics = eventsOf(events, 'diagnostics')[0]!;
    expect(diagnostics.layers[0]!.activation.mean).toBeCloseTo((0.7310585786 + 0.5) / 2, 9);
    expect(diagnostics.layers[1]!.preactivation.mean).toBeCloseTo(0.2310585786, 9);
    expect(diagnostics.layers[1]!.activation.mean).toBeCloseTo(0.5575090141, 9);
  });

  it("makes exactly the walkthrough's update (same loss, same new weights)", () => {
    expect(eventsOf(events, 'step')[0]!.loss).toBeCloseTo(walkthrough.loss.value, 12);
    const updated = Object.fromEntries(walkthrough.updates.map((u) => [u.label, u.new]));
    const [hidden, output] = trainer.network.blocks;
    // weights are n_in × n_out: hidden row 0 holds (w1, w3) from x1, row 1 holds (w2, w4) from x2
    expect(Array.from(hidden!.dense.weights.value)).toEqual([updated.w1, updated.w3, updated.w2, updated.w4].map((v) => expect.closeTo(v!, 12)));
    expect(Array.from(output!.dense.weights.value)).toEqual([updated.w5, updated.w6].map((v) => expect.closeTo(v!, 12)));
    expect(Array.from(hidden!.dense.bias.value)).toEqual([updated.b1, updated.b2].map((v) => expect.closeTo(v!, 12)));
  });

  it('lowers the error with one update', () => {
    expect(walkthrough.after.loss).toBeLessThan(walkthrough.loss.value);
  });
});
