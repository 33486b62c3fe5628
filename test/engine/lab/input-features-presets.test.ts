import { describe, expect, it } from 'vitest';
import { checkClaim, claimRunFromEvents } from '../../../engine/lab/claim-checks';
import { LINE_CANNOT_SEPARATE, SQUARES_SEPARATE } from '../../../engine/lab/claims/preset-claims';
import { train } from '../train/run-helpers';
import { trainPreset } from './preset-runs';

/**
 * The input-features lesson (issue 16) at the presets' own end, over seeds 42–46: one sigmoid unit
 * cannot separate the circle from x₁, x₂ (a line cuts at best a cap off the ring, about two thirds
 * right) and can from x₁², x₂² (x₁² + x₂² < r² is a half-plane there). The thresholds, 80 % and
 * 95 %, come from that geometry, not from the measured runs (38–74 % and 100 %).
 */
const SEEDS = [42, 43, 44, 45, 46];

describe('the input-features presets, at their end over five seeds', () => {
  it('use the same data, batches and network, and differ only in dataset.features', () => {
    const xy = trainPreset('features-circle-xy').spec;
    const squares = trainPreset('features-circle-squares').spec;
    expect({ ...xy, name: '', dataset: { ...xy.dataset, features: [] } }).toEqual({ ...squares, name: '', dataset: { ...squares.dataset, features: [] } });
    expect(LINE_CANNOT_SEPARATE.threshold).toBe(0.8);
    expect(SQUARES_SEPARATE.threshold).toBe(0.95);
  });

  it.each(SEEDS)('seed %i: x₁, x₂ stay below 80 %, x₁², x₂² reach 95 %; both claims reproduced', (seed) => {
    for (const id of ['features-circle-xy', 'features-circle-squares']) {
      const { events } = train({ ...trainPreset(id).spec, seed });
      const verdict = checkClaim(id, claimRunFromEvents(events));
      expect(verdict.verdict, `${id} seed ${seed}: ${verdict.message.en}`).toBe('reproduced');
    }
  });
});
