import { STUDENT_NAME_KEY, type NotebookEntry } from '../api/lab-notebook';
import { plainText } from '../api/plain-text';
import type { RunFileIdentity } from './run-file';

/**
 * Whose notebook an imported file carries. A student's file never changes the importer's own
 * notebook: its entries are kept apart under this source (LabNotebook.keepImported), so a teacher
 * collecting a class's files gets one notebook per student, and a student's newer file updates
 * that student's only.
 *
 * The source is the student's name the file gives (the report's name field on its sheets; the
 * most common one when sheets disagree, then the most recently saved), compared without case;
 * a file whose notebook names nobody is its own source, identified by its content's hash.
 */
export interface NotebookSource {
  id: string;
  studentName: string | null;
  fileCreatedAt: string;
}

/** Longest student name kept (as a run's name). */
const MAX_NAME = 200;

export function notebookSource(entries: readonly NotebookEntry[], file: RunFileIdentity): NotebookSource {
  const names = new Map<string, { name: string; count: number; latest: string }>();
  for (const entry of entries) {
    if (entry.key !== STUDENT_NAME_KEY || typeof entry.value !== 'string') continue;
    const name = plainText(entry.value).trim().slice(0, MAX_NAME);
    if (name === '') continue;
    const id = name.normalize('NFC').toLowerCase();
    const seen = names.get(id);
    if (seen === undefined) names.set(id, { name, count: 1, latest: entry.updatedAt });
    else {
      seen.count++;
      if (entry.updatedAt > seen.latest) Object.assign(seen, { name, latest: entry.updatedAt });
    }
  }
  const best = [...names.entries()].sort(([, a], [, b]) => b.count - a.count || (b.latest > a.latest ? 1 : b.latest < a.latest ? -1 : 0))[0];
  if (best === undefined) return { id: `file:${file.payloadSha256.slice(0, 16)}`, studentName: null, fileCreatedAt: file.createdAt };
  return { id: `name:${best[0]}`, studentName: best[1].name, fileCreatedAt: file.createdAt };
}
