import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from './start-host';

/**
 * Starts the browser host once for the whole suite, on a throwaway database, and hands the tests
 * its URL (with the launch token) through NNLAB_E2E_URL.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-'));
  const host = await startHost(['--db', join(dir, 'e2e.db')]);
  process.env.NNLAB_E2E_URL = host.url;
  return async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
