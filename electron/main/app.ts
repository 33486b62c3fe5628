import { app, BrowserWindow, dialog, protocol, session } from 'electron';
import { dirname, join } from 'node:path';
import { DB_FILE } from '../../engine/service/default-db-path';
import { createLabApiHandler } from '../../engine/service/lab-api-handler';
import type { LabService } from '../../engine/service/lab-service';
import { registerLabIpc } from './ipc';
import { PackFileOpener, packPathsFromArgv } from './pack-files';
import { createReportPdfRenderer } from './report-pdf';
import { provideDataDir } from './resource-paths';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler, listAppFiles } from './app-protocol';
import { windowIconPath } from './window-icon';
import { appPageMatcher, lockDownContents, lockDownSession, mainWindowOptions, showWhenReady } from './security';
import { messageOf } from '../../engine/api/error-message';
import { LAB_PUSH_CHANNEL } from '../../engine/api/lab-transport';

/** What the entry (index.ts) provides; tests pass their own, with `electron` mocked. */
export interface AppOptions {
  /** Opens the lab service on the history file (index.ts: LabService.open with the built worker). */
  openService(dbPath: string): LabService;
  /** out/preload/index.cjs */
  preloadPath: string;
  /** out/renderer/index.html */
  rendererIndexFile: string;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), in development only. */
  devServerUrl?: string;
}

/**
 * Development only (never in a packaged app): NNLAB_USER_DATA_DIR moves userData, so the
 * real-Electron tests (test/e2e-electron) get a throwaway history and lock of their own.
 */
export function devUserDataDir(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env['NNLAB_USER_DATA_DIR'];
  return isPackaged || dir === undefined || dir === '' ? null : dir;
}

/**
 * The desktop app's life: one instance (the lock is taken before the database is opened, so a
 * second launch only focuses the first window), the history in userData, the bundled datasets
 * handed to the engine (resource-paths.ts), one locked-down window bridged to LabService over IPC
 * (with lab reports printed to PDF in hidden windows, report-pdf.ts), and on quit every run
 * stopped and the history closed.
 */
export function startApp(options: AppOptions): void {
  // Before the lock: Chromium keeps the single-instance lock in userData.
  const userData = devUserDataDir(app.isPackaged);
  if (userData !== null) app.setPath('userData', userData);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Every renderer sandboxed, even one a future change forgets to configure (must precede 'ready').
  app.enableSandbox();
  // The page's own scheme (app-protocol.ts) must be known before 'ready'.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  provideDataDir({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });
  let window: BrowserWindow | null = null;
  let service: LabService | null = null;
  let closing: Promise<void> | null = null;

  // Lab pack files the system hands over (double-click: electron-builder.yml's fileAssociations).
  const packFiles = new PackFileOpener();
  void packFiles.add(packPathsFromArgv(process.argv, process.cwd()));
  // macOS names them in 'open-file', which can come before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void packFiles.add([path]);
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    // A second launch (a pack double-clicked while the app runs) hands its files to this one.
    if (Array.isArray(argv)) void packFiles.add(packPathsFromArgv(argv, typeof workingDirectory === 'string' ? workingDirectory : process.cwd()));
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (service === null || closing !== null) return;
    // Stop the runs (they end "stopped", everything recorded kept) before the process goes.
    event.preventDefault();
    closing = service.close().finally(() => app.quit());
  });

  void app.whenReady().then(() => {
    lockDownSession(session.defaultSession, { rendererIndexFile: options.rendererIndexFile, devServerUrl: app.isPackaged ? undefined : options.devServerUrl });
    let lab: LabService;
    try {
      lab = options.openService(join(app.getPath('userData'), DB_FILE));
    } catch (error) {
      // A history the app cannot open (newer version, locked, corrupt…): its message says what to do.
      dialog.showErrorBox('NN Lab cannot start', messageOf(error));
      app.exit(1);
      return;
    }
    service = lab;
    const devServerUrl = app.isPackaged ? undefined : options.devServerUrl;
    const isAppUrl = appPageMatcher(devServerUrl);
    const win = new BrowserWindow(mainWindowOptions(options.preloadPath, app.isPackaged));
    window = win;
    const icon = windowIconPath(options.rendererIndexFile);
    if (icon !== null) win.setIcon(icon);
    showWhenReady(win, app.isPackaged);
    const handler = createLabApiHandler(lab, { appVersion: app.getVersion(), transport: 'electron' }, { renderPdf: createReportPdfRenderer() });
    registerLabIpc({
      window: win,
      isAppUrl,
      // The page's first request: a push sent from now on reaches it after its start-up code, which subscribes.
      handler: (method, args) => {
        packFiles.pageListening();
        return handler(method, args);
      },
      subscribe: (listener) => lab.subscribe(listener),
    });
    win.webContents.on('did-start-loading', () => packFiles.pageLeft());
    void packFiles.connect(
      (bytes) => lab.openPack(bytes),
      (push) => {
        if (win.isDestroyed()) return;
        win.webContents.send(LAB_PUSH_CHANNEL, push);
        if (win.isMinimized()) win.restore();
        win.focus();
      },
    );
    if (devServerUrl !== undefined) void win.loadURL(devServerUrl);
    else {
      session.defaultSession.protocol.handle(APP_SCHEME, appProtocolHandler(listAppFiles(dirname(options.rendererIndexFile))));
      void win.loadURL(APP_INDEX_URL);
    }
  });
}
