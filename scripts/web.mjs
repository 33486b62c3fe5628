// `npm run web [-- --port N --db PATH --open]`: NN Lab in this computer's browser (the browser host).
// Builds what is missing or older than its sources (a cheap mtime check): the page with
// electron-vite (out/renderer), the `nnlab` command with vite.cli.config.ts (out/cli); then runs
// the built command's `serve` with the arguments passed through. A Node script, not a shell
// one-liner, so it runs the same in cmd.exe, PowerShell and bash.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
/** A package's command-line script, run with this Node (no npx, no shell: the same on Windows). */
const binOf = (name, file) => join(dirname(require.resolve(`${name}/package.json`)), 'bin', file);

/** What is built, from what, by which command. */
const targets = [
  {
    what: 'the app',
    built: join(root, 'out', 'renderer', 'index.html'),
    // The renderer bundle: its own folder, the engine parts it imports, the build config.
    sources: ['renderer', 'engine', 'electron.vite.config.ts', 'package-lock.json'],
    build: [binOf('electron-vite', 'electron-vite.js'), 'build', '--logLevel', 'warn'],
  },
  {
    what: 'the nnlab command',
    built: join(root, 'out', 'cli', 'nnlab.js'),
    // The CLI bundle: the command and its browser host, the engine, the build config, the version.
    sources: ['cli', 'engine', 'vite.cli.config.ts', 'package.json', 'package-lock.json'],
    build: [binOf('vite', 'vite.js'), 'build', '-c', 'vite.cli.config.ts', '--logLevel', 'warn'],
  },
];

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

for (const target of targets) {
  const builtAt = existsSync(target.built) ? statSync(target.built).mtimeMs : 0;
  if (builtAt !== 0 && Math.max(...target.sources.map((name) => newest(join(root, name)))) <= builtAt) continue;
  console.error(builtAt === 0 ? `NN Lab: building ${target.what} (first run)…` : `NN Lab: the sources of ${target.what} changed since the last build; building…`);
  const build = spawnSync(process.execPath, target.build, { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error(`NN Lab: the build of ${target.what} failed (see above); nothing was started.`);
    process.exit(build.status ?? 1);
  }
}

const child = spawn(process.execPath, [join(root, 'bin', 'nnlab.mjs'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
// Ctrl-C reaches the whole console (the child too): this process waits for the host to stop cleanly.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
