import type { WebSocket } from 'ws';
import type { LabPush, SerializedError } from '../../engine/api/lab-api';
import type { SocketMessage } from '../../engine/api/lab-transport';
import { decodeMessage, encodeMessage } from '../../engine/api/socket-codec';
import type { LabApiHandler } from '../../engine/service/lab-api-handler';
import { messageOf } from '../../engine/api/error-message';

/** Where the bridge gets pushes from (LabService.subscribe). */
export type PushSource = (listener: (push: LabPush) => void) => () => void;

/**
 * LabApi over one WebSocket (already authenticated by the host): each text message is an
 * `{ id, method, args }` in engine/api/socket-codec.ts's form (JSON, or devalue where JSON cannot
 * carry a value), answered with `{ id, result }` or `{ id, error }`; the service's pushes go out
 * as `{ push }`. Every message is parsed, never evaluated. A message
 * that cannot be read gets `{ id: null, error }` and the connection stays open; oversized messages
 * never get here (the server's maxPayload closes the connection with 1009).
 */
export function attachLabSocket(socket: WebSocket, handler: LabApiHandler, subscribe: PushSource, logError: (error: unknown) => void): void {
  const send = (message: SocketMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    let text: string;
    try {
      text = encodeMessage(message);
    } catch (error) {
      // A result devalue cannot encode is a bug in the service: say so to the page, log the details.
      logError(error);
      if ('id' in message) text = encodeMessage({ id: message.id, error: { name: 'Error', message: 'the result could not be sent to the page' } });
      else return;
    }
    socket.send(text);
  };

  const unsubscribe = subscribe((push) => send({ push }));
  socket.on('close', unsubscribe);
  socket.on('error', (error: Error & { code?: string }) => {
    // Protocol violations by the page (a message over the cap: WS_ERR_UNSUPPORTED_MESSAGE_LENGTH…) close
    // the connection with their status code; they are the page's doing, not the host's.
    if (!error.code?.startsWith('WS_ERR_')) logError(error);
  });

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      send({ id: null, error: badRequest('binary messages are not accepted; send text (JSON or devalue)') });
      return;
    }
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
    let request: unknown;
    try {
      request = decodeMessage(text);
    } catch (error) {
      send({ id: null, error: badRequest(`the message is neither JSON nor devalue: ${messageOf(error)}`) });
      return;
    }
    const id = requestId(request);
    if (id === null) {
      send({ id: null, error: badRequest('a request is { id, method, args } with a whole-number id') });
      return;
    }
    const { method, args } = request as { method?: unknown; args?: unknown };
    if (typeof method !== 'string' || !Array.isArray(args)) {
      send({ id, error: badRequest('a request is { id, method, args } with a method name and an array of arguments') });
      return;
    }
    void handler(method, args).then((reply) => send(reply.ok ? { id, result: reply.value } : { id, error: reply.error }));
  });
}

function requestId(request: unknown): number | null {
  if (typeof request !== 'object' || request === null) return null;
  const id = (request as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

function badRequest(message: string): SerializedError {
  return { name: 'BadRequest', message };
}
