// A loopback server that speaks the Chat Completions API for integration and e2e tests, so
// they exercise the real network path (fetch, SSE, errors, Stop) without a real provider.
// Plain Node, no 'vscode': the e2e runner starts it in its own process and the extension
// talks to it over 127.0.0.1.
//
// Each test scripts the replies: `enqueue()` answers the next chat requests in order, and
// `respondWith()` answers any request once the queue is empty. Every request is recorded,
// with whether the client hung up before the reply was complete (the Stop button).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** A successful answer; streamed as SSE when the request says `stream: true`, else one JSON body. */
export interface TextReply {
  type: 'text';
  /** The answer; an array gives one text per choice (for `n` > 1). */
  text: string | string[];
  /** How the text is split into deltas; default: words with their leading whitespace. */
  tokens?: string[];
  /** Pause before each delta, for slow streams (Stop, progress). */
  tokenDelayMs?: number;
  /**
   * With tokenDelayMs: each delta is due `tokenDelayMs` after the one before it on a fixed
   * schedule, so a late timer on a busy machine does not slow the stream (a real server's rate
   * does not depend on this machine's load): deltas already due go without a pause. Benches.
   */
  keepPace?: boolean;
  /**
   * Stop after this many deltas (of the first choice) until `resume` settles or the client hangs
   * up: a half-written answer that stays on screen however slow the machine is, for tests that
   * must see it (streaming, Stop) without racing the server's pace.
   */
  pauseAfterTokens?: number;
  resume?: Promise<unknown>;
  /** Default `stop`. */
  finishReason?: string;
  /** Usage numbers; streamed as a last chunk with empty `choices` when the request asks
   * (`stream_options.include_usage`) or when this is set. `false` leaves usage out. */
  usage?: Usage | false;
  /** Model name in the answer; default: the request's `model`. */
  model?: string;
  /** End the stream without `data: [DONE]`, as some servers do. */
  omitDone?: boolean;
  /**
   * Called just before each streamed delta is written (index counts deltas of all choices):
   * the bench notes when a marked delta went onto the socket.
   */
  onDelta?(index: number, token: string): void;
}

/** Any status and body, as given: provider errors, an HTML 502 page, a recorded SSE body. */
export interface RawReply {
  type: 'raw';
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; an array of strings is sent piece by piece. */
  body: string | string[] | object;
  /** Pause before each piece of an array body. */
  chunkDelayMs?: number;
}

/** Sends SSE headers and the role chunk, then nothing until the client hangs up. */
export interface HangReply {
  type: 'hang';
}

export type FakeReply = TextReply | RawReply | HangReply;

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface RecordedRequest {
  /** 1, 2, 3… in arrival order. */
  seq: number;
  method: string;
  /** Path without the query, e.g. `/v1/chat/completions`. */
  path: string;
  /** Path with the query. */
  url: string;
  /** Node's lower-cased headers, e.g. `headers.authorization`. */
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body; undefined when the body is empty or not JSON. Typed loosely on
   * purpose: tests read what the extension sent (`body.messages[0].content`) and assert on it. */
  body: any;
  /** True when the client closed the connection before the reply was complete. */
  clientClosedEarly: boolean;
  /** Resolves when the reply is complete or the client has gone; then `clientClosedEarly` is final. */
  settled: Promise<void>;
}

export type ReplyHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeApiServerOptions {
  /** Model ids that GET …/models lists. */
  models?: string[];
  /** When set, chat and model requests without `authorization: Bearer <token>` get AceData's 401. */
  requiredToken?: string;
  /** Network (issue 12): serve https with this key and certificate (PEM) instead of plain http. */
  tls?: { key: string; cert: string };
}

export class FakeApiServer {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  models: string[];
  requiredToken: string | undefined;

  private server: Server | undefined;
  private readonly queue: FakeReply[] = [];
  private fallback: ReplyHandler | undefined;
  private readonly waiters: (() => void)[] = [];
  private readonly sockets = new Set<Socket>();

