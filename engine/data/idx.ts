/**
 * The IDX format of the MNIST files (yann.lecun.com/exdb/mnist): a 4-byte magic number
 * 0x00 0x00 <type> <number of dimensions>, one big-endian uint32 per dimension, then the values
 * in row-major order. Only type 0x08 (unsigned byte) is read, which is all MNIST uses.
 */

/** Magic number of an IDX file of unsigned-byte images: 3 dimensions (count, rows, columns). */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic number of an IDX file of unsigned-byte labels: 1 dimension (count). */
export const IDX_LABELS_MAGIC = 0x00000801;

const UNSIGNED_BYTE = 0x08;

/** A parsed IDX file. */
export interface IdxArray {
  /** Dimensions, the first being the number of items (reduced to `maxItems` when given). */
  dims: number[];
  /** The values of the items returned, row-major: a view into the input, never a copy. */
  data: Uint8Array;
}

export interface IdxOptions {
  /** Refuse a file whose magic number differs (IDX_IMAGES_MAGIC or IDX_LABELS_MAGIC). */
  expectedMagic?: number;
  /** Return only the first `maxItems` items (the textbook's `x_train[:300]`). */
  maxItems?: number;
  /** Names the input in error messages, e.g. the file's path. */
  source?: string;
}

/**
 * Parses an unsigned-byte IDX file held in `bytes`. The whole file is checked (magic number,
 * type, header, length equal to the product of its dimensions) even when `maxItems` asks for
 * fewer items, since a file of the wrong length is damaged. Throws an Error naming `source` and
 * the fault; the returned data is a view sharing `bytes`' buffer (a SharedArrayBuffer stays shared).
 */
export function parseIdx(bytes: Uint8Array, options: IdxOptions = {}): IdxArray {
  const where = options.source ?? 'IDX data';
  const fail = (problem: string): never => {
    throw new Error(`${where}: ${problem}`);
  };
  if (bytes.length < 4) fail(`truncated: ${bytes.length} bytes, too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (options.expectedMagic !== undefined && magic !== options.expectedMagic) {
    fail(`wrong magic number ${hex(magic)}, expected ${hex(options.expectedMagic)}: not the IDX file expected here`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) fail(`not an IDX file (magic number ${hex(magic)} should start with two zero bytes)`);
  if (bytes[2] !== UNSIGNED_BYTE) fail(`unsupported IDX value type 0x${bytes[2]!.toString(16).padStart(2, '0')} (only 0x08, unsigned byte, is read)`);
  const rank = bytes[3]!;
  if (rank === 0) fail('an IDX file needs at least one dimension');
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) fail(`truncated: ${bytes.length} bytes, but a ${rank}-dimensional header needs ${headerLength}`);

  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  const itemSize = dims.slice(1).reduce((product, d) => product * d, 1);
  const expectedLength = dims[0]! * itemSize;
  const dataLength = bytes.length - headerLength;
  const shape = dims.join(' × ');
  if (dataLength < expectedLength) fail(`truncated: dimensions ${shape} need ${expectedLength} data bytes, found ${dataLength}`);
  if (dataLength > expectedLength) fail(`dimensions ${shape} need ${expectedLength} data bytes, but the file holds ${dataLength}`);

  let items = dims[0]!;
  if (options.maxItems !== undefined) {
    if (!Number.isInteger(options.maxItems) || options.maxItems < 0) fail(`maxItems must be a whole number ≥ 0, got ${options.maxItems}`);
    if (options.maxItems > items) fail(`asked for the first ${options.maxItems} items, but the file holds ${items}`);
    items = options.maxItems;
  }
  return {
    dims: [items, ...dims.slice(1)],
    data: bytes.subarray(headerLength, headerLength + items * itemSize),
  };
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
