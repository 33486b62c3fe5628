import { describe, expect, it } from 'vitest';
import { LAB_SHEETS, type LabComparison } from '../../../engine/lab/lab-sheets';
import { PC_KEY_STORAGE_KEY, choiceOrderKey, orderedChoices, seededShuffle, type KeyStorage } from '../../../renderer/src/lib/labs/choice-order';

const COMPARISONS: LabComparison[] = LAB_SHEETS.flatMap((s) => s.comparisons);

/** Where a student with this key sees the expected choice (0 = first). */
function expectedPosition(comparison: LabComparison, key: string): number {
  return orderedChoices(comparison, key).findIndex((c) => c.id === comparison.expected);
}

/** Keys as the app makes them (a PC's random id) and as a later student identity will (a student number). */
function keys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? `pc:${(i * 2654435761).toString(16).padStart(32, '0')}` : `student:2025${String(i).padStart(4, '0')}`));
}

class MemoryStorage implements KeyStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('the order of a prediction’s choices', () => {
  it('covers the twelve comparisons of the four sheets', () => {
    expect(COMPARISONS).toHaveLength(12);
  });

  it('is the same every time for one student, and keeps every choice once', () => {
    for (const key of keys(20)) {
      for (const comparison of COMPARISONS) {
        const order = orderedChoices(comparison, key).map((c) => c.id);
        expect(orderedChoices(structuredClone(comparison), key).map((c) => c.id)).toEqual(order);
        expect(order.slice().sort()).toEqual(comparison.choices.map((c) => c.id).sort());
      }
    }
    // The sheet's own order is left alone.
    expect(COMPARISONS.every((c) => c.choices[0]!.id === c.expected)).toBe(true);
  });

  it('does not put the expected choice at the same position in every comparison, for any student', () => {
    for (const key of keys(500)) {
      const positions = new Set(COMPARISONS.map((c) => expectedPosition(c, key)));
      expect(positions.size, key).toBeGreaterThan(1);
    }
  });

  it('puts each choice at each position about equally often over students (within 15 % of an even share)', () => {
    const students = keys(4000);
    for (const comparison of COMPARISONS) {
      const n = comparison.choices.length;
      for (const choice of comparison.choices) {
        const counts = Array.from({ length: n }, () => 0);
        for (const key of students) counts[orderedChoices(comparison, key).findIndex((c) => c.id === choice.id)]!++;
        const even = students.length / n;
        for (const [position, count] of counts.entries()) {
          expect(Math.abs(count - even) / even, `${comparison.id}: ${choice.id} at ${position} (${count} of ${students.length})`).toBeLessThan(0.15);
        }
      }
    }
  });

  it('gives different students different orders of the same comparison, and one student different orders across comparisons', () => {
    const fourChoices = COMPARISONS.find((c) => c.choices.length === 4)!;
    const orders = new Set(keys(200).map((key) => orderedChoices(fourChoices, key).map((c) => c.id).join(',')));
    expect(orders.size).toBe(24);
    expect(seededShuffle(['a', 'b', 'c', 'd'], 'x')).toEqual(seededShuffle(['a', 'b', 'c', 'd'], 'x'));
  });
});

describe('the key a student’s orders are shuffled with', () => {
  it('is the student number when one is given', () => {
    const storage = new MemoryStorage();
    expect(choiceOrderKey(' 2025001 ', storage)).toBe('student:2025001');
    expect(storage.items.size).toBe(0);
  });

  it('is otherwise a random id made once per PC and kept in storage', () => {
    const storage = new MemoryStorage();
    const first = choiceOrderKey(null, storage);
    expect(first).toMatch(/^pc:[0-9a-f]{32}$/);
    expect(storage.getItem(PC_KEY_STORAGE_KEY)).toBe(first);
    expect(choiceOrderKey(null, storage)).toBe(first);
    expect(choiceOrderKey('', storage)).toBe(first);
    expect(choiceOrderKey(null, new MemoryStorage())).not.toBe(first);
  });

  it('stays the same for the page when storage refuses', () => {
    const refusing: KeyStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const key = choiceOrderKey(null, refusing);
    expect(key).toMatch(/^pc:[0-9a-f]{32}$/);
    expect(choiceOrderKey(null, refusing)).toBe(key);
    expect(choiceOrderKey(null, null)).toBe(key);
  });
});
