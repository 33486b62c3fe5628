import { LabApiError, type LabPush } from '$engine/api/lab-api';
import { LAB_SOCKET_PATH, MAX_SOCKET_MESSAGE_BYTES, type SocketMessage } from '$engine/api/lab-transport';
import { decodeMessage, encodeMessage, utf8Length } from '$engine/api/socket-codec';
import { ConnectionState } from './connection-state';
import { labApiOver, transportError, type Invoke, type LabConnection } from './lab-client';

/** The part of the WebSocket API the client uses (the browser's, or `ws` in Node tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface SocketClientOptions {
  /** `ws://127.0.0.1:PORT/api?token=…` (see socketUrl). */
  url: string;
  /** Opens a socket (default: the browser's WebSocket). */
  createSocket?: (url: string) => WebSocketLike;
  /** Largest message sent (default MAX_SOCKET_MESSAGE_BYTES, the host's limit). */
  maxMessageBytes?: number;
  /** Reconnection delays: the first, doubled after each failure up to the last (default 250 ms → 5 s). */
  backoff?: { initialMs: number; maxMs: number };
}

/** The socket URL for the page this script runs in: same host, `/api`, with the launch token (see page-token.ts). */
export function socketUrl(location: { protocol: string; host: string }, token: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${LAB_SOCKET_PATH}?token=${encodeURIComponent(token)}`;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const OPEN = 1;

/**
 * LabApi over the browser host's WebSocket. Each call is `{ id, method, args }` in engine/api/socket-codec.ts's form (JSON or devalue); its
 * promise settles with the `{ id, result }` or `{ id, error }` reply (errors as LabApiError).
 * When the link drops, calls in flight fail with code 'disconnected' (they may or may not have
 * run: never resent), the client reconnects with backoff, and calls made meanwhile wait and go out
 * once it is open again. Resolves once the first attempt has opened or failed; `connection` tells
 * the UI which (and `reconnected`, to reload what it shows after a drop).
 */
export function connectSocket(options: SocketClientOptions): Promise<LabConnection> {
  const createSocket: (url: string) => WebSocketLike = options.createSocket ?? ((url) => new WebSocket(url));
  const maxBytes = options.maxMessageBytes ?? MAX_SOCKET_MESSAGE_BYTES;
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 250, maxMs: 5000 };
  const connection = new ConnectionState('connecting');
  const pushListeners = new Set<(push: LabPush) => void>();
  /** Sent, waiting for their reply. */
  const inFlight = new Map<number, Pending>();
  /** Made while the link was down: sent at the next open. */
  let queued: { id: number; text: string; pending: Pending }[] = [];
  let nextId = 1;
  let socket: WebSocketLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let settleFirst: (() => void) | null = null;

  const open = (): void => {
    const current = createSocket(options.url);
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      connection.set({ status: 'open', retries: 0 });
      const waiting = queued;
      queued = [];
      for (const { id, text, pending } of waiting) {
        inFlight.set(id, pending);
        current.send(text);
      }
      settleFirst?.();
    });
    // A failed attempt is followed by 'close', which handles it; listening here keeps it from being an unhandled error.
    current.addEventListener('error', () => {});
    current.addEventListener('message', (event) => {
      if (socket === current) receive(event.data);
    });
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      const lost = transportError('disconnected', 'the connection to NN Lab was lost before the answer came; check the state and try again');
      for (const pending of inFlight.values()) pending.reject(lost);
      inFlight.clear();
      settleFirst?.();
      if (closed) return;
      const wasOpen = connection.status === 'open';
      const retries = wasOpen ? 0 : connection.retries + 1;
      connection.set({ status: 'reconnecting', retries, reconnected: connection.reconnected || wasOpen });
      retryTimer = setTimeout(open, Math.min(maxMs, initialMs * 2 ** retries));
    });
  };

  const receive = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let message: SocketMessage;
    try {
      message = decodeMessage(data) as SocketMessage;
    } catch (error) {
      console.error('NN Lab: unreadable message from the host', error);
      return;
    }
    if ('push' in message) {
      for (const listener of [...pushListeners]) listener(message.push);
      return;
    }
    if (message.id === null) {
      if ('error' in message) console.error(`NN Lab: the host could not read a request: ${message.error.message}`);
      return;
    }
    const pending = inFlight.get(message.id);
    if (!pending) return;
    inFlight.delete(message.id);
    if ('error' in message) pending.reject(new LabApiError(message.error));
    else pending.resolve(message.result);
  };

  const invoke = ((method: string, ...args: unknown[]) => {
    if (closed) return Promise.reject(transportError('closed', 'the connection to NN Lab is closed'));
    const id = nextId++;
    let text: string;
    try {
      text = encodeMessage({ id, method, args });
    } catch (error) {
      return Promise.reject(error);
    }
    // The codec's output is mostly ASCII: count UTF-8 bytes only when it could matter.
    if (text.length * 3 > maxBytes && utf8Length(text) > maxBytes) {
      return Promise.reject(transportError('too-large', `${method}: the data is too large to send to NN Lab (at most ${Math.floor(maxBytes / (1024 * 1024))} MB)`));
    }
    return new Promise((resolve, reject) => {
      if (socket !== null && socket.readyState === OPEN) {
        inFlight.set(id, { resolve, reject });
        socket.send(text);
      } else queued.push({ id, text, pending: { resolve, reject } });
    });
  }) as Invoke;

  const lab: LabConnection = {
    api: labApiOver(invoke),
    onPush: (listener) => {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    connection,
    close: () => {
      closed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      const gone = transportError('closed', 'the connection to NN Lab is closed');
      for (const pending of [...inFlight.values(), ...queued.map((q) => q.pending)]) pending.reject(gone);
      inFlight.clear();
      queued = [];
      connection.set({ status: 'closed' });
      socket?.close(1000, 'closed by the page');
      socket = null;
    },
  };

  return new Promise((resolve) => {
    settleFirst = () => {
      settleFirst = null;
      resolve(lab);
    };
    open();
  });
}
