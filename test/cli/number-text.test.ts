import { describe, expect, it } from 'vitest';
import { percentText } from '../../cli/commands/number-text';
import { counted } from '../../engine/lab/counted-words';
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

describe('counted (the one counting table of the CLI and the screens)', () => {
  it('gives a count its noun in the form English wants', () => {
    expect(counted(1, 'run', 'en')).toBe('1 run');
    expect(counted(0, 'run', 'en')).toBe('0 runs');
    expect(counted(2, 'notebookEntry', 'en')).toBe('2 notebook entries');
    expect(counted(1, 'notebookEntry', 'en')).toBe('1 notebook entry');
  });

  it('groups thousands in both languages', () => {
    expect(counted(60_000, 'step', 'en')).toBe('60,000 steps');
    expect(counted(60_000, 'step', 'ko')).toBe('60,000단계');
    expect(counted(1_234_567, 'run', 'ko')).toBe('실행 1,234,567개');
    expect(counted(1_000, 'byte', 'en')).toBe('1,000 bytes');
  });
});
