// The fake Chat Completions server that other integration and e2e tests script, checked from
// inside the extension host: loopback works here, and each reply has the shape tests rely on.
import * as assert from 'node:assert/strict';
import { FakeApiServer, aceDataError, rateLimited, textReply } from '../support/fakeApiServer';

suite('FakeApiServer', () => {
  let server: FakeApiServer;

  setup(async () => {
    server = await new FakeApiServer({ requiredToken: 'test-token' }).start();
  });

  teardown(async () => {
    await server.stop();
  });

  const post = (path: string, body: object, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...init,
    });

  test('streams a queued answer as SSE deltas that join to the text, then [DONE]', async () => {
    server.enqueue(textReply('Hello from the fake server.'));
    const response = await post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [], stream: true });
    assert.equal(response.headers.get('content-type'), 'text/event-stream');

    const events = (await response.text()).split('\n\n').filter(Boolean);
    assert.equal(events.at(-1), 'data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, '')));
    assert.equal(chunks[0].choices[0].delta.role, 'assistant');
    assert.equal(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join(''), 'Hello from the fake server.');
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');

    const recorded = await server.waitForChatRequest(1);
    assert.equal(recorded.path, '/v1/chat/completions');
    assert.equal(recorded.headers.authorization, 'Bearer test-token');
    assert.equal(recorded.body.model, 'gpt-4o-mini');
  });

  test('answers without streaming as one JSON body, under any base path', async () => {
    server.respondWith(textReply('Plain answer'));
    const response = await post('/openai/chat/completions', { model: 'gpt-4o', messages: [] });
    const body = await response.json();
    assert.equal(body.choices[0].message.content, 'Plain answer');
    assert.ok(body.usage.total_tokens > 0);
  });

  test("sends AceData's error shape and 429 with retry-after", async () => {
    server.enqueue(aceDataError('api_error', 'Upstream failed'), rateLimited(3));
    const failed = await post('/v1/chat/completions', { model: 'm', messages: [] });
    assert.equal(failed.status, 500);
    assert.deepEqual((await failed.json()).error, { code: 'api_error', message: 'Upstream failed' });

    const limited = await post('/v1/chat/completions', { model: 'm', messages: [] });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
  });

  test('rejects a wrong token with 401 invalid_token', async () => {
    const response = await post('/v1/chat/completions', {}, { headers: { authorization: 'Bearer wrong' } });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error.code, 'invalid_token');
  });

  test('records that the client hung up in the middle of a slow stream', async () => {
    server.enqueue(textReply('one two three four five six seven eight', { tokenDelayMs: 100 }));
    const abort = new AbortController();
    const response = await post('/v1/chat/completions', { model: 'm', messages: [], stream: true }, { signal: abort.signal });
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();

    const recorded = await server.waitForChatRequest(1);
    await recorded.settled;
    assert.equal(recorded.clientClosedEarly, true);
  });

  test('lists models and fails loudly when no reply is queued', async () => {
    const models = await (await fetch(`${server.url}/v1/models`, { headers: { authorization: 'Bearer test-token' } })).json();
    assert.ok(models.data.some((model: { id: string }) => model.id === 'gpt-4o-mini'));

    const unscripted = await post('/v1/chat/completions', { model: 'm', messages: [] });
    assert.equal(unscripted.status, 500);
    assert.match((await unscripted.json()).error.message, /no reply queued/);
  });
});
