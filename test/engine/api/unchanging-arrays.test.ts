import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage, sendsUnchanged } from '../../../engine/api/socket-codec';

/** An array that counts how often its elements are read. */
function counted<T>(items: T[]): { array: T[]; reads: () => number } {
  let reads = 0;
  const array = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { array, reads: () => reads };
}

function points(count: number): number[][] {
  return Array.from({ length: count }, (_, i) => [(i + 1) / 7, -(i + 1) / 3]);
}

describe('encodeMessage with arrays their owner never changes (a file\'s points, issue 15)', () => {
  it('checks and writes such an array once, then puts the same text into every message', () => {
    const { array: x, reads } = counted(points(1_000));
    sendsUnchanged(x);
    const message = (id: number) => ({ id, method: 'checkSpec', args: [{ seed: id, dataset: { name: 'inline', x, y: [0, 1] } }] });
    const first = encodeMessage(message(1));
    const readOnce = reads();
    expect(readOnce).toBeGreaterThan(0);
    const second = encodeMessage(message(2));
    // The second message reads none of its 1,000 rows again.
    expect(reads()).toBe(readOnce);
    // And says exactly what JSON says.
    expect(first).toBe(JSON.stringify(message(1)));
    expect(second).toBe(JSON.stringify(message(2)));
    expect(decodeMessage(second)).toEqual(JSON.parse(JSON.stringify(message(2))));
  });

  it('still sends what JSON cannot carry with devalue, and arrays never promised as before', () => {
    const x = [[1, Number.NaN]];
    sendsUnchanged(x);
    const text = encodeMessage({ id: 1, result: { x } });
    expect(text.startsWith('{')).toBe(false);
    expect(decodeMessage(text)).toEqual({ id: 1, result: { x: [[1, Number.NaN]] } });
    const plain = [[1, 2]];
    expect(encodeMessage({ id: 2, result: { plain } })).toBe('{"id":2,"result":{"plain":[[1,2]]}}');
  });

  it('keeps a key order and nesting that JSON.parse reads back as sent', () => {
    const y = [0, 1, 1];
    sendsUnchanged(y);
    const value = { id: 3, args: [{ b: [y, { y }], a: 'ä "quoted" \\ text', n: null, t: true }] };
    expect(encodeMessage(value)).toBe(JSON.stringify(value));
  });
});
