import { pathToFileURL } from 'node:url';
import { APP_CSP, APP_HOST, APP_SCHEME } from './app-protocol';
import { contentSecurityPolicy } from '../../engine/api/content-security-policy';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** The app's CSP, which the app:// protocol sends with every file (app-protocol.ts). */
export { APP_CSP };

/**
 * The CSP added to the http responses the session sees, which means electron-vite's dev server in
 * development (it injects each CSS module as a <style> element).
 */
export const DEV_SERVER_CSP = contentSecurityPolicy({ header: true, devServer: true });

/**
 * Electron's security checklist for every window the app opens: isolated, sandboxed, no Node in
 * the page, its workers or frames, web security on, nothing experimental, no <webview>. Windows
 * add to it (a preload, devtools in development, no JavaScript for the report) but never loosen it.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
} as const satisfies BrowserWindowConstructorOptions['webPreferences'];

/** The main window's options: the security checklist, the preload, devtools only in development. */
export function mainWindowOptions(preloadPath: string, isPackaged: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'NN Lab',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath, devTools: !isPackaged },
  };
}

/**
 * Which URLs are the app's page: app://nnlab/index.html (any query or hash; see app-protocol.ts),
 * or in development the dev server's origin (ELECTRON_RENDERER_URL).
 */
export function appPageMatcher(devServerUrl: string | undefined): (url: string) => boolean {
  const devOrigin = devServerUrl === undefined ? null : new URL(devServerUrl).origin;
  return (url) => {
    try {
      const parsed = new URL(url);
      if (devOrigin !== null && parsed.origin === devOrigin) return true;
      return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.pathname === '/index.html' && parsed.username === '' && parsed.port === '';
    } catch {
      return false;
    }
  };
}

/**
 * Which URLs are one local HTML file (file://, any query or hash; the report printed to PDF), or
 * in development the dev server's origin.
 */
export function appUrlMatcher(rendererIndexFile: string, devServerUrl: string | undefined, platform: NodeJS.Platform = process.platform): (url: string) => boolean {
  // Paths compared decoded (a Korean user folder may be percent-encoded either way), and without case on Windows.
  const normalize = (pathname: string): string => {
    const decoded = decodeURIComponent(pathname);
    return platform === 'win32' ? decoded.toLowerCase() : decoded;
  };
  const indexPath = normalize(pathToFileURL(rendererIndexFile).pathname);
  const devOrigin = devServerUrl === undefined ? null : new URL(devServerUrl).origin;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
      if (devOrigin !== null && parsed.origin === devOrigin) return true;
      return parsed.protocol === 'file:' && parsed.host === '' && normalize(parsed.pathname) === indexPath;
    } catch {
      return false;
    }
  };
}

/** No navigation, no redirects, no new windows, no webviews: the app is one self-contained page. */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Schemes whose requests leave the machine (or reach another program on it). */
const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/** Where the app's page comes from, which decides what else it may load. */
export interface RequestScope {
  /** out/renderer/index.html (file:// URLs on the same host as it are local). */
  rendererIndexFile: string;
  /** electron-vite's dev server, in development only. */
  devServerUrl?: string | undefined;
}

/**
 * Which requests the app's session lets through: everything local (file: on the app's own host,
 * data:, blob:, devtools:…) and, in development only, electron-vite's dev server (its pages and
 * its HMR WebSocket share one host:port). Every other request is cancelled: the labs are
 * offline, and this holds whatever the page's CSP says or a dependency tries. A file: URL naming
 * another host is a network share (a UNC path on Windows, where opening it sends the user's
 * credentials), so it is cancelled too, unless the app itself runs from that share.
 */
export function localRequestFilter(scope: RequestScope): (url: string) => boolean {
  const devHost = scope.devServerUrl === undefined ? null : new URL(scope.devServerUrl).host;
  const appFileHost = pathToFileURL(scope.rendererIndexFile).host;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'file:') return parsed.host === appFileHost;
    if (!NETWORK_PROTOCOLS.has(parsed.protocol)) return true;
    return devHost !== null && parsed.host === devHost && parsed.protocol !== 'ftp:';
  };
}

/**
 * Denies every permission (camera, notifications, geolocation…), cancels every request that is
 * not local (localRequestFilter), adds the CSP header to http(s) responses (the dev server's).
 */
export function lockDownSession(session: Session, scope: RequestScope): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const isLocal = localRequestFilter(scope);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isLocal(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DEV_SERVER_CSP] } });
  });
}

/** Shows the window once it has painted; devtools are closed again if a packaged build ever opens them. */
export function showWhenReady(window: BrowserWindow, isPackaged: boolean): void {
  window.once('ready-to-show', () => window.show());
  if (isPackaged) window.webContents.on('devtools-opened', () => window.webContents.closeDevTools());
}
