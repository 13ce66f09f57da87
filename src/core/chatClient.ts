// The streaming Chat Completions client: `streamChat` sends one request and yields the answer
// as ChatEvents; every failure is thrown as a ChatError. The parts it uses each do one job:
// endpoint (where), requestHeaders (what is sent), transport (redirects), retry (when to try
// again), timeouts (how long to wait), answerDecoder/answerAssembler (what came back), and
// providerErrors/transportErrors (what went wrong, in words a person can act on).

import type { ChatEvent, ChatRequest, RetryPolicy } from './types';
import { AnswerAssembler } from './answerAssembler';
import { AnswerDecoder } from './answerDecoder';
import { choiceCountOf, resolveMaxAnswerChars } from './answerLimits';
import { resolveChatCompletionsUrl, tokenHeaderFor } from './endpoint';
import { ChatError } from './errors';
import { errorFromHttpResponse, isRetryableKind } from './providerErrors';
import { createRedactor } from './redact';
import { buildHeaders } from './requestHeaders';
import { backoffDelay, isRetryableStatus, parseRetryAfter, resolveRetryPolicy, sleep } from './retry';
import { resolveTimeouts, Watchdog } from './timeouts';
import { sendFollowingRedirects } from './transport';
import { cancelledError, connectionError, connectionLostError, cutOffError, timeoutError } from './transportErrors';
import { readTextUpTo } from './responseText';
import { t } from './l10n';

export { ChatError } from './errors';
export type { ChatErrorInit } from './errors';
export { DEFAULT_RETRY } from './retry';
export { DEFAULT_TIMEOUTS } from './timeouts';
export { MAX_ANSWER_CHARS } from './answerLimits';
export { listModels } from './modelList';
export { resolveChatCompletionsUrl, resolveModelsUrl, isLoopbackHost, tokenHeaderFor } from './endpoint';
export { isReservedHeader } from './requestHeaders';
export type { TokenHeader } from './requestHeaders';
export type { FetchFunction } from './transport';

/** An error body longer than this is cut: the message needs its start, not a whole page. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Sends `request` and yields the answer as it arrives. Ends normally only when the answer is
 * complete; otherwise throws a ChatError after yielding everything that arrived. Stopping
 * (through `signal`, or by leaving the loop) closes the connection at once.
 */
export async function* streamChat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatEvent, void, undefined> {
  const redact = createRedactor([request.token, ...(request.secrets ?? [])]);
  const assembler = new AnswerAssembler({
    choices: choiceCountOf(request.body?.n),
    maxTextChars: resolveMaxAnswerChars(request.limits?.maxAnswerChars),
  });
  let run: ChatRun | undefined;
  try {
    run = new ChatRun(request, signal);
    const response = await run.connect();
    const body = response.body;
    if (body === null) throw cutOffError(false);
    const decoder = new AnswerDecoder(assembler, response.status, response.headers);
    const reader = body.getReader();
    const watchdog = run.watchdog;
    for (;;) {
      watchdog.beforeRead();
      let read: Awaited<ReturnType<typeof reader.read>>;
      try {
        read = await reader.read();
      } catch (error) {
        // A server that finished every choice but keeps the connection open is done, not idle.
        if (watchdog.expired === 'idle' && assembler.isComplete) break;
        throw error;
      }
      if (read.done) {
        decoder.end();
        break;
      }
      decoder.push(read.value);
      watchdog.afterRead(decoder.answerStarted);
      if (assembler.hasPending) {
        const events = assembler.drain();
        for (let i = 0; i < events.length; i++) yield events[i];
      }
      if (decoder.finished) break;
    }
    if (decoder.error === undefined) assembler.finish();
    if (assembler.hasPending) {
      for (const event of assembler.drain()) yield event;
    }
    if (decoder.error !== undefined) throw decoder.error;
    if (!assembler.isComplete) throw cutOffError(assembler.receivedText);
  } catch (error) {
    const explained = run ? run.explain(error, assembler.receivedText) : asChatError(error);
    throw explained.redactedWith(redact);
  } finally {
    run?.close();
  }
}

/** Failures before a run exists are configuration errors, already ChatErrors. */
function asChatError(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  return new ChatError({ kind: 'bad-request', message: t('The request could not be prepared: {0}', error instanceof Error ? error.message : String(error)) });
}

