import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isInert, remoteUrlsInCss, remoteUrlsInScript } from './remote-urls';
import { contentSecurityPolicy } from '../../engine/api/content-security-policy';

/**
 * What `electron-vite build` put in out/main, out/preload and out/renderer, the app's three parts
 * (what electron-builder packages, see electron-builder.yml `files` and
 * test/packaging/app-asar.test.ts): a renderer that loads nothing from the network, and no trace of
 * the browser host (cli/serve), which is for `npm run web` only. out/cli, the `nnlab` command's
 * bundle (vite.cli.config.ts), does carry the host and is not part of the app. `npm test` builds
 * before it runs the unit tests; without out/ these tests are skipped.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'out');
const built = existsSync(join(out, 'renderer', 'index.html'));
/** The app's parts under out/ (out/cli is the command, not the app). */
const APP_PARTS = ['main', 'preload', 'renderer'];

/** Every file under `parts` of out/ (default: the app's), relative to out/, with '/' separators. */
function builtFiles(parts: string[] = APP_PARTS): string[] {
  return parts
    .filter((part) => existsSync(join(out, part)))
    .flatMap((part) =>
      readdirSync(join(out, part), { recursive: true, encoding: 'utf8' })
        .filter((name) => statSync(join(out, part, name)).isFile())
        .map((name) => `${part}/${name.replaceAll('\\', '/')}`),
    );
}

const read = (name: string): string => readFileSync(join(out, name), 'utf8');

/** Texts only the browser host prints (cli/serve, cli/commands/serve.ts): strings survive minification. */
const HOST_TEXTS = ['NN Lab browser host:', 'This address is a WebSocket', 'binary messages are not accepted', 'NN Lab is running at'];

