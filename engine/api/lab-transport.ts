import type { LabApi, LabMethod, LabPush, SerializedError } from './lab-api';

/**
 * What the two transports of LabApi put on the wire, shared by both ends of each: the Electron
 * main process and preload (IPC), the browser host and its WebSocket client. Pure: no Node, no DOM.
 */

/** One call's outcome as it crosses a transport (thrown errors do not keep their fields across IPC). */
export type LabReply<T = unknown> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** A listener of pushed messages. */
export type LabPushListener = (push: LabPush) => void;

/**
 * The preload's `window.nnlab`: LabApi's methods with the same arguments, each resolving to its
 * LabReply (the renderer's client turns `ok: false` into a thrown LabApiError), and `onPush`.
 */
export type LabBridge = {
  [M in LabMethod]: (...args: Parameters<LabApi[M]>) => Promise<LabReply<Awaited<ReturnType<LabApi[M]>>>>;
} & {
  /** Subscribes to pushed messages; returns the unsubscribe function. */
  onPush(listener: LabPushListener): () => void;
};

// ── Electron IPC ──

/** The IPC channel of one LabApi method. */
export function labChannel(method: LabMethod): `lab:${LabMethod}` {
  return `lab:${method}`;
}

/** The IPC channel of pushed messages (main → renderer). */
export const LAB_PUSH_CHANNEL = 'lab:push';

// ── WebSocket (browser host) ──

/** The path of the WebSocket endpoint; its URL carries the launch token as `?token=`. */
export const LAB_SOCKET_PATH = '/api';

/**
 * Largest message (UTF-8 bytes) either end sends or accepts. The client refuses to send more (the
 * call fails, the connection is untouched); the host closes a connection that sends more (1009).
 * Import files travel base64 inside devalue (4/3 of their size): about 48 MB of run file.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Page → host: one call. `id` is the client's, echoed in the reply. */
export interface SocketRequest {
  id: number;
  method: string;
  args: unknown[];
}

/** Host → page: a call's result or error (id null when the request could not be read at all), or a push. */
export type SocketMessage =
  | { id: number; result: unknown }
  | { id: number | null; error: SerializedError }
  | { push: LabPush };
