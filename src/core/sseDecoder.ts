// Server-sent events from raw body bytes. UTF-8 is decoded in streaming mode, so a character
// split between two reads is joined, never replaced by U+FFFD; eventsource-parser does the SSE
// framing (CR, LF or CRLF line ends, split anywhere; comments; `data:` with or without a space;
// `event:` names).

import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';

/** Receives each event's data; `event` is the SSE event name when one was given. */
export type SseDataHandler = (data: string, event: string | undefined) => void;

/** A line this long is not a chat chunk; stop before it eats the memory. */
const MAX_EVENT_CHARS = 16 * 1024 * 1024;

export class SseDecoder {
  private readonly text = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;
  private overflow = false;

  constructor(onData: SseDataHandler) {
    this.parser = createParser({
      onEvent: (message: EventSourceMessage) => onData(message.data, message.event),
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') this.overflow = true;
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
    const text = this.text.decode(bytes, { stream: true });
    if (text !== '') this.parser.feed(text);
  }

  /**
   * The body ended. A last event without its blank line (llama.cpp's final `data: [DONE]`)
   * is still an event: a blank line is fed so the parser dispatches it.
   */
  end(): void {
    if (this.overflow) return;
    this.parser.feed(`${this.text.decode()}\n\n`);
  }
}
