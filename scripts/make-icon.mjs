#!/usr/bin/env node
/**
 * Draws NN Lab's icon and writes every file the targets need, offline and with no package:
 * the drawing below is the source; this script writes it as SVG (resources/icon.svg, and the
 * browser host's favicon renderer/public/icon.svg), rasterizes it itself (anti-aliased by signed
 * distance) into PNGs, and packs those into icon.ico (Windows) and icon.icns (macOS).
 *
 *   resources/icon.svg, icon.ico, icon.icns      electron-builder's win.icon and mac.icon
 *   resources/icons/<N>x<N>.png                  linux.icon (a folder of sizes, as electron-builder asks)
 *   renderer/public/icon.svg, icon-256.png       the favicon and the window icon (electron/main/window-icon.ts)
 *
 * Usage: `node scripts/make-icon.mjs [output root]` (default: the repository). The outputs are
 * committed; run this again after changing the drawing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ACCENT = '#2563eb'; // renderer/src/styles/app.css --accent
const HIGHLIGHT = '#fbbf24'; // one path lit up: the gradient flowing back through the network
const WHITE = '#ffffff';

/**
 * The drawing on a 64 × 64 canvas: a rounded square in the accent colour, a 2-3-2 network
 * (three layers of dots), every connection faint and one path highlighted. Below 48 px the faint
 * connections are left out (at 32 px they blur into a grey mesh), so the dots and the highlighted path stay legible at 16 px.
 */
const LAYERS = [
  [{ x: 15, y: 22 }, { x: 15, y: 42 }],
  [{ x: 32, y: 14 }, { x: 32, y: 32 }, { x: 32, y: 50 }],
  [{ x: 49, y: 22 }, { x: 49, y: 42 }],
];
const PATH = [LAYERS[0][0], LAYERS[1][1], LAYERS[2][1]];

function shapes({ detailed }) {
  const list = [{ kind: 'roundRect', x: 0, y: 0, w: 64, h: 64, r: 14, fill: ACCENT }];
  if (detailed) {
    for (let l = 0; l + 1 < LAYERS.length; l++) {
      for (const a of LAYERS[l]) for (const b of LAYERS[l + 1]) list.push({ kind: 'line', a, b, width: 1.6, fill: WHITE, opacity: 0.4 });
    }
  }
  for (let i = 0; i + 1 < PATH.length; i++) list.push({ kind: 'line', a: PATH[i], b: PATH[i + 1], width: 4.5, fill: HIGHLIGHT, opacity: 1 });
  for (const layer of LAYERS) {
    for (const dot of layer) list.push({ kind: 'circle', x: dot.x, y: dot.y, r: 5.5, fill: PATH.includes(dot) ? HIGHLIGHT : WHITE, opacity: 1 });
  }
  return list;
}

