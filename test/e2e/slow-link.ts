import { createServer, request as forward, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * A slow link between a page and the real browser host, as on a loaded lab PC: everything passes
 * through unchanged, but the host's WebSocket messages reach the page `delayMs` late. A page that
 * goes away (reload, closing the tab) before its saves are answered still has saves waiting then,
 * which only its flush on pagehide can send; on the loopback link the answers come back before a
 * reload commits, and the flush is never needed. Host and Origin are rewritten to the host's own
 * (it answers nothing else), and so is the host's CSP, which names its WebSocket address.
 */
export interface SlowLink {
  /** The page address `hostUrl` names, through the link. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startSlowLink(hostUrl: string, delayMs: number): Promise<SlowLink> {
  const target = new URL(hostUrl);
  let linkHost = '';
  const server = createServer((request, response) => {
    const upstream = forward(
      { host: target.hostname, port: target.port, path: request.url, method: request.method, headers: { ...request.headers, host: target.host } },
      (answer) => {
        const headers = { ...answer.headers };
        const policy = headers['content-security-policy'];
        if (typeof policy === 'string') headers['content-security-policy'] = policy.replaceAll(target.host, linkHost);
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    sockets.handleUpgrade(request, socket, head, (page) => {
      const host = new WebSocket(`ws://${target.host}${request.url}`, { origin: target.origin });
      // What the page sends before the host's socket is open waits, in order.
      const early: { data: WebSocket.RawData; binary: boolean }[] = [];
      host.on('open', () => {
        for (const { data, binary } of early.splice(0)) host.send(data, { binary });
      });
      page.on('message', (data, binary) => {
        if (host.readyState === WebSocket.OPEN) host.send(data, { binary });
        else early.push({ data, binary });
      });
      host.on('message', (data, binary) => {
        setTimeout(() => page.readyState === WebSocket.OPEN && page.send(data, { binary }), delayMs);
      });
      // The page's frames are all passed on before the host's socket closes (ws sends in order).
      page.on('close', () => (host.readyState === WebSocket.CONNECTING ? host.once('open', () => host.close()) : host.close()));
      host.on('close', () => setTimeout(() => page.close(), delayMs));
      host.on('error', () => page.terminate());
      page.on('error', () => host.terminate());
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  linkHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${linkHost}${target.pathname}${target.search}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
