import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { exportScript } from '../../engine/lab/export-script';
import { expect, screenshot, test } from './fixtures';
import { connectService } from './service-client';

/**
 * A stored run saved as a program that reproduces it in PyTorch, from the history's row and from
 * the replay screen: the files are exactly what `nnlab export-script` writes for the run's spec,
 * Korean comments in the Korean UI.
 */
const MARK = `xp${Date.now().toString(36)}`;

async function saved(app: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const downloading = app.waitForEvent('download');
  await click();
  const download = await downloading;
  return { download, text: readFileSync((await download.path())!, 'utf8') };
}

test('a run saved as PyTorch code from the history and as a Jupyter notebook from its replay', async ({ app }) => {
  const service = await connectService();
  try {
    const started = await service.call('startRun', {
      version: 1,
      name: `${MARK} "quoted" """`,
      seed: 4,
      dataset: { name: 'xor', samples: 60 },
      layers: [{ units: 4, activation: 'tanh', dropout: 0.1 }, { units: 2, activation: 'softmax' }],
      optimizer: { name: 'sgd', lr: 0.1 },
      training: { batchSize: 10, epochs: 2 },
    });
    await expect.poll(async () => (await service.call('getRun', started.id)).status, { timeout: 60_000 }).toBe('completed');
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
  } finally {
    await service.close();
  }
});
