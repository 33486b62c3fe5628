import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterThisTest, tempDir } from './history-helpers';

/**
 * Ways to put a real SQLite file in trouble: a lock held by another process, damaged pages, a
 * read-only file or folder. Everything is undone after the test, before its temporary folders are removed.
 */

const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Another process (a real one: SQLite's locks are per process) that opens `path`, takes the write
 * lock with BEGIN IMMEDIATE, runs `sql` in that transaction, and commits `holdMs` later. Resolves
 * once the lock is held; `released` resolves when the process has committed and exited.
 */
export async function holdWriteLock(path: string, holdMs: number, sql = 'SELECT 1'): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require(process.argv[1]);
    const db = new Database(process.argv[2]);
    db.exec('BEGIN IMMEDIATE');
    db.exec(process.argv[4]);
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[3]));
  `;
  const child = spawn(process.execPath, ['-e', script, BETTER_SQLITE3, path, String(holdMs), sql], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const released = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the process holding the lock failed (${code}): ${stderr}`))));
  });
  afterThisTest(() => child.kill());
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    released.then(() => reject(new Error('the process ended before it held the lock')), reject);
  });
  return { released };
}

/**
 * Damages the database the way a failing disk or a bad copy does: the first `bytes` bytes of
 * every `pageType` page of `table` (found with SQLite's dbstat) are inverted, which breaks the
 * b-tree page header (its type, cell count, content offset). Returns the page numbers damaged.
 * The file must be closed (its WAL checkpointed) first.
 */
export function damagePages(path: string, table: string, pageType: 'leaf' | 'internal' = 'leaf', bytes = 8): number[] {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.prepare('SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno').pluck().all(table, pageType) as number[];
  db.close();
  if (pages.length === 0) throw new Error(`${table} has no ${pageType} pages to damage`);
  const content = readFileSync(path);
  for (const page of pages) {
    // Page 1 starts with the 100-byte file header; its b-tree header comes after.
    const start = (page - 1) * pageSize + (page === 1 ? 100 : 0);
    for (let i = start; i < start + bytes; i++) content[i] = content[i]! ^ 0xff;
  }
  writeFileSync(path, content);
  return pages;
}

/**
 * Makes a file or folder read-only for this process. chmod does it for a normal user; root ignores
 * permissions, so as root on Linux the immutable attribute (chattr +i) is used, which binds root
 * too. Returns the function that makes it writable again (also run after the test), or null when
 * neither works here (Windows folders, a file system without attributes): the caller skips, since
 * the fault cannot be made.
 */
export function makeReadOnly(path: string): (() => void) | null {
  const isFolder = statSync(path).isDirectory();
  const mode = statSync(path).mode & 0o777;
  let immutable = false;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    if (immutable) spawnSync('chattr', ['-i', path]);
    chmodSync(path, mode);
  };
  afterThisTest(restore);
  chmodSync(path, isFolder ? 0o555 : 0o444);
  if (!isWritable(path, isFolder)) return restore;
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  immutable = spawnSync('chattr', ['+i', path]).status === 0;
  return immutable && !isWritable(path, isFolder) ? restore : null;
}

function isWritable(path: string, isFolder: boolean): boolean {
  try {
    if (isFolder) {
      const probe = join(path, '.write-probe');
      closeSync(openSync(probe, 'wx'));
      rmSync(probe);
    } else {
      closeSync(openSync(path, 'r+'));
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * A real, small disk: a tmpfs of `bytes` mounted on a fresh folder, unmounted after the test.
 * Mounting needs root on Linux; elsewhere null, and the caller skips.
 */
export function smallDisk(bytes: number): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = tempDir();
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'nnlab-test', dir]).status !== 0) return null;
  // Lazily: a connection the test left open must not keep the mount (and the folder) alive.
  afterThisTest(() => spawnSync('umount', ['-l', dir]));
  return dir;
}

/** Fills the disk holding `dir` to its last block, as a disk full of other files. */
export function fillDisk(dir: string): void {
  const block = Buffer.alloc(64 * 1024, 1);
  const fd = openSync(join(dir, 'filler'), 'w');
  try {
    // A write that does not fit whole writes what fits; the next one fails with ENOSPC.
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * A real zombie: a process that has exited and that its parent (a shell blocked reading its stdin)
 * has not reaped, so `process.kill(pid, 0)` still succeeds. Linux only (null elsewhere: the caller
 * skips). `reap` lets the shell collect it; also done after the test.
 */
export async function zombieProcess(): Promise<{ pid: number; reap: () => Promise<void> } | null> {
  if (process.platform !== 'linux') return null;
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; read line; wait'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const exited = new Promise<void>((resolve) => parent.once('exit', () => resolve()));
  const reap = async (): Promise<void> => {
    parent.stdin.end('\n');
    await exited;
  };
  afterThisTest(() => void reap());
  const pid = await new Promise<number>((resolve, reject) => {
    parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    parent.once('error', reject);
  });
  // Until the child has exited it is an ordinary live process.
  while (!readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')) await new Promise((resolve) => setTimeout(resolve, 20));
  return { pid, reap };
}
