// `npm run web [-- --port N --db PATH --open]`: NN Lab in this computer's browser (the browser host).
// Builds the app with electron-vite when out/renderer is missing or older than its sources (a cheap
// mtime check), then runs `nnlab serve` with the arguments passed through. A Node script, not a shell
// one-liner, so it runs the same in cmd.exe, PowerShell and bash.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtPage = join(root, 'out', 'renderer', 'index.html');
/** What the renderer bundle is made from: its own folder, the engine parts it imports, the build config. */
const sources = ['renderer', 'engine', 'electron.vite.config.ts', 'package-lock.json'].map((name) => join(root, name));

/** Newest modification time under `path` (0 when absent). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const builtAt = existsSync(builtPage) ? statSync(builtPage).mtimeMs : 0;
if (builtAt === 0 || Math.max(...sources.map(newest)) > builtAt) {
  console.error(builtAt === 0 ? 'NN Lab: building the app (first run)…' : 'NN Lab: the sources changed since the last build; building…');
  const electronVite = join(dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [electronVite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('NN Lab: the build failed (see above); nothing was started.');
    process.exit(build.status ?? 1);
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'cli', 'bin.ts'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
// Ctrl-C reaches the whole console (the child too): this process waits for the host to stop cleanly.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
