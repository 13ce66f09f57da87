// Bytes ↔ strings without depending on Node's Buffer: the browser build of the extension runs in
// a web worker, which has no Buffer. Where Buffer exists (the desktop extension host) it stays
// the fast path, so the Node build's streaming costs what it did; elsewhere the portable code
// below does the same work.

type BufferLike = {
  from(data: ArrayBufferLike, offset: number, length: number): { toString(encoding: string): string };
  from(text: string, encoding: string): Uint8Array;
};

const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;
const CHUNK = 0x8000;

/** Each byte as one UTF-16 unit (latin1), as Node's `toString('latin1')`. */
export function portableLatin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return text;
}

/** The bytes of a latin1 string (each unit's low byte). */
export function portableLatin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

export function portableBase64(bytes: Uint8Array): string {
  return btoa(portableLatin1(bytes));
}

/** Whitespace is ignored, as Node does; throws nothing for bad input (like Node, it decodes what it can). */
export function portableFromBase64(text: string): Uint8Array {
  const clean = text.replace(/[^a-z0-9+/]/gi, '');
  const padded = clean.length % 4 === 1 ? clean.slice(0, -1) : clean;
  return portableLatin1Bytes(atob(padded + '='.repeat((4 - (padded.length % 4)) % 4)));
}

export function latin1(bytes: Uint8Array): string {
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : portableLatin1(bytes);
}

export function latin1Bytes(text: string): Uint8Array {
  return NodeBuffer ? NodeBuffer.from(text, 'latin1') : portableLatin1Bytes(text);
}

export function toBase64(bytes: Uint8Array): string {
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') : portableBase64(bytes);
}

export function fromBase64(text: string): Uint8Array {
  return NodeBuffer ? new Uint8Array(NodeBuffer.from(text, 'base64')) : portableFromBase64(text);
}

/** The chunks as one array (the only one, uncopied, when there is one). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}
