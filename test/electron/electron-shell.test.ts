import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LabService } from '../../engine/service/lab-service';
import { LAB_METHODS } from '../../engine/api/lab-api';
import type { LabReply } from '../../engine/api/lab-transport';
import { electron, electronModule, ipcEvent } from './electron-mock';

/**
 * The Electron shell with `electron` mocked (electron-mock.ts): the windows' settings, the
 * start-up order, the security handlers. The IPC gate and the preload: ipc-gate.test.ts.
 */
vi.mock('electron', () => electronModule());

const { startApp } = await import('../../electron/main/app');
const { mainWindowOptions, appUrlMatcher, appPageMatcher, localRequestFilter, showWhenReady, APP_CSP, DEV_SERVER_CSP } = await import('../../electron/main/security');
const { reportWindowOptions } = await import('../../electron/main/report-pdf');

let dir: string;
// startApp hands the engine the bundled datasets through these (resource-paths.ts); restored after.
const electronProcess = process as { resourcesPath?: string };
const saved = { dataDir: process.env['NNLAB_DATA_DIR'], userDataDir: process.env['NNLAB_USER_DATA_DIR'], resourcesPath: electronProcess.resourcesPath };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-electron-'));
  electron.app.userData = join(dir, 'userData');
  delete process.env['NNLAB_DATA_DIR'];
  delete process.env['NNLAB_USER_DATA_DIR'];
  electronProcess.resourcesPath = join(dir, 'install', 'resources');
});
afterAll(() => {
  restoreEnv('NNLAB_DATA_DIR', saved.dataDir);
  restoreEnv('NNLAB_USER_DATA_DIR', saved.userDataDir);
  electronProcess.resourcesPath = saved.resourcesPath;
  rmSync(dir, { recursive: true, force: true });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}


describe('the main window', () => {
  it('is isolated, sandboxed, without Node, with web security, devtools only in development', () => {
    const packaged = mainWindowOptions('/app/out/preload/index.cjs', true).webPreferences!;
    expect(packaged).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(mainWindowOptions('/p', false).webPreferences!.devTools).toBe(true);
    expect(APP_CSP).toContain("default-src 'self'");
    expect(APP_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(APP_CSP).toContain("style-src-elem 'self';");
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    // Only the dev server's responses may carry Vite's injected <style>s.
    expect(DEV_SERVER_CSP).toContain("style-src-elem 'self' 'unsafe-inline';");
  });

  it('knows the app’s page: app://nnlab/index.html, or the dev server in development', () => {
    const isApp = appPageMatcher(undefined);
    expect(isApp('app://nnlab/index.html')).toBe(true);
    expect(isApp('app://nnlab/index.html#/runs')).toBe(true);
    expect(isApp('app://nnlab/assets/x.js')).toBe(false);
    expect(isApp('app://other/index.html')).toBe(false);
    expect(isApp('app://user@nnlab/index.html')).toBe(false);
    expect(isApp(pathToFileURL(join(dir, 'out', 'renderer', 'index.html')).href)).toBe(false);
    expect(isApp('http://localhost:5173/')).toBe(false);
    expect(isApp('not a url')).toBe(false);
    const dev = appPageMatcher('http://localhost:5173/');
    expect(dev('http://localhost:5173/src/main.ts')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
  });

  it('knows a local HTML file’s URLs (the report printed to PDF), or the dev server in development', () => {
    const index = join(dir, 'out', 'renderer', 'index.html');
    const isApp = appUrlMatcher(index, undefined);
    expect(isApp(pathToFileURL(index).href)).toBe(true);
    expect(isApp(`${pathToFileURL(index).href}#/runs`)).toBe(true);
    expect(isApp(pathToFileURL(join(dir, 'elsewhere.html')).href)).toBe(false);
    expect(isApp('https://evil.example/')).toBe(false);
    expect(isApp('http://localhost:5173/')).toBe(false);
    expect(isApp('not a url')).toBe(false);
    expect(isApp(`file://evil.example${pathToFileURL(index).pathname}`)).toBe(false);
    const korean = appUrlMatcher('/home/학생/NN Lab/out/renderer/index.html', undefined, 'linux');
    expect(korean('file:///home/%ED%95%99%EC%83%9D/NN%20Lab/out/renderer/index.html')).toBe(true);
    expect(korean('file:///home/학생/NN Lab/out/renderer/index.html')).toBe(true);
    const windows = appUrlMatcher('/C:/Program Files/NN Lab/resources/app.asar/out/renderer/index.html', undefined, 'win32');
    expect(windows('file:///c:/Program%20Files/NN%20Lab/resources/app.asar/out/renderer/index.html')).toBe(true);
    const dev = appUrlMatcher(index, 'http://localhost:5173/');
    expect(dev('http://localhost:5173/src/main.ts')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
  });
});

describe('startApp', () => {
  it('quits without opening the database when another instance holds the lock', () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    const openService = vi.fn();
    startApp({ openService, preloadPath: '/p', rendererIndexFile: '/r/index.html' });
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(openService).not.toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });

  it('takes the lock, then opens the history in userData, a locked-down window, and the IPC bridge; on quit, stops the runs', async () => {
    electron.app.quit.mockClear();
    const rendererIndexFile = join(dir, 'out', 'renderer', 'index.html');
    mkdirSync(join(dir, 'out', 'renderer'), { recursive: true });
    writeFileSync(rendererIndexFile, '<!doctype html><title>NN Lab</title>');
    let service!: LabService;
    let dataDirAtOpen: string | undefined;
    const openService = vi.fn((dbPath: string) => {
      dataDirAtOpen = process.env['NNLAB_DATA_DIR'];
      return (service = LabService.open({ dbPath, pool: { size: 1 } }));
    });
    // A packaged app ignores the development-only switches: a dev server URL, a moved userData.
    process.env['NNLAB_USER_DATA_DIR'] = join(dir, 'elsewhere');
    startApp({ openService, preloadPath: join(dir, 'out', 'preload', 'index.cjs'), rendererIndexFile, devServerUrl: 'http://localhost:5173/' });
    delete process.env['NNLAB_USER_DATA_DIR'];
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const window = electron.windows[0]!;

    // The lock before the database; the database in userData.
    expect(electron.app.requestSingleInstanceLock.mock.invocationCallOrder[0]).toBeLessThan(openService.mock.invocationCallOrder[0]!);
    expect(openService).toHaveBeenCalledWith(join(dir, 'userData', 'nnlab.db'));
    expect(electron.app.setPath).not.toHaveBeenCalled();
    expect(window.options).toEqual(mainWindowOptions(join(dir, 'out', 'preload', 'index.cjs'), true));
    expect(window.options).toMatchObject({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false } });
    // Its own icon in the Windows and Linux taskbars (macOS takes the bundle's).
    expect(window.icons).toEqual(process.platform === 'darwin' ? [] : [join(dir, 'out', 'renderer', 'icon-256.png')]);
    // The page from app://nnlab/ (not file://), its files served with the CSP header.
    expect(window.loaded).toEqual(['app://nnlab/index.html']);
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(electron.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(electron.app.whenReady.mock.invocationCallOrder[0]!);
    const [scheme, serve] = electron.session.defaultSession.protocol.handle.mock.calls[0]! as [string, (request: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const page = await serve(new Request('app://nnlab/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await page.text()).toContain('<title>NN Lab</title>');
    expect((await serve(new Request('app://nnlab/../../userData/nnlab.db'))).status).toBe(404);

    // Every renderer sandboxed, whatever its options (asked before 'ready'); the bundled datasets
    // (<resources>/data, electron-builder's extraResources) handed to the engine before the history opens.
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(electron.app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(electron.app.whenReady.mock.invocationCallOrder[0]!);
    expect(dataDirAtOpen).toBe(join(dir, 'install', 'resources', 'data'));

    // Devtools: off in the window's options, and closed again if something opens them anyway.
    window.webContents.emit('devtools-opened');
    expect(window.webContents.closeDevTools).toHaveBeenCalled();

    // Nothing leaves the machine: network requests cancelled (the dev server too, in a packaged app), local loads pass.
    const [onRequest] = electron.session.defaultSession.webRequest.onBeforeRequest.mock.calls[0]! as [(d: { url: string }, cb: (r: unknown) => void) => void];
    const verdict = (url: string) => {
      const callback = vi.fn();
      onRequest({ url }, callback);
      return callback.mock.calls[0]![0];
    };
    expect(verdict('https://fonts.example.com/x.woff2')).toEqual({ cancel: true });
    expect(verdict('http://localhost:5173/')).toEqual({ cancel: true });
    expect(verdict(pathToFileURL(rendererIndexFile).href)).toEqual({ cancel: false });
    expect(verdict('data:image/png;base64,AA==')).toEqual({ cancel: false });

    // Every permission denied; the CSP header added.
    const [deny] = electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0]! as [(c: unknown, p: string, cb: (ok: boolean) => void) => void];
    const answer = vi.fn();
    deny({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    const [check] = electron.session.defaultSession.setPermissionCheckHandler.mock.calls[0]! as [() => boolean];
    expect(check()).toBe(false);
    const [onHeaders] = electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]! as [(d: unknown, cb: (r: unknown) => void) => void];
    const headers = vi.fn();
    onHeaders({ responseHeaders: { 'X-Other': ['1'] } }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [DEV_SERVER_CSP] } });

    // No navigation, no new windows, no webviews, in any web contents.
    const contents = new electron.WebContents();
    electron.app.emit('web-contents-created', {}, contents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    const subframe = { preventDefault: vi.fn(), isMainFrame: false };
    contents.emit('will-frame-navigate', subframe);
    expect(subframe.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });

    // One handler per LabApi method, answering the app's own main frame.
    expect([...electron.handlers.keys()].sort()).toEqual(LAB_METHODS.map((m) => `lab:${m}`).sort());
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(LAB_METHODS.length);
    window.webContents.mainFrame.url = 'app://nnlab/index.html';
    const info = (await electron.handlers.get('lab:appInfo')!(ipcEvent(window))) as LabReply;
    expect(info).toEqual({ ok: true, value: expect.objectContaining({ transport: 'electron', appVersion: '1.2.3', dbPath: join(dir, 'userData', 'nnlab.db') }) });
    // The handler prints reports to PDF (report-pdf.ts: a hidden window of its own).
    const pdf = (await electron.handlers.get('lab:renderReportPdf')!(ipcEvent(window), '<!doctype html><p>report</p>')) as LabReply;
    expect(pdf).toEqual({ ok: true, value: new Uint8Array(Buffer.from('%PDF-1.7')) });
    expect(electron.windows.at(-1)!.options).toEqual(reportWindowOptions());
    expect(electron.session.fromPartition).toHaveBeenCalledWith('nnlab-report');

    // A second launch focuses this window.
    electron.app.emit('second-instance');
    expect(window.focused).toBe(true);

    // Quitting waits for the service to close (runs end stopped), then quits for real.
    const quitEvent = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1));
    await expect(Promise.resolve().then(() => service.listRuns())).rejects.toThrow();
  });
});

describe('startApp when the history cannot be opened', () => {
  it('says why in a dialog and exits, without a window', async () => {
    const windowsBefore = electron.windows.length;
    startApp({
      openService: () => {
        throw new Error('this run history was written by a newer NN Lab');
      },
      preloadPath: '/p',
      rendererIndexFile: '/r/index.html',
    });
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('NN Lab cannot start', 'this run history was written by a newer NN Lab');
    expect(electron.windows).toHaveLength(windowsBefore);
  });
});

describe('startApp in development (not packaged)', () => {
  it('moves userData when asked (before the lock), loads the dev server, lets only the dev server through, keeps devtools', async () => {
    electron.app.isPackaged = false;
    electron.app.setPath.mockClear();
    electron.app.requestSingleInstanceLock.mockClear();
    delete process.env['NNLAB_DATA_DIR'];
    process.env['NNLAB_USER_DATA_DIR'] = join(dir, 'dev-userData');
    const before = electron.windows.length;
    let service: LabService | null = null;
    try {
      startApp({
        openService: (dbPath) => (service = LabService.open({ dbPath, pool: { size: 1 } })),
        preloadPath: '/p',
        rendererIndexFile: join(dir, 'out', 'renderer', 'index.html'),
        devServerUrl: 'http://localhost:5173/',
      });
      await vi.waitFor(() => expect(electron.windows).toHaveLength(before + 1));
      const window = electron.windows.at(-1)!;
      expect(electron.app.setPath).toHaveBeenCalledWith('userData', join(dir, 'dev-userData'));
      expect(electron.app.setPath.mock.invocationCallOrder[0]).toBeLessThan(electron.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
      expect(service!.dbPath).toBe(join(dir, 'dev-userData', 'nnlab.db'));
      expect(process.env['NNLAB_DATA_DIR']).toBe(join('/project', 'resources', 'data'));
      expect(window.loaded).toEqual(['http://localhost:5173/']);
      expect(window.options).toMatchObject({ webPreferences: { devTools: true } });
      window.webContents.emit('devtools-opened');
      expect(window.webContents.closeDevTools).not.toHaveBeenCalled();
      const [onRequest] = electron.session.defaultSession.webRequest.onBeforeRequest.mock.calls.at(-1)! as [(d: { url: string }, cb: (r: unknown) => void) => void];
      const cancelled = (url: string) => {
        const callback = vi.fn();
        onRequest({ url }, callback);
        return (callback.mock.calls[0]![0] as { cancel: boolean }).cancel;
      };
      expect(cancelled('http://localhost:5173/src/main.ts')).toBe(false);
      expect(cancelled('ws://localhost:5173/')).toBe(false);
      expect(cancelled('https://example.com/')).toBe(true);
    } finally {
      electron.app.isPackaged = true;
      delete process.env['NNLAB_USER_DATA_DIR'];
      electron.app.userData = join(dir, 'userData');
      await (service as LabService | null)?.close();
    }
  });
});

describe('localRequestFilter', () => {
  it('lets local loads through and cancels every network request but the dev server', () => {
    const packaged = localRequestFilter({ rendererIndexFile: '/opt/NN Lab/resources/app.asar/out/renderer/index.html' });
    for (const url of ['file:///opt/NN%20Lab/resources/app.asar/out/renderer/index.html', 'file:///opt/NN%20Lab/resources/data/x', 'data:text/plain,x', 'blob:file:///1234', 'devtools://devtools/bundled/x.html']) {
      expect(packaged(url), url).toBe(true);
    }
    for (const url of ['http://127.0.0.1:8080/', 'https://example.com/', 'ws://example.com/', 'wss://example.com/', 'ftp://example.com/', 'file://fileserver.example.com/share/x.png', 'not a url']) {
      expect(packaged(url), url).toBe(false);
    }
    const dev = localRequestFilter({ rendererIndexFile: '/project/out/renderer/index.html', devServerUrl: 'http://localhost:5173/' });
    expect(dev('http://localhost:5173/@vite/client')).toBe(true);
    expect(dev('ws://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('ftp://localhost:5173/')).toBe(false);
  });
});

describe('showWhenReady', () => {
  it('closes devtools again in a packaged app only', () => {
    const packaged = new electron.BrowserWindow({});
    showWhenReady(packaged as never, true);
    packaged.webContents.emit('devtools-opened');
    expect(packaged.webContents.closeDevTools).toHaveBeenCalledTimes(1);
    const dev = new electron.BrowserWindow({});
    showWhenReady(dev as never, false);
    dev.webContents.emit('devtools-opened');
    expect(dev.webContents.closeDevTools).not.toHaveBeenCalled();
  });
});