  private readonly tls: FakeApiServerOptions['tls'];

  constructor(options: FakeApiServerOptions = {}) {
    this.models = options.models ?? ['gpt-4o-mini', 'gpt-4o', 'gpt-4-browsing', 'gpt-4o-image'];
    this.requiredToken = options.requiredToken;
    this.tls = options.tls;
  }

  /** Listens on 127.0.0.1 at a free port. */
  async start(): Promise<this> {
    if (this.server) throw new Error('FakeApiServer is already started');
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    const server: Server = this.tls ? createTlsServer(this.tls, handler) : createServer(handler);
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this;
  }

  /** Closes the server and any connection still open (a hanging stream). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** `http://127.0.0.1:PORT`, no trailing slash. Any base path works: `${url}/v1`, `${url}/openai`. */
  get url(): string {
    if (!this.server) throw new Error('FakeApiServer is not started');
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** The port it listens on (for a URL with another host name, reached through a test proxy). */
  get port(): number {
    if (!this.server) throw new Error('FakeApiServer is not started');
    return (this.server.address() as AddressInfo).port;
  }

  /** Answers the next chat requests with these replies, in order. */
  enqueue(...replies: FakeReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Answers chat requests when the queue is empty; without one they get a loud 500. */
  respondWith(handler: ReplyHandler | FakeReply): this {
    this.fallback = typeof handler === 'function' ? handler : () => handler;
    return this;
  }

  /** Forgets requests, queued replies and the fallback, keeping the server up. */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.fallback = undefined;
  }

  /** Chat requests only (POST …/chat/completions). */
  chatRequests(): RecordedRequest[] {
    return this.requests.filter((request) => isChatPath(request.method, request.path));
  }

  /** Resolves with the `count`-th chat request (1-based) once it has arrived. */
  async waitForChatRequest(count = 1, timeoutMs = 10_000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.chatRequests()[count - 1];
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`FakeApiServer: chat request #${count} did not arrive within ${timeoutMs} ms (got ${this.chatRequests().length})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // CORS as real providers answer it (api.openai.com: any origin, the asked-for headers), so
    // the web extension's fetch in a browser worker reaches this server. A preflight is not a
    // request of the client's own and is not recorded.
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.writeHead(200, {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const rawBody = await readBody(req);
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0] ?? '/';
    let settle!: () => void;
    const record: RecordedRequest = {
      seq: this.requests.length + 1,
      method: req.method ?? 'GET',
      path,
      url,
      headers: req.headers,
      rawBody,
      body: parseJson(rawBody),
      clientClosedEarly: false,
      settled: new Promise<void>((resolve) => (settle = resolve)),
    };
    res.once('close', () => {
      // 'close' before end() means the client went away mid-reply.
      if (!res.writableFinished) record.clientClosedEarly = true;
      settle();
    });
    this.requests.push(record);
    this.waiters.splice(0).forEach((wake) => wake());

    try {
      await this.answer(record, res);
    } catch (error) {
      if (!res.headersSent) {
        sendJson(res, 500, openAiErrorBody(`FakeApiServer failed: ${String(error)}`, 'server_error'));
      } else {
        res.destroy();
      }
    }
  }

  private async answer(request: RecordedRequest, res: ServerResponse): Promise<void> {
    const isChat = isChatPath(request.method, request.path);
    const isModels = request.method === 'GET' && request.path.endsWith('/models');
    if (!isChat && !isModels) {
      return sendJson(res, 404, openAiErrorBody(`FakeApiServer: no route for ${request.method} ${request.path}`, 'invalid_request_error'));
    }
    if (this.requiredToken !== undefined && request.headers.authorization !== `Bearer ${this.requiredToken}`) {
      return sendReply(res, aceDataError('invalid_token', 'The token is invalid.'), request);
    }
    if (isModels) {
      const created = 1_700_000_000;
      return sendJson(res, 200, {
        object: 'list',
        data: this.models.map((id) => ({ id, object: 'model', created, owned_by: 'fake' })),
      });
    }
    const reply = this.queue.shift() ?? (this.fallback ? await this.fallback(request) : undefined);
    if (!reply) {
      return sendJson(res, 500, openAiErrorBody('FakeApiServer: no reply queued for this chat request', 'server_error'));
    }
    return sendReply(res, reply, request);
  }
}

// ---- Replies ---------------------------------------------------------------------------------

/** Shorthand for a text answer. */
export function textReply(text: string | string[], options: Omit<TextReply, 'type' | 'text'> = {}): TextReply {
  return { type: 'text', text, ...options };
}

const ACEDATA_STATUS: Record<string, number> = {
  token_mismatched: 400,
  api_not_implemented: 400,
  invalid_token: 401,
  too_many_requests: 429,
  api_error: 500,
};

/** AceData's error shape; the status follows the code (400/401/429/500) unless given. */
export function aceDataError(code: string, message: string, status = ACEDATA_STATUS[code] ?? 400): RawReply {
  return {
    type: 'raw',
    status,
    body: { success: false, error: { code, message }, trace_id: `fake-trace-${code}` },
  };
}

/** OpenAI's error shape `{"error":{"message","type","code"}}`. */
export function openAiError(status: number, message: string, type = 'invalid_request_error', code: string | null = null): RawReply {
  return { type: 'raw', status, body: openAiErrorBody(message, type, code) };
}

/** 429 with `retry-after` (seconds), in AceData's shape or OpenAI's. */
export function rateLimited(retryAfterSeconds: number, shape: 'acedata' | 'openai' = 'acedata'): RawReply {
  const reply =
    shape === 'acedata'
      ? aceDataError('too_many_requests', 'Too many requests, please slow down.', 429)
      : openAiError(429, 'Rate limit reached.', 'requests', 'rate_limit_exceeded');
  return { ...reply, headers: { 'retry-after': String(retryAfterSeconds) } };
}

/** A proxy's HTML error page (not JSON), e.g. a 502. */
export function htmlError(status = 502): RawReply {
  return {
    type: 'raw',
    status,
    headers: { 'content-type': 'text/html' },
    body: `<html><head><title>${status} Bad Gateway</title></head><body><h1>${status} Bad Gateway</h1></body></html>`,
  };
}

/** A recorded SSE body (e.g. from test/fixtures/conformance/streams), sent as `text/event-stream`. */
export function sseReply(body: string | string[], chunkDelayMs?: number): RawReply {
  return { type: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body, chunkDelayMs };
}

// ---- Sending ---------------------------------------------------------------------------------

async function sendReply(res: ServerResponse, reply: FakeReply, request: RecordedRequest): Promise<void> {
  switch (reply.type) {
    case 'raw':
      return sendRaw(res, reply);
    case 'hang':
      startSse(res);
      writeSse(res, chunk(request, 'fake-hang', [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
      return;
    case 'text':
      return request.body?.stream === true ? streamText(res, reply, request) : sendText(res, reply, request);
  }
}

async function sendRaw(res: ServerResponse, reply: RawReply): Promise<void> {
  const isJson = typeof reply.body === 'object' && !Array.isArray(reply.body);
  res.writeHead(reply.status, {
    'content-type': isJson ? 'application/json' : 'text/plain; charset=utf-8',
    ...reply.headers,
  });
  if (isJson) return void res.end(JSON.stringify(reply.body));
  const pieces = Array.isArray(reply.body) ? reply.body : [reply.body as string];
  for (const piece of pieces) {
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    if (res.destroyed) return;
    // Paced by the client, as a real server is: a long body is not all buffered ahead of it.
    if (!res.write(piece)) await drainedOrClosed(res);
  }
  if (!res.destroyed) res.end();
}

/** Resolves when `res` can take more bytes, or its connection closed. */
export function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((done) => {
    const finish = (): void => {
      res.off('drain', finish);
      res.off('close', finish);
      done();
    };
    res.on('drain', finish);
    res.on('close', finish);
  });
}

function sendText(res: ServerResponse, reply: TextReply, request: RecordedRequest): void {
  const texts = choiceTexts(reply, request);
  const usage = reply.usage === false ? undefined : (reply.usage ?? estimateUsage(request, texts));
  sendJson(res, 200, {
    id: `chatcmpl-fake-${request.seq}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? request.body?.model ?? 'fake-model',
    choices: texts.map((content, index) => ({
      index,
      message: { role: 'assistant', content },
      finish_reason: reply.finishReason ?? 'stop',
    })),
    ...(usage ? { usage } : {}),
  });
}

