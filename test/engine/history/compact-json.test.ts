import { describe, expect, it } from 'vitest';
import { shortestFloat32 } from '../../../engine/api/weights-file';
import { decodeCompactJson, encodeCompactJson, isCompactJson, isShortestFloat32Decimal, shortestFloat32Search } from '../../../engine/history/compact-json';

/** What the history read back when it stored JSON text. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function evenEdges(min: number, max: number, bins: number): number[] {
  const edges = new Array<number>(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = min + ((max - min) * i) / bins;
  edges[bins] = max;
  return edges;
}

describe('the compact form of JSON values', () => {
  it('gives back exactly the numbers of the JSON text: float32 shortest decimals, float64, integers of every width, nulls', () => {
    const next = random(7);
    const value = {
      version: 1,
      layers: [
        {
          // A float32 run's weights file: shortest decimals of float32 values (not float32 values themselves).
          weights: Array.from({ length: 20 }, () => Array.from({ length: 13 }, () => shortestFloat32(Math.fround(next() * 2 - 1)))),
          bias: Array.from({ length: 13 }, () => shortestFloat32(Math.fround(next() - 0.5))),
        },
        // A float64 run's weights: full float64 values.
        { weights: [Array.from({ length: 9 }, () => next() * 3 - 1.5)], bias: [0.1, 0.2, 0.30000000000000004, 1e-300] },
      ],
      histogram: { edges: evenEdges(-1.4486619234085083, 1.4879910945892334, 30), counts: Array.from({ length: 30 }, (_, i) => i * 900), zeroCount: 0 },
      nearlyEven: [0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5001],
      bytes: [0, 1, 2, 255],
      words: [0, 65_535, 3, 4],
      big: [0, 2 ** 32 - 1, 1, 2],
      negative: [-5, 3, -(2 ** 31), 2 ** 31 - 1],
      huge: [2 ** 53, -(2 ** 40), 1, 7],
      float32: [0.5, 0.25, -1.5, Math.fround(0.1)],
      nullable: [0.5, null, 0.123456789, null, -2],
      short: [1.5, 2],
      mixed: ['a', 1, 2, 3],
      rows: [[1, 2, 3, 4], [], [null, null, null, null]],
      text: '\u0000looks like a column',
      nested: { deep: [{ x: [1e-45, 3.4e38, -0.0001, 12] }] },
    };
    const encoded = encodeCompactJson(value);
    expect(isCompactJson(encoded)).toBe(true);
    const decoded = decodeCompactJson(encoded);
    expect(decoded).toStrictEqual(asJson(value));
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(value));
  });

  it('writes what JSON would for non-finite numbers and −0 (null and 0)', () => {
    const value = { a: [Number.NaN, Infinity, -Infinity, -0, 1.5], b: [-0, 0, 1, 2], c: -0 };
    expect(decodeCompactJson(encodeCompactJson(value))).toStrictEqual(asJson(value));
    expect(Object.is((decodeCompactJson(encodeCompactJson(value)) as { b: number[] }).b[0], 0)).toBe(true);
  });

  it('is a fraction of the JSON text for weights and histograms', () => {
    const next = random(11);
    const weights = { version: 1, layers: [{ weights: Array.from({ length: 784 }, () => Array.from({ length: 100 }, () => shortestFloat32(Math.fround((next() - 0.5) * 0.1)))), bias: new Array(100).fill(0) }] };
    const text = JSON.stringify(weights);
    expect(encodeCompactJson(weights).length).toBeLessThan(4.1 * 78_500);
    expect(encodeCompactJson(weights).length).toBeLessThan(text.length / 3);
    const histograms = Array.from({ length: 11 }, (_, i) => ({ edges: evenEdges(-i - next(), i + next(), 30), counts: Array.from({ length: 30 }, () => Math.floor(next() * 3000)), mean: next() }));
    expect(encodeCompactJson(histograms).length).toBeLessThan(JSON.stringify(histograms).length / 4);
  });

  it('refuses bytes that are not a compact value, or of a newer version, with a message saying so', () => {
    expect(isCompactJson(Buffer.from('{"version":1}'))).toBe(false);
    expect(() => decodeCompactJson(Buffer.from('{"version":1}'))).toThrow(/not a compact JSON value/);
    const encoded = encodeCompactJson({ a: [1, 2, 3, 4] });
    const newer = Buffer.from(encoded);
    newer[4] = 2;
    expect(() => decodeCompactJson(newer)).toThrow(/version 2 is newer/);
    expect(() => decodeCompactJson(encoded.subarray(0, encoded.length - 3))).toThrow();
    // A damaged length cannot make the reader build a 4-billion-element array.
    const skeleton = Buffer.from(JSON.stringify('\u00000'));
    const body = Buffer.alloc(4 + skeleton.length + 4 + 5 + 16);
    let at = body.writeUInt32LE(skeleton.length, 0);
    at += skeleton.copy(body, at);
    at = body.writeUInt32LE(1, at);
    at = body.writeUInt8(8, at);
    body.writeUInt32LE(0xffffffff, at);
    expect(() => decodeCompactJson(Buffer.concat([Buffer.from('NNLJ'), Buffer.from([1, 0]), body]))).toThrow(/evenly spaced compact JSON column cannot have 4294967295 values/);
  });
});

describe('reading float32 shortest decimals back', () => {
  it('finds the same decimal as shortestFloat32 for float32 values of every size (not powers of two)', () => {
    const next = random(3);
    const bits = new Uint32Array(1);
    const float = new Float32Array(bits.buffer);
    let checked = 0;
    for (let i = 0; i < 200_000; i++) {
      bits[0] = Math.floor(next() * 2 ** 32);
      const v = float[0]!;
      if (!Number.isFinite(v) || (bits[0] & 0x7fffff) === 0) continue;
      expect(shortestFloat32Search(v)).toBe(shortestFloat32(v));
      checked++;
    }
    for (const v of [Math.fround(0.1), Math.fround(1e-40), Math.fround(3.4e38), Math.fround(-0.3), Math.fround(1 / 3)]) expect(shortestFloat32Search(v)).toBe(shortestFloat32(v));
    expect(checked).toBeGreaterThan(190_000);
  });

  it('tells whether a number is its float32’s shortest decimal exactly as shortestFloat32 does (the quick check that picks the column kind)', () => {
    const next = random(5);
    const bits = new Uint32Array(1);
    const float = new Float32Array(bits.buffer);
    const floats: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      bits[0] = Math.floor(next() * 2 ** 32);
      floats.push(float[0]!);
    }
    // Weights' sizes, powers of two (an asymmetric rounding interval), subnormals, the extremes.
    for (let i = 0; i < 10_000; i++) floats.push(Math.fround((next() - 0.5) * 0.2));
    for (let e = -149; e <= 127; e++) floats.push(2 ** e, -(2 ** e), Math.fround(2 ** e * 1.5));
    for (let m = 1; m < 2000; m++) floats.push(m * 2 ** -149, Math.fround((0x800000 - m) * 2 ** -149));
    floats.push(3.4028234663852886e38, -3.4028234663852886e38, Math.fround(1e-45), 0, 1, 0.5, Math.fround(0.1), Math.fround(1 / 3));
    const disagreements: string[] = [];
    let shortest = 0;
    let checked = 0;
    for (const f of floats) {
      if (!Number.isFinite(f)) continue;
      // The shortest decimal, f itself, f with every number of digits, and their double neighbours.
      const candidates = [shortestFloat32(f), f];
      for (let p = 1; p <= 10; p++) candidates.push(Number(f.toPrecision(p)));
      const s = shortestFloat32(f);
      candidates.push(s * (1 + Number.EPSILON), s * (1 - Number.EPSILON));
      for (const v of candidates) {
        const expected = shortestFloat32(Math.fround(v)) === v;
        if (isShortestFloat32Decimal(v) !== expected) disagreements.push(`${v} (float32 ${f}): ${!expected}`);
        if (expected) shortest++;
        checked++;
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(700_000);
    expect(shortest).toBeGreaterThan(checked / 3);
  });
});
