import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { LabPush } from '../../engine/api/lab-api';
import type { PackOpenOutcome } from '../../engine/api/lab-pack';
import { messageOf } from '../../engine/api/error-message';
import { PACK_FILE_LIMITS } from '../../engine/history/lab-pack-file';

/**
 * Lab pack files the desktop app is handed by the system (file association, electron-builder.yml):
 * named on the command line at launch (Windows, Linux), in a second launch's command line (the
 * single-instance lock sends it to the first), or in macOS's 'open-file' event, which can come
 * before the app is ready. Each is read here in main (never more than a pack file may be),
 * opened by the service, and what happened is pushed to the page once it listens.
 */

export const PACK_EXTENSION = '.nnlabpack';

/**
 * The pack files a command line names, as absolute paths (relative ones against the directory it
 * was started in): arguments ending in .nnlabpack (any case) that are not switches. The
 * executable, the app's folder in development, and Chromium's switches are never packs.
 */
export function packPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const paths = argv.filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(PACK_EXTENSION)).map((arg) => resolve(cwd, arg));
  return [...new Set(paths)];
}

/** A pack file's bytes, refused before reading past the pack cap (a file that grows meanwhile included). */
export async function readPackBytes(path: string, maxBytes: number = PACK_FILE_LIMITS.maxCompressedBytes): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error('this is not a file');
    const tooLarge = () => new Error(`this file is too large to import: it is more than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    if (stats.size > maxBytes) throw tooLarge();
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge();
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  } finally {
    await handle.close();
  }
}

/** Reads and opens one pack file: the push that tells the page what happened (never throws). */
export async function openPackPath(path: string, openPack: (bytes: Uint8Array) => PackOpenOutcome): Promise<LabPush> {
  const file = basename(path);
  try {
    return { type: 'pack-opened', file, outcome: openPack(await readPackBytes(path)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'the file does not exist (moved or deleted?)' : code === 'EACCES' || code === 'EPERM' ? 'the file cannot be read (no permission)' : messageOf(error);
    return { type: 'pack-open-failed', file, message };
  }
}

/**
 * Holds the files the system hands over until the service is open, and their pushes until the
 * page listens (a push sent before the page has subscribed would be lost): `connect` once the
 * service is open, `pageListening` on the page's first request, `pageLeft` when it reloads.
 */
export class PackFileOpener {
  readonly #paths: string[] = [];
  readonly #pushes: LabPush[] = [];
  #service: { openPack: (bytes: Uint8Array) => PackOpenOutcome; send: (push: LabPush) => void } | null = null;
  #listening = false;
  #opening: Promise<void> = Promise.resolve();

  /** Files to open (more may come at any time); resolves once these have been opened, if the service is. */
  add(paths: readonly string[]): Promise<void> {
    this.#paths.push(...paths);
    return this.#drain();
  }

  connect(openPack: (bytes: Uint8Array) => PackOpenOutcome, send: (push: LabPush) => void): Promise<void> {
    this.#service = { openPack, send };
    return this.#drain();
  }

  pageListening(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.#flush();
  }

  pageLeft(): void {
    this.#listening = false;
  }

  #drain(): Promise<void> {
    // One file at a time, in the order given.
    this.#opening = this.#opening.then(async () => {
      while (this.#service !== null && this.#paths.length > 0) {
        this.#pushes.push(await openPackPath(this.#paths.shift()!, this.#service.openPack));
        this.#flush();
      }
    });
    return this.#opening;
  }

  #flush(): void {
    if (!this.#listening || this.#service === null) return;
    for (const push of this.#pushes.splice(0)) this.#service.send(push);
  }
}