/** The page's Content-Security-Policy meta tag, as directive → sources. */
function metaCsp(html: string): Map<string, string[]> {
  const tag = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  expect(tag, 'a Content-Security-Policy meta tag').not.toBeNull();
  return new Map(
    tag![1]!
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe.skipIf(!built)('the built app (out/, from electron-vite build)', () => {
  it('has the main process, its worker, the CommonJS preload and the renderer where the code and package.json expect them', () => {
    for (const file of ['main/index.js', 'main/training-worker.js', 'main/import-reader.mjs', 'preload/index.cjs', 'renderer/index.html']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main).toBe('out/main/index.js');
  });

  it('the import reader is one self-contained ES module: it runs from app.asar.unpacked, where neither the main bundle\'s chunks nor a package.json are', () => {
    for (const part of ['main', 'cli'].filter((dir) => existsSync(join(out, dir)))) {
      const code = read(`${part}/import-reader.mjs`);
      const imports = [...code.matchAll(/^(?:import|export)\s[^;\n]*?\bfrom\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gm)].map((m) => m[1] ?? m[2]!);
      expect(imports.length, `${part}/import-reader.mjs imports Node's modules`).toBeGreaterThan(0);
      expect(imports.filter((specifier) => !specifier.startsWith('node:')), `${part}/import-reader.mjs`).toEqual([]);
    }
  });

  it("the page's CSP is default-src 'self', with no remote source, no eval and no inline script anywhere in it", () => {
    const csp = metaCsp(read('renderer/index.html'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    // Local sources only: no scheme or host (https:, *, example.com), no 'unsafe-eval'.
    const local = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']);
    for (const [directive, sources] of csp) {
      for (const source of sources) expect(local.has(source), `${directive} ${source}`).toBe(true);
    }
    const scripts = csp.get('script-src') ?? csp.get('default-src')!;
    expect(scripts).not.toContain("'unsafe-inline'");
    // Style sheets only from the build's CSS files (no inline <style> in the page either): a
    // <style> that reached the page as markup cannot restyle it.
    expect(csp.get('style-src-elem')).toEqual(["'self'"]);
    expect(read('renderer/index.html')).not.toMatch(/<style\b/i);
    expect(/content="([^"]*)"/.exec(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i.exec(read('renderer/index.html'))![0])![1]).toBe(contentSecurityPolicy());
  });

  it('the main process loads the page from app://nnlab/ (its own protocol, with the CSP header), never from file://', () => {
    const main = read('main/index.js');
    expect(main).toContain('registerSchemesAsPrivileged');
    expect(main).toMatch(/protocol\.handle\(\s*"app"/);
    expect(main).toContain('app://nnlab');
    // The only loadFile left is the report's hidden window (report-pdf.ts), in its own locked session.
    expect(main.match(/\.loadFile\(/g)).toHaveLength(1);
    expect(main).toMatch(/reportWindowOptions[\s\S]*\.loadFile\(/);
  });

  it('the page loads only its own files: relative src/href, no inline script', () => {
    const html = read('renderer/index.html');
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference, reference).toMatch(/^\.?\/?[\w./-]+$/);
    expect(references.filter((reference) => reference.startsWith('//'))).toEqual([]);
    expect([...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!.trim())).toEqual(['']);
  });

  it('no bundle names a remote resource (only identifiers and message links libraries carry as text)', () => {
    const urls = builtFiles().flatMap((name) => {
      // HTML is held to the CSS rule: no remote URL at all outside comments.
      const found = /\.(m?js|cjs)$/.test(name) ? remoteUrlsInScript(read(name), name) : /\.(css|html)$/.test(name) ? remoteUrlsInCss(read(name)).map((url) => `!${url}`) : [];
      return found.map((url) => ({ name, url }));
    });
    expect(urls.filter(({ url }) => url.startsWith('!') || !isInert(url)).map(({ name, url }) => `${name}: ${url.replace(/^!/, '')}`)).toEqual([]);
    // The scan sees what there is to see: the renderer does carry its (inert) SVG namespace.
    expect(urls.some(({ name, url }) => name.startsWith('renderer/') && url === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('holds nothing of the browser host (cli/serve): none of its exports or texts, no ws server, no HTTP server', () => {
    const hostSources = [...readdirSync(join(root, 'cli', 'serve')).map((name) => join(root, 'cli', 'serve', name)), join(root, 'cli', 'commands', 'serve.ts')];
    const hostCode = hostSources.map((file) => readFileSync(file, 'utf8')).join('\n');
    const hostNames = [...hostCode.matchAll(/export (?:async )?(?:function|const|class) (\w+)/g)].map((m) => m[1]!);
    expect(hostNames).toEqual(expect.arrayContaining(['startWebHost', 'attachLabSocket', 'resolveStaticFile']));
    // The renderer is minified (its names are mangled), its strings are kept: texts only the host prints.
    for (const text of HOST_TEXTS) expect(hostCode, text).toContain(text);
    const code = builtFiles().filter((name) => /\.(m?js|cjs)$/.test(name));
    for (const part of APP_PARTS) expect(code.some((name) => name.startsWith(`${part}/`)), `code in out/${part}`).toBe(true);
    for (const name of code) {
      const text = read(name);
      for (const hostName of hostNames) expect(text.includes(hostName), `${name} contains ${hostName}`).toBe(false);
      for (const hostText of HOST_TEXTS) expect(text.includes(hostText), `${name} contains "${hostText}"`).toBe(false);
      expect(text, name).not.toMatch(/(?:from\s*|require\(\s*)["']ws["']|WebSocketServer|\bcreateServer\(/);
    }
  });

  it.skipIf(!existsSync(join(out, 'cli')))('the scan above can see the host: the nnlab command\'s bundle (out/cli, not part of the app) carries it', () => {
    const cliCode = builtFiles(['cli'])
      .filter((name) => name.endsWith('.js'))
      .map(read)
      .join('\n');
    expect(cliCode).toContain('startWebHost');
    for (const text of HOST_TEXTS) expect(cliCode, text).toContain(text);
    expect(cliCode).toMatch(/WebSocketServer/);
  });

  it("the page carries no WebAssembly kernels (its CSP forbids compiling them; the probe and walkthrough run the TypeScript ones), the main build does", () => {
    // A WebAssembly module starts with \0asm, "AGFzbQ" in base64: how the kernels are embedded.
    const wasmMagic = 'AGFzbQ';
    const pageCode = builtFiles().filter((name) => name.startsWith('renderer/') && name.endsWith('.js'));
    expect(pageCode.length).toBeGreaterThan(0);
    for (const name of pageCode) expect(read(name).includes(wasmMagic), name).toBe(false);
    // The scan can see them: the main build (the training worker and its chunks) embeds them.
    expect(builtFiles().some((name) => name.startsWith('main/') && read(name).includes(wasmMagic))).toBe(true);
  });
});
