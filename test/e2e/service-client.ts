import WebSocket from 'ws';
import type { LabApi, LabMethod, LabPush } from '../../engine/api/lab-api';
import { LAB_SOCKET_PATH } from '../../engine/api/lab-transport';
import { decodeMessage, encodeMessage } from '../../engine/api/socket-codec';

/**
 * A client of the browser host's LabApi from the test itself (Node), on its own WebSocket: the
 * service's own word on a run, whatever a page shows. Connects as the page does (the launch token
 * in the URL, the host's origin), so the host treats it as one more window.
 */
export interface ServiceClient {
  call<M extends LabMethod>(method: M, ...args: Parameters<LabApi[M]>): Promise<Awaited<ReturnType<LabApi[M]>>>;
  /** Every message the service pushed to this client so far, oldest first. */
  readonly pushes: LabPush[];
  close(): Promise<void>;
}

export async function connectService(pageUrl: string = process.env.NNLAB_E2E_URL!): Promise<ServiceClient> {
  const page = new URL(pageUrl);
  const socketUrl = `ws://${page.host}${LAB_SOCKET_PATH}?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`;
  const socket = new WebSocket(socketUrl, { origin: page.origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const pushes: LabPush[] = [];
  let nextId = 1;
  socket.on('message', (data: WebSocket.RawData) => {
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
    const message = decodeMessage(text) as {
      id?: number | null;
      result?: unknown;
      error?: { message: string };
      push?: LabPush;
    };
    if (message.push) {
      pushes.push(message.push);
      return;
    }
    const pending = typeof message.id === 'number' ? waiting.get(message.id) : undefined;
    if (!pending) return;
    waiting.delete(message.id!);
    if (message.error) pending.reject(new Error(message.error.message));
    else pending.resolve(message.result);
  });
  socket.on('close', () => {
    for (const pending of waiting.values()) pending.reject(new Error('the service closed the connection'));
    waiting.clear();
  });
  return {
    pushes,
    call(method, ...args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve: resolve, reject });
        socket.send(encodeMessage({ id, method, args }));
      });
    },
    close() {
      if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
}
