import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { LAB_METHODS, parseLabArgs, type LabPush } from '../../engine/api/lab-api';
import { labChannel, LAB_PUSH_CHANNEL, type LabReply } from '../../engine/api/lab-transport';
import type { LabApiHandler } from '../../engine/service/lab-api-handler';
import { messageOf } from '../../engine/api/error-message';

/**
 * The only file that imports ipcMain (test/electron/build-output.test.ts checks it). Every LabApi method gets one channel
 * (`lab:<method>`), registered through `handleFromApp`, which answers only the app's own page:
 * the window's main frame, showing the app's URL. Arguments are validated with the contract's
 * schemas before the handler sees them; pushes go to that window with webContents.send.
 */
export interface LabIpcOptions {
  window: BrowserWindow;
  /** True for the app's own page: its file:// index.html, or the dev server's origin in development. */
  isAppUrl: (url: string) => boolean;
  handler: LabApiHandler;
  /** Pushed messages (LabService.subscribe); returns the unsubscribe function. */
  subscribe: (listener: (push: LabPush) => void) => () => void;
}

/** Registers LabApi on IPC for `window`; returns a function that removes the handlers and the push subscription. */
export function registerLabIpc(options: LabIpcOptions): () => void {
  const { window, isAppUrl, handler } = options;
  for (const method of LAB_METHODS) {
    handleFromApp(labChannel(method), window, isAppUrl, async (args): Promise<LabReply> => {
      try {
        parseLabArgs(method, args);
      } catch (error) {
        return { ok: false, error: { name: 'ArgumentError', message: messageOf(error) } };
      }
      return handler(method, args);
    });
  }
  const unsubscribe = options.subscribe((push) => {
    if (!window.isDestroyed()) window.webContents.send(LAB_PUSH_CHANNEL, push);
  });
  return () => {
    unsubscribe();
    for (const method of LAB_METHODS) ipcMain.removeHandler(labChannel(method));
  };
}

/** True when an IPC message comes from `window`'s main frame showing the app (not a subframe, not another page). */
export function isFromApp(event: IpcMainInvokeEvent, window: BrowserWindow, isAppUrl: (url: string) => boolean): boolean {
  if (window.isDestroyed()) return false;
  const frame = event.senderFrame;
  return frame !== null && event.sender === window.webContents && frame === window.webContents.mainFrame && isAppUrl(frame.url);
}

/** ipcMain.handle, gated on the sender: anything else is refused before `listener` runs. */
function handleFromApp(channel: string, window: BrowserWindow, isAppUrl: (url: string) => boolean, listener: (args: unknown[]) => Promise<unknown>): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => {
    if (!isFromApp(event, window, isAppUrl)) throw new Error(`${channel}: refused, the request does not come from the NN Lab window`);
    return listener(args);
  });
}
