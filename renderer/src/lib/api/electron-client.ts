import type { LabPush } from '$engine/api/lab-api';
import type { LabBridge } from '$engine/api/lab-transport';
import { ConnectionState } from './connection-state';
import { labApiOver, unwrapReply, type Invoke, type LabConnection } from './lab-client';

declare global {
  interface Window {
    /** The Electron preload's bridge (electron/preload); absent in the browser host. */
    nnlab?: LabBridge;
  }
}

/** LabApi over the preload bridge: each method's LabReply unwrapped, errors thrown as LabApiError. */
export function electronConnection(bridge: LabBridge): LabConnection {
  const invoke = ((method, ...args) => {
    const call = bridge[method] as (...callArgs: unknown[]) => Promise<Parameters<typeof unwrapReply>[0]>;
    return call(...args).then(unwrapReply);
  }) as Invoke;
  return {
    api: labApiOver(invoke),
    onPush: (listener: (push: LabPush) => void) => bridge.onPush(listener),
    connection: new ConnectionState('open'),
    close: () => {},
  };
}
