import type { LabChoice, LabComparison } from '$engine/lab/lab-sheets';

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

/**
 * A Fisher–Yates shuffle driven by mulberry32 seeded with the 32-bit FNV-1a hash of `seed`: the
 * same seed always gives the same order, and every order is (nearly) equally likely over seeds.
 */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const random = mulberry32(fnv1a(seed));
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** 32-bit FNV-1a over the string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small 32-bit generator of uniform numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