async function streamText(res: ServerResponse, reply: TextReply, request: RecordedRequest): Promise<void> {
  const texts = choiceTexts(reply, request);
  const id = `chatcmpl-fake-${request.seq}`;
  const model = reply.model ?? request.body?.model ?? 'fake-model';
  const send = (choices: unknown[], extra: object = {}) => writeSse(res, chunk(request, id, choices, model, extra));

  startSse(res);
  send(texts.map((_, index) => ({ index, delta: { role: 'assistant', content: '' }, finish_reason: null })));
  let sent = 0;
  let dueAt = performance.now();
  for (const [index, text] of texts.entries()) {
    for (const token of reply.tokens ?? splitIntoTokens(text)) {
      if (sent++ === reply.pauseAfterTokens) {
        await untilResumedOrClosed(res, reply.resume);
        dueAt = performance.now();
      }
      if (reply.tokenDelayMs && reply.keepPace) {
        dueAt += reply.tokenDelayMs;
        const wait = dueAt - performance.now();
        if (wait >= 1) await sleep(wait);
      } else if (reply.tokenDelayMs) await sleep(reply.tokenDelayMs);
      if (res.destroyed) return; // The client stopped: nothing more to send.
      reply.onDelta?.(sent - 1, token);
      send([{ index, delta: { content: token }, finish_reason: null }]);
    }
  }
  send(texts.map((_, index) => ({ index, delta: {}, finish_reason: reply.finishReason ?? 'stop' })));
  const wantsUsage = reply.usage !== false && (reply.usage !== undefined || request.body?.stream_options?.include_usage === true);
  if (wantsUsage) send([], { usage: reply.usage || estimateUsage(request, texts) });
  if (!reply.omitDone) res.write('data: [DONE]\n\n');
  res.end();
}

