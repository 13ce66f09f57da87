// Stopping an answer: the AbortSignal, or leaving the loop, closes the connection at once
// (the server sees it close) and the answer ends as `cancelled`.

import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { ChatError, streamChat } from '../../../src/core/chatClient';
import type { ChatRequest } from '../../../src/core/types';
import { chunkJson, collectAnswer, jsonAnswer, ReplayServer, sseEvents } from '../../support/replayServer';

describe('abort', function () {
  this.timeout(5_000);
  let server: ReplayServer;
  const open: ServerResponse[] = [];

  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());
  afterEach(() => {
    for (const res of open.splice(0)) res.destroy();
  });

  const request = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
    baseUrl: server.baseUrl,
    body: { model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true },
    ...overrides,
  });

  /** A stream that sends one token and then waits for ever (until the client goes). */
  const endlessAnswer = (_req: unknown, res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(sseEvents(chunkJson({ role: 'assistant', content: 'First' })));
    open.push(res);
  };

  it('closes the socket at once and ends as cancelled, keeping what arrived', async () => {
    server.script(endlessAnswer);
    const controller = new AbortController();
    const seen: string[] = [];
    let thrown: unknown;
    try {
      for await (const event of streamChat(request(), controller.signal)) {
        if (event.type === 'delta') {
          seen.push(event.content);
          controller.abort();
        }
      }
    } catch (error) {
      thrown = error;
    }
    assert.deepEqual(seen, ['First']);
    assert.ok(thrown instanceof ChatError);
    assert.equal(thrown.kind, 'cancelled');
    assert.equal(thrown.partial, true);
    await server.connectionsClosed(1);
  });

  it('aborts a request still waiting for its first byte', async () => {
    server.script((_req, res) => {
      open.push(res);
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const answer = await collectAnswer(streamChat(request(), controller.signal));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'cancelled');
    assert.equal(answer.error.partial, false);
    await server.connectionsClosed(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const answer = await collectAnswer(streamChat(request(), controller.signal));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'cancelled');
    assert.equal(server.requests.length, 0);
  });

  it('stops a wait between retries', async () => {
    server.always(jsonAnswer(503, { error: { message: 'busy' } }, { 'retry-after': '30' }));
    const controller = new AbortController();
    const answer = await collectAnswer(
      streamChat(request({ onRetry: () => setTimeout(() => controller.abort(), 10) }), controller.signal),
    );
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'cancelled');
    assert.equal(server.requests.length, 1);
  });

  it('closes the socket when the consumer leaves the loop', async () => {
    server.script(endlessAnswer);
    for await (const event of streamChat(request())) {
      if (event.type === 'delta') break;
    }
    await server.connectionsClosed(1);
  });
});
