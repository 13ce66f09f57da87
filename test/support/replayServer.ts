// A real HTTP server on 127.0.0.1 for the core client's tests: it replays the recorded
// conformance bodies (whole, one byte per write, or cut at chosen offsets) and answers with
// whatever a test scripts, while recording every request and every closed connection.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ChatEvent } from '../../src/core/types';

/** The clone's root: the nearest folder above this (bundled) file that holds package.json. */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** The project's own copy of the recorded server streams (from shared/conformance; add cases there). */
export const CONFORMANCE_DIR = resolve(findRepoRoot(), 'test/fixtures/conformance/streams');

/** Hostile and quirky server answers, in the same format, each with the outcome it must have. */
export const HOSTILE_DIR = resolve(findRepoRoot(), 'test/fixtures/hostile/streams');

export interface ExpectedChoice {
  index: number;
  content?: string | null;
  reasoning?: string;
  refusal?: string;
  finish_reason?: string | null;
  tool_calls?: { id: string; type: string; name: string; arguments: string }[];
}

export interface ExpectedError {
  http_status: number;
  code?: string | number;
  message?: string;
  trace_id?: string;
  request_id?: string;
  retryable?: boolean;
  retry_after_ms?: number | null;
  /** The ChatError kind (hostile cases; `http_status` null there means no HTTP status at all). */
  kind?: string;
  /** Words the message must contain, e.g. the wait in words or the limit. */
  message_includes?: string[];
  /** Whether the error says text had arrived before it. */
  partial?: boolean;
}

export interface ConformanceCase {
  name: string;
  body: Buffer;
  request: Record<string, unknown>;
  http: { status: number; headers: Record<string, string> };
  replay?: { modes?: string[]; split_at?: number[]; /** Write the body, then keep the connection open. */ hold_open?: boolean };
  /** Client options for this case (hostile cases): merged into the ChatRequest. */
  client?: { retry?: Record<string, number>; timeouts?: Record<string, number>; limits?: { maxAnswerChars?: number } };
  expected: {
    outcome: 'success' | 'error' | 'incomplete';
    choices?: ExpectedChoice[];
    partial_choices?: ExpectedChoice[];
    usage: Record<string, unknown> | null;
    error: ExpectedError | null;
    /** How many requests the client sends (hostile retry cases); 1 when absent. */
    requests?: number;
  };
}

/** Every case in the folder, so a new recording is tested without touching the tests. */
export function loadConformanceCases(dir: string = CONFORMANCE_DIR): ConformanceCase[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const meta = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<ConformanceCase, 'body'> & { name?: string };
      const base = file.slice(0, -'.json'.length);
      return { ...meta, name: meta.name ?? base, body: readFileSync(join(dir, `${base}.sse`)) };
    });
}

/** How the body is written: one piece, one byte per write, or cut before each offset. */
export type ReplayMode = { kind: 'whole' } | { kind: 'bytes' } | { kind: 'cuts'; at: number[] };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, request: RecordedRequest) => void | Promise<void>;

