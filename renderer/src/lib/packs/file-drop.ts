import { PACK_FILE_MAX_BYTES } from './pack-limits';

/**
 * What a file dropped on the window is for. Every file dropped outside a screen's own drop zone
 * (the run history's import) is offered to openPack, which tells the kinds of NN Lab files apart
 * by content: a runs file or a hand-in is refused there with what it is and where it goes (the
 * run history's Import), so a pack renamed by a mail program still opens and a hand-in dropped
 * on the labs screen is never taken for a pack. Only what cannot be a pack is refused here,
 * before it is read: folders (no type and no size) and files larger than a pack may be.
 */
export type DropAction = { action: 'open' } | { action: 'refuse'; reason: 'too-large' | 'folder' | 'empty' };

export interface DroppedFile {
  name: string;
  size: number;
  type: string;
}

export function dropAction(file: DroppedFile): DropAction {
  if (file.size > PACK_FILE_MAX_BYTES) return { action: 'refuse', reason: 'too-large' };
  // A folder shows up as an entry without a type whose size is 0 (or the folder entry's 4096).
  if (file.type === '' && !file.name.includes('.') && (file.size === 0 || file.size === 4096)) return { action: 'refuse', reason: 'folder' };
  if (file.size === 0) return { action: 'refuse', reason: 'empty' };
  return { action: 'open' };
}

/** True when a drag carries files (not text or a link dragged from the page). */
export function carriesFiles(types: readonly string[] | null | undefined): boolean {
  return types !== null && types !== undefined && types.includes('Files');
}
