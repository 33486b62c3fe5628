import type { BrowserContext, Page } from '@playwright/test';
import { expect, screenshot, test, waitForEnd } from './fixtures';

/**
 * Issue 7, "Offline guarantee": the app makes no network request, ever. A whole student session
 * through the browser host — build a network, load a preset, train a 2-D run (two at once) and a
 * small MNIST run, the run history, compare, replay, a lab sheet and its report, the probe, the
 * walkthrough, Korean ↔ English — with every request the page makes recorded: the page's and the
 * browser context's requests (documents, scripts, styles, fonts, images, fetches), its WebSockets
 * and downloads, and any request the CSP blocked (those never reach the network, so they would not
 * show up as requests at all). Any of them leaving 127.0.0.1 fails the test, listed.
 */

interface Seen {
  url: string;
  /** Playwright's resource type ("document", "font", …), or "websocket" / "download". */
  kind: string;
  via: 'page' | 'context';
}

/** Everything a browser context's pages ask for, from before the first navigation on. */
class RequestLog {
  readonly seen: Seen[] = [];
  /** Messages the page sent on its WebSockets (LabApi calls): the session really went through them. */
  framesSent = 0;
  /** `securitypolicyviolation` events, from every document loaded. */
  readonly cspViolations: string[] = [];
  readonly problems: string[] = [];

  async attach(context: BrowserContext, page: Page): Promise<void> {
    context.on('request', (request) => this.seen.push({ url: request.url(), kind: request.resourceType(), via: 'context' }));
    const watch = (target: Page) => {
      target.on('request', (request) => this.seen.push({ url: request.url(), kind: request.resourceType(), via: 'page' }));
      target.on('websocket', (socket) => {
        this.seen.push({ url: socket.url(), kind: 'websocket', via: 'page' });
        socket.on('framesent', () => this.framesSent++);
      });
      target.on('download', (download) => this.seen.push({ url: download.url(), kind: 'download', via: 'page' }));
      target.on('console', (message) => {
        if (message.type() === 'error') this.problems.push(`console: ${message.text()}`);
      });
      target.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    };
    watch(page);
    context.on('page', (other) => {
      if (other !== page) watch(other);
    });
    await context.exposeBinding('__offlineTestCspViolation', (_source, text: string) => this.cspViolations.push(text));
    await context.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => window.__offlineTestCspViolation(e.violatedDirective + ' blocked ' + e.blockedURI))",
    );
  }

  /** The recorded URLs that leave 127.0.0.1 (data: and about: never do; blob: URLs by their origin). */
  offLoopback(): Seen[] {
    return this.seen.filter(({ url }) => !onLoopback(url));
  }
}

function onLoopback(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'about:') return true;
  if (parsed.protocol === 'blob:') return onLoopback(parsed.pathname);
  return ['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol) && parsed.hostname === '127.0.0.1';
}

