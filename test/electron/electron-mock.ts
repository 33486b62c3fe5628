import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

/**
 * `electron` as the shell's tests see it (its binary cannot be fetched here, and no module a test
 * imports may load the real one): windows, web contents, the app, sessions, IPC, the context
 * bridge, recording what the shell does with them. A test file mocks the module with
 * `vi.mock('electron', () => electronModule())` and reads the records from `electron`.
 */
export const electron = (() => {
  type Listener = (...args: unknown[]) => unknown;
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }
  class WebContents extends Emitter {
    mainFrame = { url: '' };
    sent: [string, unknown][] = [];
    windowOpenHandler: ((details: unknown) => unknown) | null = null;
    send(channel: string, message: unknown) {
      this.sent.push([channel, message]);
    }
    setWindowOpenHandler(handler: (details: unknown) => unknown) {
      this.windowOpenHandler = handler;
    }
    closeDevTools = vi.fn();
    async printToPDF() {
      return Buffer.from('%PDF-1.7');
    }
  }
  class BrowserWindow extends Emitter {
    readonly webContents = new WebContents();
    readonly loaded: string[] = [];
    focused = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    async loadFile(file: string) {
      this.loaded.push(file);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      this.focused = true;
    }
    show() {}
    destroy() {}
    readonly icons: string[] = [];
    setIcon(icon: string) {
      this.icons.push(icon);
    }
  }
  const windows: BrowserWindow[] = [];
  const handlers = new Map<string, Listener>();
  const exposed = new Map<string, Record<string, unknown>>();
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    userData: '',
    appPath: '/project',
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => app.userData),
    setPath: vi.fn((name: string, path: string) => {
      if (name === 'userData') app.userData = path;
    }),
    getAppPath: vi.fn(() => app.appPath),
    enableSandbox: vi.fn(),
    getVersion: () => '1.2.3',
    exit: vi.fn(),
  });
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn(), onBeforeRequest: vi.fn() },
      protocol: { handle: vi.fn() },
    },
    fromPartition: vi.fn(() => ({ setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onBeforeRequest: vi.fn() } })),
  };
  return {
    Emitter,
    WebContents,
    BrowserWindow,
    windows,
    handlers,
    exposed,
    app,
    session,
    ipcMain: {
      handle: vi.fn((channel: string, listener: Listener) => handlers.set(channel, listener)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    ipcRenderer: { invoke: vi.fn(async (...args: unknown[]) => args), on: vi.fn(), off: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, value: Record<string, unknown>) => exposed.set(key, value)) },
  };
})();

/** The module object `vi.mock('electron', …)` returns. */
export function electronModule() {
  return {
    app: electron.app,
    BrowserWindow: electron.BrowserWindow,
    session: electron.session,
    dialog: electron.dialog,
    protocol: electron.protocol,
    ipcMain: electron.ipcMain,
    ipcRenderer: electron.ipcRenderer,
    contextBridge: electron.contextBridge,
  };
}

export type MockWindow = InstanceType<typeof electron.BrowserWindow>;

/** Every TypeScript file under electron/, relative to the repository root. */
export function electronSources(): { file: string; code: string }[] {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  return readdirSync(join(root, 'electron'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ file: relative(root, join(root, 'electron', name)).replaceAll('\\', '/'), code: readFileSync(join(root, 'electron', name), 'utf8') }));
}

/** An IPC event as Electron makes it: the sending WebContents and its frame. */
export function ipcEvent(window: MockWindow, frame: { url: string } = window.webContents.mainFrame, sender: unknown = window.webContents) {
  return { sender, senderFrame: frame };
}
