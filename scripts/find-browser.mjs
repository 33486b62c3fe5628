// The Chromium-family browser the end-to-end tests drive (playwright.config.ts) and that `npm test`
// checks for first (scripts/check-browser.mjs). Plain Node ESM with no dependency, so it runs before
// any install step or build, in cmd.exe as in bash. It only looks: it never downloads a browser.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { posix, win32 } from 'node:path';

/** The variable that names the browser's executable and overrides the search. */
export const BROWSER_VARIABLE = 'NNLAB_CHROMIUM';

/**
 * The line `npm test` (and `npx playwright test`) stops with when no browser is found: what is
 * missing and how to get one on this operating system.
 * @param {NodeJS.Platform} platform
 * @returns {string}
 */
export function noBrowserMessage(platform) {
  const install =
    platform === 'win32' ? 'install Chrome or Edge'
    : platform === 'darwin' ? 'install Chrome, Chromium or Edge'
    : 'install Chromium (Debian: sudo apt-get install chromium; Ubuntu: sudo snap install chromium), Chrome or Edge';
  return `npm test needs a Chromium-family browser for its browser tests and found none: ${install}, or set ${BROWSER_VARIABLE} to its executable`;
}

/**
 * The line for a `NNLAB_CHROMIUM` that names no executable file: the variable is the problem, so
 * the search does not quietly fall back to another browser.
 * @param {string} value
 * @returns {string}
 */
export function missingVariableMessage(value) {
  return `npm test needs a Chromium-family browser for its browser tests: ${BROWSER_VARIABLE} is set to "${value}", which is not an executable file; point it at Chromium, Chrome or Edge, or unset it to let the tests look for one`;
}

/**
 * Where this system's Chromium, Chrome and Edge usually are, best first (not checked yet).
 * Linux and other Unix: each of chromium, chromium-browser, google-chrome, google-chrome-stable on
 * PATH, then in /usr/bin and /snap/bin; then Edge (microsoft-edge, microsoft-edge-stable) the same
 * way and in /opt/microsoft/msedge. macOS: Chrome, Chromium, Edge in /Applications, then
 * ~/Applications. Windows: Chrome, then Edge, under %ProgramFiles%, %ProgramFiles(x86)% and
 * %LocalAppData%.
 * @param {NodeJS.Platform} platform
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function systemBrowserPaths(platform, env) {
  /** @type {string[]} */
  let paths;
  if (platform === 'win32') {
    const roots = [env['ProgramFiles'], env['ProgramFiles(x86)'], env['LOCALAPPDATA']].filter(isSet);
    paths = [['Google', 'Chrome', 'Application', 'chrome.exe'], ['Microsoft', 'Edge', 'Application', 'msedge.exe']]
      .flatMap((parts) => roots.map((root) => win32.join(root, ...parts)));
  } else if (platform === 'darwin') {
    const roots = ['/Applications', ...(isSet(env['HOME']) ? [posix.join(env['HOME'], 'Applications')] : [])];
    paths = ['Google Chrome', 'Chromium', 'Microsoft Edge']
      .flatMap((app) => roots.map((root) => posix.join(root, `${app}.app`, 'Contents', 'MacOS', app)));
  } else {
    const pathDirs = (env['PATH'] ?? '').split(':').filter((dir) => posix.isAbsolute(dir));
    /** @param {string} name @param {string[]} usual */
    const named = (name, usual) => [...pathDirs, ...usual].map((dir) => posix.join(dir, name));
    paths = [
      ...['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].flatMap((name) => named(name, ['/usr/bin', '/snap/bin'])),
      ...['microsoft-edge', 'microsoft-edge-stable'].flatMap((name) => named(name, ['/usr/bin'])),
      '/opt/microsoft/msedge/msedge',
    ];
  }
  return [...new Set(paths)];
}

/**
 * Where a browser that Playwright installed earlier would be (its chromium, then its
 * chromium-headless-shell), as playwright-core's registry says; nothing when playwright-core is not
 * installed. Asking for the path downloads nothing.
 * @returns {string[]}
 */
export function playwrightBrowserPaths() {
  const require = createRequire(import.meta.url);
  try {
    // The registry is internal to playwright-core (1.5x: lib/coreBundle); if its shape changes, the
    // public chromium.executablePath() still answers for Playwright's chromium.
    const { registry } = require('playwright-core/lib/coreBundle').registry;
    return ['chromium', 'chromium-headless-shell']
      .map((name) => registry.findExecutable(name)?.executablePath())
      .filter((path) => typeof path === 'string' && path !== '');
  } catch {
    try {
      const path = require('playwright-core').chromium.executablePath();
      return typeof path === 'string' && path !== '' ? [path] : [];
    } catch {
      return [];
    }
  }
}

/**
 * Whether `path` is a file this user may execute (on Windows: a file).
 * @param {string} path
 * @returns {boolean}
 */
export function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @typedef {object} BrowserSearch What the search looks at; each defaults to this machine's.
 * @property {NodeJS.Platform} [platform]
 * @property {Record<string, string | undefined>} [env]
 * @property {(path: string) => boolean} [isExecutable]
 * @property {() => string[]} [playwrightBrowsers] Asked only when no system browser is found.
 */

/**
 * @typedef {{ executable: string, source: 'NNLAB_CHROMIUM' | 'system' | 'Playwright' }
 *   | { executable: null, problem: string }} BrowserFound
 */

/**
 * The browser the end-to-end tests launch: `$NNLAB_CHROMIUM` if set (and if it names no executable
 * file, that is the problem, not a reason to look elsewhere); else the first of
 * systemBrowserPaths() that exists; else a browser Playwright installed earlier. Never a path that
 * does not exist; with none, the one line that says what is missing.
 * @param {BrowserSearch} [search]
 * @returns {BrowserFound}
 */
export function findBrowser(search = {}) {
  const {
    platform = process.platform,
    env = process.env,
    isExecutable = isExecutableFile,
    playwrightBrowsers = playwrightBrowserPaths,
  } = search;
  const chosen = env[BROWSER_VARIABLE];
  if (isSet(chosen)) {
    return isExecutable(chosen) ? { executable: chosen, source: 'NNLAB_CHROMIUM' } : { executable: null, problem: missingVariableMessage(chosen) };
  }
  const system = systemBrowserPaths(platform, env).find((path) => isExecutable(path));
  if (system !== undefined) return { executable: system, source: 'system' };
  const installed = playwrightBrowsers().find((path) => isExecutable(path));
  if (installed !== undefined) return { executable: installed, source: 'Playwright' };
  return { executable: null, problem: noBrowserMessage(platform) };
}

/**
 * @param {string | undefined} value
 * @returns {value is string}
 */
function isSet(value) {
  return value !== undefined && value !== '';
}
