// Retry rules, counted at a real server: what is retried, how often, after which wait, and
// that nothing is sent twice once an answer has started.

import * as assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChatError, streamChat } from '../../../src/core/chatClient';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, resolveRetryPolicy } from '../../../src/core/retry';
import type { ChatRequest, RetryNotice } from '../../../src/core/types';
import { chunkJson, collectAnswer, jsonAnswer, ReplayServer, sseAnswer, sseEvents, type Handler } from '../../support/replayServer';

const okStream = sseEvents(chunkJson({ role: 'assistant', content: 'Hi' }), chunkJson({}, { finish: 'stop' }), '[DONE]');

describe('retry rules', () => {
  let server: ReplayServer;
  let notices: RetryNotice[];

  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    notices = [];
  });

  function request(retry: ChatRequest['retry'] = {}): ChatRequest {
    return {
      baseUrl: server.baseUrl,
      token: 'sk-test-retry-0123456789',
      body: { model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true },
      // Tiny waits: the rules are asserted by counting requests, never by the clock.
      retry: { baseDelayMs: 1, maxDelayMs: 4, ...retry },
      onRetry: (notice) => notices.push(notice),
    };
  }

  const failWith = (status: number, body: unknown = { error: { message: `failed ${status}`, type: 'x' } }, headers: Record<string, string> = {}): Handler =>
    jsonAnswer(status, body, headers);

  for (const status of [408, 409, 429, 500, 502, 503, 504]) {
    it(`retries HTTP ${status} and then succeeds`, async () => {
      server.script(failWith(status), sseAnswer(okStream));
      const answer = await collectAnswer(streamChat(request()));
      assert.equal(answer.error, undefined);
      assert.equal(answer.choices.get(0)?.content, 'Hi');
      assert.equal(server.requests.length, 2);
      assert.deepEqual(notices.map((n) => [n.attempt, n.status]), [[1, status]]);
    });
  }

  it('gives up after 2 retries by default and reports the last failure', async () => {
    server.always(failWith(503));
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'server');
    assert.equal(answer.error.status, 503);
    assert.equal(server.requests.length, 1 + DEFAULT_RETRY.maxRetries);
    assert.deepEqual(notices.map((n) => n.attempt), [1, 2]);
  });

  it('honours maxRetries', async () => {
    server.always(failWith(500));
    await collectAnswer(streamChat(request({ maxRetries: 0 })));
    assert.equal(server.requests.length, 1);
    server.reset();
    server.always(failWith(500));
    await collectAnswer(streamChat(request({ maxRetries: 4 })));
    assert.equal(server.requests.length, 5);
  });

  for (const [label, status, body] of [
    ['400 bad request', 400, { error: { message: 'bad', type: 'invalid_request_error', code: null } }],
    ['401 unauthorized', 401, { success: false, error: { code: 'invalid_token', message: 'bad token' }, trace_id: 't' }],
    ['403 forbidden', 403, { error: { message: 'no' } }],
    ['404 not found', 404, { error: { message: 'no such model', code: 'model_not_found' } }],
    ['429 insufficient_quota', 429, { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } }],
  ] as const) {
    it(`does not retry ${label}`, async () => {
      server.always(failWith(status, body));
      const answer = await collectAnswer(streamChat(request()));
      assert.ok(answer.error instanceof ChatError);
      assert.equal(server.requests.length, 1);
      assert.equal(notices.length, 0);
    });
  }

  it('retries a connection that breaks before any answer', async () => {
    const hangUp: Handler = (req: IncomingMessage) => {
      req.socket.destroy();
    };
    server.script(hangUp, sseAnswer(okStream));
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.error, undefined);
    assert.equal(server.requests.length, 2);
    assert.equal(notices[0]?.status, undefined);
  });

  it('reports a connection that never succeeds as a network error', async () => {
    server.always((req) => {
      req.socket.destroy();
    });
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'network');
    assert.match(answer.error.message, /Could not reach 127\.0\.0\.1:\d+/);
    assert.match(answer.error.message, /Check the base URL/);
    assert.equal(server.requests.length, 3);
  });

  it('never retries once the answer has started, even if it breaks', async () => {
    const breakMidway: Handler = (_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseEvents(chunkJson({ role: 'assistant', content: 'Half' })), () => setTimeout(() => res.socket?.destroy(), 20));
    };
    server.script(breakMidway, sseAnswer(okStream));
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'network');
    assert.equal(answer.error.partial, true);
    assert.equal(answer.choices.get(0)?.content, 'Half');
    assert.equal(server.requests.length, 1);
  });

  it('never retries once 200 headers arrived, even before the first byte of the body', async () => {
    const headersOnly: Handler = (_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      setTimeout(() => res.socket?.destroy(), 20);
    };
    server.script(headersOnly, sseAnswer(okStream));
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(server.requests.length, 1);
  });

  it('waits as long as retry-after-ms says', async () => {
    server.script(failWith(429, { error: { message: 'slow down', code: 'rate_limit_exceeded' } }, { 'retry-after-ms': '30' }), sseAnswer(okStream));
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.error, undefined);
    assert.deepEqual(notices.map((n) => n.delayMs), [30]);
  });

  it('waits as long as retry-after (seconds) says', async () => {
    server.script(failWith(503, { error: { message: 'busy' } }, { 'retry-after': '0.05' }), sseAnswer(okStream));
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.error, undefined);
    assert.deepEqual(notices.map((n) => n.delayMs), [50]);
  });

  it('still waits the minimum backoff after retry-after: 0', async () => {
    server.script(failWith(503, { error: { message: 'busy' } }, { 'retry-after': '0' }), sseAnswer(okStream));
    const answer = await collectAnswer(streamChat(request({ baseDelayMs: 40, maxDelayMs: 40 })));
    assert.equal(answer.error, undefined);
    assert.equal(notices.length, 1);
    // The backoff is shortened by up to a quarter at random: 30–40 ms, never 0.
    assert.ok(notices[0]!.delayMs >= 30 && notices[0]!.delayMs <= 40, `waited ${notices[0]!.delayMs} ms`);
  });

  it('waits until a retry-after HTTP date (one in the past means the minimum backoff)', async () => {
    server.script(failWith(503, { error: { message: 'busy' } }, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), sseAnswer(okStream));
    const answer = await collectAnswer(streamChat(request({ baseDelayMs: 40, maxDelayMs: 40 })));
    assert.equal(answer.error, undefined);
    assert.ok(notices[0]!.delayMs >= 30 && notices[0]!.delayMs <= 40, `waited ${notices[0]!.delayMs} ms`);
  });

  it('reports, and does not wait for, a retry-after longer than 60 s', async () => {
    server.always(failWith(429, { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } }, { 'retry-after': '120' }));
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'rate-limit');
    assert.equal(answer.error.retryAfterMs, 120_000);
    assert.equal(answer.error.retryable, true);
    assert.match(answer.error.message, /try again in 2 min/);
    assert.equal(server.requests.length, 1);
    assert.equal(notices.length, 0);
  });

  for (const [label, headers, words] of [
    ['retry-after: 61', { 'retry-after': '61' }, 'try again in 1 min'],
    ['retry-after-ms: 90000', { 'retry-after-ms': '90000' }, 'try again in 2 min'],
    ['retry-after: 3600', { 'retry-after': '3600' }, 'try again in 1 h'],
    ['retry-after: 1e400 seconds', { 'retry-after': '9'.repeat(400) }, 'try again in a long while'],
  ] as const) {
    it(`fails at once, with the wait in words, for ${label}`, async () => {
      server.always(failWith(429, { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } }, headers));
      const answer = await collectAnswer(streamChat(request()));
      assert.ok(answer.error instanceof ChatError);
      assert.equal(answer.error.kind, 'rate-limit');
      assert.ok(answer.error.message.includes(words), answer.error.message);
      assert.equal(server.requests.length, 1);
      assert.equal(notices.length, 0);
    });
  }

  it('fails at once, as the rate limit and not a timeout, when the wait is longer than the time left', async () => {
    server.always(failWith(429, { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } }, { 'retry-after': '45' }));
    const answer = await collectAnswer(streamChat({ ...request(), timeouts: { totalMs: 10_000 } }));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'rate-limit');
    assert.equal(answer.error.retryAfterMs, 45_000);
    assert.ok(answer.error.message.includes('try again in 45 s'), answer.error.message);
    assert.equal(server.requests.length, 1);
    assert.equal(notices.length, 0);
  });

  it('stops retrying when the server says x-should-retry: false', async () => {
    server.always(failWith(503, { error: { message: 'busy' } }, { 'x-should-retry': 'false' }));
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'server');
    assert.equal(server.requests.length, 1);
    assert.equal(notices.length, 0);
  });

  it('still retries when x-should-retry is anything but false', async () => {
    server.script(failWith(503, { error: { message: 'busy' } }, { 'x-should-retry': 'true' }), sseAnswer(okStream));
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.error, undefined);
    assert.equal(server.requests.length, 2);
  });

  it('takes the longest acceptable wait from the policy', async () => {
    server.always(failWith(503, { error: { message: 'busy' } }, { 'retry-after-ms': '500' }));
    const answer = await collectAnswer(streamChat(request({ maxRetryAfterMs: 100 })));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.retryAfterMs, 500);
    assert.equal(server.requests.length, 1);
  });

  it('uses the backoff when the server names no wait', async () => {
    server.script(failWith(500), failWith(500), sseAnswer(okStream));
    await collectAnswer(streamChat(request({ baseDelayMs: 2, maxDelayMs: 3 })));
    assert.equal(notices.length, 2);
    assert.ok(notices[0]!.delayMs <= 2 && notices[0]!.delayMs >= 1.5, `first backoff ${notices[0]!.delayMs}`);
    assert.ok(notices[1]!.delayMs <= 3 && notices[1]!.delayMs >= 2.25, `second backoff capped ${notices[1]!.delayMs}`);
  });
});

describe('retry arithmetic', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  const headers = (entries: Record<string, string>): Headers => new Headers(entries);

  it('reads retry-after-ms first, then retry-after seconds or date', () => {
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now), 1500);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '7' }), now), 7000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': '1.5' }), now), 1500);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now), 30_000);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now), 0);
    assert.equal(parseRetryAfter(headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(parseRetryAfter(headers({ 'retry-after-ms': 'x', 'retry-after': '2' }), now), 2000);
    assert.equal(parseRetryAfter(headers({}), now), undefined);
  });

  it('backs off from 0.5 s, doubling to 8 s, shortened by up to a quarter', () => {
    const policy = resolveRetryPolicy(undefined);
    const noJitter = (): number => 0;
    const fullJitter = (): number => 1;
    assert.deepEqual([1, 2, 3, 4, 5, 6, 9].map((attempt) => backoffDelay(attempt, policy, noJitter)), [500, 1000, 2000, 4000, 8000, 8000, 8000]);
    assert.equal(backoffDelay(1, policy, fullJitter), 375);
    assert.equal(backoffDelay(6, policy, fullJitter), 6000);
  });

  it('has the documented defaults', () => {
    assert.deepEqual({ ...DEFAULT_RETRY }, { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 });
  });
});
