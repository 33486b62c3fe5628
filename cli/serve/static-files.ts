import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative } from 'node:path';

/** Content types by extension, for what Vite emits (and a little more). Anything else is served as bytes. */
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The Content-Type of a file by its extension. */
export function contentTypeOf(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A file the host may send. */
export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
}

/**
 * Maps a request's path to a regular file inside `root`, or null (→ 404). `/` is index.html.
 * Refused: undecodable escapes, NUL, backslashes, `.` / `..` segments and hidden names (before or
 * after decoding), colons (Windows drives and alternate streams), directories (no listings), and
 * anything whose real path (symbolic links resolved) leaves the root.
 */
export function resolveStaticFile(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\0\\:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  if (segments.length === 0) segments.push('index.html');
  const candidate = join(root, ...segments);
  if (!inside(root, candidate)) return null;
  try {
    const real = realpathSync(candidate);
    if (!inside(realpathSync(root), real)) return null;
    const stats = statSync(real);
    if (!stats.isFile()) return null;
    return { path: real, size: stats.size, contentType: contentTypeOf(real) };
  } catch {
    return null;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
