import { isSystemFile, type ImportCandidate } from './import-queue';

/**
 * The files of a drop: dropped files as they are, dropped folders walked (with their subfolders)
 * through the File and Directory Entries API, which Chromium and Electron give for drops
 * (webkitGetAsEntry). Only file handles are gathered here; no file is read until its import.
 */

/** What a drop item gives: a folder or a file entry (only the parts used, so tests can build them). */
export interface DroppedEntry {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  /** "/folder/sub/name" for an entry inside a dropped folder. */
  readonly fullPath: string;
}

interface DroppedFileEntry extends DroppedEntry {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}

interface DroppedFolderEntry extends DroppedEntry {
  createReader(): { readEntries(success: (entries: DroppedEntry[]) => void, failure?: (error: unknown) => void): void };
}

/** The part of a drop's DataTransfer read here. */
export interface DropData {
  readonly items: { readonly length: number; readonly [index: number]: { readonly kind: string; webkitGetAsEntry?(): unknown; getAsFile(): File | null } };
}

/** A drop's items as entries (or plain files where the browser gives no entry); must be called while the drop event is handled. */
export function entriesOfDrop(data: DropData): (DroppedEntry | File)[] {
  const dropped: (DroppedEntry | File)[] = [];
  for (let i = 0; i < data.items.length; i++) {
    const item = data.items[i]!;
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.() as DroppedEntry | null | undefined;
    const file = entry ? null : item.getAsFile();
    if (entry) dropped.push(entry);
    else if (file) dropped.push(file);
  }
  return dropped;
}

/** The files under the dropped entries, in the order dropped (a folder's files by path), system files left out, as import candidates. */
export async function candidatesOfDrop(dropped: readonly (DroppedEntry | File)[]): Promise<ImportCandidate[]> {
  const candidates: ImportCandidate[] = [];
  for (const item of dropped) {
    if (isEntry(item)) await collect(item, candidates);
    else add(candidates, item.name, item);
  }
  return candidates;
}

function isEntry(item: DroppedEntry | File): item is DroppedEntry {
  return typeof (item as DroppedEntry).isDirectory === 'boolean';
}

function add(candidates: ImportCandidate[], name: string, file: File): void {
  if (isSystemFile(name)) return;
  candidates.push({ name, size: file.size, read: async () => new Uint8Array(await file.arrayBuffer()) });
}

async function collect(entry: DroppedEntry, candidates: ImportCandidate[]): Promise<void> {
  if (entry.isDirectory) {
    const children = await readAll(entry as DroppedFolderEntry);
    children.sort((a, b) => a.name.localeCompare(b.name));
    for (const child of children) await collect(child, candidates);
  } else if (entry.isFile) {
    const name = entry.fullPath.replace(/^\/+/, '') || entry.name;
    try {
      add(candidates, name, await new Promise<File>((resolve, reject) => (entry as DroppedFileEntry).file(resolve, reject)));
    } catch (error) {
      // A file the system would not hand over (moved, no permission) is refused in the report, not the whole drop.
      if (!isSystemFile(name)) candidates.push({ name, size: null, read: () => Promise.reject(error instanceof Error ? error : new Error(String(error))) });
    }
  }
}

/** A folder's entries: readEntries answers in batches (100 at a time in Chromium) until an empty one. */
async function readAll(folder: DroppedFolderEntry): Promise<DroppedEntry[]> {
  const reader = folder.createReader();
  const all: DroppedEntry[] = [];
  for (;;) {
    const batch = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}
