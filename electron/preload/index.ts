import { contextBridge, ipcRenderer } from 'electron';
import type { LabPush } from '../../engine/api/lab-api';
import { LAB_METHODS } from '../../engine/api/lab-methods';
import { labChannel, LAB_PUSH_CHANNEL, type LabBridge } from '../../engine/api/lab-transport';

/**
 * The preload (sandboxed, CommonJS): exposes exactly LabApi, as `window.nnlab`, and `onPush`.
 * One-line wrappers built from LAB_METHODS, no ipcRenderer, nothing else: each method invokes its own channel and
 * resolves to the call's LabReply (the renderer's client turns errors into LabApiError).
 */
const invoke = (channel: Parameters<typeof labChannel>[0], ...args: unknown[]) => ipcRenderer.invoke(labChannel(channel), ...args);

export const nnlab: LabBridge = {
  ...(Object.fromEntries(LAB_METHODS.map((method) => [method, (...args: unknown[]) => invoke(method, ...args)])) as Omit<LabBridge, 'onPush'>),
  onPush: (listener: (push: LabPush) => void) => {
    // The listener gets the message only, never the IpcRendererEvent (whose `sender` is ipcRenderer).
    const forward = (_event: unknown, push: LabPush): void => listener(push);
    ipcRenderer.on(LAB_PUSH_CHANNEL, forward);
    return () => {
      ipcRenderer.off(LAB_PUSH_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('nnlab', nnlab);
