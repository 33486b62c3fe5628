import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, APP_INDEX_URL, appProtocolHandler, listAppFiles, resolveAppRequest } from '../../electron/main/app-protocol';
import { contentSecurityPolicy } from '../../engine/api/content-security-policy';

/**
 * The app:// protocol the desktop app loads its page from (electron/main/app-protocol.ts), as
 * plain functions: which request gets which file of the renderer folder, and which headers.
 */
let dir: string;
let renderer: string;
let files: Map<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-app-protocol-'));
  renderer = join(dir, 'out', 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>NN Lab</title>');
  writeFileSync(join(renderer, 'assets', 'index-1234.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'assets', 'index-1234.css'), 'body{}');
  writeFileSync(join(renderer, 'assets', 'Font.woff2'), 'w');
  writeFileSync(join(renderer, '.hidden'), 'h');
  writeFileSync(join(dir, 'out', 'secret.txt'), 'secret');
  files = listAppFiles(renderer);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it('lists the renderer folder’s files by URL path, "/" as index.html, no hidden files', () => {
    expect([...files.keys()].sort()).toEqual(['/', '/assets/Font.woff2', '/assets/index-1234.css', '/assets/index-1234.js', '/index.html']);
  });

  it('maps a URL of the app to one of those files with its content type, ignoring query and hash', () => {
    expect(resolveAppRequest(APP_INDEX_URL, files)).toEqual({ file: join(renderer, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppRequest('app://nnlab/?x=1#/runs', files)?.file).toBe(join(renderer, 'index.html'));
    expect(resolveAppRequest('app://nnlab/assets/index-1234.js', files)?.contentType).toBe('text/javascript; charset=utf-8');
    expect(resolveAppRequest('app://nnlab/assets/index-1234.css', files)?.contentType).toBe('text/css; charset=utf-8');
    expect(resolveAppRequest('app://nnlab/assets/Font.woff2', files)?.contentType).toBe('font/woff2');
  });

  it('gives nothing outside the folder, no directory, no hidden file, no other host or scheme', () => {
    for (const url of [
      'app://nnlab/../secret.txt',
      'app://nnlab/%2e%2e/secret.txt',
      'app://nnlab/assets/..%2f..%2fsecret.txt',
      'app://nnlab/assets%2f..%2f..%2fsecret.txt',
      'app://nnlab/..%5csecret.txt',
      'app://nnlab/assets',
      'app://nnlab/assets/',
      'app://nnlab/.hidden',
      'app://nnlab/%ZZ',
      'app://nnlab//index.html',
      'app://other/index.html',
      'file:///index.html',
      `file://${join(renderer, 'index.html')}`,
      'https://nnlab/index.html',
      'not a url',
    ]) {
      expect(resolveAppRequest(url, files), url).toBeNull();
    }
  });

  it('answers with the file and the CSP header; 404 and 405 carry it too', async () => {
    const serve = appProtocolHandler(files);
    const page = await serve(new Request(APP_INDEX_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>NN Lab</title>');
    const missing = await serve(new Request('app://nnlab/%2e%2e/secret.txt'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('secret');
    expect(missing.headers.get('content-security-policy')).toBe(APP_CSP);
    const post = await serve(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    const head = await serve(new Request(APP_INDEX_URL, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('the CSP lets style sheets come only from the app’s files, style attributes stay (Svelte, ECharts)', () => {
    expect(APP_CSP).toBe(contentSecurityPolicy({ header: true }));
    const directives = new Map(APP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('style-src-elem')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
});
