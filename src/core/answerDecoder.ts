// Reads a successful (2xx) answer body of any form into an AnswerAssembler: an SSE stream, a
// whole JSON completion (also when `stream: true` was asked and the server ignored it), or an
// HTML page (a base URL that points at a website). The form is decided from the first bytes,
// with the content type as a hint: servers mislabel bodies in both directions.

import { AnswerAssembler } from './answerAssembler';
import { concatBytes } from './byteStrings';
import { ContentShortcut, isPlainContentChunk } from './contentShortcut';
import { ChatError } from './errors';
import { errorFromHttpResponse, errorFromStreamPayload, excerptOf, isErrorBody } from './providerErrors';
import { decodeByteString, SseDecoder } from './sseDecoder';
import { t } from './l10n';

type BodyForm = 'undecided' | 'sse' | 'json' | 'html';

/** A whole JSON answer larger than this is not a chat completion. */
const MAX_JSON_BYTES = 32 * 1024 * 1024;
/** Enough of a web page to quote its title and first words. */
const MAX_HTML_BYTES = 64 * 1024;

export class AnswerDecoder {
  private form: BodyForm = 'undecided';
  private readonly held: Uint8Array[] = [];
  private heldBytes = 0;
  private sse: SseDecoder | undefined;
  private atEnd = false;
  private stopped = false;
  private failure: ChatError | undefined;
  /** Lines dropped because they were not JSON (a half line at the end of a cut stream). */
  private discarded = 0;
  private readonly shortcut = new ContentShortcut();
  /** An answer event arrived (for SSE: a `data:` event, not a comment or a blank line). */
  private started = false;

  constructor(
    private readonly assembler: AnswerAssembler,
    private readonly status: number,
    private readonly headers: Headers,
  ) {}

  /** The server reported an error, or the body cannot be a chat completion. */
  get error(): ChatError | undefined {
    return this.failure;
  }

  /** Nothing more needs reading: `[DONE]` arrived or the answer failed. */
  get finished(): boolean {
    return this.stopped;
  }

  get discardedLines(): number {
    return this.discarded;
  }

  /**
   * The answer has begun: a `data:` event (or an error) arrived, or a body that is not a
   * stream. Keep-alive comments and blank lines do not count: a server that only sends those
   * has not started answering (the first-byte clock keeps running).
   */
  get answerStarted(): boolean {
    return this.started;
  }

  push(bytes: Uint8Array): void {
    if (this.stopped) return;
    if (this.form === 'sse') {
      this.sse!.push(bytes);
      this.checkOverflow();
      return;
    }
    if (this.form === 'undecided') {
      this.form = decideForm(bytes, this.headers.get('content-type') ?? '');
      if (this.form === 'undecided') {
        this.hold(bytes);
        return;
      }
      if (this.form === 'sse') {
        this.sse = new SseDecoder(
          (text, start, end, event) => this.takeSseData(text, start, end, event),
          (data) => this.takeErrorField(data),
        );
        for (const early of this.held.splice(0)) this.sse.push(early);
        this.sse.push(bytes);
        this.checkOverflow();
        return;
      }
    }
    this.started = true;
    this.hold(bytes);
    const limit = this.form === 'html' ? MAX_HTML_BYTES : MAX_JSON_BYTES;
    if (this.heldBytes > limit) {
      if (this.form === 'html') this.end();
      else this.fail(protocolError(t('The server\'s answer is larger than {0} MB and is not a chat completion.', MAX_JSON_BYTES / 1024 / 1024)));
    }
  }

  /** The body ended (or, for a page, enough of it was read). */
  end(): void {
    if (this.stopped) return;
    this.atEnd = true;
    switch (this.form) {
      case 'sse':
        this.sse!.end();
        break;
      case 'json':
        this.takeJsonBody(decodeAll(this.held));
        break;
      case 'html':
        this.fail(htmlPageError(this.status, this.headers, decodeAll(this.held)));
        break;
      case 'undecided':
        // An empty (or whitespace-only) body: nothing was answered.
        break;
    }
    this.stopped = true;
  }

  /** An event's data is `text.slice(start, end)`, a byte string. */
  private takeSseData(text: string, start: number, end: number, event: string | undefined): void {
    if (this.stopped) return;
    this.started = true;
    try {
      // Nearly every event is one more token: read it in place, without a copy or a parse.
      const content = event === undefined ? this.shortcut.contentAt(text, start, end) : undefined;
      if (content !== undefined) this.assembler.takeContent(this.shortcut.choiceIndex, content);
      else this.takeEvent(start === 0 && end === text.length ? text : text.slice(start, end), event);
    } catch (error) {
      // The assembler refused a number or a size the server chose.
      if (error instanceof ChatError) this.fail(error);
      else throw error;
    }
  }

