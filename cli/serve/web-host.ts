import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { contentSecurityPolicy } from '../../engine/api/content-security-policy';
import { LAB_SOCKET_PATH, MAX_SOCKET_MESSAGE_BYTES } from '../../engine/api/lab-transport';
import type { LabApiHandler } from '../../engine/service/lab-api-handler';
import { resolveStaticFile } from './static-files';
import { attachLabSocket, type PushSource } from './ws-bridge';

/** Loopback only: the host is for this machine's browser, never for the network. */
export const WEB_HOST_ADDRESS = '127.0.0.1';

export interface WebHostOptions {
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string;
  /** LabApi calls (createLabApiHandler over the service). */
  handler: LabApiHandler;
  /** Pushed messages (LabService.subscribe). */
  subscribe: PushSource;
  /** TCP port on 127.0.0.1; 0 (default) lets the system choose a free one. */
  port?: number;
  /** The launch token (default: 32 random bytes, base64url). */
  token?: string;
  /** Largest WebSocket message accepted (default MAX_SOCKET_MESSAGE_BYTES); bigger ones close the connection with 1009. */
  maxMessageBytes?: number;
  /** Where errors of connections and of unexpected results go (default console.error). */
  logError?: (error: unknown) => void;
  /** How long a connection may take over a request (default WEB_HOST_TIMEOUTS; tests shorten them). */
  timeouts?: Partial<WebHostTimeouts>;
}

/** The HTTP server's limits, in milliseconds. */
export interface WebHostTimeouts {
  /** To send a request's headers. */
  headersMs: number;
  /** To send a whole request (every request here is a small GET). */
  requestMs: number;
  /** An idle kept-alive connection stays open this long after its last response. */
  keepAliveMs: number;
}

/**
 * A page on this machine sends a request in milliseconds; a connection that sends half a request
 * and waits is closed (408) instead of being held for minutes. The WebSocket is not bound by them
 * once upgraded.
 */
export const WEB_HOST_TIMEOUTS: WebHostTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 };

export interface WebHost {
  /** The page's address with the token: the one thing to open. */
  url: string;
  /** `http://127.0.0.1:PORT`: the only Host and Origin accepted. */
  origin: string;
  port: number;
  token: string;
  /** Closes every WebSocket (1001) and the server. The service is the caller's to close. */
  close(): Promise<void>;
}

/**
 * The browser host: serves the built renderer and bridges LabApi over a WebSocket at /api, on
 * 127.0.0.1 only. Access rests on a random token made at each launch:
 * - the printed address carries `?token=`; the page moves it from its address into the tab's
 *   sessionStorage at load (renderer/src/lib/api/page-token.ts, so it stays out of the address
 *   bar and history and a reload still finds it) and passes it to the WebSocket as
 *   `/api?token=…` (no cookie: cookies are shared by every port of 127.0.0.1, so other local
 *   servers would receive it);
 * - the HTML page and the static assets hold no secret and are served without the token; a page
 *   request with a wrong token (an address from an earlier launch) gets 401 and says so;
 * - the WebSocket upgrade is refused with 401 without the right token and 403 unless the Origin
 *   header is exactly this host's own origin (a page of any other site or port cannot connect);
 * - every request must name this host exactly in its Host header (no DNS rebinding).
 * Responses carry the page's CSP (engine/api/content-security-policy.ts; connect-src adds the socket's URL),
 * nosniff, no referrer, no framing. Paths outside the renderer folder and directories are 404.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expectedToken = Buffer.from(token);
  const logError = options.logError ?? ((error: unknown) => console.error('NN Lab browser host:', error));
  const tokenMatches = (candidate: string | null): boolean => {
    if (candidate === null) return false;
    const given = Buffer.from(candidate);
    return given.length === expectedToken.length && timingSafeEqual(given, expectedToken);
  };

  // The port is known once listening; these are filled in then.
  let origin = '';
  let host = '';
  let securityHeaders: OutgoingHttpHeaders = {};

  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? MAX_SOCKET_MESSAGE_BYTES, perMessageDeflate: false });
  sockets.on('connection', (socket) => attachLabSocket(socket, options.handler, options.subscribe, logError));

  const timeouts = { ...WEB_HOST_TIMEOUTS, ...options.timeouts };
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node looks for expired requests this often (30 s by default, which would stretch a 10 s limit).
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, timeouts.headersMs / 4)),
    },
    (request, response) => {
      try {
        serve(request, response);
      } catch (error) {
        logError(error);
        if (!response.headersSent) plain(response, 500, 'Internal error');
        else response.destroy();
      }
    },
  );

  function serve(request: IncomingMessage, response: ServerResponse): void {
    if (request.headers.host !== host) return plain(response, 421, `NN Lab answers only at ${origin}/`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method not allowed', { allow: 'GET, HEAD' });
    const url = requestUrl(request);
    if (url === null) return plain(response, 400, 'Bad request');
    if (url.pathname === LAB_SOCKET_PATH) return plain(response, 426, 'This address is a WebSocket', { upgrade: 'websocket' });
    const file = resolveStaticFile(options.rendererDir, url.pathname);
    if (file === null) return plain(response, 404, 'Not found');
    const isPage = file.contentType.startsWith('text/html');
    // The page holds no secret: a reload comes without the token (the page took it out of its
    // address, page-token.ts), only a wrong one (an address from an earlier launch) is refused.
    const given = url.searchParams.get('token');
    if (isPage && given !== null && !tokenMatches(given)) {
      return plain(response, 401, 'Open NN Lab with the full address that "nnlab serve" printed: it carries this launch\'s token.');
    }
    response.writeHead(200, {
      ...securityHeaders,
      'content-type': file.contentType,
      'content-length': file.size,
      'cache-control': isPage ? 'no-store' : 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(file.path);
    stream.on('error', (error) => {
      logError(error);
      response.destroy();
    });
    stream.pipe(response);
  }

  function plain(response: ServerResponse, status: number, text: string, extra: OutgoingHttpHeaders = {}): void {
    const body = Buffer.from(`${text}\n`);
    response.writeHead(status, { ...securityHeaders, ...extra, 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store' });
    response.end(body);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, reason: string): void => {
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (request.headers.host !== host) return refuse(403, 'Forbidden');
    const url = requestUrl(request);
    if (url === null || url.pathname !== LAB_SOCKET_PATH) return refuse(404, 'Not Found');
    if (!tokenMatches(url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
    if (request.headers.origin !== origin) return refuse(403, 'Forbidden');
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  function requestUrl(request: IncomingMessage): URL | null {
    try {
      return new URL(request.url ?? '/', origin);
    } catch {
      return null;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, WEB_HOST_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  host = `${WEB_HOST_ADDRESS}:${port}`;
  origin = `http://${host}`;
  securityHeaders = {
    'content-security-policy': contentSecurityPolicy({ connect: [`ws://${host}`], header: true }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.close(1001, 'NN Lab is closing');
      // Give clients a moment to answer the close frame, then cut whatever is left.
      await new Promise((resolve) => setTimeout(resolve, 100).unref());
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
