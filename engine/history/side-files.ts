import { existsSync } from 'node:fs';

/**
 * Names of the files NN Lab keeps beside the history: backups before an upgrade, damaged files
 * moved aside. Both carry the time in a form every file system accepts (no ':' for NTFS) and that
 * sorts in time order: 2025-03-14T09-00-00-000Z.
 */
export function fileTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

/**
 * `<stem><extension>`, or `<stem>-2<extension>`, `-3`… when that name (or, for a database, one
 * of its -wal/-shm companions) is taken: two events within the same millisecond must not
 * overwrite each other's files.
 */
export function unusedName(stem: string, { extension = '', companions = [] }: { extension?: string; companions?: readonly string[] } = {}): string {
  for (let n = 1; ; n++) {
    const name = `${stem}${n === 1 ? '' : `-${n}`}${extension}`;
    if (!existsSync(name) && companions.every((suffix) => !existsSync(`${name}${suffix}`))) return name;
  }
}