export function iconSvg() {
  const body = shapes({ detailed: true })
    .map((s) => {
      const opacity = s.opacity !== undefined && s.opacity !== 1 ? ` opacity="${s.opacity}"` : '';
      if (s.kind === 'roundRect') return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`;
      if (s.kind === 'line') return `<line x1="${s.a.x}" y1="${s.a.y}" x2="${s.b.x}" y2="${s.b.y}" stroke="${s.fill}" stroke-width="${s.width}" stroke-linecap="round"${opacity}/>`;
      return `<circle cx="${s.x}" cy="${s.y}" r="${s.r}" fill="${s.fill}"${opacity}/>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">${body}</svg>\n`;
}

/** Signed distance (in drawing units) from a point to a shape's edge: negative inside. */
function distance(s, px, py) {
  if (s.kind === 'circle') return Math.hypot(px - s.x, py - s.y) - s.r;
  if (s.kind === 'line') {
    const dx = s.b.x - s.a.x;
    const dy = s.b.y - s.a.y;
    const t = Math.max(0, Math.min(1, ((px - s.a.x) * dx + (py - s.a.y) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - (s.a.x + t * dx), py - (s.a.y + t * dy)) - s.width / 2;
  }
  const qx = Math.abs(px - (s.x + s.w / 2)) - (s.w / 2 - s.r);
  const qy = Math.abs(py - (s.y + s.h / 2)) - (s.h / 2 - s.r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - s.r;
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);

/**
 * RGBA pixels of the drawing at `size` × `size`, with `margin` (a fraction of the size) left
 * empty around it (macOS icons sit inside a transparent border). Premultiplied compositing,
 * stored straight.
 */
export function rasterize(size, margin = 0) {
  const list = shapes({ detailed: size >= 48 }).map((s) => ({ ...s, rgb: rgb(s.fill), alpha: s.opacity ?? 1 }));
  const inner = size * (1 - 2 * margin);
  const unitsPerPixel = 64 / inner;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const ux = (x + 0.5 - size * margin) * unitsPerPixel;
      const uy = (y + 0.5 - size * margin) * unitsPerPixel;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const s of list) {
        const coverage = Math.max(0, Math.min(1, 0.5 - distance(s, ux, uy) / unitsPerPixel)) * s.alpha;
        if (coverage === 0) continue;
        r = s.rgb[0] * coverage + r * (1 - coverage);
        g = s.rgb[1] * coverage + g * (1 - coverage);
        b = s.rgb[2] * coverage + b * (1 - coverage);
        a = coverage + a * (1 - coverage);
      }
      const o = (y * size + x) * 4;
      if (a > 0) {
        pixels[o] = Math.round((r / a) * 255);
        pixels[o + 1] = Math.round((g / a) * 255);
        pixels[o + 2] = Math.round((b / a) * 255);
      }
      pixels[o + 3] = Math.round(a * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'ascii');
  Buffer.from(data).copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

export function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, not interlaced
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) Buffer.from(pixels.subarray(y * size * 4, (y + 1) * size * 4)).copy(rows, y * (size * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A 32-bit BMP icon image (BITMAPINFOHEADER, bottom-up BGRA, an all-clear AND mask): what every Windows tool reads. */
function icoBitmap(size, pixels) {
  const maskRow = Math.ceil(size / 32) * 4;
  const bitmap = Buffer.alloc(40 + size * size * 4 + maskRow * size);
  bitmap.writeUInt32LE(40, 0);
  bitmap.writeInt32LE(size, 4);
  bitmap.writeInt32LE(size * 2, 8); // the XOR image and the AND mask, stacked
  bitmap.writeUInt16LE(1, 12);
  bitmap.writeUInt16LE(32, 14);
  bitmap.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = 40 + ((size - 1 - y) * size + x) * 4;
      bitmap.set([pixels[from + 2], pixels[from + 1], pixels[from], pixels[from + 3]], to);
    }
  }
  return bitmap;
}

/** An .ico: BMP images up to 128 px, the 256 px one as PNG (Windows Vista's format, which NSIS and rcedit read). */
export function encodeIco(sizes) {
  const images = sizes.map((size) => {
    const pixels = rasterize(size);
    return { size, data: size >= 256 ? encodePng(size, pixels) : icoBitmap(size, pixels) };
  });
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 stands for 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

/** The .icns types that hold a PNG, by pixel size (Retina variants share sizes with larger ones). */
const ICNS_TYPES = [
  ['icp4', 16], ['icp5', 32], ['ic11', 32], ['icp6', 64], ['ic12', 64], ['ic07', 128],
  ['ic08', 256], ['ic13', 256], ['ic09', 512], ['ic14', 512], ['ic10', 1024],
];

/** macOS draws its icons inside a transparent border (Apple's grid: 824 of 1024 px). */
const MAC_MARGIN = (1024 - 824) / 2 / 1024;

export function encodeIcns() {
  const pngs = new Map();
  const entries = ICNS_TYPES.map(([type, size]) => {
    if (!pngs.has(size)) pngs.set(size, encodePng(size, rasterize(size, MAC_MARGIN)));
    const data = pngs.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((total, entry) => total + entry.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const WINDOW_ICON_SIZE = 256;

function main(root) {
  const write = (path, data) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  };
  write('resources/icon.svg', iconSvg());
  write('renderer/public/icon.svg', iconSvg());
  for (const size of LINUX_SIZES) write(`resources/icons/${size}x${size}.png`, encodePng(size, rasterize(size)));
  write('resources/icon.ico', encodeIco(ICO_SIZES));
  write('resources/icon.icns', encodeIcns());
  write(`renderer/public/icon-${WINDOW_ICON_SIZE}.png`, encodePng(WINDOW_ICON_SIZE, rasterize(WINDOW_ICON_SIZE)));
  console.log(`make-icon: icon.svg, icons/ (${LINUX_SIZES.join(', ')} px), icon.ico, icon.icns and the window icon written under ${root}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..')));
}
