import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../renderer/src/lib/text/escape-html';

describe('escapeHtml', () => {
  it('escapes each of & < > " \' on its own, named by default', () => {
    expect(escapeHtml('&')).toBe('&amp;');
    expect(escapeHtml('<')).toBe('&lt;');
    expect(escapeHtml('>')).toBe('&gt;');
    expect(escapeHtml('"')).toBe('&quot;');
    expect(escapeHtml("'")).toBe('&#39;');
  });

  it('writes the same characters as numeric entities on request', () => {
    expect(escapeHtml('&<>"\'', 'numeric')).toBe('&#38;&#60;&#62;&#34;&#39;');
  });

  it('escapes an ampersand once, so an entity in the text stays visible text', () => {
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('leaves other text alone, Korean and line breaks included', () => {
    const text = '김학생 2025001\nReLU · σ = 0.01 ✔ `x` / \\ = ;';
    expect(escapeHtml(text)).toBe(text);
    expect(escapeHtml(text, 'numeric')).toBe(text);
    expect(escapeHtml('')).toBe('');
  });

  it('turns an injected tag into inert text, in both spellings', () => {
    for (const style of ['named', 'numeric'] as const) {
      const html = escapeHtml('<img src=x onerror=alert(1)>', style);
      expect(html).not.toMatch(/[<>"']/);
      expect(html).toBe(style === 'named' ? '&lt;img src=x onerror=alert(1)&gt;' : '&#60;img src=x onerror=alert(1)&#62;');
      // An attribute value cannot be closed from inside the text either.
      expect(escapeHtml('" onmouseover="alert(1)', style)).not.toContain('"');
      expect(escapeHtml("' onmouseover='alert(1)", style)).not.toContain("'");
    }
  });
});