  /**
   * Older llama.cpp servers report a failure as a non-standard field line `error: {…}`
   * (then `data: [DONE]`); any SSE parser ignores it, which made the failure an empty answer.
   */
  private takeErrorField(byteData: string): void {
    if (this.stopped) return;
    this.started = true;
    const data = decodeByteString(byteData);
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      payload = undefined;
    }
    this.fail(errorFromStreamPayload(payload, data, this.assembler.receivedText));
  }

  private takeEvent(byteData: string, event: string | undefined): void {
    if (byteData === '[DONE]') {
      this.assembler.markDone();
      this.stopped = true;
      return;
    }
    const data = decodeByteString(byteData);
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      if (event === 'error') {
        this.fail(errorFromStreamPayload(undefined, data, this.assembler.receivedText));
      } else {
        // A half line at the end of a cut stream, or a keep-alive some proxy writes as data.
        this.discarded++;
      }
      return;
    }
    if (chunk === null || typeof chunk !== 'object') {
      this.discarded++;
      return;
    }
    if (event === 'error' || isErrorBody(chunk)) {
      this.fail(errorFromStreamPayload(chunk, data, this.assembler.receivedText));
      return;
    }
    const learnable = event === undefined && isPlainContentChunk(chunk, this.assembler.modelKnown) && this.shortcut.wantsToLearn();
    this.assembler.takeChunk(chunk);
    // An error beside choices (a last chunk with `finish_reason: "error"`): its text is kept
    // above, and the answer ends with the error, never as a completed answer.
    if (carriesError(chunk) || this.assembler.endedWithError) {
      this.failWithServerError(chunk, data);
      return;
    }
    if (learnable) this.shortcut.learn(byteData, chunk);
  }

  private failWithServerError(body: object, rawText: string): void {
    this.fail(
      carriesError(body)
        ? errorFromStreamPayload(body, rawText, this.assembler.receivedText)
        : errorFinishError(this.assembler.receivedText),
    );
  }

  private takeJsonBody(text: string): void {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      this.fail(
        protocolError(
          this.atEnd
            ? t('The server\'s answer is not valid JSON (it may have been cut off): {0}. Check the base URL and try again.', excerptOf(text) ?? t('empty body'))
            : t('The server\'s answer is not valid JSON: {0}. Check the base URL and try again.', excerptOf(text) ?? t('empty body')),
        ),
      );
      return;
    }
    if (isErrorBody(body)) {
      this.fail(errorFromHttpResponse({ status: this.status, headers: this.headers, bodyText: text }));
      return;
    }
    if (body === null || typeof body !== 'object' || !Array.isArray((body as { choices?: unknown }).choices)) {
      this.fail(protocolError(t('The server\'s answer has no "choices", so it is not a chat completion: {0}. Check the base URL.', excerptOf(text) ?? '')));
      return;
    }
    try {
      this.assembler.takeCompletion(body);
    } catch (error) {
      if (error instanceof ChatError) this.fail(error);
      else throw error;
      return;
    }
    if (carriesError(body) || this.assembler.endedWithError) this.failWithServerError(body, text);
  }

  private checkOverflow(): void {
    if (this.sse?.overflowed) this.fail(protocolError(t('The server sent a single event larger than 16 MB; the stream cannot be read.')));
  }

  private hold(bytes: Uint8Array): void {
    this.held.push(bytes);
    this.heldBytes += bytes.byteLength;
  }

  private fail(error: ChatError): void {
    if (this.failure === undefined) this.failure = error;
    this.stopped = true;
  }
}

/** The first byte that is not whitespace (or a BOM) tells what the body is. */
function decideForm(bytes: Uint8Array, contentType: string): BodyForm {
  if (/\bhtml\b/i.test(contentType)) return 'html';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    if (byte === 0xef || byte === 0xbb || byte === 0xbf) continue;
    if (byte === 0x7b /* { */ || byte === 0x5b /* [ */) return 'json';
    if (byte === 0x3c /* < */) return 'html';
    return 'sse';
  }
  return 'undecided';
}

function decodeAll(chunks: Uint8Array[]): string {
  return new TextDecoder('utf-8').decode(concatBytes(chunks));
}

/** A top-level `error` that is more than a placeholder (`"error": null` is common and harmless). */
function carriesError(body: object): boolean {
  const error = (body as { error?: unknown }).error;
  return (error !== null && typeof error === 'object') || (typeof error === 'string' && error.trim() !== '');
}

/** `finish_reason: "error"` with no error object: the server gave up and said nothing more. */
function errorFinishError(partial: boolean): ChatError {
  return new ChatError({
    kind: 'server',
    status: 200,
    code: 'finish_reason_error',
    message:
      t('The server stopped the answer with an error and gave no reason.') +
      `${partial ? ` ${t('The text received so far was kept.')}` : ''} ${t('Try again; if it keeps happening, the model or server may be failing.')}` +
      ` ${t('(in a stream with HTTP 200, finish_reason "error")')}`,
    retryable: true,
    partial,
  });
}

function protocolError(message: string): ChatError {
  return new ChatError({ kind: 'protocol', message, retryable: false });
}

function htmlPageError(status: number, headers: Headers, page: string): ChatError {
  const excerpt = excerptOf(page);
  return new ChatError({
    kind: 'protocol',
    status,
    message:
      t('The server answered with a web page instead of a chat completion (HTTP {0}, {1})', status, headers.get('content-type') ?? t('no content type')) +
      `${excerpt ? `: ${excerpt}` : ''}. ${t('Check the base URL: it must point at the API (for example …/v1), not a website.')}`,
  });
}
