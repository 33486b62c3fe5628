import { dirname, join } from 'node:path';

/**
 * The window's icon file: the 256 px PNG scripts/make-icon.mjs puts in renderer/public, which the
 * build copies beside out/renderer/index.html (inside app.asar, which nativeImage reads). Windows
 * and Linux show it in the taskbar and the title bar; on macOS the bundle's icon.icns is the
 * Dock's icon and a window icon does nothing, so there is none (null).
 */
export const WINDOW_ICON_FILE = 'icon-256.png';

export function windowIconPath(rendererIndexFile: string, platform: NodeJS.Platform = process.platform): string | null {
  return platform === 'darwin' ? null : join(dirname(rendererIndexFile), WINDOW_ICON_FILE);
}
