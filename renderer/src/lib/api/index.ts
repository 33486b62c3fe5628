import { electronConnection } from './electron-client';
import type { LabConnection } from './lab-client';
import { takePageToken } from './page-token';
import { connectSocket, socketUrl } from './socket-client';

export { ConnectionState, type ConnectionSnapshot, type ConnectionStatus } from './connection-state';
export type { LabConnection } from './lab-client';

/** The page was opened without the launch token (neither in its address nor kept by this tab). */
export class MissingTokenError extends Error {
  override readonly name = 'MissingTokenError';
}

/**
 * The app's LabApi for this page: the Electron preload's bridge when there is one (`window.nnlab`),
 * else the browser host's WebSocket at `/api`, with the launch token (taken out of the address
 * at load: page-token.ts).
 */
export function connectLabApi(): Promise<LabConnection> {
  if (window.nnlab) return Promise.resolve(electronConnection(window.nnlab));
  const token = takePageToken(window);
  if (token === null) return Promise.reject(new MissingTokenError('no launch token'));
  return connectSocket({ url: socketUrl(window.location, token) });
}
