import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { connectService, type ServiceClient } from './service-client';

/**
 * Text from a file is text: runs whose names (and tags, notes) hold markup, a style sheet and a
 * bidi override, as an imported run file can carry, shown in the history, compare and replay
 * with their charts' tooltips open. Nothing of the markup may act: no request for the image's
 * `x`, the page's colours unchanged, the name shown as its characters. And the browser host's
 * launch token leaves the page's address once it has loaded, while a reload still connects.
 */
const MARK = `tf${Date.now().toString(36)}`;
const MARKUP = '<img src=x onerror=document.title=1><style>*{color:red!important}</style>';
/** The stored names: markup, then a right-to-left override that would reverse what follows. */
const names = [`${MARK} a ${MARKUP}\u202Eevil`, `${MARK} b ${MARKUP}\u202Eevil`];
/** What the page shows: the same characters, the override removed. */
const shown = names.map((name) => name.replace('\u202E', ''));
/** A tag (at most 64 characters) likewise. */
const TAG = '<img src=x><style>*{color:red!important}</style>\u202Etag';

test.describe.configure({ mode: 'serial' });

/** Trains and stores a run named `name`; `lr` differs per run, so compare shows each run on its own (runs of one spec are one group). */
async function trainStored(service: ServiceClient, name: string, lr: number): Promise<string> {
  const run = await service.call('startRun', {
    version: 1,
    name: 'plain',
    seed: 3,
    dataset: { name: 'circle', samples: 200, noise: 0.05, testFraction: 0.25 },
    layers: [
      { units: 4, activation: 'tanh' },
      { units: 2, activation: 'softmax' },
    ],
    optimizer: { name: 'adam', lr },
    training: { batchSize: 20, epochs: 4 },
    diagnostics: { every: 5, bins: 10 },
  });
  await expect.poll(async () => (await service.call('getRun', run.id)).status, { timeout: 60_000 }).toBe('completed');
  await service.call('renameRun', run.id, name);
  await service.call('setRunTags', run.id, [TAG]);
  await service.call('setRunNotes', run.id, name);
  return run.id;
}

/** Points at the middle of a chart's plot and returns its tooltip's text (ECharts puts the tooltip inside the chart's element). */
async function tooltipOf(chart: Locator, y = 0.45): Promise<string> {
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  await chart.page().mouse.move(box.x + box.width * 0.5, box.y + box.height * y);
  const tooltip = chart.locator('div[style*="z-index: 9999999"]').first();
  await expect(tooltip).toBeVisible();
  return (await tooltip.textContent()) ?? '';
}

/** The page's text colour, as the browser computes it (evaluated in the page). */
const BODY_COLOR = 'getComputedStyle(document.body).color';

/** What must hold on every screen: no <img> or <style> of the names in the page, its colour its own. */
async function expectInert(app: Page, bodyColor: string): Promise<void> {
  expect(await app.locator('img[src="x"]').count()).toBe(0);
  expect(await app.evaluate("[...document.querySelectorAll('style')].filter((s) => s.textContent.includes('red!important')).length")).toBe(0);
  expect(await app.evaluate(BODY_COLOR)).toBe(bodyColor);
  expect(await app.title()).toBe('NN Lab');
}

test('the launch token leaves the address after load; a reload still connects', async ({ app }) => {
  // The fixture opened the printed address (with ?token=) and reloaded once already.
  expect(process.env.NNLAB_E2E_URL).toContain('?token=');
  expect(app.url()).not.toContain('token');
  expect(await app.evaluate('location.href')).not.toContain('token');
  await app.reload();
  // The app is shown only once its connection is open (App.svelte), and the history comes from the service.
  await expect(app.getByTestId('start')).toBeVisible();
  expect(app.url()).not.toContain('token');
  await app.getByTestId('nav-runs').click();
  await expect(app.getByRole('heading', { name: '실행 기록' })).toBeVisible();
  await expect(app.getByRole('alert')).toHaveCount(0);
});

test('names holding markup, a style sheet and a bidi override show as text in the history, compare and replay', async ({ app }) => {
  const service = await connectService();
  const requested: string[] = [];
  app.on('request', (request) => {
    if (new URL(request.url()).pathname === '/x') requested.push(request.url());
  });
  try {
    for (const [i, name] of names.entries()) await trainStored(service, name, 0.02 + 0.01 * i);
    const bodyColor = (await app.evaluate(BODY_COLOR)) as string;

    // The history: the names (and tags, notes) as their characters.
    await app.getByTestId('nav-runs').click();
    await app.getByTestId('history-search').fill(MARK);
    const rows = app.getByTestId('run-row');
    await expect(rows).toHaveCount(2);
    await expect(app.getByTestId('run-name')).toHaveText([shown[1]!, shown[0]!]);
    await expect(rows.nth(0).getByTestId('tag-chip').locator('bdi')).toHaveText(TAG.replace('\u202E', ''));
    await expect(rows.nth(0).locator('.note')).toHaveText(shown[1]!);
    // Isolated from the text around them.
    expect(await app.getByTestId('run-name').first().locator('bdi').count()).toBe(1);
    // A long tag stays inside its column (cut with an ellipsis, its whole text on hover), clear of the actions beside it.
    const chip = rows.nth(0).getByTestId('tag-chip');
    await expect(chip).toHaveAttribute('title', TAG.replace('\u202E', ''));
    const chipBox = (await chip.boundingBox())!;
    const cellBox = (await rows.nth(0).getByTestId('run-tags').locator('xpath=ancestor::td[1]').boundingBox())!;
    expect(chipBox.x + chipBox.width).toBeLessThanOrEqual(cellBox.x + cellBox.width);
    await expectInert(app, bodyColor);
    await screenshot(app, 'text-from-files-01-history');

    // Compare: the run cards and every chart, a tooltip open over each curve chart.
    await rows.nth(0).getByTestId('select-run').check();
    await rows.nth(1).getByTestId('select-run').check();
    await app.getByTestId('compare-selected').click();
    const cards = app.getByTestId('compare-run-card');
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(0).locator('h3')).toHaveText(shown[1]!);
    for (const id of ['chart-compare-batch-loss', 'chart-compare-eval-loss', 'chart-compare-accuracy']) {
      const chart = app.getByTestId(id);
      await chart.scrollIntoViewIfNeeded();
      await expect(chart.locator('canvas').first()).toBeVisible();
      const text = await tooltipOf(chart);
      expect(text, id).toContain(shown[0]);
    }
    await expectInert(app, bodyColor);
    await screenshot(app, 'text-from-files-02-compare');

    // Replay: the name as the heading, the charts drawn.
    await app.getByTestId('nav-runs').click();
    await app.getByTestId('history-search').fill(MARK);
    await app.getByTestId('run-row').nth(0).getByTestId('open-run').click();
    await expect(app.getByTestId('replay-name')).toHaveText(shown[1]!);
    const loss = app.getByTestId('chart-loss');
    await expect(loss.locator('canvas').first()).toBeVisible();
    await tooltipOf(loss);
    await expectInert(app, bodyColor);
    await screenshot(app, 'text-from-files-03-replay');

    expect(requested, 'requests for the markup’s image').toEqual([]);
  } finally {
    await service.close();
  }
});
