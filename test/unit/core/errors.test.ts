// Error answers in every shape map to a kind, and to a message that names the cause and the
// next step; secrets never appear in any part of the thrown error.

import * as assert from 'node:assert/strict';
import { ChatError, streamChat } from '../../../src/core/chatClient';
import type { ChatErrorKind, ChatRequest } from '../../../src/core/types';
import { chunkJson, collectAnswer, jsonAnswer, ReplayServer, sseAnswer, sseEvents, type Handler } from '../../support/replayServer';

const TOKEN = 'ace-token-Zq8yX3vR5tW2';

async function failureOf(server: ReplayServer, handler: Handler, overrides: Partial<ChatRequest> = {}): Promise<ChatError> {
  server.reset();
  server.always(handler);
  const answer = await collectAnswer(
    streamChat({
      baseUrl: server.baseUrl,
      token: TOKEN,
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'q' }], stream: true },
      retry: { maxRetries: 0 },
      ...overrides,
    }),
  );
  assert.ok(answer.error instanceof ChatError, `expected a ChatError, got ${String(answer.error)}`);
  return answer.error;
}

describe('error messages', () => {
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });

  const aceData = (code: string, message: string) => ({ success: false, error: { code, message }, trace_id: 'trace-123' });

  const table: { label: string; status: number; body: unknown; kind: ChatErrorKind; cause: RegExp; next: RegExp; retryable: boolean }[] = [
    { label: 'AceData token_mismatched', status: 400, body: aceData('token_mismatched', 'token mismatched'), kind: 'auth', cause: /token does not belong to this API/, next: /Set a token issued for this API/, retryable: false },
    { label: 'AceData api_not_implemented', status: 400, body: aceData('api_not_implemented', 'not implemented'), kind: 'not-found', cause: /not available at the configured endpoint/, next: /Check the base URL and the model/, retryable: false },
    { label: 'AceData invalid_token', status: 401, body: aceData('invalid_token', 'invalid token'), kind: 'auth', cause: /rejected the API token/, next: /Set a valid API token/, retryable: false },
    { label: 'AceData too_many_requests', status: 429, body: aceData('too_many_requests', 'too many'), kind: 'rate-limit', cause: /limiting how often/, next: /Wait a moment/, retryable: true },
    { label: 'AceData api_error', status: 500, body: aceData('api_error', 'fetch failed'), kind: 'server', cause: /server had an error: fetch failed/, next: /Try again/, retryable: true },
    { label: 'OpenAI invalid_api_key', status: 401, body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }, kind: 'auth', cause: /rejected the API token: Incorrect API key provided\./, next: /Set a valid API token/, retryable: false },
    { label: 'OpenAI insufficient_quota', status: 429, body: { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } }, kind: 'quota', cause: /no quota or credit left/, next: /Add credit/, retryable: false },
    { label: 'OpenAI model_not_found', status: 404, body: { error: { message: 'The model `gpt-9` does not exist', type: 'invalid_request_error', code: 'model_not_found' } }, kind: 'not-found', cause: /model was not found/, next: /Check the base URL and the model name/, retryable: false },
    { label: 'OpenAI context_length_exceeded', status: 400, body: { error: { message: 'too long', type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } }, kind: 'bad-request', cause: /too long for this model/, next: /Start a new conversation/, retryable: false },
    { label: 'OpenRouter 402', status: 402, body: { error: { message: 'Insufficient credits', code: 402 } }, kind: 'quota', cause: /no quota or credit/, next: /Add credit/, retryable: false },
    { label: 'Ollama string error', status: 404, body: { error: "model 'llama9' not found, try pulling it first" }, kind: 'not-found', cause: /model 'llama9' not found/, next: /Check the base URL/, retryable: false },
    { label: 'vLLM top-level message', status: 400, body: { object: 'error', message: 'max_tokens is too large', type: 'BadRequestError', code: 400 }, kind: 'bad-request', cause: /refused the request: max_tokens is too large/, next: /Check the model name/, retryable: false },
    { label: 'FastAPI detail', status: 422, body: { detail: [{ loc: ['body', 'messages'], msg: 'field required' }] }, kind: 'bad-request', cause: /field required/, next: /Check/, retryable: false },
  ];

  for (const row of table) {
    it(`${row.label} → ${row.kind}`, async () => {
      const error = await failureOf(server, jsonAnswer(row.status, row.body));
      assert.equal(error.kind, row.kind);
      assert.equal(error.status, row.status);
      assert.match(error.message, row.cause);
      assert.match(error.message, row.next);
      assert.match(error.message, new RegExp(`HTTP ${row.status}`));
      assert.equal(error.retryable, row.retryable);
    });
  }

  it('quotes AceData trace ids and OpenAI request ids', async () => {
    const ace = await failureOf(server, jsonAnswer(401, aceData('invalid_token', 'nope')));
    assert.equal(ace.traceId, 'trace-123');
    assert.equal(ace.code, 'invalid_token');
    assert.match(ace.message, /trace id trace-123/);
    const openai = await failureOf(server, jsonAnswer(500, { error: { message: 'boom', type: 'server_error' } }, { 'x-request-id': 'req_abc' }));
    assert.equal(openai.traceId, 'req_abc');
  });

  it('turns an HTML 502 page into "HTTP 502" and a short plain excerpt', async () => {
    const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>${'<p>padding</p>'.repeat(500)}</body></html>`;
    const error = await failureOf(server, (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(page);
    });
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 502);
    assert.match(error.message, /HTTP 502/);
    assert.match(error.message, /502 Bad Gateway/);
    assert.ok(!/[<>]/.test(error.message), 'no markup in the message');
    assert.ok(!error.message.includes('color:red'), 'no stylesheet in the message');
    assert.ok(error.message.length < 400, `message too long: ${error.message.length}`);
  });

  it('still names the status for an empty error body', async () => {
    const error = await failureOf(server, (_req, res) => {
      res.writeHead(503);
      res.end();
    });
    assert.equal(error.kind, 'server');
    assert.match(error.message, /HTTP 503/);
  });

  it('says that a 200 HTML page means a wrong base URL', async () => {
    const error = await failureOf(server, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>Welcome to nginx!</title></head><body>Hello</body></html>');
    });
    assert.equal(error.kind, 'protocol');
    assert.match(error.message, /web page instead of a chat completion/);
    assert.match(error.message, /Welcome to nginx!/);
    assert.match(error.message, /Check the base URL/);
  });

  it('reports an error sent as `event: error` in a stream, after the text before it', async () => {
    const body = `${sseEvents(chunkJson({ role: 'assistant', content: 'Part' }))}event: error\ndata: {"error":{"message":"Overloaded","type":"overloaded_error"}}\n\n`;
    server.reset();
    server.always(sseAnswer(body));
    const answer = await collectAnswer(streamChat({ baseUrl: server.baseUrl, body: { model: 'm', messages: [], stream: true }, retry: { maxRetries: 0 } }));
    assert.equal(answer.choices.get(0)?.content, 'Part');
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'server');
    assert.equal(answer.error.partial, true);
    assert.match(answer.error.message, /error while answering: Overloaded/);
    assert.match(answer.error.message, /text received so far was kept/);
  });

  it('reports a plain-text `event: error`', async () => {
    const error = await failureOf(server, sseAnswer('event: error\ndata: upstream exploded\n\n'));
    assert.match(error.message, /upstream exploded/);
    assert.equal(error.status, 200);
  });
});

describe('redaction', () => {
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });

  /** Every text a thrown error exposes: message, stack, own enumerable fields, JSON. */
  function exposedText(error: ChatError): string {
    return [error.message, error.stack ?? '', JSON.stringify(error), ...Object.values(error).map(String), String(error)].join('\n');
  }

  it('keeps the token out of an error whose body echoes it', async () => {
    const error = await failureOf(
      server,
      jsonAnswer(401, { error: { message: `Incorrect API key provided: ${TOKEN}. Authorization: Bearer ${TOKEN}`, code: 'invalid_api_key' }, trace_id: TOKEN }),
    );
    const text = exposedText(error);
    assert.ok(!text.includes(TOKEN), text);
    assert.ok(!text.includes(TOKEN.slice(0, 12)), 'no prefix of the token either');
    assert.match(error.message, /\[redacted\]/);
  });

  it('keeps sk-… keys out, even ones that are not the configured token', async () => {
    const other = 'sk-proj-AbCdEf0123456789xyz';
    const error = await failureOf(server, jsonAnswer(400, { error: { message: `Key ${other} is not valid for project`, code: `bad_${other}` } }));
    assert.ok(!exposedText(error).includes(other));
  });

  it('keeps secrets out of an HTML error page excerpt', async () => {
    const error = await failureOf(server, (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(`<html><body>Error for authorization: Bearer ${TOKEN}</body></html>`);
    });
    assert.ok(!exposedText(error).includes(TOKEN));
  });

  it('keeps secrets out of a mid-stream error', async () => {
    const error = await failureOf(server, sseAnswer(sseEvents(JSON.stringify({ error: { message: `upstream rejected key sk-live-9876543210abcdef and ${TOKEN}` } }))));
    const text = exposedText(error);
    assert.ok(!text.includes('sk-live-9876543210abcdef') && !text.includes(TOKEN), text);
  });

  it('refuses a token that cannot travel in a header without quoting it', async () => {
    const token = 'sk-with-newline-0123456789\nsecond-line';
    server.reset();
    const answer = await collectAnswer(streamChat({ baseUrl: server.baseUrl, token, body: { model: 'm', messages: [] } }));
    assert.ok(answer.error instanceof ChatError);
    assert.equal(answer.error.kind, 'auth');
    assert.ok(!exposedText(answer.error).includes('sk-with-newline'));
    assert.equal(server.requests.length, 0);
  });

  it('keeps the token out of a network failure', async () => {
    const error = await failureOf(server, (req) => {
      req.socket.destroy();
    });
    assert.equal(error.kind, 'network');
    assert.ok(!exposedText(error).includes(TOKEN));
  });
});
