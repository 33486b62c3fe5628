import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters, plainText } from '../../../engine/api/plain-text';

describe('plainText', () => {
  it('removes terminal escapes, bells, carriage returns and C1 controls', () => {
    expect(plainText('run\u001b[2K\u001b]0;pwned\u0007 1\r')).toBe('run[2K]0;pwned 1');
    expect(plainText('a\u009bb\u0085c\u007fd')).toBe('abcd');
  });

  it('removes bidi embeddings, overrides and isolates', () => {
    expect(plainText('\u202Eevil\u202C \u2066x\u2069 \u202Ay\u202B')).toBe('evil x y');
  });

  it('turns tabs and line feeds into spaces in one-line text, keeps them in multiline text', () => {
    expect(plainText('a\tb\nc')).toBe('a b c');
    expect(plainText('a\tb\nc\r\n', { multiline: true })).toBe('a\tb\nc\n');
  });

  it('leaves ordinary text, Korean and emoji alone', () => {
    const text = '시그모이드 10층 — He 초기값 (σ=0.01) 🙂';
    expect(plainText(text)).toBe(text);
    expect(hasHiddenCharacters(text)).toBe(false);
    expect(hasHiddenCharacters('x\u001b')).toBe(true);
  });
});
