import { LabApiError, type LabApi, type LabMethod, type LabPush, type SerializedError } from '$engine/api/lab-api';
import { LAB_METHODS } from '$engine/api/lab-methods';
import type { LabReply } from '$engine/api/lab-transport';
import type { ConnectionState } from './connection-state';

/** One typed call: a LabApi method by name with its arguments, resolving to its result. */
export type Invoke = <M extends LabMethod>(method: M, ...args: Parameters<LabApi[M]>) => Promise<Awaited<ReturnType<LabApi[M]>>>;

/** What the UI holds: the contract, the pushed messages, and whether the app is reachable. */
export interface LabConnection {
  api: LabApi;
  /** Subscribes to pushed messages (run events, run states, list changes); returns the unsubscribe function. */
  onPush(listener: (push: LabPush) => void): () => void;
  connection: ConnectionState;
  /** Stops the transport (tests; the page simply goes away). */
  close(): void;
}

/** LabApi as one-line calls of `invoke`: the same object over IPC and WebSocket. */
export function labApiOver(invoke: Invoke): LabApi {
  const call = invoke as (method: LabMethod, ...args: unknown[]) => Promise<unknown>;
  return Object.fromEntries(LAB_METHODS.map((method) => [method, (...args: unknown[]) => call(method, ...args)])) as unknown as LabApi;
}

/** A reply's value, or its error thrown as LabApiError. */
export function unwrapReply<T>(reply: LabReply<T>): T {
  if (reply.ok) return reply.value;
  throw new LabApiError(reply.error);
}

/** A transport failure (not the service's answer) as a LabApiError with a code the UI can test. */
export function transportError(code: 'disconnected' | 'too-large' | 'closed', message: string): LabApiError {
  const error: SerializedError = { name: 'ConnectionError', message, code };
  return new LabApiError(error);
}
