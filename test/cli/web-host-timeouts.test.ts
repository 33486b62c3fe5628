import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, WEB_HOST_ADDRESS, WEB_HOST_TIMEOUTS, type WebHost, type WebHostTimeouts } from '../../cli/serve/web-host';
import { createLabApiHandler } from '../../engine/service/lab-api-handler';
import { LabService } from '../../engine/service/lab-service';

/**
 * Issue 13: half-sent requests stayed open on the browser host for 390 s. The host sets the HTTP
 * server's header, request and keep-alive limits itself; a raw socket that sends half a request,
 * or idles after a response, is closed within them.
 */
let dir: string;
let service: LabService;
const hosts: WebHost[] = [];
const sockets: Socket[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-web-host-timeouts-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>NN Lab</title>');
  service = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 1 } });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(hosts.splice(0).map((host) => host.close()));
});

afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

async function host(timeouts?: Partial<WebHostTimeouts>): Promise<WebHost> {
  const started = await startWebHost({
    rendererDir: join(dir, 'renderer'),
    handler: createLabApiHandler(service, { appVersion: '0.0.1', transport: 'browser' }),
    subscribe: (listener) => service.subscribe(listener),
    ...(timeouts ? { timeouts } : {}),
  });
  hosts.push(started);
  return started;
}

/** A raw connection that writes `text`; resolves with what the server sent and how long until it closed the connection. */
async function sendAndWaitForClose(port: number, text: string, giveUpMs: number): Promise<{ closedAfterMs: number | null; received: string }> {
  const socket = connect(port, WEB_HOST_ADDRESS);
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const start = performance.now();
  socket.write(text);
  const closedAfterMs = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), giveUpMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(performance.now() - start);
    });
  });
  return { closedAfterMs, received };
}

describe('the browser host closes connections that take too long', () => {
  it('sets explicit limits a local app needs: 10 s for the headers, 30 s for a request, 5 s of keep-alive', () => {
    expect(WEB_HOST_TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 });
  });

  it('closes a connection that sent half a request with 408 once the header limit has passed', async () => {
    const { port } = await host({ headersMs: 400, requestMs: 800 });
    const { closedAfterMs, received } = await sendAndWaitForClose(port, `GET /index.html HTTP/1.1\r\nHost: ${WEB_HOST_ADDRESS}:${port}\r\n`, 5_000);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeGreaterThanOrEqual(350);
    expect(closedAfterMs!).toBeLessThan(2_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes an idle kept-alive connection after the keep-alive limit', async () => {
    const { port } = await host({ keepAliveMs: 300 });
    const { closedAfterMs, received } = await sendAndWaitForClose(port, `GET /assets/missing.js HTTP/1.1\r\nHost: ${WEB_HOST_ADDRESS}:${port}\r\n\r\n`, 5_000);
    expect(received).toMatch(/^HTTP\/1\.1 404 /);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeLessThan(2_000);
  });

  it('with its default limits, closes a half-sent request within the 10 s header limit (not minutes later)', async () => {
    const { port } = await host();
    const { closedAfterMs, received } = await sendAndWaitForClose(port, `GET /index.html HTTP/1.1\r\nHost: ${WEB_HOST_ADDRESS}:${port}\r\nAccept: */*\r\n`, 13_000);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeGreaterThanOrEqual(9_500);
    expect(closedAfterMs!).toBeLessThan(12_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  }, 20_000);
});