export class ReplayServer {
  readonly requests: RecordedRequest[] = [];
  /** Connections the client closed (or that ended), counted when the socket closes. */
  closedConnections = 0;
  private handlers: Handler[] = [];
  private fallback: Handler = (_req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('no handler scripted for this request');
  };
  private readonly sockets = new Set<Socket>();
  private closeWaiters: (() => void)[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<ReplayServer> {
    const server = createServer();
    const replay = new ReplayServer(server);
    server.on('connection', (socket: Socket) => {
      replay.sockets.add(socket);
      socket.on('close', () => {
        replay.sockets.delete(socket);
        replay.closedConnections++;
        for (const wake of replay.closeWaiters.splice(0)) wake();
      });
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        replay.requests.push(recorded);
        const handler = replay.handlers.shift() ?? replay.fallback;
        Promise.resolve(handler(req, res, recorded)).catch(() => res.destroy());
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return replay;
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** A base URL in the OpenAI style. */
  get baseUrl(): string {
    return `${this.origin}/v1`;
  }

  /** The next requests are answered by these handlers, in order; then by `always` if set. */
  script(...handlers: Handler[]): this {
    this.handlers.push(...handlers);
    return this;
  }

  always(handler: Handler): this {
    this.fallback = handler;
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.handlers = [];
    this.closedConnections = 0;
    this.always((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('no handler scripted for this request');
    });
  }

  /** Resolves once `count` connections have closed in total. */
  async connectionsClosed(count: number): Promise<void> {
    while (this.closedConnections < count) await new Promise<void>((wake) => this.closeWaiters.push(wake));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

/** A handler that replays a conformance case in the given mode. */
export function replayCase(testCase: ConformanceCase, mode: ReplayMode): Handler {
  return async (_req, res) => {
    const headers = { ...testCase.http.headers };
    let body = testCase.body;
    const encoding = headerValue(headers, 'content-encoding');
    // A recording may hold the body already compressed (gzip magic) or as text to be compressed.
    if (encoding === 'gzip' && !(body[0] === 0x1f && body[1] === 0x8b)) body = gzipSync(body);
    // The recorded content-length may predate a trailing newline: it must match what is sent.
    if (headerValue(headers, 'content-length') !== undefined) {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-length') delete headers[name];
      headers['content-length'] = String(body.length);
    }
    res.writeHead(testCase.http.status, headers);
    await writeInPieces(res, body, mode);
    // A server that goes quiet without closing; the client's clocks must end it.
    if (testCase.replay?.hold_open) return;
    res.end();
  };
}

/** Writes `body` as the mode says, letting each piece leave before the next. */
export async function writeInPieces(res: ServerResponse, body: Buffer, mode: ReplayMode): Promise<void> {
  const offsets = mode.kind === 'whole' ? [] : mode.kind === 'bytes' ? range(1, body.length) : [...new Set(mode.at)].filter((at) => at > 0 && at < body.length).sort((a, b) => a - b);
  let start = 0;
  for (const end of [...offsets, body.length]) {
    if (end <= start) continue;
    await write(res, body.subarray(start, end));
    start = end;
    // Let the socket flush, so the client's reads see the pieces apart.
    await new Promise((done) => setImmediate(done));
  }
}

function write(res: ServerResponse, piece: Buffer): Promise<void> {
  return new Promise((done, fail) => {
    res.write(piece, (error) => (error ? fail(error) : done()));
  });
}

function range(from: number, to: number): number[] {
  const values: number[] = [];
  for (let i = from; i < to; i++) values.push(i);
  return values;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Offsets that cut where parsers break: inside CRLF pairs, inside UTF-8 sequences, inside "data:". */
export function oddCutOffsets(body: Buffer, seed: number, randomCount = 16): number[] {
  const cuts = new Set<number>();
  for (let i = 1; i < body.length && cuts.size < 40; i++) {
    const byte = body[i];
    if ((byte & 0xc0) === 0x80 && cuts.size < 40) cuts.add(i); // continuation byte: splits a character
    if (body[i - 1] === 0x0d && byte === 0x0a) cuts.add(i); // between CR and LF
    if (body[i - 1] === 0x64 && byte === 0x61 && body[i + 1] === 0x74) cuts.add(i); // "d|ata"
  }
  let state = seed >>> 0 || 1;
  for (let i = 0; i < randomCount; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    cuts.add(1 + (state % Math.max(1, body.length - 1)));
  }
  return [...cuts].sort((a, b) => a - b);
}

/** What a test saw from one streamChat call: each choice assembled, and how it ended. */
export interface CollectedAnswer {
  events: ChatEvent[];
  choices: Map<number, AssembledChoice>;
  usage: Record<string, unknown> | undefined;
  usageEvents: number;
  models: string[];
  error: unknown;
}

export interface AssembledChoice {
  content: string;
  reasoning: string;
  refusal: string;
  finishReason: string | null;
  toolCalls: { id?: string; name?: string; arguments: string }[];
}

/** Runs the iterable to its end (or its error) and assembles what it yielded. */
export async function collectAnswer(stream: AsyncIterable<ChatEvent>): Promise<CollectedAnswer> {
  const answer: CollectedAnswer = { events: [], choices: new Map(), usage: undefined, usageEvents: 0, models: [], error: undefined };
  const choice = (index: number): AssembledChoice => {
    let found = answer.choices.get(index);
    if (!found) {
      found = { content: '', reasoning: '', refusal: '', finishReason: null, toolCalls: [] };
      answer.choices.set(index, found);
    }
    return found;
  };
  try {
    for await (const event of stream) {
      answer.events.push(event);
      switch (event.type) {
        case 'delta':
          choice(event.index).content += event.content;
          break;
        case 'reasoning':
          choice(event.index).reasoning += event.content;
          break;
        case 'refusal':
          choice(event.index).refusal += event.content;
          break;
        case 'finish':
          choice(event.index).finishReason = event.reason;
          break;
        case 'toolCall': {
          const calls = choice(event.index).toolCalls;
          const call = (calls[event.toolIndex] ??= { arguments: '' });
          if (event.id) call.id = event.id;
          if (event.name) call.name = event.name;
          call.arguments += event.arguments;
          break;
        }
        case 'usage':
          answer.usage = event.usage;
          answer.usageEvents++;
          break;
        case 'model':
          answer.models.push(event.model);
          break;
      }
    }
  } catch (error) {
    answer.error = error;
  }
  return answer;
}

/** A `chat.completion.chunk` as OpenAI sends it, for scripted streams. */
export function chunkJson(delta: Record<string, unknown>, options: { index?: number; finish?: string | null; usage?: unknown; model?: string } = {}): string {
  return JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: options.model ?? 'gpt-4o-mini',
    choices: [{ index: options.index ?? 0, delta, logprobs: null, finish_reason: options.finish ?? null }],
    ...(options.usage !== undefined ? { usage: options.usage } : {}),
  });
}

/** SSE framing of data payloads: `data: …` and a blank line each. */
export function sseEvents(...payloads: string[]): string {
  return payloads.map((payload) => `data: ${payload}\n\n`).join('');
}

/** A handler answering 200 text/event-stream with `body`, then ending. */
export function sseAnswer(body: string, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
    res.end(body);
  };
}

/** A handler answering `status` with a JSON (or, given a string, raw) body. */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}
