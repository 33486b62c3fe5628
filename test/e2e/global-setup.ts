import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Starts the browser host once for the whole suite, on a throwaway database, and hands the tests
 * its URL (with the launch token) through NNLAB_E2E_URL. The renderer must be built (npm test
 * builds before it runs the tests).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-'));
  const host = spawn(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'serve', '--db', join(dir, 'e2e.db')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the browser host did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    host.stdout.on('data', onData);
    host.stderr.on('data', onData);
    host.on('exit', (code) => reject(new Error(`the browser host exited (${code}):\n${output}`)));
  });
  process.env.NNLAB_E2E_URL = url;
  return async () => {
    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
}
