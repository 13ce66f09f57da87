// What streamChat sends and the events it yields, beyond the recorded cases: request shape,
// coalescing, event kinds, the end of a stream in its different forms, and listModels.

import * as assert from 'node:assert/strict';
import { ChatError, listModels, streamChat } from '../../../src/core/chatClient';
import type { ChatRequest } from '../../../src/core/types';
import { chunkJson, collectAnswer, jsonAnswer, ReplayServer, sseAnswer, sseEvents, writeInPieces } from '../../support/replayServer';

describe('streamChat', () => {
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  const request = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
    baseUrl: server.baseUrl,
    token: 'sk-test-shape-0123456789',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }], stream: true, temperature: 0.2, n: 1 },
    retry: { maxRetries: 0 },
    ...overrides,
  });

  const done = sseEvents(chunkJson({ role: 'assistant', content: 'Hi' }), chunkJson({}, { finish: 'stop' }), '[DONE]');

  it('POSTs the body as given, with bearer auth, JSON content type and SSE accept', async () => {
    server.script(sseAnswer(done));
    const sent = request({ headers: { 'X-Title': 'Completions Chat', Authorization: 'Bearer other', 'Content-Type': 'text/plain' } });
    await collectAnswer(streamChat(sent));
    const got = server.requests[0]!;
    assert.equal(got.method, 'POST');
    assert.equal(got.url, '/v1/chat/completions');
    assert.equal(got.headers.authorization, 'Bearer sk-test-shape-0123456789');
    assert.equal(got.headers['content-type'], 'application/json');
    assert.match(String(got.headers.accept), /text\/event-stream/);
    assert.equal(got.headers['x-title'], 'Completions Chat');
    assert.deepEqual(JSON.parse(got.body), sent.body);
  });

  it('sends no authorization header without a token', async () => {
    server.script(sseAnswer(done));
    await collectAnswer(streamChat(request({ token: undefined })));
    assert.equal(server.requests[0]!.headers.authorization, undefined);
  });

  it('joins the tokens of one network read into one delta per choice', async () => {
    const tokens = Array.from({ length: 200 }, (_, i) => `t${i} `);
    server.script(sseAnswer(sseEvents(chunkJson({ role: 'assistant', content: '' }), ...tokens.map((t) => chunkJson({ content: t })), chunkJson({}, { finish: 'stop' }), '[DONE]')));
    const answer = await collectAnswer(streamChat(request()));
    const deltas = answer.events.filter((e) => e.type === 'delta');
    assert.equal(answer.choices.get(0)?.content, tokens.join(''));
    assert.ok(deltas.length < tokens.length / 10, `${deltas.length} delta events for ${tokens.length} tokens`);
  });

  it('keeps interleaved choices, reasoning and refusal apart, in order', async () => {
    server.script(
      sseAnswer(
        sseEvents(
          chunkJson({ role: 'assistant', reasoning_content: 'think ' }),
          chunkJson({ reasoning_content: 'more' }),
          chunkJson({ content: 'A' }),
          chunkJson({ content: 'B' }, { index: 1 }),
          chunkJson({ content: 'a' }),
          chunkJson({ refusal: 'No.' }, { index: 2 }),
          chunkJson({ reasoning: 'other field' }, { index: 1 }),
          chunkJson({}, { finish: 'stop' }),
          chunkJson({}, { index: 1, finish: 'length' }),
          chunkJson({}, { index: 2, finish: 'stop' }),
          '[DONE]',
        ),
      ),
    );
    const answer = await collectAnswer(streamChat(request({ body: { model: 'gpt-4o-mini', messages: [], stream: true, n: 3 } })));
    assert.equal(answer.error, undefined);
    assert.deepEqual(answer.choices.get(0), { content: 'Aa', reasoning: 'think more', refusal: '', finishReason: 'stop', toolCalls: [] });
    assert.deepEqual(answer.choices.get(1), { content: 'B', reasoning: 'other field', refusal: '', finishReason: 'length', toolCalls: [] });
    assert.deepEqual(answer.choices.get(2), { content: '', reasoning: '', refusal: 'No.', finishReason: 'stop', toolCalls: [] });
    const kinds = answer.events.filter((e) => e.type !== 'model').map((e) => `${e.type}:${'index' in e ? e.index : ''}`);
    assert.deepEqual(kinds.slice(0, 3), ['reasoning:0', 'delta:0', 'delta:1']);
  });

  it('names the model once, skipping the empty name of Azure filter chunks', async () => {
    const filter = JSON.stringify({ id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [] });
    server.script(sseAnswer(sseEvents(filter, chunkJson({ content: 'x' }, { model: 'gpt-4o-2024' }), chunkJson({}, { finish: 'stop', model: 'gpt-4o-2024' }), '[DONE]')));
    const answer = await collectAnswer(streamChat(request()));
    assert.deepEqual(answer.models, ['gpt-4o-2024']);
  });

  it('reports the last usage, once, at the end', async () => {
    server.script(
      sseAnswer(
        sseEvents(
          chunkJson({ content: 'x' }, { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }),
          chunkJson({}, { finish: 'stop', usage: { prompt_tokens: 1, completion_tokens: 5, total_tokens: 6 } }),
          JSON.stringify({ id: 'c', choices: [], usage: { prompt_tokens: 1, completion_tokens: 7, total_tokens: 8 } }),
          '[DONE]',
        ),
      ),
    );
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.usageEvents, 1);
    assert.deepEqual(answer.usage, { prompt_tokens: 1, completion_tokens: 7, total_tokens: 8 });
    assert.equal(answer.events.at(-1)?.type, 'usage');
  });

  it('parses a last event that has no line end at all', async () => {
    server.script(sseAnswer(`${sseEvents(chunkJson({ content: 'Hi' }))}data: ${chunkJson({ content: '!' }, { finish: 'stop' })}`));
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.error, undefined);
    assert.equal(answer.choices.get(0)?.content, 'Hi!');
  });

  it('stops reading at [DONE] even if the server keeps the connection open', async () => {
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(done);
    });
    const answer = await collectAnswer(streamChat(request({ timeouts: { idleMs: 5_000 } })));
    assert.equal(answer.error, undefined);
    await server.connectionsClosed(1);
  });

  it('ignores comments, unknown fields and keep-alive lines', async () => {
    server.script(sseAnswer(`: keep-alive\n\nid: 1\nretry: 100\nfoo: bar\n${sseEvents(chunkJson({ content: 'ok' }, { finish: 'stop' }))}: ping\n\ndata: [DONE]\n\n`));
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.error, undefined);
    assert.equal(answer.choices.get(0)?.content, 'ok');
  });

  it('calls a stream cut off when a choice never finished and [DONE] never came', async () => {
    server.script(sseAnswer(sseEvents(chunkJson({ content: 'A' }), chunkJson({ content: 'B' }, { index: 1 }), chunkJson({}, { finish: 'stop' }))));
    const answer = await collectAnswer(streamChat(request({ body: { model: 'gpt-4o-mini', messages: [], stream: true, n: 2 } })));
    assert.ok(answer.error instanceof ChatError);
    assert.match(answer.error.message, /cut off/);
    assert.equal(answer.error.partial, true);
    assert.equal(answer.choices.get(1)?.content, 'B');
  });

  it('calls an empty 200 answer a failure, not a success', async () => {
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end();
    });
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.partial, false);
  });

  it('reads a whole JSON completion for a non-streaming request', async () => {
    server.script(
      jsonAnswer(200, {
        id: 'x',
        object: 'chat.completion',
        model: 'gpt-4o',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'One', reasoning_content: 'hmm' }, finish_reason: 'stop' },
          { index: 1, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }, finish_reason: 'tool_calls' },
        ],
        usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      }),
    );
    const answer = await collectAnswer(streamChat(request({ body: { model: 'gpt-4o', messages: [], stream: false, n: 2 } })));
    assert.equal(answer.error, undefined);
    assert.equal(server.requests[0]!.headers.accept, 'application/json');
    assert.deepEqual(answer.choices.get(0), { content: 'One', reasoning: 'hmm', refusal: '', finishReason: 'stop', toolCalls: [] });
    assert.deepEqual(answer.choices.get(1)?.toolCalls, [{ id: 'call_1', name: 'f', arguments: '{"a":1}' }]);
    assert.deepEqual(answer.usage, { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    assert.deepEqual(answer.models, ['gpt-4o']);
  });

  it('skips a byte order mark, even one split across reads', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sseEvents(chunkJson({ content: 'Grüße 🌊' }, { finish: 'stop' }), '[DONE]'))]);
    for (const mode of [{ kind: 'whole' } as const, { kind: 'bytes' } as const]) {
      server.script(async (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        await writeInPieces(res, body, mode);
        res.end();
      });
      const answer = await collectAnswer(streamChat(request()));
      assert.equal(answer.error, undefined, mode.kind);
      assert.equal(answer.choices.get(0)?.content, 'Grüße 🌊', mode.kind);
    }
  });

  it('reads a gzip-compressed stream', async () => {
    const { gzipSync } = await import('node:zlib');
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
      res.end(gzipSync(done));
    });
    const answer = await collectAnswer(streamChat(request()));
    assert.equal(answer.error, undefined);
    assert.equal(answer.choices.get(0)?.content, 'Hi');
  });

  it('reports a JSON body that is not a completion as a protocol error', async () => {
    server.script(jsonAnswer(200, { hello: 'world' }));
    const answer = await collectAnswer(streamChat(request()));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'protocol');
    assert.match(answer.error.message, /no "choices"/);
  });
});

