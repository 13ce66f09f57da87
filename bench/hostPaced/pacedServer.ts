// The loopback server of the host CPU bench, run in a child process (its CPU must not count as
// the client's, and its writes must not take turns with the client on one event loop). It
// answers every request with the same 50 KB answer in one of three ways, named by the request's
// `model`:
// - `paced`: one SSE event per socket write, one write per millisecond (a fast model's pace;
//   each event reaches the client as its own read, one event-loop wake-up each);
// - `fast`: the same events written back to back (the socket coalesces them into few reads);
// - `one`: the whole answer in one event.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildAnswer, splitInto } from '../vscode/benchContent';

export const ANSWER_CHARS = 50_000;
export const DELTAS = 5_000;

export type ServeMode = 'paced' | 'fast' | 'one';

const HEAD = '{"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_51e1070cf2","choices":[{"index":0,"delta":';
const TAIL = ',"logprobs":null,"finish_reason":null}],"usage":null}';

const event = (delta: object, tail = TAIL): string => `data: ${HEAD}${JSON.stringify(delta)}${tail}\n\n`;

/** The SSE body as the writes of one answer: role, the deltas, finish, usage, `[DONE]`. */
export function answerWrites(mode: ServeMode): { writes: string[]; answer: string } {
  const answer = buildAnswer(ANSWER_CHARS);
  const deltas = mode === 'one' ? [answer] : splitInto(answer, DELTAS);
  const writes = [event({ role: 'assistant', content: '', refusal: null })];
  for (const content of deltas) writes.push(event({ content }));
  writes.push(event({}, TAIL.replace('"finish_reason":null', '"finish_reason":"stop"')));
  writes.push('data: {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4.1-2025-04-14","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":5000,"total_tokens":5019}}\n\n');
  writes.push('data: [DONE]\n\n');
  return { writes, answer };
}

function modeOf(body: string): ServeMode {
  try {
    const model = (JSON.parse(body) as { model?: unknown }).model;
    return model === 'fast' || model === 'one' ? model : 'paced';
  } catch {
    return 'paced';
  }
}

async function send(res: ServerResponse, mode: ServeMode): Promise<void> {
  const { writes } = answerWrites(mode);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  if (mode !== 'paced') {
    for (const piece of writes) res.write(piece);
    res.end();
    return;
  }
  // A timer of 1 ms per write (~1.1 ms in practice): Nagle is off in Node, so each is a segment.
  for (const piece of writes) {
    if (res.destroyed) return;
    res.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  res.end();
}

export function servePaced(): void {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (piece: string) => (body += piece));
    req.on('end', () => void send(res, modeOf(body)));
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
  process.on('disconnect', () => process.exit(0));
}
