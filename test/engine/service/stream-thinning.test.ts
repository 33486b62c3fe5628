import { describe, expect, it } from 'vitest';
import { StreamThinning } from '../../../engine/service/stream-thinning';

/** Feeds positions 0 … count − 1; returns what was chosen and the most ever held at once. */
function feed(count: number, max: number): { chosen: number[]; dropped: Set<number>; mostHeld: number } {
  const dropped = new Set<number>();
  const thinning = new StreamThinning(max, (position) => {
    expect(dropped.has(position)).toBe(false);
    dropped.add(position);
  });
  let mostHeld = 0;
  for (let position = 0; position < count; position++) {
    thinning.add(position);
    mostHeld = Math.max(mostHeld, position + 1 - dropped.size);
  }
  return { chosen: thinning.chosen(), dropped, mostHeld };
}

describe('stream thinning', () => {
  it('keeps everything up to the limit', () => {
    expect(feed(0, 10).chosen).toEqual([]);
    expect(feed(7, 10)).toMatchObject({ chosen: [0, 1, 2, 3, 4, 5, 6], dropped: new Set() });
    expect(feed(10, 10).chosen).toHaveLength(10);
  });

  it.each([11, 21, 100, 1000, 12_345])('chooses at most max of %i, evenly spaced, the newest always, holding at most 2·max + 1', (count) => {
    const max = 10;
    const { chosen, dropped, mostHeld } = feed(count, max);
    expect(chosen.length).toBeLessThanOrEqual(max);
    expect(chosen.length).toBeGreaterThanOrEqual(max / 2);
    expect(chosen.at(-1)).toBe(count - 1);
    for (const position of chosen) expect(dropped.has(position)).toBe(false);
    const gaps = chosen.slice(1).map((p, i) => p - chosen[i]!);
    expect(new Set(gaps.slice(0, -1)).size).toBeLessThanOrEqual(1);
    expect(gaps.at(-1)).toBeLessThanOrEqual(gaps[0]!);
    // Spread over the whole stream, not bunched at one end.
    expect(chosen[0]!).toBeLessThan(count / max);
    expect(mostHeld).toBeLessThanOrEqual(2 * max + 1);
  });
});
