import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { contentSecurityPolicy } from '../../engine/api/content-security-policy';

/**
 * The app's page comes from `app://nnlab/`, not file://: a custom protocol's responses carry
 * headers (the CSP, nosniff), the page's origin is its own rather than every file on the disk,
 * and file:// needs none of the extra privileges Electron grants it by default (the
 * grantFileProtocolExtraPrivileges fuse is off in electron-builder.yml). The handler serves the
 * files the build put in the renderer folder, listed when the app starts: a request can name
 * only one of them (no `..`, no other folder, no directory listing), anything else is 404.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'nnlab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * How the scheme is registered (protocol.registerSchemesAsPrivileged, before 'ready'): standard
 * (an origin, relative URLs) and secure (ES modules, like https), fetch for the page's own files.
 */
export const APP_SCHEME_PRIVILEGES = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } } as const;

/** The app's CSP (engine/api/content-security-policy.ts) as a header, which can also say frame-ancestors. */
export const APP_CSP = contentSecurityPolicy({ header: true });

/** Headers on every response of the protocol. */
const COMMON_HEADERS = { 'content-security-policy': APP_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' } as const;

/** Content types of what the renderer build emits. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** URL path ("/assets/index-1234.js") → file, for every file under `rendererDir`; "/" is index.html. */
export function listAppFiles(rendererDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.set(`${prefix}${entry.name}`, join(dir, entry.name));
    }
  };
  walk(rendererDir, '/');
  const index = files.get('/index.html');
  if (index !== undefined) files.set('/', index);
  return files;
}

/** What a request gets: one of the listed files with its content type, or nothing (404). */
export function resolveAppRequest(url: string, files: ReadonlyMap<string, string>): { file: string; contentType: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const file = files.get(path);
  if (file === undefined) return null;
  return { file, contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

/** The protocol's handler (protocol.handle): GET of a listed file, with the CSP; 404 or 405 otherwise. */
export function appProtocolHandler(files: ReadonlyMap<string, string>, read: (file: string) => Promise<Uint8Array> = readFile): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers: { ...COMMON_HEADERS, allow: 'GET, HEAD' } });
    const found = resolveAppRequest(request.url, files);
    if (found === null) return new Response('Not found', { status: 404, headers: { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
    const body = request.method === 'HEAD' ? null : await read(found.file);
    return new Response(body, { status: 200, headers: { ...COMMON_HEADERS, 'content-type': found.contentType } });
  };
}
