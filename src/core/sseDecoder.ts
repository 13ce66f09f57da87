// Server-sent events from raw body bytes. The common event, one `data: …` line and a blank
// line, is framed here on the read's text; everything else (comments, `event:`/`id:`/`retry:`
// and unknown fields such as llama.cpp's `error:`, multi-line data, blank-line runs, CR or
// CRLF line ends, events too long to hold) goes to eventsource-parser, which is the reference.
//
// The text is a "byte string" (each byte one char, latin1), not UTF-8 text. That is exact:
// SSE framing only looks at ASCII (CR, LF, ':', field names), and UTF-8 never uses ASCII bytes
// inside a multi-byte character, so the lines and events come out the same. A character split
// between two reads is simply two chars of one byte string, and decoded once its event is
// complete (decodeByteString). It is also fast: one non-ASCII character turns a decoded read
// into a two-byte string, on which every search runs ~10× slower.
//
// Why the shared framing is exact: without CR in the stream, lines end at LF only. The parser
// is "clean" (no part of a line, no field of an event held) at the start and after every blank
// line. There, a line `data:V` followed by a blank line is exactly one event with data V (one
// optional space after the colon dropped) and no name, as the parser would dispatch it. Any
// other line hands the stream to the parser up to and including the next blank line, after
// which it is clean again. The first CR seen hands the rest of the stream to the parser.

import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { concatBytes, latin1, latin1Bytes } from './byteStrings';

/**
 * Receives each event's data as `text.slice(start, end)`, a byte string (see decodeByteString),
 * given as a range so that a reader can look at it without copying; `event` is its SSE name.
 */
export type SseDataHandler = (text: string, start: number, end: number, event: string | undefined) => void;

/** Receives the value of a non-standard `error:` field line (older llama.cpp), as a byte string. */
export type SseErrorFieldHandler = (byteValue: string) => void;

/** A line this long is not a chat chunk; stop before it eats the memory. */
const MAX_EVENT_CHARS = 16 * 1024 * 1024;
/** An unfinished `data:` line longer than this is left to the parser, which holds it in pieces. */
const MAX_HELD_LINE_CHARS = 64 * 1024;
/** How much of a read completes the event held from the read before, without copying the read. */
const JOIN_CHARS = 4096;
const BOM = [0xef, 0xbb, 0xbf];
const UTF8 = new TextDecoder('utf-8');
const NON_ASCII = /[\u0080-\u00ff]/;
const LF = 0x0a;
const SPACE = 0x20;

/** UTF-8 text from a byte string; ASCII-only strings (most chunks) are returned as they are. */
export function decodeByteString(byteString: string): string {
  return NON_ASCII.test(byteString) ? UTF8.decode(latin1Bytes(byteString)) : byteString;
}

export class SseDecoder {
  private readonly parser: EventSourceParser;
  private overflow = false;
  /** The first bytes, held until it is known whether they are a byte order mark. */
  private start: Uint8Array | undefined = new Uint8Array(0);
  /** The parser holds nothing: the next line is framed here. */
  private clean = true;
  /** A CR was seen: the parser frames everything from here on. */
  private parserOnly = false;
  /** What was last fed to the parser ended with LF (a blank line may straddle two reads). */
  private fedLineEnd = false;
  /** The start of an event framed here whose end has not arrived; the parser is clean. */
  private held = '';
  private firstText = true;

