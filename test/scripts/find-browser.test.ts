import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  findBrowser,
  isExecutableFile,
  missingVariableMessage,
  noBrowserMessage,
  systemBrowserPaths,
  type BrowserSearch,
} from '../../scripts/find-browser.mjs';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const checkScript = join(repoRoot, 'scripts', 'check-browser.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'nnlab-find-browser-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A machine where exactly `files` exist (and are executable). */
function machine(platform: NodeJS.Platform, env: Record<string, string>, files: Iterable<string>, playwright: string[] = []): BrowserSearch {
  const present = new Set(files);
  return { platform, env, isExecutable: (path) => present.has(path), playwrightBrowsers: () => playwright };
}

/**
 * Each machine's candidates in the documented order, Playwright's own browsers last. Taking the
 * first one away after another, the search must pick the next, then report none.
 */
const orders: Record<string, { platform: NodeJS.Platform; env: Record<string, string>; system: string[]; playwright: string[] }> = {
  linux: {
    platform: 'linux',
    env: { PATH: '/home/ana/bin:/usr/bin' },
    system: [
      '/home/ana/bin/chromium', '/usr/bin/chromium', '/snap/bin/chromium',
      '/home/ana/bin/chromium-browser', '/usr/bin/chromium-browser', '/snap/bin/chromium-browser',
      '/home/ana/bin/google-chrome', '/usr/bin/google-chrome', '/snap/bin/google-chrome',
      '/home/ana/bin/google-chrome-stable', '/usr/bin/google-chrome-stable', '/snap/bin/google-chrome-stable',
      '/home/ana/bin/microsoft-edge', '/usr/bin/microsoft-edge',
      '/home/ana/bin/microsoft-edge-stable', '/usr/bin/microsoft-edge-stable',
      '/opt/microsoft/msedge/msedge',
    ],
    playwright: [
      '/home/ana/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome',
      '/home/ana/.cache/ms-playwright/chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell',
    ],
  },
  macOS: {
    platform: 'darwin',
    env: { HOME: '/Users/ana', PATH: '/usr/bin' },
    system: [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Users/ana/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Users/ana/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ],
    playwright: ['/Users/ana/Library/Caches/ms-playwright/chromium-1255/chrome-mac/Chromium.app/Contents/MacOS/Chromium'],
  },
  Windows: {
    platform: 'win32',
    env: { 'ProgramFiles': 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', 'LOCALAPPDATA': 'C:\\Users\\ana\\AppData\\Local' },
    system: [
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Users\\ana\\AppData\\Local\\Microsoft\\Edge\\Application\\msedge.exe',
    ],
    playwright: ['C:\\Users\\ana\\AppData\\Local\\ms-playwright\\chromium-1255\\chrome-win64\\chrome.exe'],
  },
};

describe('findBrowser (scripts/find-browser.mjs)', () => {
  for (const [name, { platform, env, system, playwright }] of Object.entries(orders)) {
    it(`on ${name}, picks the first browser present in the documented order, then reports none`, () => {
      expect(systemBrowserPaths(platform, env)).toEqual(system);
      const all = [...system, ...playwright];
      all.forEach((expected, i) => {
        const source = i < system.length ? 'system' : 'Playwright';
        expect(findBrowser(machine(platform, env, all.slice(i), playwright))).toEqual({ executable: expected, source });
      });
      expect(findBrowser(machine(platform, env, [], playwright))).toEqual({ executable: null, problem: noBrowserMessage(platform) });
    });
  }

  it('takes $NNLAB_CHROMIUM before any other browser', () => {
    const { system, playwright } = orders['linux']!;
    const chosen = '/opt/my-chromium/chrome';
    const search = machine('linux', { PATH: '/usr/bin', NNLAB_CHROMIUM: chosen }, [chosen, ...system, ...playwright], playwright);
    expect(findBrowser(search)).toEqual({ executable: chosen, source: 'NNLAB_CHROMIUM' });
  });

  it('reports a $NNLAB_CHROMIUM that names no executable, naming the variable, instead of using another browser', () => {
    const { system, playwright } = orders['linux']!;
    const found = findBrowser(machine('linux', { PATH: '/usr/bin', NNLAB_CHROMIUM: '/opt/gone/chrome' }, [...system, ...playwright], playwright));
    expect(found).toEqual({ executable: null, problem: missingVariableMessage('/opt/gone/chrome') });
    expect(missingVariableMessage('/opt/gone/chrome')).toMatch(/^[^\n]*NNLAB_CHROMIUM is set to "\/opt\/gone\/chrome"[^\n]*$/);
  });

  it('treats an empty $NNLAB_CHROMIUM as unset', () => {
    expect(findBrowser(machine('linux', { PATH: '', NNLAB_CHROMIUM: '' }, ['/usr/bin/chromium']))).toEqual({ executable: '/usr/bin/chromium', source: 'system' });
  });

  it("asks Playwright's registry only when the system has no browser", () => {
    const playwrightBrowsers = vi.fn(() => ['/cache/chrome']);
    const present = new Set(['/usr/bin/google-chrome', '/cache/chrome']);
    expect(findBrowser({ platform: 'linux', env: {}, isExecutable: (path) => present.has(path), playwrightBrowsers }).executable).toBe('/usr/bin/google-chrome');
    expect(playwrightBrowsers).not.toHaveBeenCalled();
    present.delete('/usr/bin/google-chrome');
    expect(findBrowser({ platform: 'linux', env: {}, isExecutable: (path) => present.has(path), playwrightBrowsers })).toEqual({ executable: '/cache/chrome', source: 'Playwright' });
  });

  it('looks only in absolute PATH folders, and skips Windows folders whose variable is unset', () => {
    expect(systemBrowserPaths('linux', { PATH: 'bin::.:/usr/bin' }).every((path) => path.startsWith('/'))).toBe(true);
    expect(systemBrowserPaths('win32', { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' })).toEqual([
      'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\ana\\AppData\\Local\\Microsoft\\Edge\\Application\\msedge.exe',
    ]);
  });

  it('says in one line what is missing and how to get it, on every system', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(noBrowserMessage(platform)).toMatch(/^npm test needs a Chromium-family browser for its browser tests and found none: install [^\n]+, or set NNLAB_CHROMIUM to its executable$/);
    }
    expect(noBrowserMessage('linux')).toContain('sudo apt-get install chromium');
  });

  it('never returns a path that does not exist (any machine, any variable)', () => {
    const { platform, env, system, playwright } = orders['linux']!;
    const paths = [...system, ...playwright, '/opt/my-chromium/chrome', '/usr/local/bin/chromium'];
    fc.assert(
      fc.property(fc.subarray(paths), fc.option(fc.constantFrom(...paths), { nil: undefined }), (present, chosen) => {
        const found = findBrowser(machine(platform, chosen === undefined ? env : { ...env, NNLAB_CHROMIUM: chosen }, present, playwright));
        if (found.executable !== null) expect(present).toContain(found.executable);
        else expect(found.problem).not.toContain('\n');
        if (chosen === undefined && found.executable !== null) {
          expect(found.executable).toBe([...system, ...playwright].find((path) => present.includes(path)));
        }
      }),
      { seed: 20_250_101, numRuns: 300 },
    );
  });

  it('checks real files: an executable file yes; a plain file, a folder or nothing no', () => {
    const executable = join(scratch, 'chrome');
    const plain = join(scratch, 'notes.txt');
    writeFileSync(executable, '#!/bin/sh\n');
    chmodSync(executable, 0o755);
    writeFileSync(plain, 'text');
    chmodSync(plain, 0o644);
    expect(isExecutableFile(executable)).toBe(true);
    expect(isExecutableFile(scratch)).toBe(false);
    expect(isExecutableFile(join(scratch, 'missing'))).toBe(false);
    if (process.platform !== 'win32') expect(isExecutableFile(plain)).toBe(false);
  });
});

describe('without a browser, npm test stops at once with one line (scripts/check-browser.mjs)', () => {
  const missing = join(scratch, 'no-such-browser');

  it('a $NNLAB_CHROMIUM that points nowhere: exit 1 and the line naming the variable, nothing else', () => {
    const result = spawnSync(process.execPath, [checkScript], { encoding: 'utf8', env: { ...process.env, NNLAB_CHROMIUM: missing } });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${missingVariableMessage(missing)}\n`);
    expect(result.stdout).toBe('');
  });

  it('a machine with no browser at all (the search given nothing to find): exit 1 and the found-none line', () => {
    const nothing = `import { checkBrowser } from ${JSON.stringify(pathToFileURL(checkScript).href)};
process.exitCode = checkBrowser({ platform: 'linux', env: { PATH: '/usr/bin' }, isExecutable: () => false, playwrightBrowsers: () => [] });`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', nothing], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${noBrowserMessage('linux')}\n`);
    expect(result.stdout).toBe('');
  });

  it('with a browser, names the one the tests will use', () => {
    const result = spawnSync(process.execPath, [checkScript], { encoding: 'utf8', env: { ...process.env, NNLAB_CHROMIUM: process.execPath } });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`The browser tests will use ${process.execPath} (from NNLAB_CHROMIUM).\n`);
    expect(result.stderr).toBe('');
  });

  // The package.json line itself, in a shell, with `npm` replaced by a stub that only records its
  // arguments: lint, typecheck, build and the tests must not start without a browser.
  it.skipIf(process.platform === 'win32')('the test script checks before lint, typecheck and build, and stops there', () => {
    const testScript = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['test']!;
    expect(testScript.startsWith('node scripts/check-browser.mjs && npm run lint && ')).toBe(true);
    const stubs = join(scratch, 'stub-bin');
    mkdirSync(stubs, { recursive: true });
    writeFileSync(join(stubs, 'npm'), '#!/bin/sh\necho "npm $*" >> "$NPM_CALLS"\n');
    chmodSync(join(stubs, 'npm'), 0o755);
    const run = (browser: string, calls: string) =>
      spawnSync(testScript, {
        shell: '/bin/sh',
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, PATH: [stubs, dirname(process.execPath), process.env['PATH']].join(delimiter), NNLAB_CHROMIUM: browser, NPM_CALLS: calls },
      });

    const stopped = run(missing, join(scratch, 'calls-without-browser'));
    expect(stopped.status).toBe(1);
    expect(stopped.stderr).toBe(`${missingVariableMessage(missing)}\n`);
    expect(existsSync(join(scratch, 'calls-without-browser'))).toBe(false);

    // The stub does record the steps once a browser is there.
    const went = run(process.execPath, join(scratch, 'calls-with-browser'));
    expect(went.status).toBe(0);
    expect(readFileSync(join(scratch, 'calls-with-browser'), 'utf8').split('\n')[0]).toBe('npm run lint');
  });

  it('playwright test itself stops with the same line, not a stack trace', () => {
    const cli = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
    const result = spawnSync(process.execPath, [cli, 'test', '--list'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NNLAB_CHROMIUM: missing } });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${missingVariableMessage(missing)}\n`);
  });
});
