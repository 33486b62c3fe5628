import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServiceError } from '../../engine/service/lab-service';

/**
 * The lab report's PDF in the desktop app, with `electron` mocked: the hidden window's settings,
 * what it may load, what it prints, and that the window and the temp file never outlive a call.
 */
const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  class WebContents {
    readonly listeners = new Map<string, Listener[]>();
    windowOpenHandler: ((details: unknown) => unknown) | null = null;
    /** What printToPDF does (a test replaces it); by default the bytes of a tiny PDF. */
    print: () => Promise<Buffer> = async () => Buffer.from('%PDF-1.7 report');
    readonly printToPDF = vi.fn((_options: unknown) => this.print());
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
    setWindowOpenHandler(handler: (details: unknown) => unknown) {
      this.windowOpenHandler = handler;
    }
  }
  class BrowserWindow {
    readonly webContents = new WebContents();
    destroyed = false;
    /** The file loaded, and its text at that moment. */
    loaded: { file: string; html: string } | null = null;
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
      hooks.onCreate(this);
    }
    async loadFile(file: string) {
      this.loaded = { file, html: hooks.readFile(file) };
      await hooks.onLoad(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const windows: BrowserWindow[] = [];
  const hooks = {
    readFile: (_file: string): string => '',
    onCreate: (_window: BrowserWindow): void => {},
    onLoad: async (_window: BrowserWindow): Promise<void> => {},
  };
  const reportSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
  const app = { temp: '', getPath: vi.fn((_name: string) => app.temp) };
  return { BrowserWindow, windows, hooks, reportSession, app, session: { fromPartition: vi.fn((_partition: string) => reportSession) } };
});

vi.mock('electron', () => ({ app: electron.app, BrowserWindow: electron.BrowserWindow, session: electron.session }));

const { createReportPdfRenderer, reportWindowOptions, REPORT_PARTITION } = await import('../../electron/main/report-pdf');

type Window = InstanceType<typeof electron.BrowserWindow>;
const HTML = '<!doctype html><html lang="ko"><meta charset="utf-8"><title>보고서</title><p>김학생 &lt;2025001&gt;</p><img src="data:image/png;base64,iVBORw0KGgo="></html>';

