import { describe, expect, it } from 'vitest';
import { defineMessages, format, translator } from '../../renderer/src/lib/i18n/locale';

describe('i18n', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{done}/{total} 단계', { done: 3, total: 10 })).toBe('3/10 단계');
    expect(format('{missing} x')).toBe('{missing} x');
  });
  it('translates a namespace in either language', () => {
    const messages = defineMessages({ ko: { start: '학습 시작' }, en: { start: 'Start training' } });
    expect(translator(messages, 'ko')('start')).toBe('학습 시작');
    expect(translator(messages, 'en')('start')).toBe('Start training');
  });
});
