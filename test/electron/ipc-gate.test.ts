import { describe, expect, it, vi } from 'vitest';
import { LAB_METHODS, type LabPush } from '../../engine/api/lab-api';
import type { LabReply } from '../../engine/api/lab-transport';
import { electron, electronModule, electronSources, ipcEvent } from './electron-mock';

/** The one IPC gate (electron/main/ipc.ts) and the preload's surface, with `electron` mocked (electron-mock.ts). */
vi.mock('electron', () => electronModule());

const { registerLabIpc } = await import('../../electron/main/ipc');

describe('registerLabIpc', () => {
  function setUp() {
    electron.handlers.clear();
    const window = new electron.BrowserWindow({});
    window.webContents.mainFrame.url = 'file:///app/out/renderer/index.html';
    const handler = vi.fn(async (method: string): Promise<LabReply> => ({ ok: true, value: method }));
    let push: ((message: LabPush) => void) | null = null;
    const unsubscribe = vi.fn();
    const dispose = registerLabIpc({
      window: window as never,
      isAppUrl: (url) => url === 'file:///app/out/renderer/index.html',
      handler,
      subscribe: (listener) => {
        push = listener;
        return unsubscribe;
      },
    });
    return { window, handler, dispose, unsubscribe, push: (message: LabPush) => push!(message) };
  }

  it('refuses any sender but the window’s main frame showing the app, before the handler runs', async () => {
    const { window, handler } = setUp();
    const call = (event: unknown) => Promise.resolve().then(() => electron.handlers.get('lab:listRuns')!(event));
    await expect(call(ipcEvent(window, { url: 'file:///app/out/renderer/index.html' }))).rejects.toThrow(/refused/);
    await expect(call(ipcEvent(window, window.webContents.mainFrame, new electron.WebContents()))).rejects.toThrow(/refused/);
    await expect(call({ sender: window.webContents, senderFrame: null })).rejects.toThrow(/refused/);
    window.webContents.mainFrame.url = 'https://evil.example/';
    await expect(call(ipcEvent(window))).rejects.toThrow(/refused/);
    expect(handler).not.toHaveBeenCalled();
    window.webContents.mainFrame.url = 'file:///app/out/renderer/index.html';
    expect(await call(ipcEvent(window))).toEqual({ ok: true, value: 'listRuns' });
    expect(handler).toHaveBeenCalledWith('listRuns', []);
  });

  it('validates every argument with the contract before the handler runs', async () => {
    const { window, handler } = setUp();
    const pause = electron.handlers.get('lab:pauseRun')!;
    expect(await pause(ipcEvent(window), 42)).toEqual({ ok: false, error: { name: 'ArgumentError', message: expect.stringContaining('pauseRun') } });
    expect(await pause(ipcEvent(window), 'abcdef12', 'extra')).toMatchObject({ ok: false, error: { name: 'ArgumentError' } });
    expect(await electron.handlers.get('lab:importRuns')!(ipcEvent(window), 'not bytes')).toMatchObject({ ok: false });
    expect(handler).not.toHaveBeenCalled();
    expect(await pause(ipcEvent(window), 'abcdef12')).toEqual({ ok: true, value: 'pauseRun' });
    expect(handler).toHaveBeenCalledWith('pauseRun', ['abcdef12']);
  });

  it('gates every channel the same way: a foreign sender refused, wrong arguments rejected, before the handler', async () => {
    const { window, handler } = setUp();
    const stranger = new electron.WebContents();
    for (const method of LAB_METHODS) {
      const listener = electron.handlers.get(`lab:${method}`)!;
      await expect(Promise.resolve().then(() => listener(ipcEvent(window, window.webContents.mainFrame, stranger))), method).rejects.toThrow(/refused/);
      const junk = Array.from({ length: 6 }, () => ({ junk: true }));
      expect(await listener(ipcEvent(window), ...junk), method).toMatchObject({ ok: false, error: { name: 'ArgumentError' } });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('is the only way handlers are registered: one ipcMain.handle call site in the Electron code, inside the gate', () => {
    const sources = electronSources();
    const calls = sources.flatMap(({ file, code }) => [...code.matchAll(/ipcMain\.(handle|handleOnce|on|once|addListener)\(/g)].map((m) => `${file}: ${m[0]}`));
    expect(calls).toEqual(['electron/main/ipc.ts: ipcMain.handle(']);
    const ipc = sources.find(({ file }) => file === 'electron/main/ipc.ts')!.code;
    const gate = ipc.slice(ipc.indexOf('function handleFromApp('));
    expect(gate).toContain('ipcMain.handle(');
    expect(gate.indexOf('isFromApp(event')).toBeLessThan(gate.indexOf('return listener(args)'));
  });

  it('sends pushes to the window, and removes everything when disposed', () => {
    const { window, dispose, unsubscribe, push } = setUp();
    push({ type: 'runs-changed' });
    expect(window.webContents.sent).toEqual([['lab:push', { type: 'runs-changed' }]]);
    dispose();
    expect(unsubscribe).toHaveBeenCalled();
    expect(electron.handlers.size).toBe(0);
  });
});

describe('the preload', () => {
  it('exposes exactly LabApi and onPush as window.nnlab: one-line wrappers, no ipcRenderer', async () => {
    await import('../../electron/preload/index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.exposed.keys()]).toEqual(['nnlab']);
    const bridge = electron.exposed.get('nnlab')!;
    expect(Object.keys(bridge).sort()).toEqual([...LAB_METHODS, 'onPush'].sort());
    for (const [name, value] of Object.entries(bridge)) {
      expect(typeof value, name).toBe('function');
      expect([electron.ipcRenderer.invoke, electron.ipcRenderer.on, electron.ipcRenderer.off]).not.toContain(value);
    }

    await (bridge.pauseRun as (id: string) => Promise<unknown>)('abcdef12');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('lab:pauseRun', 'abcdef12');
    await (bridge.renameRun as (id: string, name: string) => Promise<unknown>)('abcdef12', 'He + ReLU');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('lab:renameRun', 'abcdef12', 'He + ReLU');

    const listener = vi.fn();
    const off = (bridge.onPush as (l: (p: LabPush) => void) => () => void)(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls[0]! as [string, (event: unknown, push: LabPush) => void];
    expect(channel).toBe('lab:push');
    forward({ sender: electron.ipcRenderer }, { type: 'runs-changed' });
    expect(listener).toHaveBeenCalledWith({ type: 'runs-changed' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    expect(electron.ipcRenderer.off).toHaveBeenCalledWith('lab:push', forward);
  });
});
