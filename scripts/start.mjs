// `npm start`: build the app and open it in Electron, or say in one line why it can't here.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The Electron executable if this install has one; Electron 42+ only fetches it on first use. */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

if (!electronBinary()) {
  console.error(
    'NN Lab: the Electron binary is not installed on this machine (it is downloaded on first start, which needs internet). ' +
      'Run the same app in your browser instead: npm run web',
  );
  process.exit(1);
}

const result = spawnSync('npx', ['electron-vite', 'preview'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
