// The three clocks, with tiny limits: a server that never answers, one that stalls mid-answer,
// one that trickles forever, and one that finished but keeps the connection open.

import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { ChatError, DEFAULT_TIMEOUTS, streamChat } from '../../../src/core/chatClient';
import type { ChatRequest, ChatTimeouts } from '../../../src/core/types';
import { chunkJson, collectAnswer, ReplayServer, sseEvents, type Handler } from '../../support/replayServer';

describe('timeouts', function () {
  this.timeout(5_000);
  let server: ReplayServer;
  const stalled: ServerResponse[] = [];

  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());
  afterEach(() => {
    for (const res of stalled.splice(0)) res.destroy();
  });

  function request(timeouts: Partial<ChatTimeouts>): ChatRequest {
    return {
      baseUrl: server.baseUrl,
      body: { model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true },
      timeouts: { firstByteMs: 2_000, idleMs: 2_000, totalMs: 4_000, ...timeouts },
    };
  }

  const hold: Handler = (_req, res) => {
    stalled.push(res);
  };

  it('has the documented defaults', () => {
    assert.deepEqual({ ...DEFAULT_TIMEOUTS }, { firstByteMs: 60_000, idleMs: 60_000, totalMs: 600_000 });
  });

  it('ends with a first-byte timeout when the server never answers, and does not retry it', async () => {
    server.always(hold);
    const answer = await collectAnswer(streamChat(request({ firstByteMs: 80 })));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'timeout');
    assert.equal(answer.error.code, 'first-byte_timeout');
    assert.match(answer.error.message, /did not start answering within 0\.1 s/);
    assert.equal(answer.error.partial, false);
    assert.equal(server.requests.length, 1);
    await server.connectionsClosed(1);
  });

  it('counts the first byte of the body, not the headers', async () => {
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      stalled.push(res);
    });
    const answer = await collectAnswer(streamChat(request({ firstByteMs: 80 })));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.code, 'first-byte_timeout');
  });

  it('ends a stalled stream with an idle timeout after yielding what arrived', async () => {
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseEvents(chunkJson({ role: 'assistant', content: 'Hel' }), chunkJson({ content: 'lo' })));
      stalled.push(res);
    });
    const answer = await collectAnswer(streamChat(request({ idleMs: 100 })));
    assert.equal(answer.choices.get(0)?.content, 'Hello');
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'timeout');
    assert.equal(answer.error.code, 'idle_timeout');
    assert.equal(answer.error.partial, true);
    assert.match(answer.error.message, /stopped sending/);
    assert.match(answer.error.message, /text received so far was kept/);
    await server.connectionsClosed(1);
  });

  it('ends an answer that trickles past the total limit', async () => {
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write(sseEvents(chunkJson({ content: '.' }))), 10);
      res.on('close', () => clearInterval(timer));
      stalled.push(res);
    });
    const answer = await collectAnswer(streamChat(request({ idleMs: 1_000, totalMs: 150 })));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.code, 'total_timeout');
    assert.ok((answer.choices.get(0)?.content.length ?? 0) > 0, 'text before the limit was yielded');
  });

  it('ends well when every choice finished but the server keeps the connection open', async () => {
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseEvents(chunkJson({ role: 'assistant', content: 'Done' }), chunkJson({}, { finish: 'stop' })));
      stalled.push(res);
    });
    const answer = await collectAnswer(streamChat(request({ idleMs: 100 })));
    assert.equal(answer.error, undefined);
    assert.equal(answer.choices.get(0)?.finishReason, 'stop');
  });

  it('does not count a slow consumer as an idle server', async () => {
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseEvents(chunkJson({ role: 'assistant', content: 'A' })));
      // The rest arrives promptly after the client asks for more.
      setTimeout(() => res.end(sseEvents(chunkJson({ content: 'B' }, { finish: 'stop' }), '[DONE]')), 30);
    });
    const events: string[] = [];
    for await (const event of streamChat(request({ idleMs: 120 }))) {
      if (event.type === 'delta') {
        events.push(event.content);
        // Busy for longer than the idle limit, while the server is not being waited on.
        if (events.length === 1) await new Promise((done) => setTimeout(done, 300));
      }
    }
    assert.equal(events.join(''), 'AB');
  });
});
