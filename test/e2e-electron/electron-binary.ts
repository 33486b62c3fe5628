import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron executable `require('electron')` would return, or null when it is not on this
 * machine. Not require('electron') itself: since Electron 42 that call downloads the binary when
 * it is missing, which offline fails slowly and noisily. Same rules as electron/index.js:
 * `path.txt` names the executable inside `dist/`, ELECTRON_OVERRIDE_DIST_PATH replaces `dist/`.
 */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  let binary: string | null = null;
  if (override !== undefined && override !== '') binary = join(override, name || 'electron');
  else if (name !== '') binary = join(packageDir, 'dist', name);
  return binary !== null && existsSync(binary) ? binary : null;
}