  constructor(
    private readonly onData: SseDataHandler,
    onErrorField?: SseErrorFieldHandler,
  ) {
    this.parser = createParser({
      onEvent: (message: EventSourceMessage) => onData(message.data, 0, message.data.length, message.event),
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
    let buffer = bytes;
    if (this.start !== undefined) {
      buffer = concatBytes([this.start, buffer]);
      if (buffer.length < BOM.length && BOM.slice(0, buffer.length).every((byte, i) => buffer[i] === byte)) {
        this.start = buffer;
        return;
      }
      this.start = undefined;
      if (buffer[0] === BOM[0] && buffer[1] === BOM[1] && buffer[2] === BOM[2]) buffer = buffer.subarray(BOM.length);
    }
    if (buffer.length > 0) this.take(latin1(buffer));
  }

  /**
   * The body ended. A last event without its blank line (llama.cpp's final `data: [DONE]`)
   * is still an event: a blank line is added so that it is dispatched.
   */
  end(): void {
    if (this.overflow) return;
    const held = this.start;
    this.start = undefined;
    if (held !== undefined && held.length > 0) this.take(latin1(held));
    if (this.overflow) return;
    this.take('\n\n');
  }

  private take(text: string): void {
    if (this.firstText) {
      this.firstText = false;
      // The parser drops a byte order mark at the start of the first text it is fed; that
      // text may come much later here, so it is told that it has started, unless the stream
      // does begin with another mark (which the parser then drops, as it always did).
      if (text.charCodeAt(0) !== BOM[0]) this.parser.feed('');
    }
    if (this.parserOnly) {
      this.parser.feed(text);
      return;
    }
    if (text.indexOf('\r') !== -1) {
      // CR line ends are rare; the parser knows them all (CR, CRLF, and CRLF cut between reads).
      this.parserOnly = true;
      const held = this.held;
      this.held = '';
      this.parser.feed(held + text);
      return;
    }
    let from = 0;
    if (this.held !== '') {
      // Complete the held event from the read's first bytes, without copying the whole read.
      const held = this.held;
      this.held = '';
      const head = text.length <= JOIN_CHARS ? text : text.slice(0, JOIN_CHARS);
      const joined = held + head;
      const stop = this.frame(joined, 0);
      if (head.length === text.length) {
        this.finish(stop, joined);
        return;
      }
      if (stop < joined.length) {
        // The event is longer than what was joined: frame it from one string after all.
        const rest = joined.slice(stop) + text.slice(head.length);
        this.finish(this.frame(rest, 0), rest);
        return;
      }
      from = head.length;
    }
    this.finish(this.frame(text, from), text);
  }

  /** Holds the unframed rest of `text` from `stop`, or gives it to the parser if it is long. */
  private finish(stop: number, text: string): void {
    if (stop >= text.length) return;
    const rest = text.slice(stop);
    if (rest.length <= MAX_HELD_LINE_CHARS) {
      this.held = rest;
      return;
    }
    this.clean = false;
    this.feedParser(rest);
  }

  /**
   * Frames `text` from `position` and returns where it stopped: at its end, or at the start of
   * a `data:` line whose end is not in `text` yet (the parser is then clean).
   */
  private frame(text: string, position: number): number {
    const length = text.length;
    let p = position;
    while (p < length) {
      if (!this.clean) {
        p = this.feedToBlankLine(text, p);
        continue;
      }
      const first = text.charCodeAt(p);
      if (first === LF) {
        // A blank line where the parser is clean dispatches nothing.
        p++;
        continue;
      }
      if (first === 0x64 /* d */ && text.charCodeAt(p + 1) === 0x61 && text.charCodeAt(p + 2) === 0x74 && text.charCodeAt(p + 3) === 0x61 && text.charCodeAt(p + 4) === 0x3a) {
        const lineEnd = text.indexOf('\n', p + 5);
        if (lineEnd === -1 || lineEnd + 1 === length) return p;
        if (text.charCodeAt(lineEnd + 1) === LF) {
          const start = text.charCodeAt(p + 5) === SPACE ? p + 6 : p + 5;
          p = lineEnd + 2;
          this.onData(text, start, lineEnd, undefined);
          if (this.overflow) return length;
          continue;
        }
      } else if (length - p < 5 && 'data:'.startsWith(text.slice(p))) {
        return p;
      }
      this.clean = false;
      this.fedLineEnd = false;
    }
    return p;
  }

  /** Feeds the parser up to and including the next blank line (then it is clean), else all. */
  private feedToBlankLine(text: string, p: number): number {
    let end: number;
    if (this.fedLineEnd && text.charCodeAt(p) === LF) {
      end = p + 1;
    } else {
      const blank = text.indexOf('\n\n', p);
      if (blank === -1) {
        this.feedParser(p === 0 ? text : text.slice(p));
        return text.length;
      }
      end = blank + 2;
    }
    this.feedParser(text.slice(p, end));
    this.clean = true;
    return end;
  }

  private feedParser(text: string): void {
    if (this.overflow || text === '') return;
    this.fedLineEnd = text.charCodeAt(text.length - 1) === LF;
    this.parser.feed(text);
  }
}
