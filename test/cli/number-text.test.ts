import { describe, expect, it } from 'vitest';
import { countText, percentText } from '../../cli/commands/number-text';
import { finalText } from '../../cli/commands/runs/run-text';

describe('percentText', () => {
  it('writes what `nnlab runs` wrote: two decimals, the sign right after, "–" when missing', () => {
    expect(percentText(0.96512, { digits: 2 })).toBe('96.51%');
    expect(percentText(0.961, { digits: 2 })).toBe('96.10%');
    expect(percentText(0, { digits: 2 })).toBe('0.00%');
    expect(percentText(1, { digits: 2 })).toBe('100.00%');
    expect(percentText(null, { digits: 2 })).toBe('–');
    expect(percentText(undefined, { digits: 2 })).toBe('–');
    expect(percentText(Number.NaN, { digits: 2 })).toBe('NaN%');
    expect(finalText({ train: { loss: 0.1234, accuracy: 0.96512 }, test: { loss: 0.1301, accuracy: 0.961 } })).toBe('train 0.1234 / 96.51%  test 0.1301 / 96.10%');
  });

  it('writes what `nnlab probe` wrote: one decimal, a space before the sign', () => {
    expect(percentText(0.125, { digits: 1, spaced: true })).toBe('12.5 %');
    expect(percentText(0, { digits: 1, spaced: true })).toBe('0.0 %');
    expect(percentText(1, { digits: 1, spaced: true })).toBe('100.0 %');
    expect(percentText(0.99951, { digits: 1, spaced: true })).toBe('100.0 %');
  });
});

describe('countText', () => {
  it('gives a count its noun in the form English wants', () => {
    expect(countText(1, 'run')).toBe('1 run');
    expect(countText(0, 'run')).toBe('0 runs');
    expect(countText(2, 'notebook entry', 'notebook entries')).toBe('2 notebook entries');
    expect(countText(1, 'notebook entry', 'notebook entries')).toBe('1 notebook entry');
  });
});
