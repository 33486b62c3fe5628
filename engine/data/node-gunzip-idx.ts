import { constants, gunzipSync } from 'node:zlib';
import { messageOf } from '../api/error-message';

/** The installer ships MNIST gzipped (12 MB instead of 55 MB); the engine reads these names too. */
export const GZIP_SUFFIX = '.gz';

/**
 * Unpacks a gzipped IDX file into a SharedArrayBuffer (so worker threads share it without a copy).
 * The IDX header inside says how many bytes the file has: the gzip is never unpacked past that,
 * so a small hostile file cannot fill the memory. Throws an Error naming `source` when the gzip is
 * damaged or truncated, or holds more than its header says (parseIdx reports a shorter one).
 */
export function gunzipIdx(compressed: Uint8Array, source: string): Uint8Array {
  const expected = idxLengthFromHeader(compressed, source);
  let unpacked: Buffer;
  try {
    unpacked = gunzipSync(compressed, { maxOutputLength: Math.max(expected, 1) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new Error(`${source}: unpacks to more than the ${expected} bytes its IDX header says; the file is damaged`, { cause: error });
    }
    throw new Error(`${source}: damaged or truncated gzip file (${messageOf(error)})`, { cause: error });
  }
  const shared = new Uint8Array(new SharedArrayBuffer(unpacked.length));
  shared.set(unpacked);
  return shared;
}

/**
 * The full length of the IDX file in `compressed`, from its header: only a prefix of the stream is
 * unpacked (flushed as far as it goes), then the dimensions are multiplied out. Deflate expands at
 * most about 1032 times, so a 4 KB prefix unpacks to at most ~4 MB, and any real gzip (header,
 * file name, Huffman tables) reaches the IDX header long before that.
 */
function idxLengthFromHeader(compressed: Uint8Array, source: string): number {
  let header = new Uint8Array(0);
  for (const prefix of [256, 4096]) {
    try {
      header = gunzipSync(compressed.subarray(0, prefix), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch (error) {
      throw new Error(`${source}: damaged or truncated gzip file (${messageOf(error)})`, { cause: error });
    }
    if (headerComplete(header) || prefix >= compressed.length) break;
  }
  if (!headerComplete(header)) {
    const where = compressed.length <= 4096 ? 'the gzip file ends' : 'its first 4 KB end';
    throw new Error(`${source}: truncated: ${where} before the IDX header does`);
  }
  const rank = header[3]!;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  let length = 1;
  for (let i = 0; i < rank; i++) length *= view.getUint32(4 + 4 * i);
  return 4 + 4 * rank + length;
}

function headerComplete(header: Uint8Array): boolean {
  return header.length >= 4 && header.length >= 4 + 4 * header[3]!;
}
