import { describe, expect, it } from 'vitest';
import { translator } from '../../renderer/src/lib/i18n/locale';
import { builderMessages } from '../../renderer/src/lib/i18n/messages/builder';
import { counted } from '../../renderer/src/lib/i18n/plural';

describe('counted messages', () => {
  it('English takes the singular for 1 and the plural for the rest (Intl.PluralRules)', () => {
    const t = translator(builderMessages, 'en');
    expect(counted(t, 'en', 'units', 1)).toBe('1 neuron');
    expect(counted(t, 'en', 'units', 2)).toBe('2 neurons');
    expect(counted(t, 'en', 'units', 0)).toBe('0 neurons');
    expect(counted(t, 'en', 'inputs', 1)).toBe('1 input');
    expect(counted(t, 'en', 'pixels', 784)).toBe('784 pixels');
  });

  it('counts only messages that have both forms (a type error otherwise)', () => {
    const t = translator(builderMessages, 'en');
    // @ts-expect-error: hiddenLayer has no One/Other forms
    const uncounted = () => counted(t, 'en', 'hiddenLayer', 1);
    expect(uncounted).toThrow();
  });

  it('Korean keeps its counter word for every count', () => {
    const t = translator(builderMessages, 'ko');
    expect(counted(t, 'ko', 'units', 1)).toBe('뉴런 1개');
    expect(counted(t, 'ko', 'units', 2)).toBe('뉴런 2개');
  });
});
