import { describe, expect, it } from 'vitest';
import { isInert, remoteUrlsInCss, remoteUrlsInScript } from './remote-urls';

/** The scanner behind the offline check of the built app (built-app.test.ts) finds what code can use, and only that. */
describe('remote URL scanning', () => {
  it('finds URLs in string and template literals, not in comments', () => {
    const code = [
      '/** Docs: https://docs.example.com/a */',
      '// see https://example.org/b',
      'const font = "https://cdn.example.com/font.woff2";',
      "fetch('http://api.example.com/v1');",
      'const socket = new WebSocket(`wss://${host}/live`);',
      'const ns = `http://www.w3.org/2000/svg`;',
      'import("https://esm.example.com/mod.js");',
    ].join('\n');
    expect(remoteUrlsInScript(code).sort()).toEqual(
      ['http://api.example.com/v1', 'http://www.w3.org/2000/svg', 'https://cdn.example.com/font.woff2', 'https://esm.example.com/mod.js', 'wss://'].sort(),
    );
  });

  it('finds URLs in CSS outside comments, protocol-relative ones too', () => {
    const css = '/*! Font licence: https://example.org/OFL */ @import url("https://fonts.example.com/css"); .a { background: url(//cdn.example.com/x.png) } .b { src: url(./local.woff2) }';
    expect(remoteUrlsInCss(css)).toEqual(['https://fonts.example.com/css', '//cdn.example.com/x.png']);
  });

  it('lets through only the reviewed inert kinds', () => {
    expect(isInert('http://www.w3.org/1999/xlink')).toBe(true);
    expect(isInert('https://svelte.dev/e/effect_orphan')).toBe(true);
    expect(isInert('https://json-schema.org/draft/2020-12/schema')).toBe(true);
    expect(isInert('http://[')).toBe(true);
    expect(isInert('https://svelte.dev/')).toBe(false);
    expect(isInert('https://www.w3.org.example.com/x')).toBe(false);
    expect(isInert('wss://')).toBe(false);
    expect(isInert('http://[::1]/')).toBe(false);
  });
});