/** One call of streamChat: its clocks, its abort wiring and its attempts. */
class ChatRun {
  readonly watchdog: Watchdog;
  private readonly controller = new AbortController();
  private readonly retry: RetryPolicy;
  private readonly url: URL;
  private readonly headers: Record<string, string>;
  private readonly body: string;
  private readonly onUserAbort = (): void => this.controller.abort();
  private closed = false;

  constructor(
    private readonly request: ChatRequest,
    private readonly userSignal: AbortSignal | undefined,
  ) {
    this.url = resolveChatCompletionsUrl(request.baseUrl);
    const streaming = request.body.stream === true;
    this.headers = buildHeaders({
      token: request.token,
      accept: streaming ? 'text/event-stream, application/json' : 'application/json',
      json: true,
      extra: request.headers,
      tokenHeader: tokenHeaderFor(this.url),
    });
    this.body = JSON.stringify(request.body);
    this.retry = resolveRetryPolicy(request.retry);
    this.watchdog = new Watchdog(resolveTimeouts(request.timeouts), () => this.controller.abort());
  }

  /** Sends the request, retrying before any answer arrived; returns the 2xx response. */
  async connect(): Promise<Response> {
    if (this.userSignal?.aborted) throw cancelledError(false);
    this.userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
    this.watchdog.start();
    for (let attempt = 0; ; attempt++) {
      this.watchdog.awaitFirstByte();
      let failure: ChatError;
      let retryAfterMs: number | undefined;
      try {
        const { response } = await sendFollowingRedirects({
          method: 'POST',
          url: this.url,
          headers: this.headers,
          body: this.body,
          signal: this.controller.signal,
          fetch: this.request.fetch,
          originOnlyHeaders: Object.keys(this.request.headers ?? {}),
        });
        if (response.status >= 200 && response.status < 300) return response;
        retryAfterMs = parseRetryAfter(response.headers);
        const bodyText = await readTextUpTo(response, MAX_ERROR_BODY_BYTES);
        failure = errorFromHttpResponse({ status: response.status, headers: response.headers, bodyText, retryAfterMs });
        if (!isRetryableStatus(response.status) || !isRetryableKind(failure.kind)) throw failure;
        // OpenAI's servers say when a retry cannot help.
        if (response.headers.get('x-should-retry')?.trim().toLowerCase() === 'false') throw failure;
      } catch (error) {
        if (error instanceof ChatError || this.controller.signal.aborted) throw error;
        failure = connectionError(error, this.url.host);
      }
      if (attempt >= this.retry.maxRetries) throw failure;
      // The server's wait, but never less than the backoff: `retry-after: 0` from many clients
      // at once would otherwise come straight back.
      const backoffMs = backoffDelay(attempt + 1, this.retry);
      const delayMs = retryAfterMs === undefined ? backoffMs : Math.max(retryAfterMs, backoffMs);
      // A wait longer than the policy allows, or than the request has left, is reported at once
      // (the error says how long to wait), never sat through or turned into a timeout.
      if ((retryAfterMs !== undefined && retryAfterMs > this.retry.maxRetryAfterMs) || delayMs >= this.watchdog.remainingMs()) {
        throw failure;
      }
      this.watchdog.pauseWait();
      this.notifyRetry(attempt + 1, delayMs, failure);
      await sleep(delayMs, this.controller.signal);
    }
  }

  /** Any failure as a ChatError, using what this run knows: who aborted, which clock ran out. */
  explain(error: unknown, partial: boolean): ChatError {
    if (this.userSignal?.aborted) return cancelledError(partial);
    const expired = this.watchdog.expired;
    if (expired !== undefined) return timeoutError(expired, this.watchdog.limits, partial, this.watchdog.onlyKeptAlive);
    if (error instanceof ChatError) return partial && !error.partial ? error.with({ partial }) : error;
    // Failures while connecting became ChatErrors in connect(); what is left broke the body.
    return connectionLostError(error, this.url.host, partial);
  }

  /** Stops the clocks and closes the connection if the body was not read to its end. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watchdog.stop();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
    this.controller.abort();
  }

  private notifyRetry(attempt: number, delayMs: number, failure: ChatError): void {
    const onRetry = this.request.onRetry;
    if (!onRetry) return;
    try {
      onRetry({ attempt, delayMs, status: failure.status, reason: createRedactor([this.request.token, ...(this.request.secrets ?? [])])(failure.message) });
    } catch {
      // A listener's failure must not change the request's outcome.
    }
  }
}