let dir: string;
beforeAll(() => {
  // A Korean folder name: the report's file URL is percent-encoded, and must still be let through.
  dir = mkdtempSync(join(tmpdir(), 'nnlab-pdf-학생-'));
  electron.app.temp = dir;
  electron.hooks.readFile = (file) => readFileSync(file, 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  electron.hooks.onCreate = () => {};
  electron.hooks.onLoad = async () => {};
});

/** The one request listener the report session has (cancel or not, for a URL). */
function requestVerdict(url: string): boolean {
  const [listener] = electron.reportSession.webRequest.onBeforeRequest.mock.calls.at(-1)! as [(details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void];
  let cancel: boolean | undefined;
  listener({ url }, (response) => (cancel = response.cancel));
  return cancel!;
}

describe('the report’s PDF (desktop app)', () => {
  it('prints the report in a hidden, sandboxed window without JavaScript, on A4 with backgrounds, and hands back the bytes', async () => {
    const render = createReportPdfRenderer();
    const pdf = await render(HTML);
    const window = electron.windows.at(-1)!;

    expect(window.options).toEqual(reportWindowOptions());
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: {
        partition: REPORT_PARTITION,
        javascript: false,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        devTools: false,
      },
    });
    expect((window.options.webPreferences as Record<string, unknown>).preload).toBeUndefined();
    expect(REPORT_PARTITION).not.toMatch(/^persist:/);
    expect(electron.session.fromPartition).toHaveBeenCalledWith('nnlab-report');

    // The HTML went through a file in a fresh folder of the app's temp folder.
    expect(electron.app.getPath).toHaveBeenCalledWith('temp');
    expect(dirname(dirname(window.loaded!.file))).toBe(dir);
    expect(window.loaded!.html).toBe(HTML);
    expect(window.webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });

    expect(Object.getPrototypeOf(pdf)).toBe(Uint8Array.prototype);
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 report');
    expect(window.destroyed).toBe(true);
    expect(existsSync(window.loaded!.file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lets the window load nothing but the report itself: no navigation, no new window, no request, no permission', async () => {
    const render = createReportPdfRenderer();
    let verdicts: Record<string, boolean> = {};
    electron.hooks.onLoad = async (window) => {
      const file = window.loaded!.file;
      const urls = [
        pathToFileURL(file).href,
        `file://${file}`,
        'data:image/png;base64,iVBORw0KGgo=',
        // The report's embedded font (an @font-face with a data URL).
        'data:font/woff;base64,d09GRgABAAA=',
        'https://example.com/track.png',
        'http://127.0.0.1:8080/',
        'file:///etc/passwd',
        pathToFileURL(join(dirname(file), 'other.html')).href,
        pathToFileURL(join(dir, 'secret.png')).href,
        'ws://127.0.0.1:1/',
      ];
      verdicts = Object.fromEntries(urls.map((url) => [url, requestVerdict(url)]));
    };
    await render(HTML);
    const window: Window = electron.windows.at(-1)!;
    const file = window.loaded!.file;

    expect(verdicts).toEqual({
      [pathToFileURL(file).href]: false,
      [`file://${file}`]: false,
      'data:image/png;base64,iVBORw0KGgo=': false,
      'data:font/woff;base64,d09GRgABAAA=': false,
      'https://example.com/track.png': true,
      'http://127.0.0.1:8080/': true,
      'file:///etc/passwd': true,
      [pathToFileURL(join(dirname(file), 'other.html')).href]: true,
      [pathToFileURL(join(dir, 'secret.png')).href]: true,
      'ws://127.0.0.1:1/': true,
    });
    // Once printed, not even the report's own file.
    expect(requestVerdict(pathToFileURL(file).href)).toBe(true);

    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn(), isMainFrame: true };
      window.webContents.emit(name, event, 'https://example.com/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    const [onPermission] = electron.reportSession.setPermissionRequestHandler.mock.calls.at(-1)! as [(c: unknown, p: string, cb: (ok: boolean) => void) => void];
    const answer = vi.fn();
    onPermission({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    const [check] = electron.reportSession.setPermissionCheckHandler.mock.calls.at(-1)! as [() => boolean];
    expect(check()).toBe(false);
  });

  it('sets the session up once, however many reports it prints', async () => {
    const calls = electron.session.fromPartition.mock.calls.length;
    const render = createReportPdfRenderer();
    await render(HTML);
    await render(HTML);
    expect(electron.session.fromPartition.mock.calls.length).toBe(calls + 1);
  });

  it('destroys the window and removes the temp file when printing fails', async () => {
    electron.hooks.onCreate = (window) => {
      window.webContents.print = () => Promise.reject(new Error('Printing failed'));
    };
    await expect(createReportPdfRenderer()(HTML)).rejects.toThrow('Printing failed');
    const window = electron.windows.at(-1)!;
    expect(window.destroyed).toBe(true);
    expect(existsSync(window.loaded!.file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('destroys the window and removes the temp file when the report does not load', async () => {
    electron.hooks.onLoad = () => Promise.reject(new Error('ERR_BLOCKED_BY_CLIENT (-20) loading file:///…/report.html'));
    await expect(createReportPdfRenderer()(HTML)).rejects.toThrow('ERR_BLOCKED_BY_CLIENT');
    const window = electron.windows.at(-1)!;
    expect(window.webContents.printToPDF).not.toHaveBeenCalled();
    expect(window.destroyed).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('gives up on a report that never finishes printing, with a message, and cleans up all the same', async () => {
    electron.hooks.onCreate = (window) => {
      window.webContents.print = () => new Promise<Buffer>(() => {});
    };
    const failure = await createReportPdfRenderer({ timeoutMs: 20 })(HTML).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceError);
    expect((failure as Error).message).toMatch(/PDF was not ready after .* Print → Save as PDF/);
    const window = electron.windows.at(-1)!;
    expect(window.destroyed).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
