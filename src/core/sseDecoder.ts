// Server-sent events from raw body bytes; eventsource-parser does the SSE framing (CR, LF or
// CRLF line ends, split anywhere; comments; `data:` with or without a space; `event:` names).
//
// The parser is fed "byte strings" (each byte one char, latin1), not UTF-8 text. That is exact:
// SSE framing only looks at ASCII (CR, LF, ':', field names), and UTF-8 never uses ASCII bytes
// inside a multi-byte character, so the lines and events come out the same. A character split
// between two reads is simply two chars of one byte string, joined by the parser like any other
// text, and decoded once its event is complete (decodeByteString). It is also fast: one non-ASCII
// character turns a decoded read into a two-byte string, on which the parser runs ~10× slower.

import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';

/** Receives each event's data as a byte string (see decodeByteString); `event` is its SSE name. */
export type SseDataHandler = (byteData: string, event: string | undefined) => void;

/** Receives the value of a non-standard `error:` field line (older llama.cpp), as a byte string. */
export type SseErrorFieldHandler = (byteValue: string) => void;

/** A line this long is not a chat chunk; stop before it eats the memory. */
const MAX_EVENT_CHARS = 16 * 1024 * 1024;
const BOM = [0xef, 0xbb, 0xbf];
const NON_ASCII = /[\u0080-\u00ff]/;

/** UTF-8 text from a byte string; ASCII-only strings (most chunks) are returned as they are. */
export function decodeByteString(byteString: string): string {
  return NON_ASCII.test(byteString) ? Buffer.from(byteString, 'latin1').toString('utf8') : byteString;
}

export class SseDecoder {
  private readonly parser: EventSourceParser;
  private overflow = false;
  /** The first bytes, held until it is known whether they are a byte order mark. */
  private start: Buffer | undefined = Buffer.alloc(0);

  constructor(onData: SseDataHandler, onErrorField?: SseErrorFieldHandler) {
    this.parser = createParser({
      onEvent: (message: EventSourceMessage) => onData(message.data, message.event),
      // Unknown field lines come here, off the path of `data:` lines: no cost per token.
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') this.overflow = true;
        else if (error.type === 'unknown-field' && error.field === 'error' && onErrorField) onErrorField(error.value ?? '');
      },
      maxBufferSize: MAX_EVENT_CHARS,
    });
  }

  /** An event grew past the size limit; the stream cannot be read further. */
  get overflowed(): boolean {
    return this.overflow;
  }

  push(bytes: Uint8Array): void {
    if (this.overflow) return;
    let buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.start !== undefined) {
      buffer = Buffer.concat([this.start, buffer]);
      if (buffer.length < BOM.length && BOM.slice(0, buffer.length).every((byte, i) => buffer[i] === byte)) {
        this.start = buffer;
        return;
      }
      this.start = undefined;
      if (buffer[0] === BOM[0] && buffer[1] === BOM[1] && buffer[2] === BOM[2]) buffer = buffer.subarray(BOM.length);
    }
    if (buffer.length > 0) this.parser.feed(buffer.toString('latin1'));
  }

  /**
   * The body ended. A last event without its blank line (llama.cpp's final `data: [DONE]`)
   * is still an event: a blank line is fed so the parser dispatches it.
   */
  end(): void {
    if (this.overflow) return;
    const held = this.start;
    this.start = undefined;
    this.parser.feed(`${held ? held.toString('latin1') : ''}\n\n`);
  }
}
