// Real, tiny images built byte by byte, so tests need no binary files: a PNG (zlib-compressed
// scanlines with CRCs), a baseline JPEG (one flat block per 8×8 MCU), a 1×1 GIF, and WebP in
// its three layouts (lossy VP8, lossless VP8L, extended VP8X). Each decodes in a browser (they
// were checked in Chromium); sizes other than the real ones are made by patching headers.
import { deflateSync } from 'node:zlib';

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function u32be(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function u32le(value: number): number[] {
  return u32be(value).reverse();
}

function pngChunk(type: string, data: Uint8Array): number[] {
  const typed = new Uint8Array([...Buffer.from(type, 'latin1'), ...data]);
  return [...u32be(data.length), ...typed, ...u32be(crc32(typed))];
}

/** A real PNG of `width` × `height` gray pixels. */
export function pngImage(width = 3, height = 2): Uint8Array {
  const header = new Uint8Array([...u32be(width), ...u32be(height), 8, 0, 0, 0, 0]); // 8-bit grayscale
  const scanlines = new Uint8Array((width + 1) * height).fill(0x80);
  for (let row = 0; row < height; row++) scanlines[row * (width + 1)] = 0; // filter type: none
  return new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...pngChunk('IHDR', header),
    ...pngChunk('IDAT', new Uint8Array(deflateSync(scanlines))),
    ...pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * A real baseline JPEG of `width` × `height` mid-gray pixels: one component, a quantisation
 * table, Huffman tables with a single 1-bit code each (DC difference 0, AC end-of-block), and
 * two 0 bits per 8×8 block.
 */
export function jpegImage(width = 3, height = 2): Uint8Array {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = '00'.repeat(blocks);
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1');
  const scan: number[] = [];
  for (let i = 0; i < padded.length; i += 8) scan.push(parseInt(padded.slice(i, i + 8), 2));
  const huffman = (tableClassAndId: number) => [0xff, 0xc4, 0x00, 0x14, tableClassAndId, 1, ...new Array(15).fill(0), 0x00];
  return new Uint8Array([
    0xff, 0xd8, // SOI
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, // APP0 JFIF
    0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array(64).fill(1), // DQT
    0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00, // SOF0
    ...huffman(0x00), // DC table 0
    ...huffman(0x10), // AC table 0
    0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, // SOS
    ...scan,
    0xff, 0xd9, // EOI
  ]);
}

/** A real 1×1 GIF89a (one white pixel); other sizes only in the header (for limit tests). */
export function gifImage(width = 1, height = 1): Uint8Array {
  const bytes = new Uint8Array([
    ...Buffer.from('GIF89a', 'latin1'), 1, 0, 1, 0, 0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0,
    0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
  ]);
  bytes.set([width & 0xff, width >> 8, height & 0xff, height >> 8], 6);
  return bytes;
}

function riff(chunks: number[][]): Uint8Array {
  const body = [...Buffer.from('WEBP', 'latin1'), ...chunks.flat()];
  return new Uint8Array([...Buffer.from('RIFF', 'latin1'), ...u32le(body.length), ...body]);
}

function webpChunk(type: string, data: number[]): number[] {
  return [...Buffer.from(type, 'latin1'), ...u32le(data.length), ...data, ...(data.length % 2 ? [0] : [])];
}

/** Chromium's encoding of a 3×2 red canvas. */
const VP8_3x2 = [
  0x90, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x03, 0x00, 0x02, 0x00, 0x01, 0x40, 0x26, 0x25, 0xa0, 0x02, 0x74, 0xba, 0x00, 0x03, 0x98,
  0x00, 0xfe, 0xee, 0xff, 0x9f, 0xfc, 0x05, 0xd3, 0xdd, 0x18, 0xb7, 0xff, 0xb8, 0x38, 0xff, 0xb0, 0x71, 0xff, 0x60, 0xe3, 0xf7,
  0x4c, 0x00, 0x00, 0x00,
];
const VP8L_3x2 = [0x2f, 0x02, 0x40, 0x00, 0x00, 0x07, 0xd0, 0x99, 0x32, 0x77, 0xa6, 0xff, 0x81, 0x88, 0xe8, 0x7f, 0x00];

/** A real 3×2 WebP: lossy (`VP8 `), lossless (`VP8L`) or extended (`VP8X` + lossless). */
export function webpImage(layout: 'lossy' | 'lossless' | 'extended' = 'lossy'): Uint8Array {
  if (layout === 'lossy') return riff([webpChunk('VP8 ', VP8_3x2)]);
  if (layout === 'lossless') return riff([webpChunk('VP8L', VP8L_3x2)]);
  const canvas = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff];
  return riff([webpChunk('VP8X', [0, 0, 0, 0, ...canvas(3 - 1), ...canvas(2 - 1)]), webpChunk('VP8L', VP8L_3x2)]);
}

/** The same bytes with width and height claimed otherwise in the header (never decodable). */
export function withClaimedSize(kind: 'png' | 'gif' | 'jpeg', width: number, height: number): Uint8Array {
  if (kind === 'png') {
    const bytes = pngImage();
    bytes.set([...u32be(width), ...u32be(height)], 16);
    return bytes;
  }
  if (kind === 'gif') return gifImage(width, height);
  return jpegImage(width, height);
}

export function dataUrlOf(bytes: Uint8Array, declaredType = 'image/png'): string {
  return `data:${declaredType};base64,${Buffer.from(bytes).toString('base64')}`;
}
