import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** The app's folder name in the per-user data folder (Electron's userData uses the product name). */
export const APP_FOLDER = 'NN Lab';
export const DB_FILE = 'nnlab.db';

/**
 * Where runs are stored when no --db is given: $NNLAB_DB, else the same file the desktop app uses
 * (Electron's userData folder), so the CLI, the browser host and the app share one history:
 *   Windows  %APPDATA%\NN Lab\nnlab.db
 *   macOS    ~/Library/Application Support/NN Lab/nnlab.db
 *   Linux    $XDG_CONFIG_HOME/NN Lab/nnlab.db (default ~/.config)
 */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.NNLAB_DB) return env.NNLAB_DB;
  const join = platform === 'win32' ? win32.join : posix.join;
  return join(userDataFolder(env, platform, home), DB_FILE);
}

function userDataFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  const join = platform === 'win32' ? win32.join : posix.join;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
}
