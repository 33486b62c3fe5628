import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { exportScript } from '../../engine/lab/export-script';
import { expect, screenshot, test } from './fixtures';
import { connectService } from './service-client';

/**
 * A run saved as a program that reproduces it in PyTorch, from the history's row, the replay
 * screen, a comparison's card and the builder: the files are exactly what `nnlab export-script`
 * writes for the spec, Korean comments in the Korean UI.
 */
const MARK = `xp${Date.now().toString(36)}`;

async function saved(app: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const downloading = app.waitForEvent('download');
  await click();
  const download = await downloading;
  return { download, text: readFileSync((await download.path())!, 'utf8') };
}

test('a run saved as PyTorch code or a Jupyter notebook from the history, the replay, a comparison and the builder', async ({ app }) => {
  const service = await connectService();
  try {
    const xor = (activation: string) => ({
      version: 1,
      name: `${MARK} ${activation} "quoted" """`,
      seed: 4,
      dataset: { name: 'xor', samples: 60 },
      layers: [{ units: 4, activation, dropout: 0.1 }, { units: 2, activation: 'softmax' }],
      optimizer: { name: 'sgd', lr: 0.1 },
      training: { batchSize: 10, epochs: 2 },
    });
    const other = await service.call('startRun', xor('relu'));
    const started = await service.call('startRun', xor('tanh'));
    for (const run of [other, started]) await expect.poll(async () => (await service.call('getRun', run.id)).status, { timeout: 60_000 }).toBe('completed');
    const { spec } = await service.call('getRun', started.id);

    await app.getByTestId('nav-runs').click();
    await app.getByTestId('history-search').fill(MARK);
    const row = app.locator(`[data-testid="run-row"][data-run-id="${started.id}"]`);
    await row.getByTestId('run-more').click();
    const details = app.getByTestId('run-details');
    await expect(details.getByTestId('export-pytorch')).toHaveText('PyTorch 코드로 저장');
    const script = await saved(app, () => details.getByTestId('export-pytorch').click());
    expect(script.download.suggestedFilename()).toBe(`nnlab-${started.id.slice(0, 8)}.py`);
    expect(script.text).toBe(exportScript(spec, 'pytorch', 'ko'));
    await expect(details.getByTestId('export-program-outcome')).toHaveText(`nnlab-${started.id.slice(0, 8)}.py 저장됨. 터미널에서 실행: python3 nnlab-${started.id.slice(0, 8)}.py --json`);
    await screenshot(app, 'export-program-history');

    await row.getByTestId('open-run').click();
    await expect(app.getByTestId('replay-use-spec')).toBeVisible();
    const notebook = await saved(app, () => app.getByTestId('export-notebook').click());
    expect(notebook.download.suggestedFilename()).toBe(`nnlab-${started.id.slice(0, 8)}.ipynb`);
    expect(notebook.text).toBe(exportScript(spec, 'notebook', 'ko'));
    expect(JSON.parse(notebook.text)).toMatchObject({ nbformat: 4, metadata: { kernelspec: { name: 'python3' } } });
    await screenshot(app, 'export-program-replay');

    // A comparison: each run's card saves that run.
    await app.evaluate(`location.hash = ${JSON.stringify(`#/compare?runs=${started.id},${other.id}`)}`);
    const card = app.getByTestId('compare-run-card').filter({ hasText: `${MARK} tanh` });
    const compared = await saved(app, () => card.getByTestId('export-pytorch').click());
    expect(compared.download.suggestedFilename()).toBe(`nnlab-${started.id.slice(0, 8)}.py`);
    expect(compared.text).toBe(exportScript(spec, 'pytorch', 'ko'));

    // The builder saves its settings as they are, and only settings that could start.
    await app.getByTestId('nav-build').click();
    await app.getByTestId('epochs').fill('3');
    await expect(app.getByTestId('estimate')).toContainText('단계');
    const builder = app.getByTestId('builder-export');
    const built = await saved(app, () => builder.getByTestId('export-pytorch').click());
    expect(built.download.suggestedFilename()).toBe('nnlab-spec.py');
    expect(built.text).toContain('TOTAL_STEPS = ');
    expect(built.text).toMatch(/^SEED = \d+$/m);
    await app.getByTestId('epochs').fill('0');
    await expect(builder.getByTestId('export-pytorch')).toBeDisabled();
    await expect(builder.getByTestId('export-notebook')).toBeDisabled();
  } finally {
    await service.close();
  }
});
