/**
 * A pack's due date (YYYY-MM-DD, a day in the class's calendar) against today on this computer:
 * the day itself is still on time; from the next day on it is past.
 */
export type DueState = 'none' | 'upcoming' | 'today' | 'past';

/** Today as YYYY-MM-DD in this computer's time zone. */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function dueState(due: string | null, today: string = localDay()): DueState {
  if (due === null || due === '') return 'none';
  // Both are YYYY-MM-DD: their text order is their date order.
  if (due === today) return 'today';
  return due < today ? 'past' : 'upcoming';
}