describe('listModels', () => {
  /** A signal nobody aborts. */
  const live = new AbortController().signal;
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  it('reads OpenAI `{data:[{id}]}` from GET {base}/models with the token', async () => {
    server.script(jsonAnswer(200, { object: 'list', data: [{ id: 'gpt-4o', object: 'model' }, { id: 'gpt-4o-mini' }, { id: 'gpt-4o' }] }));
    assert.deepEqual(await listModels(server.baseUrl, 'sk-test-models-0123456789', live), ['gpt-4o', 'gpt-4o-mini']);
    const got = server.requests[0]!;
    assert.equal(got.method, 'GET');
    assert.equal(got.url, '/v1/models');
    assert.equal(got.headers.authorization, 'Bearer sk-test-models-0123456789');
  });

  it('tolerates a bare array and a full chat URL as the base', async () => {
    server.script(jsonAnswer(200, [{ id: 'llama3.1' }, 'qwen2']));
    assert.deepEqual(await listModels(`${server.baseUrl}/chat/completions`, undefined, live), ['llama3.1', 'qwen2']);
    assert.equal(server.requests[0]!.url, '/v1/models');
  });

  it('throws a clear ChatError for an error answer', async () => {
    server.script(jsonAnswer(401, { success: false, error: { code: 'invalid_token', message: 'bad' }, trace_id: 't1' }));
    await assert.rejects(listModels(server.baseUrl, 'sk-test-models-0123456789', live), (error: unknown) => error instanceof ChatError && error.kind === 'auth' && error.traceId === 't1');
  });

  it('throws a protocol error for a page that is not a model list', async () => {
    server.script(jsonAnswer(200, { hello: 1 }));
    await assert.rejects(listModels(server.baseUrl, undefined, live), (error: unknown) => error instanceof ChatError && error.kind === 'protocol');
  });

  it('ends as cancelled when the signal aborts, and hangs up', async () => {
    // Never answered; resolves when this request's own connection closes.
    let arrived!: (request: { closed: Promise<void> }) => void;
    const requested = new Promise<{ closed: Promise<void> }>((resolve) => (arrived = resolve));
    server.script((req) => arrived({ closed: new Promise<void>((resolve) => req.socket.once('close', () => resolve())) }));
    const controller = new AbortController();
    const listing = listModels(server.baseUrl, undefined, controller.signal);
    const { closed } = await requested;
    controller.abort();
    await assert.rejects(listing, (error: unknown) => error instanceof ChatError && error.kind === 'cancelled');
    await closed;
  });

  it('ends as a timeout when the caller’s AbortSignal.timeout fires', async () => {
    server.script(() => undefined);
    await assert.rejects(listModels(server.baseUrl, undefined, AbortSignal.timeout(30)), (error: unknown) => error instanceof ChatError && error.kind === 'timeout');
  });
});
