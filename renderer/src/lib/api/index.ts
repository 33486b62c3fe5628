import { electronConnection } from './electron-client';
import type { LabConnection } from './lab-client';
import { connectSocket, socketUrlFromPage } from './socket-client';

export { ConnectionState, type ConnectionSnapshot, type ConnectionStatus } from './connection-state';
export type { LabConnection } from './lab-client';

/**
 * The app's LabApi for this page: the Electron preload's bridge when there is one (`window.nnlab`),
 * else the browser host's WebSocket at `/api`, with the token from this page's address.
 */
export function connectLabApi(): Promise<LabConnection> {
  if (window.nnlab) return Promise.resolve(electronConnection(window.nnlab));
  return connectSocket({ url: socketUrlFromPage(window.location) });
}
