// `npm test`'s first step: stop in a second, before lint, typecheck and build, when the browser
// tests would find no browser to drive, with one line on stderr saying what is missing and how to
// get it (scripts/find-browser.mjs). With a browser, one line on stdout names the one the tests use.
import { realpathSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findBrowser } from './find-browser.mjs';

/**
 * Looks for the browser and reports it; returns the exit code (1 when there is none).
 * @param {import('./find-browser.mjs').BrowserSearch} [search] this machine's unless given
 * @returns {number}
 */
export function checkBrowser(search) {
  const found = findBrowser(search);
  if (found.executable === null) {
    writeSync(2, `${found.problem}\n`);
    return 1;
  }
  const from = { NNLAB_CHROMIUM: 'from NNLAB_CHROMIUM', system: 'installed on this system', Playwright: "Playwright's own" }[found.source];
  writeSync(1, `The browser tests will use ${found.executable} (${from}).\n`);
  return 0;
}

const invoked = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invoked) process.exitCode = checkBrowser();
