import { seededShuffle } from '$engine/lab/choice-shuffle';
import type { LabChoice, LabComparison } from '$engine/lab/lab-sheets';

export { seededShuffle };

/**
 * The order a student sees a comparison's choices in. The sheets list the lecture's expected
 * choice first; shown in that order, the first option would be the answer. Each student gets the
 * choices shuffled, the same way every time they open the sheet (a seeded shuffle keyed by the
 * student and the comparison), and classmates side by side get different orders.
 */

/** Where this PC's random key is kept (localStorage). */
export const PC_KEY_STORAGE_KEY = 'nnlab.labs.choiceOrderKey';

/** The part of Storage the key needs (localStorage, or a stand-in in tests). */
export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** A key for this page when storage is unavailable (private mode): stable until the page reloads. */
let pageKey: string | null = null;

/**
 * The key that orders a student's choices: `student:<number>` once a student number is known
 * (another issue adds the student identity; pass it here), else `pc:<random id>`, a random id made
 * once per PC and kept in `storage` (so a student keeps their order on their lab PC).
 */
export function choiceOrderKey(studentNumber: string | null = null, storage: KeyStorage | null = browserStorage()): string {
  const number = studentNumber?.trim() ?? '';
  if (number !== '') return `student:${number}`;
  if (storage) {
    try {
      const saved = storage.getItem(PC_KEY_STORAGE_KEY);
      if (saved) return saved;
      const made = `pc:${randomId()}`;
      storage.setItem(PC_KEY_STORAGE_KEY, made);
      return made;
    } catch {
      // Storage refused (private mode, quota): fall back to a key for this page.
    }
  }
  pageKey ??= `pc:${randomId()}`;
  return pageKey;
}

/** The comparison's choices in the order this student sees them: a shuffle seeded by the key and the comparison id. */
export function orderedChoices(comparison: Pick<LabComparison, 'id' | 'choices'>, key: string): LabChoice[] {
  return seededShuffle(comparison.choices, `${key}\u0000${comparison.id}`);
}

/** 128 random bits as hex (crypto.getRandomValues works in every context, secure or not). */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The page's localStorage; null where there is none (tests in Node) or it is refused. */
function browserStorage(): KeyStorage | null {
  try {
    return (globalThis as { localStorage?: KeyStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}
