import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { TrainingEvent } from '../../engine/api/events';
import { LabApiError, type LabPush } from '../../engine/api/lab-api';
import { decodeMessage, encodeMessage } from '../../engine/api/socket-codec';
import { createLabApiHandler, REPORT_PDF_NEEDS_DESKTOP } from '../../engine/service/lab-api-handler';
import { LabService } from '../../engine/service/lab-service';
import { startWebHost, type WebHost } from '../../cli/serve/web-host';
import { connectSocket, type WebSocketLike } from '../../renderer/src/lib/api/socket-client';
import type { LabConnection } from '../../renderer/src/lib/api/lab-client';
import { circleSpec } from '../engine/train/run-helpers';

/**
 * The browser host end to end in Node: a real LabService (worker threads, SQLite in a temp
 * folder) behind the real host, reached over HTTP and with the renderer's own socket client on
 * `ws`. The renderer folder is a fixture with a secret file beside it.
 */
const MAX_MESSAGE = 1024 * 1024;
let dir: string;
let rendererDir: string;
let service: LabService;
let host: WebHost;
const openConnections: LabConnection[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-web-host-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>NN Lab</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body { margin: 0 }');
  writeFileSync(join(rendererDir, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(rendererDir, 'assets', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(rendererDir, '.env'), 'HIDDEN=1');
  writeFileSync(join(dir, 'secret.txt'), 'TOP SECRET');
  symlinkSync(dir, join(rendererDir, 'assets', 'outside'), 'dir');
  service = LabService.open({ dbPath: join(dir, 'lab.db'), pool: { size: 1 }, forwardIntervalMs: 50 });
  host = await startWebHost({
    rendererDir,
    handler: createLabApiHandler(service, { appVersion: '0.0.1', transport: 'browser' }, { machineSpeed: () => ({ multiplyAddsPerSecond: 1e9 }) }),
    subscribe: (listener) => service.subscribe(listener),
    maxMessageBytes: MAX_MESSAGE,
  });
});

afterAll(async () => {
  for (const connection of openConnections) connection.close();
  await host.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with the path sent exactly as given (fetch would normalise `..` away). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; port?: number } = {}): Promise<RawResponse> {
  const port = options.port ?? host.port;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The HTTP status a WebSocket upgrade gets, or 101 when it connects. */
function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode!);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', reject);
  });
}

const socketUrl = (token = host.token) => `ws://127.0.0.1:${host.port}/api?token=${encodeURIComponent(token)}`;

/** The renderer's own client, on `ws`, with this host's Origin (as the page has). */
async function connect(options: { maxMessageBytes?: number } = {}, target: { url: string; origin: string } = { url: socketUrl(), origin: host.origin }): Promise<LabConnection> {
  const connection = await connectSocket({
    url: target.url,
    createSocket: (url) => new WebSocket(url, { origin: target.origin }) as unknown as WebSocketLike,
    backoff: { initialMs: 20, maxMs: 100 },
    ...options,
  });
  openConnections.push(connection);
  return connection;
}

