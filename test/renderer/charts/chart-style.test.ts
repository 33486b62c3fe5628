import { describe, expect, it } from 'vitest';
import { chartFileName, formatLogTick, formatNumber, layerColor, viridis } from '../../../renderer/src/lib/charts/chart-style';
import { formatPercent } from '../../../renderer/src/lib/text/percent-text';

describe('chart style helpers', () => {
  it('name PNG files after the chart and the run, safely for NTFS', () => {
    expect(chartFileName('loss', 'He + ReLU')).toBe('nnlab-loss-He-+-ReLU');
    expect(chartFileName('weights', 'L1: λ = 0.005 / test?', 120)).toBe('nnlab-weights-L1_-λ-=-0.005-_-test_-step120');
    expect(chartFileName('loss', 'tab\there.')).toBe('nnlab-loss-tab-here');
    expect(chartFileName('loss', 'a\u0001b')).toBe('nnlab-loss-a_b');
    expect(chartFileName('loss', null)).toBe('nnlab-loss');
    expect(chartFileName('loss', 'x'.repeat(300)).length).toBeLessThanOrEqual(120);
  });

  it('format numbers across the orders of magnitude gradients span', () => {
    expect(formatNumber(0.4987)).toBe('0.499');
    expect(formatNumber(0.00001234)).toBe('1.23e-5');
    expect(formatNumber(123456)).toBe('1.23e5');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatPercent(0.1234)).toBe('12.3');
    expect([1e-7, 0.001, 0.01, 0.1, 1, 10, 1000, 1e4].map(formatLogTick)).toEqual(['1e-7', '1e-3', '0.01', '0.1', '1', '10', '1000', '1e4']);
  });

  it('colour layers along viridis from dark to light', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(layerColor(0, 5)).toBe('#440154');
    expect(layerColor(0, 1)).toBe('#440154');
    expect(layerColor(4, 5)).not.toBe('#fde725');
  });
});