function untilResumedOrClosed(res: ServerResponse, resume: Promise<unknown> | undefined): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    res.once('close', () => resolve());
    void resume?.then(
      () => resolve(),
      () => resolve(),
    );
  });
}

/** A promise a test resolves by hand: `resume` for a paused text reply. */
export function manualGate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function startSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

function writeSse(res: ServerResponse, data: object): void {
  if (!res.destroyed) res.write(`data: ${JSON.stringify(data)}\n\n`);
}

function chunk(request: RecordedRequest, id: string, choices: unknown[], model = request.body?.model ?? 'fake-model', extra: object = {}): object {
  return { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices, ...extra };
}

function choiceTexts(reply: TextReply, request: RecordedRequest): string[] {
  if (Array.isArray(reply.text)) return reply.text;
  const n = typeof request.body?.n === 'number' && request.body.n > 1 ? request.body.n : 1;
  return Array.from({ length: n }, () => reply.text as string);
}

/** Words with their leading whitespace, so the deltas join back to the exact text. */
export function splitIntoTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}

/** Deterministic numbers (about 4 characters a token), enough to test how usage is shown. */
function estimateUsage(request: RecordedRequest, texts: string[]): Usage {
  const prompt_tokens = Math.ceil(request.rawBody.length / 4);
  const completion_tokens = texts.reduce((sum, text) => sum + splitIntoTokens(text).length, 0);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

function openAiErrorBody(message: string, type: string, code: string | null = null): object {
  return { error: { message, type, code } };
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function isChatPath(method: string, path: string): boolean {
  return method === 'POST' && path.endsWith('/chat/completions');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
