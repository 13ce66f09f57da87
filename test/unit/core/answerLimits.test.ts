// The answer size cap and index bounds at their real defaults, against a loopback server:
// a server streaming past 4 MB is stopped (its connection closed) with the text so far kept,
// also when the body is gzip-compressed (the cap counts text after decompression).

import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { ChatError, MAX_ANSWER_CHARS, streamChat } from '../../../src/core/chatClient';
import { MAX_TOOL_CALLS, choiceCountOf, resolveMaxAnswerChars } from '../../../src/core/answerLimits';
import type { ChatRequest } from '../../../src/core/types';
import { drainedOrClosed } from '../../support/fakeApiServer';
import { chunkJson, collectAnswer, jsonAnswer, ReplayServer, sseEvents } from '../../support/replayServer';

describe('answer limits', function () {
  this.timeout(30_000);
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  const request = (body: Partial<ChatRequest['body']> = {}): ChatRequest => ({
    baseUrl: server.baseUrl,
    token: 'sk-test-limits-0123456789',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'q' }], stream: true, ...body },
    retry: { maxRetries: 0 },
  });

  /** Chunks of `piece` up to twice the cap, written as fast as the socket takes them; never ends by itself. */
  function endless(piece: string, options: { gzip?: boolean } = {}) {
    let written = 0;
    const handler = async (_req: unknown, res: ServerResponse): Promise<void> => {
      res.writeHead(200, { 'content-type': 'text/event-stream', ...(options.gzip ? { 'content-encoding': 'gzip' } : {}) });
      const event = Buffer.from(sseEvents(chunkJson({ content: piece })));
      // Twice the cap, then silence: a client without a cap would wait for more.
      const events = Math.ceil((2 * MAX_ANSWER_CHARS) / piece.length);
      const body = Buffer.concat(Array.from({ length: events }, () => event));
      const out = options.gzip ? gzipSync(body) : body;
      for (let offset = 0; offset < out.length && !res.destroyed; offset += 256 * 1024) {
        const slice = out.subarray(offset, offset + 256 * 1024);
        written += slice.length;
        if (!res.write(slice)) await drainedOrClosed(res);
      }
    };
    return { handler, written: () => written };
  }

  it('is 4 MB by default and can only be lowered', () => {
    assert.equal(MAX_ANSWER_CHARS, 4 * 1024 * 1024);
    assert.equal(resolveMaxAnswerChars(undefined), MAX_ANSWER_CHARS);
    assert.equal(resolveMaxAnswerChars(10 * MAX_ANSWER_CHARS), MAX_ANSWER_CHARS);
    assert.equal(resolveMaxAnswerChars(Number.NaN), MAX_ANSWER_CHARS);
    assert.equal(resolveMaxAnswerChars(2048), 2048);
  });

  it('stops a stream past 4 MB, closes the connection and keeps exactly the text up to the cap', async () => {
    const piece = 'x'.repeat(64 * 1024 - 1) + '\n';
    const { handler } = endless(piece);
    server.script(handler);
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError, String(answer.error));
    assert.equal(answer.error.kind, 'too-large');
    assert.equal(answer.error.partial, true);
    assert.equal(answer.error.message, 'The answer passed the 4 MB limit and was stopped; the text so far is kept. Ask for a shorter answer.');
    assert.equal(answer.choices.get(0)?.content.length, MAX_ANSWER_CHARS);
    await server.connectionsClosed(1);
  });

  it('counts text after decompression: a small gzip body that inflates past 4 MB is stopped', async () => {
    const { handler, written } = endless('y'.repeat(32 * 1024), { gzip: true });
    server.script(handler);
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'too-large');
    assert.equal(answer.choices.get(0)?.content.length, MAX_ANSWER_CHARS);
    assert.ok(written() < 1024 * 1024, `only the compressed body (${written()} bytes) crossed the wire`);
  });

  it('counts reasoning, refusals and tool-call arguments with the content', async () => {
    const limit = 100;
    const body = sseEvents(
      chunkJson({ reasoning_content: 'r'.repeat(30) }),
      chunkJson({ refusal: 'n'.repeat(30) }),
      chunkJson({ tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: 'a'.repeat(30) } }] }),
      chunkJson({ content: 'c'.repeat(30) }),
      chunkJson({}, { finish: 'stop' }),
      '[DONE]',
    );
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(body);
    });
    const answer = await collectAnswer(streamChat({ ...request(), limits: { maxAnswerChars: limit } }));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'too-large');
    const choice = answer.choices.get(0)!;
    assert.equal(choice.reasoning.length + choice.refusal.length + choice.toolCalls[0]!.arguments.length + choice.content.length, limit);
    assert.equal(choice.content, 'c'.repeat(10));
  });

  it('caps a whole (non-streaming) JSON answer too', async () => {
    server.script(jsonAnswer(200, { choices: [{ index: 0, message: { role: 'assistant', content: 'z'.repeat(5000) }, finish_reason: 'stop' }] }));
    const answer = await collectAnswer(streamChat({ ...request({ stream: false }), limits: { maxAnswerChars: 4096 } }));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'too-large');
    assert.match(answer.error.message, /passed the 4 KB limit/);
    assert.equal(answer.choices.get(0)?.content.length, 4096);
  });

  it('refuses a bad choice index in a whole JSON answer, keeping the choices before it', async () => {
    server.script(
      jsonAnswer(200, {
        choices: [
          { index: 0, message: { role: 'assistant', content: 'first' }, finish_reason: 'stop' },
          { index: 2e6, message: { role: 'assistant', content: 'second' }, finish_reason: 'stop' },
        ],
      }),
    );
    const answer = await collectAnswer(streamChat(request({ stream: false, n: 2 })));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'protocol');
    assert.equal(answer.error.code, 'bad_index');
    assert.equal(answer.choices.get(0)?.content, 'first');
    assert.equal(answer.choices.has(2e6), false);
  });

  it('takes n from the request, within sensible bounds', () => {
    assert.equal(choiceCountOf(undefined), 1);
    assert.equal(choiceCountOf(3), 3);
    assert.equal(choiceCountOf(0), 1);
    assert.equal(choiceCountOf(1.5), 1);
    assert.equal(choiceCountOf('3'), 1);
    assert.equal(choiceCountOf(1e9), 128);
    assert.equal(MAX_TOOL_CALLS, 128);
  });
});
