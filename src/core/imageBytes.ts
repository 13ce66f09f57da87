// What an image really is, judged by its bytes alone: the magic number says png, jpeg, gif or
// webp, and the header gives the dimensions. A file's name or declared type is never trusted
// (an .exe renamed to .png, a data: URL claiming image/png), and a header too short to read
// the dimensions from is refused, so a decompression bomb cannot hide behind it.

import { fromBase64, toBase64 } from './byteStrings';
import { t } from './l10n';

/** Limits an image must keep; the numbers themselves live in shared/imageLimits.ts. */
export interface ImageLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Largest width or height, in pixels. */
  maxSide: number;
  /** Largest width × height. */
  maxPixels: number;
}

export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export interface ImageInfo {
  mimeType: ImageMimeType;
  width: number;
  height: number;
}

export const IMAGE_EXTENSIONS: Readonly<Record<ImageMimeType, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  return startsWith(bytes, [...text].map((char) => char.charCodeAt(0)), offset);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function png(bytes: Uint8Array): ImageInfo | undefined {
  // Signature, then the IHDR chunk must come first: length, "IHDR", width, height (big-endian).
  if (!startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || !ascii(bytes, 12, 'IHDR') || bytes.length < 24) return undefined;
  return { mimeType: 'image/png', width: view(bytes).getUint32(16), height: view(bytes).getUint32(20) };
}

function gif(bytes: Uint8Array): ImageInfo | undefined {
  if (!(ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) || bytes.length < 10) return undefined;
  return { mimeType: 'image/gif', width: view(bytes).getUint16(6, true), height: view(bytes).getUint16(8, true) };
}

function webp(bytes: Uint8Array): ImageInfo | undefined {
  if (!ascii(bytes, 0, 'RIFF') || !ascii(bytes, 8, 'WEBP')) return undefined;
  const data = view(bytes);
  if (ascii(bytes, 12, 'VP8X') && bytes.length >= 30) {
    // Extended format: canvas width-1 and height-1 as 24-bit little-endian numbers.
    const width = 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16));
    const height = 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16));
    return { mimeType: 'image/webp', width, height };
  }
  if (ascii(bytes, 12, 'VP8L') && bytes.length >= 25 && bytes[20] === 0x2f) {
    // Lossless: 14 bits of width-1, then 14 bits of height-1.
    const bits = data.getUint32(21, true);
    return { mimeType: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (ascii(bytes, 12, 'VP8 ') && bytes.length >= 30 && startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) {
    // Lossy: a key frame's start code, then 14-bit width and height.
    return { mimeType: 'image/webp', width: data.getUint16(26, true) & 0x3fff, height: data.getUint16(28, true) & 0x3fff };
  }
  return undefined;
}

/** Start-of-frame markers carry the dimensions (C4 = DHT, C8 = JPG, CC = DAC are not frames). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpeg(bytes: Uint8Array): ImageInfo | undefined {
  if (!startsWith(bytes, [0xff, 0xd8, 0xff])) return undefined;
  const data = view(bytes);
  let offset = 2;
  // Walk the segments up to the frame header; the scan (SOS) before one means no size to trust.
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = data.getUint16(offset + 2);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return undefined;
      return { mimeType: 'image/jpeg', height: data.getUint16(offset + 5), width: data.getUint16(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}

/** The image's type and size from its bytes, or undefined when it is none of png/jpeg/gif/webp (or cut short). */
export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  const info = png(bytes) ?? jpeg(bytes) ?? gif(bytes) ?? webp(bytes);
  return info && info.width > 0 && info.height > 0 ? info : undefined;
}

/**
 * Why an image was refused. `reason` completes "<name> …" for the user, e.g. "is not a PNG,
 * JPEG, GIF or WebP image". A file over the byte limit comes back as numbers: the caller words
 * them with shared's `imageRefusalReason`, whose byte formatting the webview uses too (core
 * imports nothing of ours).
 */
export type ImageRefusal = { ok: false; reason: string } | { ok: false; tooLarge: { size: number; maxBytes: number } };

export type ImageCheck = { ok: true; info: ImageInfo } | ImageRefusal;

/** Whether `bytes` is an image within `limits`; an oversized file is refused before it is read. */
export function checkImage(bytes: Uint8Array, limits: ImageLimits): ImageCheck {
  if (bytes.length > limits.maxBytes) return { ok: false, tooLarge: { size: bytes.length, maxBytes: limits.maxBytes } };
  const info = sniffImage(bytes);
  if (!info) return { ok: false, reason: t('is not a PNG, JPEG, GIF or WebP image (judged by its contents)') };
  const { width, height } = info;
  if (width > limits.maxSide || height > limits.maxSide) {
    return { ok: false, reason: t('is {0} × {1} pixels; the limit is {2} pixels a side', width, height, limits.maxSide) };
  }
  if (width * height > limits.maxPixels) {
    const megapixels = (n: number) => `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')} MP`;
    return { ok: false, reason: t('is {0} × {1} pixels ({2}); the limit is {3}', width, height, megapixels(width * height), megapixels(limits.maxPixels)) };
  }
  return { ok: true, info };
}

/** `data:<type>;base64,<bytes>` with the type judged from the bytes. */
export function toDataUrl(bytes: Uint8Array, mimeType: ImageMimeType): string {
  return `data:${mimeType};base64,${toBase64(bytes)}`;
}

/**
 * The bytes of a base64 `data:` URL, whatever type it declares (the bytes decide), or
 * undefined when it is not base64 data.
 */
export function bytesOfDataUrl(dataUrl: string): Uint8Array | undefined {
  const match = /^data:[^,;]*(?:;[^,;]*)*;base64,([a-z0-9+/=\s]*)$/i.exec(dataUrl);
  if (!match) return undefined;
  return fromBase64(match[1]!);
}
