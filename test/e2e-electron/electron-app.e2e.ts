import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { LAB_METHODS } from '../../engine/api/lab-api';
import type { LabBridge, LabReply } from '../../engine/api/lab-transport';
import { electronBinary } from './electron-binary';

/**
 * The desktop app for real: out/ (from `npm run build`) in the Electron binary, on a throwaway
 * userData (NNLAB_USER_DATA_DIR, honoured only when not packaged). What the unit tests check
 * with `electron` mocked, checked once in Electron itself.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = electronBinary();
test.skip(binary === null, 'the Electron binary is not on this machine');
test.describe.configure({ mode: 'serial' });

/** The page's globals these tests touch (the project's TypeScript has no DOM library; page.evaluate bodies run in the page). */
type PageGlobals = { nnlab: LabBridge; marker?: number; open(url: string): unknown; location: { href: string } };

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) throw new Error('out/main/index.js is missing: run "npm run build" first');
  userData = mkdtempSync(join(tmpdir(), 'nnlab-electron-e2e-'));
  app = await electron.launch({
    executablePath: binary!,
    // The project folder: Electron reads package.json ("main": out/main/index.js) as a packaged app would.
    // Chromium refuses to start as root (containers, CI) without --no-sandbox; the app's own settings stay as they are.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
    cwd: root,
    env: { ...process.env, NNLAB_USER_DATA_DIR: userData },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

test('one window, showing the built page from file://', async () => {
  expect(app.windows()).toHaveLength(1);
  expect(page.url()).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html(#.*)?$/);
  await expect(page).toHaveTitle('NN Lab');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('the page sees LabApi and nothing else: no require, no process', async () => {
  const seen = await page.evaluate(() => ({
    bridge: Object.keys((globalThis as unknown as PageGlobals).nnlab).sort(),
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
  }));
  expect(seen).toEqual({ bridge: [...LAB_METHODS, 'onPush'].sort(), require: 'undefined', process: 'undefined' });
});

test('LabApi answers over IPC, from the history in userData, with the bundled datasets handed to the engine', async () => {
  const reply = (await page.evaluate(() => (globalThis as unknown as PageGlobals).nnlab.appInfo())) as LabReply;
  expect(reply).toMatchObject({ ok: true, value: { transport: 'electron', dbPath: join(userData, 'nnlab.db') } });
  expect(await app.evaluate(() => process.env['NNLAB_DATA_DIR'])).toBe(join(root, 'resources', 'data'));
});

test('new windows and navigation away are refused', async () => {
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).marker = 1;
  });
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/') === null)).toBe(true);
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
  });
  // A round trip through the main process, then the same document is still there.
  await page.evaluate(() => (globalThis as unknown as PageGlobals).nnlab.appInfo());
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).marker)).toBe(1);
  expect(app.windows()).toHaveLength(1);
  expect(page.url()).toMatch(/\/out\/renderer\/index\.html(#.*)?$/);
});
