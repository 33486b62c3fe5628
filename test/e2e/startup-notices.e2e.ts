import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenshot } from './fixtures';
import { startHost } from './start-host';

test('a damaged run history is moved aside, a fresh one started, and the student is told where it went', async ({ page }) => {
  // The host's own history (no --db) in a throwaway config folder, holding garbage.
  const config = mkdtempSync(join(tmpdir(), 'nnlab-e2e-notices-'));
  const folder = join(config, 'NN Lab');
  mkdirSync(folder, { recursive: true });
  const garbage = Buffer.from('this is not an SQLite database, just bytes a power cut left behind\n'.repeat(200));
  writeFileSync(join(folder, 'nnlab.db'), garbage);
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: config, APPDATA: config };
  delete env.NNLAB_DB;
  const host = await startHost([], env);
  try {
    await page.goto(host.url);
    const notices = page.getByTestId('startup-notices');
    await expect(notices).toBeVisible();
    await expect(notices).toContainText('손상되어 옆으로 옮기고');
    const movedName = readdirSync(folder).find((name) => name.startsWith('nnlab.db.corrupt-'));
    expect(movedName, `files in the folder: ${readdirSync(folder).join(', ')}`).toBeDefined();
    await expect(notices).toContainText(movedName!);
    // The damaged bytes are kept, untouched, under the new name; a working history took their place.
    expect(readFileSync(join(folder, movedName!)).equals(garbage)).toBe(true);
    expect(readFileSync(join(folder, 'nnlab.db')).subarray(0, 15).toString()).toBe('SQLite format 3');
    await expect(page.getByTestId('start')).toBeEnabled();
    await screenshot(page, 'startup-notice-corrupt-history');
    await page.getByTestId('dismiss-notices').click();
    await expect(notices).toBeHidden();
  } finally {
    await host.stop();
    rmSync(config, { recursive: true, force: true });
  }
  expect(existsSync(config)).toBe(false);
});
