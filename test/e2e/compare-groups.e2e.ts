import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSpecInput } from '../../engine/api/run-spec';
import { parseRunSpec } from '../../engine/api/parse-run-spec';
import { exportScript } from '../../engine/lab/export-script';
import { recordRuns } from '../fixtures/seed-groups';
import { SCREENSHOTS } from './fixtures';
import { startHost, type StartedHost } from './start-host';

/**
 * Compare beyond 6 runs: two seed groups of 5 runs (He and normal std 0.01 in a deep ReLU net, the
 * lecture's initialization comparison) and one run on its own, in a history of their own. The
 * history's Compare button takes the 11 runs (3 groups); the compare screen draws each group as
 * its median line and inter-quartile band over faint member lines, the single run as a line.
 */
let dir: string;
let host: StartedHost;
let ids: string[];

const HE = 'He 초기화';
const SMALL = '표준편차 0.01';
const SINGLE = 'Xavier 한 번';

function spec(name: string, seed: number, init: RunSpecInput['layers'][number]['init']): RunSpecInput {
  const hidden = { units: 16, activation: 'relu' as const, init };
  return {
    version: 1,
    name,
    seed,
    dataset: { name: 'circle', samples: 200, noise: 0.05, testFraction: 0.25 },
    layers: [hidden, hidden, hidden, { units: 2, activation: 'softmax' }],
    optimizer: { name: 'sgd', lr: 0.1 },
    training: { batchSize: 10, epochs: 20 },
    diagnostics: { every: 50, bins: 20 },
  };
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-groups-'));
  const seeds = [1, 2, 3, 4, 5];
  ids = recordRuns(join(dir, 'groups.db'), [
    ...seeds.map((seed) => ({ spec: spec(HE, seed, 'he'), groupId: '5eed0001-0000-4000-8000-000000000001' })),
    ...seeds.map((seed) => ({ spec: spec(SMALL, seed, { name: 'normal', std: 0.01 }), groupId: '5eed0002-0000-4000-8000-000000000002' })),
    { spec: spec(SINGLE, 7, 'xavier'), groupId: null },
  ]);
});

test.beforeEach(async () => {
  host = await startHost(['--db', join(dir, 'groups.db')]);
});

test.afterEach(async () => {
  await host?.stop();
});

test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

test('two seed groups of 5 and a single run: 11 runs in compare, each group a band', async ({ page }) => {
  const problems = watchErrors(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await page.getByTestId('nav-runs').click();
  await expect(page.getByTestId('run-row')).toHaveCount(11);

  // 11 runs in 3 groups: more than 6 runs, and Compare is allowed.
  await page.getByTestId('select-all').check();
  await expect(page.getByTestId('selection-count')).toContainText('11');
  await expect(page.getByTestId('compare-selected')).toBeEnabled();
  await expect(page.getByTestId('compare-limit')).toHaveCount(0);
  await page.getByTestId('compare-selected').click();

  const view = page.getByTestId('compare-view');
  await expect(view.getByTestId('compare-count')).toHaveText('실행 11개 · 묶음 3개');
  await expect(page.getByTestId('compare-problems')).toHaveCount(0);

  // One card per group, the group's run count on it.
  const cards = page.getByTestId('compare-run-card');
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(0)).toContainText(SINGLE);
  await expect(cards.filter({ hasText: HE }).getByTestId('compare-group-count')).toHaveText('시드 5개');
  await expect(cards.filter({ hasText: SMALL }).getByTestId('compare-group-count')).toHaveText('시드 5개');

  // The config table compares the groups: the initializers, and the seeds ("시드 5개" for a group).
  const diff = page.getByTestId('config-diff');
  await expect(diff.getByRole('row', { name: /^시드/ })).toContainText(/7\s*시드 5개\s*시드 5개/);
  // Newest first, as the history lists them: the single run, then the std 0.01 group, then He.
  await expect(diff.getByRole('row', { name: /은닉층 1 가중치 초기화/ })).toContainText(/Xavier.*정규분포 \(표준편차 0\.01\).*He/);

  // Every curve chart draws the two groups as bands with their 5 members each; the single run is a line.
  const names = [`${HE} · 시드 5개`, `${SMALL} · 시드 5개`];
  await expect(page.getByTestId('band-hint')).toBeVisible();
  for (const chart of ['chart-compare-batch-loss', 'chart-compare-eval-loss', 'chart-compare-accuracy', 'chart-compare-gap']) {
    const frame = page.getByTestId(chart);
    await expect(frame.locator('canvas').first()).toBeVisible();
    expect((await frame.getAttribute('data-bands'))!.split('|').sort(), chart).toEqual([...names].sort());
    expect(Number(await frame.getAttribute('data-members')), chart).toBeGreaterThanOrEqual(10);
  }
  await expect(page.getByTestId('histogram-first-of-group')).toBeVisible();

  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SCREENSHOTS}/compare-groups-01-ko.png` });
  await page.getByTestId('chart-compare-eval-loss').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/compare-groups-02-curves-ko.png` });
  await page.getByTestId('chart-compare-accuracy').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/compare-groups-03-accuracy-ko.png` });
  expect(problems).toEqual([]);
});

test('a seed group\'s card saves the group\'s spec as PyTorch code, with its first run\'s seed, as a single run\'s card does', async ({ page }) => {
  const problems = watchErrors(page);
  await page.goto(`${host.url}#/compare?runs=${ids.slice(0, 5).join(',')},${ids[10]}`);
  const cards = page.getByTestId('compare-run-card');
  await expect(cards).toHaveCount(2);
  const group = cards.filter({ hasText: HE });
  await expect(group.getByTestId('compare-group-count')).toHaveText('시드 5개');
  await expect(group.getByTestId('export-pytorch')).toHaveText('PyTorch 코드로 저장');
  await expect(group.getByTestId('export-notebook')).toHaveText('Jupyter 노트북으로 저장');
  const note = (await group.getByTestId('compare-export-seed').textContent())!;
  const seed = Number(/시드 (\d+)/.exec(note)![1]);
  expect([1, 2, 3, 4, 5]).toContain(seed);
  const downloading = page.waitForEvent('download');
  await group.getByTestId('export-pytorch').click();
  const download = await downloading;
  const script = readFileSync((await download.path())!, 'utf8');
  expect(script).toBe(exportScript(parseRunSpec(spec(HE, seed, 'he')), 'pytorch', 'ko'));
  expect(script).toMatch(new RegExp(`^SEED = ${seed}$`, 'm'));
  await expect(group.getByTestId('export-program-outcome')).toContainText('저장됨');
  // The single run's card has its buttons as before, and no seed note.
  const single = cards.filter({ hasText: SINGLE });
  await expect(single.getByTestId('export-pytorch')).toBeVisible();
  await expect(single.getByTestId('compare-export-seed')).toHaveCount(0);
  expect(problems).toEqual([]);
});