test('a whole student session never leaves 127.0.0.1', async ({ page, context }) => {
  const log = new RequestLog();
  await log.attach(context, page);
  const hostUrl = new URL(process.env.NNLAB_E2E_URL!);

  // Open the app (as the fixtures do: a fresh start, in Korean).
  const opened = await page.goto(hostUrl.href);
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await expect(page.getByTestId('start')).toBeVisible();
  const app = page;

  // The built renderer's CSP, in the page and from the host.
  const csp = app.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(csp).toHaveCount(1);
  const cspMeta = (await csp.getAttribute('content')) ?? '';
  expect(cspMeta).toMatch(/(^|;)\s*default-src 'self'\s*(;|$)/);
  expect(cspMeta, 'no remote source allowed by the CSP').not.toMatch(/https?:|wss?:|\*/);
  expect(opened!.headers()['content-security-policy']).toMatch(/(^|;)\s*default-src 'self'\s*(;|$)/);

  // Build: one more neuron, train tanh and sigmoid side by side on the circle (500 steps each).
  await app.getByTestId('add-unit-0').click();
  await expect(app.getByTestId('network-diagram')).toContainText('2-5-2-2');
  await app.getByTestId('epochs').fill('20');
  await app.getByTestId('start').click();
  await app.getByTestId('activation-0').selectOption('sigmoid');
  await app.getByTestId('activation-1').selectOption('sigmoid');
  await app.getByTestId('start').click();
  await expect(app.getByTestId('run-tab')).toHaveCount(2);
  await app.getByTestId('run-tab').filter({ hasText: 'tanh' }).click();
  await waitForEnd(app);
  await expect(app.getByTestId('chart-boundary').locator('canvas').first()).toBeVisible();
  await app.getByTestId('run-tab').filter({ hasText: 'sigmoid' }).click();
  await waitForEnd(app);

  // A lecture preset: the He + ReLU MNIST network, on 2,000 images for 150 steps.
  await app.getByTestId('preset-select').selectOption('init-mnist-he');
  await expect(app.getByTestId('preset-claim')).toBeVisible();
  await app.getByTestId('mnist-train-size').fill('2000');
  await app.getByLabel('시험 이미지 수').fill('500');
  await app.getByTestId('iterations').fill('150');
  await app.getByTestId('start').click();
  await waitForEnd(app);
  await expect(app.getByTestId('digit-grid').locator('li')).toHaveCount(32);

  // The probe.
  await app.getByTestId('open-probe').click();
  await expect(app.getByTestId('probe-dialog').locator('canvas').first()).toBeVisible();
  await app.getByTestId('probe-dialog').getByRole('button', { name: '닫기' }).click();
  await expect(app.getByTestId('probe-dialog')).toHaveCount(0);

  // The history, in English: compare the two circle runs (the MNIST run is the newest).
  await app.getByTestId('language').click();
  await expect(app.getByTestId('start')).toContainText('Start training');
  await app.getByTestId('nav-runs').click();
  await expect(app.getByRole('heading', { name: 'Run history' })).toBeVisible();
  const rows = app.getByTestId('run-row');
  await expect(rows.nth(0)).toContainText('784-100×4-10');
  await expect(rows.nth(1)).toContainText('2-5-2-2');
  await expect(rows.nth(2)).toContainText('2-5-2-2');
  await rows.nth(1).getByTestId('select-run').check();
  await rows.nth(2).getByTestId('select-run').check();
  await app.getByTestId('compare-selected').click();
  await expect(app.getByTestId('compare-view').getByRole('heading', { name: 'Compare runs' })).toBeVisible();
  await expect(app.getByTestId('compare-run-card')).toHaveCount(2);
  await expect(app.getByTestId('chart-compare-batch-loss').locator('canvas').first()).toBeVisible();
  await expect(app.getByTestId('chart-compare-histograms').locator('canvas').first()).toBeVisible();

  // Back to Korean; replay the MNIST run.
  await app.getByTestId('language').click();
  await expect(app.getByTestId('compare-view').getByRole('heading', { name: '실행 비교' })).toBeVisible();
  await app.getByTestId('compare-back').click();
  await app.getByTestId('run-row').nth(0).getByTestId('open-run').click();
  await expect(app.getByTestId('replay-progress')).toContainText('150/150 단계');
  await expect(app.getByTestId('digit-grid').locator('li')).toHaveCount(32);
  await app.getByTestId('replay-scrubber').fill('60');
  await expect(app.getByTestId('replay-progress')).toContainText('60/150 단계');
  await app.getByTestId('replay-back').click();

  // A lab sheet and its report (read only: the suite's other tests own its predictions and runs).
  await app.getByTestId('nav-labs').click();
  await expect(app.getByTestId('lab-sheets')).toBeVisible();
  await app.getByTestId('open-sheet-backprop').click();
  await expect(app.getByTestId('sheet-goal')).toContainText('2-2-1');
  await app.getByTestId('preview-report').click();
  await expect(app.getByTestId('report-document')).toBeVisible();
  await app.getByTestId('report-close').click();
  await expect(app.getByTestId('report-preview')).toHaveCount(0);

  // The walkthrough.
  await app.getByTestId('nav-walkthrough').click();
  await expect(app.getByTestId('value-y')).toHaveText('0.5575');
  await app.getByTestId('step-next').click();
  await screenshot(app, 'offline-01-session-end');

  // What was recorded: not nothing, and every kind of thing the app loads.
  const kinds = new Set(log.seen.map((seen) => seen.kind));
  const summary = log.seen.map((seen) => `${seen.via} ${seen.kind} ${seen.url}`).join('\n');
  await test.info().attach('requests.txt', { body: `${summary}\n\n${log.framesSent} WebSocket messages sent\n`, contentType: 'text/plain' });
  // Two page loads (open, then the fresh start), each: the page, its script, stylesheet, font (Pretendard),
  // icon and WebSocket, seen by the page and (all but the sockets) by the context: 22.
  expect(log.seen.length, `requests recorded:\n${summary}`).toBeGreaterThanOrEqual(20);
  for (const kind of ['document', 'script', 'stylesheet', 'font', 'websocket']) expect(kinds, `a ${kind} among:\n${summary}`).toContain(kind);
  expect(log.seen.some(({ url }) => url.endsWith('.woff2')), 'the font file').toBe(true);
  expect(log.seen.some(({ url }) => new URL(url).pathname === '/icon.svg'), 'the icon (the only image file; pictures are drawn or data: URLs)').toBe(true);
  expect(log.seen.filter((seen) => seen.via === 'context').length, 'the context-level listener saw the requests too').toBeGreaterThan(0);
  expect(log.framesSent, 'LabApi calls over the recorded WebSocket').toBeGreaterThan(30);

  // The guarantee.
  const leaving = log.offLoopback();
  expect(leaving.map((seen) => `${seen.kind} ${seen.url}`), `requests leaving 127.0.0.1:\n${leaving.map((seen) => `  ${seen.via} ${seen.kind} ${seen.url}`).join('\n')}`).toEqual([]);
  const otherOrigins = log.seen.filter(({ url }) => /^(http|ws)s?:/.test(url) && new URL(url).port !== hostUrl.port);
  expect(otherOrigins.map((seen) => seen.url), 'every request goes to the host itself (no other local port)').toEqual([]);
  expect(log.cspViolations, 'requests the CSP had to block').toEqual([]);
  expect(log.problems, 'the page logged errors').toEqual([]);
});
