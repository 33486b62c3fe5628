import { describe, it, expect } from 'vitest';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx } from '../../../engine/data/idx';

/** An IDX file built by hand: magic, big-endian dimensions, then the bytes. */
function idxFile(magic: number, dims: number[], data: number[]): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  bytes.set(data, 4 + 4 * dims.length);
  return bytes;
}

// Three 2 × 3 "images": item k holds the bytes 10k .. 10k + 5.
const IMAGE_BYTES = [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23, 24, 25];
const images = () => idxFile(IDX_IMAGES_MAGIC, [3, 2, 3], IMAGE_BYTES);

describe('parseIdx', () => {
  it('reads the dimensions big-endian and returns the data as a view of the input', () => {
    const bytes = images();
    const parsed = parseIdx(bytes, { expectedMagic: IDX_IMAGES_MAGIC });
    expect(parsed.dims).toEqual([3, 2, 3]);
    expect([...parsed.data]).toEqual(IMAGE_BYTES);
    expect(parsed.data.buffer).toBe(bytes.buffer);
    expect(parsed.data.byteOffset).toBe(16);
  });

  it('reads dimensions above 255 (all four bytes count)', () => {
    const labels = Array.from({ length: 300 }, (_, i) => i % 10);
    const parsed = parseIdx(idxFile(IDX_LABELS_MAGIC, [300], labels), { expectedMagic: IDX_LABELS_MAGIC });
    expect(parsed.dims).toEqual([300]);
    expect([...parsed.data]).toEqual(labels);
  });

  it('works on a view that does not start at the beginning of its buffer', () => {
    const file = images();
    const padded = new Uint8Array(file.length + 7);
    padded.set(file, 7);
    expect([...parseIdx(padded.subarray(7)).data]).toEqual(IMAGE_BYTES);
  });

  it('returns only the first maxItems items when asked', () => {
    const parsed = parseIdx(images(), { maxItems: 2 });
    expect(parsed.dims).toEqual([2, 2, 3]);
    expect([...parsed.data]).toEqual(IMAGE_BYTES.slice(0, 12));
    expect(parseIdx(images(), { maxItems: 0 }).data).toHaveLength(0);
    expect(() => parseIdx(images(), { maxItems: 4 })).toThrow(/first 4 items, but the file holds 3/);
  });

  it('refuses a file whose magic number is not the one expected', () => {
    const labels = idxFile(IDX_LABELS_MAGIC, [2], [1, 2]);
    expect(() => parseIdx(labels, { expectedMagic: IDX_IMAGES_MAGIC, source: 'train-images-idx3-ubyte' })).toThrow(
      'train-images-idx3-ubyte: wrong magic number 0x00000801, expected 0x00000803',
    );
  });

  it('refuses data that is not IDX at all, and IDX types other than unsigned bytes', () => {
    const gzip = new Uint8Array([0x1f, 0x8b, 0x08, 0x08, 0, 0, 0, 0]);
    expect(() => parseIdx(gzip)).toThrow(/not an IDX file/);
    const floats = idxFile(0x00000d01, [1], [0, 0, 0, 0]);
    expect(() => parseIdx(floats)).toThrow(/unsupported IDX value type 0x0d/);
    expect(() => parseIdx(idxFile(0x00000800, [], []))).toThrow(/at least one dimension/);
  });

  it('reports a truncated file: short data, short header, or not even a magic number', () => {
    const file = images();
    expect(() => parseIdx(file.subarray(0, file.length - 1), { source: 'f' })).toThrow('f: truncated: dimensions 3 × 2 × 3 need 18 data bytes, found 17');
    expect(() => parseIdx(file.subarray(0, 10))).toThrow(/truncated: 10 bytes, but a 3-dimensional header needs 16/);
    expect(() => parseIdx(file.subarray(0, 3))).toThrow(/truncated: 3 bytes/);
  });

  it('reports dimensions that do not match the length even when maxItems needs less', () => {
    const tooLong = idxFile(IDX_LABELS_MAGIC, [2], [1, 2, 3]);
    expect(() => parseIdx(tooLong, { maxItems: 1 })).toThrow(/dimensions 2 need 2 data bytes, but the file holds 3/);
    const truncated = images().subarray(0, 20);
    expect(() => parseIdx(truncated, { maxItems: 1 })).toThrow(/truncated/);
  });
});
