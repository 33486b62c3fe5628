/**
 * Reads the headers of the icon formats electron-builder takes (PNG, ICO, ICNS), enough to say
 * which pixel sizes a file holds: no image library, the formats' own fields.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR; throws when `bytes` is not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Each image of an .ico: its directory entry's size, checked against the image's own header (PNG or BMP). */
export function icoSizes(bytes: Buffer): number[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an .ico');
  const sizes: number[] = [];
  for (let i = 0; i < bytes.readUInt16LE(4); i++) {
    const entry = 6 + 16 * i;
    const width = bytes.readUInt8(entry) || 256;
    const height = bytes.readUInt8(entry + 1) || 256;
    const image = bytes.subarray(bytes.readUInt32LE(entry + 12), bytes.readUInt32LE(entry + 12) + bytes.readUInt32LE(entry + 8));
    const own = image.subarray(0, 8).equals(PNG_SIGNATURE)
      ? pngSize(image)
      : { width: image.readInt32LE(4), height: image.readInt32LE(8) / 2 }; // a BMP stacks its AND mask under the image
    if (own.width !== width || own.height !== height || width !== height) throw new Error(`.ico entry ${i}: ${width}×${height} in the directory, ${own.width}×${own.height} in the image`);
    sizes.push(width);
  }
  return sizes;
}

/** Each PNG image of an .icns, by type ("ic09" → 512, …); throws when the lengths do not add up. */
export function icnsPngSizes(bytes: Buffer): Map<string, number> {
  if (bytes.toString('ascii', 0, 4) !== 'icns' || bytes.readUInt32BE(4) !== bytes.length) throw new Error('not an .icns');
  const sizes = new Map<string, number>();
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset + 4);
    if (length < 8 || offset + length > bytes.length) throw new Error(`.icns entry at ${offset} runs past the file`);
    const data = bytes.subarray(offset + 8, offset + length);
    if (data.subarray(0, 8).equals(PNG_SIGNATURE)) sizes.set(bytes.toString('ascii', offset, offset + 4), pngSize(data).width);
    offset += length;
  }
  return sizes;
}