/** A raw, authenticated socket (for messages the client would never send). */
async function rawSocket(): Promise<{ socket: WebSocket; next(): Promise<unknown>; closed: Promise<number> }> {
  const socket = new WebSocket(socketUrl(), { origin: host.origin });
  const inbox: unknown[] = [];
  const waiting: ((message: unknown) => void)[] = [];
  socket.on('message', (data) => {
    const message = decodeMessage(String(data));
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    socket.on('open', resolve);
    socket.on('error', reject);
  });
  return { socket, closed, next: () => (inbox.length > 0 ? Promise.resolve(inbox.shift()) : new Promise((resolve) => waiting.push(resolve))) };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('browser host: the page and its files', () => {
  it('serves the page (refusing a wrong token), with a strict CSP and no sniffing', async () => {
    const page = await raw(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>NN Lab</title>');
    const csp = page.headers['content-security-policy']!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    // Style sheets only from the app's CSS files: an injected <style> cannot apply.
    expect(csp).toContain("style-src-elem 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[\w-]{43}$/);

    // An address from an earlier launch (a wrong token) is refused with a message saying what to open.
    for (const path of ['/?token=', '/?token=wrong', `/?token=${host.token.slice(0, -1)}`]) {
      const refused = await raw(path);
      expect(refused.status, path).toBe(401);
      expect(refused.body, path).not.toContain('<title>');
    }
    // Without a token (a reload: the page took the token out of its address) the page is served;
    // it holds no secret, the socket needs the token.
    for (const path of ['/', '/index.html']) expect((await raw(path)).status, path).toBe(200);
  });

  it('serves assets without the token, each with its content type', async () => {
    const types: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/font.woff2': 'font/woff2',
      '/assets/icon.svg': 'image/svg+xml',
    };
    for (const [path, type] of Object.entries(types)) {
      const response = await raw(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['content-type'], path).toBe(type);
    }
    const head = await raw('/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('console.log("app")'.length));
    expect(head.body).toBe('');
  });

  it('lists no directory and lets no path out of the renderer folder', async () => {
    const attempts = [
      '/assets',
      '/assets/',
      '/../secret.txt',
      '/../package.json',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/..\\..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      `/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      '/assets/outside/secret.txt',
      '/.env',
      '/%2eenv',
      '/assets/app.js%00.html',
      '/C:%5cWindows%5cwin.ini',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const response = await raw(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect([400, 404], path).toContain(response.status);
      expect(response.body, path).not.toContain('TOP SECRET');
      expect(response.body, path).not.toContain('HIDDEN');
    }
  });

  it('answers only GET and HEAD, and only at 127.0.0.1:PORT (no DNS rebinding)', async () => {
    expect((await raw(`/?token=${host.token}`, { method: 'POST' })).status).toBe(405);
    expect((await raw(`/?token=${host.token}`, { headers: { host: `evil.example:${host.port}` } })).status).toBe(421);
    expect((await raw(`/?token=${host.token}`, { headers: { host: `localhost:${host.port}` } })).status).toBe(421);
    expect((await raw('/api')).status).toBe(426);
  });
});

describe('browser host: the WebSocket', () => {
  it('refuses an upgrade without the token, with a wrong one, or from another Origin', async () => {
    const base = `ws://127.0.0.1:${host.port}/api`;
    expect(await upgradeStatus(base, host.origin)).toBe(401);
    expect(await upgradeStatus(`${base}?token=`, host.origin)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${host.token}x`, host.origin)).toBe(401);
    expect(await upgradeStatus(`${base}?token=${host.token}`)).toBe(403);
    expect(await upgradeStatus(`${base}?token=${host.token}`, 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(`${base}?token=${host.token}`, `http://localhost:${host.port}`)).toBe(403);
    expect(await upgradeStatus(`${base}?token=${host.token}`, `http://127.0.0.1:${host.port + 1}`)).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, host.origin)).toBe(404);
    expect(await upgradeStatus(`${base}?token=${host.token}`, host.origin)).toBe(101);
  });

  it('answers LabApi calls: appInfo, a bad spec’s problems, a rejected start', async () => {
    const { api } = await connect();
    expect(await api.appInfo()).toMatchObject({ transport: 'browser', appVersion: '0.0.1', dbPath: service.dbPath, poolSize: 1 });

    const check = await api.checkSpec({ ...circleSpec(), optimizer: { name: 'sgd', lr: -1 } });
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.problems.map((p) => p.field)).toContain('optimizer.lr');

    const error = await api.startRun({ version: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabApiError);
    expect((error as LabApiError).name).toBe('SpecError');
    expect((error as LabApiError).problems.length).toBeGreaterThan(0);

    const badArgs = await api.pauseRun('not a run id!').catch((e: unknown) => e);
    expect(badArgs).toMatchObject({ name: 'ArgumentError' });
  });

  it('answers renderReportPdf with what to do instead: the browser host cannot print a PDF itself', async () => {
    const { api } = await connect();
    const error = await api.renderReportPdf('<!doctype html><title>보고서</title><p>김학생</p>').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabApiError);
    expect(error).toMatchObject({ name: 'ServiceError', message: REPORT_PDF_NEEDS_DESKTOP });
    expect(await api.renderReportPdf('').catch((e: unknown) => e)).toMatchObject({ name: 'ArgumentError' });
  });

  it('starts a run and pushes its events until the end event', async () => {
    const { api, onPush } = await connect();
    const pushes: LabPush[] = [];
    onPush((push) => pushes.push(push));
    const summary = await api.startRun(circleSpec({ name: 'over the socket' }));
    const events = (): TrainingEvent[] => pushes.flatMap((p) => (p.type === 'run-events' && p.runId === summary.id ? p.events : []));
    await until(() => events().some((e) => e.type === 'end'));
    expect(events()[0]!.type).toBe('start');
    expect(events().at(-1)).toMatchObject({ type: 'end', status: 'completed' });
    expect(pushes.some((p) => p.type === 'run-state' && p.runId === summary.id && p.state === 'running')).toBe(true);
    await until(() => pushes.some((p) => p.type === 'runs-changed'));
    // Bytes cross intact, NaN-free metrics too.
    const file = await api.exportRuns([summary.id]);
    expect(file).toBeInstanceOf(Uint8Array);
    expect(await api.importRuns(file)).toEqual({ imported: [], skipped: [expect.objectContaining({ id: summary.id })] });
  });

  it('closes a connection that sends more than the cap (1009); the host serves the next one', async () => {
    const { socket, closed } = await rawSocket();
    socket.send('x'.repeat(MAX_MESSAGE + 1));
    expect(await closed).toBe(1009);
    const { api } = await connect();
    expect((await api.appInfo()).transport).toBe('browser');
  });

  it('refuses to send an oversized call from the page, and the connection stays open', async () => {
    const lab = await connect({ maxMessageBytes: MAX_MESSAGE });
    const error = await lab.api.importRuns(new Uint8Array(MAX_MESSAGE)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabApiError);
    expect((error as LabApiError).code).toBe('too-large');
    expect(lab.connection.status).toBe('open');
    expect((await lab.api.appInfo()).transport).toBe('browser');
  });

  it('answers unreadable requests with an error and keeps the connection', async () => {
    const { socket, next } = await rawSocket();
    socket.send('this is not devalue');
    expect(await next()).toMatchObject({ id: null, error: { name: 'BadRequest' } });
    socket.send('[{"__proto__":1},{"polluted":2}]');
    expect(await next()).toMatchObject({ id: null, error: { name: 'BadRequest' } });
    // A sparse array claiming 2³² − 1 elements: refused by the codec, never allocated or iterated.
    socket.send('[{"id":1,"method":2,"args":3},9,"checkSpec",[-7,4294967295]]');
    expect(await next()).toMatchObject({ id: null, error: { name: 'BadRequest' } });
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await next()).toMatchObject({ id: null, error: { name: 'BadRequest' } });
    socket.send(encodeMessage({ id: 5, method: 'appInfo', args: 'no' }));
    expect(await next()).toMatchObject({ id: 5, error: { name: 'BadRequest' } });
    socket.send(encodeMessage({ id: 6, method: 'constructor', args: [] }));
    expect(await next()).toMatchObject({ id: 6, error: { name: 'ArgumentError' } });
    socket.send(encodeMessage({ id: 7, method: 'appInfo', args: [] }));
    expect(await next()).toMatchObject({ id: 7, result: { transport: 'browser' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    socket.close();
  });

  it('refuses a notebook value with a \\u005f_proto__ key and a 265-byte devalue chain of shared references, then answers the next request', async () => {
    const { socket, next } = await rawSocket();
    socket.send('{"id":1,"method":"saveLabNotebookEntry","args":["backprop","answer:x",{"\\u005f_proto__":{"polluted":true}}]}');
    expect(await next()).toMatchObject({ id: null, error: { name: 'BadRequest', message: expect.stringContaining('"__proto__" key') as string } });
    // Each array refers twice to the next: 2^23 paths for argument validation to walk (seconds of the host's only thread before).
    const values: unknown[] = [{ id: 1, method: 2, args: 3 }, 2, 'saveLabNotebookEntry', [4, 5, 6], 'backprop', 'answer:x'];
    for (let i = 0; i < 23; i++) values.push([7 + i, 7 + i]);
    values.push(0);
    expect(JSON.stringify(values).length).toBe(265);
    socket.send(JSON.stringify(values));
    expect(await next()).toMatchObject({ id: null, error: { name: 'BadRequest', message: expect.stringContaining('refers to shared values so often') as string } });
    socket.send(encodeMessage({ id: 3, method: 'appInfo', args: [] }));
    expect(await next()).toMatchObject({ id: 3, result: { transport: 'browser' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    socket.close();
  });
});

describe('the renderer’s socket client', () => {
  it('reconnects with backoff: calls in flight fail, calls made meanwhile go out once it is back', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const handler = async (method: string) => {
      if (method === 'stopRun') await blocked;
      return { ok: true as const, value: method };
    };
    const first = await startWebHost({ rendererDir, handler, subscribe: () => () => {} });
    const target = { url: `ws://127.0.0.1:${first.port}/api?token=${first.token}`, origin: first.origin };
    const lab = await connect({}, target);
    const states: string[] = [];
    lab.connection.onChange((s) => states.push(s.status));
    expect(await lab.api.appInfo()).toBe('appInfo');

    const inFlight = lab.api.stopRun('abcdef12').catch((e: unknown) => e);
    await first.close();
    release();
    const lost = await inFlight;
    expect(lost).toBeInstanceOf(LabApiError);
    expect((lost as LabApiError).code).toBe('disconnected');
    expect(lab.connection.status).toBe('reconnecting');

    const meanwhile = lab.api.activeRuns();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const second = await startWebHost({ rendererDir, handler, subscribe: () => () => {}, port: first.port, token: first.token });
    expect(await meanwhile).toBe('activeRuns');
    expect(lab.connection.status).toBe('open');
    expect(lab.connection.reconnected).toBe(true);
    expect(states[0]).toBe('reconnecting');
    expect(states.at(-1)).toBe('open');
    lab.close();
    expect(lab.connection.status).toBe('closed');
    await expect(lab.api.appInfo()).rejects.toMatchObject({ code: 'closed' });
    await second.close();
  });
});
