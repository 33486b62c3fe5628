import { describe, expect, it } from 'vitest';
import { candidatesOfDrop, type DroppedEntry } from '../../../renderer/src/lib/history/dropped-files';

/**
 * Entries as Chromium hands them for a drop (the File and Directory Entries API's callbacks, a
 * folder read in batches until an empty one), over Node's File.
 */
function fileEntry(path: string, content = 'x', fails = false): DroppedEntry & { file: (ok: (f: File) => void, failed?: (e: unknown) => void) => void } {
  const name = path.split('/').at(-1)!;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath: `/${path}`,
    file: (ok, failed) => queueMicrotask(() => (fails ? failed?.(new DOMException('A requested file or directory could not be found', 'NotFoundError')) : ok(new File([content], name)))),
  };
}

function folderEntry(path: string, children: DroppedEntry[], batch = 2): DroppedEntry & { createReader: () => { readEntries: (ok: (e: DroppedEntry[]) => void) => void } } {
  return {
    isFile: false,
    isDirectory: true,
    name: path.split('/').at(-1)!,
    fullPath: `/${path}`,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) =>
          queueMicrotask(() => {
            ok(children.slice(at, at + batch));
            at += batch;
          }),
      };
    },
  };
}

describe('a drop’s files', () => {
  it('walks dropped folders and their subfolders (read in batches), in name order, leaving out system files; dropped files come as they are', async () => {
    const dropped = [
      folderEntry('class', [fileEntry('class/kim.nnlab', 'kim'), fileEntry('class/.DS_Store'), folderEntry('class/late', [fileEntry('class/late/park.nnlab')]), fileEntry('class/hong.nnlab'), fileEntry('class/notes.txt')]),
      fileEntry('extra.nnlab', 'extra'),
      new File(['plain'], 'plain.nnlab'),
      new File([''], 'Thumbs.db'),
    ];
    const candidates = await candidatesOfDrop(dropped);
    expect(candidates.map((c) => c.name)).toEqual(['class/hong.nnlab', 'class/kim.nnlab', 'class/late/park.nnlab', 'class/notes.txt', 'extra.nnlab', 'plain.nnlab']);
    expect(candidates.map((c) => c.size)).toEqual([1, 3, 1, 1, 5, 5]);
    expect(new TextDecoder().decode(await candidates[1]!.read())).toBe('kim');
  });

  it('a file the system will not hand over becomes a refused file (its reason at its turn), not a failed drop', async () => {
    const candidates = await candidatesOfDrop([folderEntry('class', [fileEntry('class/gone.nnlab', 'x', true), fileEntry('class/hong.nnlab')])]);
    expect(candidates.map((c) => [c.name, c.size])).toEqual([
      ['class/gone.nnlab', null],
      ['class/hong.nnlab', 1],
    ]);
    await expect(candidates[0]!.read()).rejects.toThrow(/could not be found/);
  });
});
