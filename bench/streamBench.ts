// `npm run bench`: how fast streamChat consumes a long stream of one-token chunks, next to the
// official `openai` SDK and a plain read of the response bytes (the ceiling), all from the same
// loopback server, alternated in one run so that machine noise hits each alike. It prints
// figures; it asserts nothing.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import OpenAI from 'openai';
import { streamChat } from '../src/core/chatClient';

const TARGET_BYTES = 20 * 1024 * 1024;
const WRITE_BYTES = 16 * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

/** Tokens as a tokenizer cuts English prose and code: short, mostly with a leading space. */
const TOKENS = [' The', ' quick', ' brown', ' fox', ' jumps', ' over', ' the', ' lazy', ' dog', '.', '\n\n', '```', 'ts', '\n', 'const', ' x', ' =', ' await', ' fetch', '(', 'url', ');', ' ü', 'ber', ' caf', 'é', ' 🙂', ' "', 'quoted', '"', ' is', ' a', ' token', ','];

function buildStream(targetBytes: number): { body: Buffer; contentChars: number } {
  const parts: string[] = [];
  let bytes = 0;
  let contentChars = 0;
  const head = '{"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4.1-2025-04-14","service_tier":"default","system_fingerprint":"fp_51e1070cf2","choices":[{"index":0,"delta":';
  const tail = ',"logprobs":null,"finish_reason":null}],"usage":null}';
  parts.push(`data: ${head}{"role":"assistant","content":"","refusal":null}${tail}\n\n`);
  for (let i = 0; bytes < targetBytes; i++) {
    const token = TOKENS[i % TOKENS.length]!;
    const line = `data: ${head}{"content":${JSON.stringify(token)}}${tail}\n\n`;
    parts.push(line);
    bytes += Buffer.byteLength(line);
    contentChars += token.length;
  }
  parts.push(`data: ${head}{}${tail.replace('"finish_reason":null', '"finish_reason":"stop"')}\n\n`);
  parts.push('data: {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4.1-2025-04-14","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":1000000,"total_tokens":1000019}}\n\n');
  parts.push('data: [DONE]\n\n');
  return { body: Buffer.from(parts.join('')), contentChars };
}

/**
 * The server runs in a child process, as a real server runs elsewhere: its writes must not take
 * turns with the client on one event loop, and the client's CPU time (process.cpuUsage) must
 * not include the server's.
 */
function serveInChild(): void {
  const { body } = buildStream(TARGET_BYTES);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      let offset = 0;
      // Pieces like a server flushing as it generates, paced by the socket's backpressure.
      const pump = (): void => {
        while (offset < body.length) {
          const piece = body.subarray(offset, offset + WRITE_BYTES);
          offset += piece.length;
          if (!res.write(piece)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
  // The bench ends by disconnecting; the server goes with it.
  process.on('disconnect', () => process.exit(0));
}

async function startServerChild(): Promise<{ port: number; child: ChildProcess }> {
  const child = fork(__filename, [], { env: { ...process.env, BENCH_ROLE: 'server' } });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve(Number(message)));
    child.once('error', reject);
  });
  return { port, child };
}

type Consumer = (baseUrl: string) => Promise<number>;

const consumers: Record<string, Consumer> = {
  'raw bytes (ceiling)': async (baseUrl) => {
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
      body: JSON.stringify({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'go' }], stream: true }),
    });
    const reader = response.body!.getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return bytes;
      bytes += value.byteLength;
    }
  },
  'streamChat (this client)': async (baseUrl) => {
    let chars = 0;
    for await (const event of streamChat({
      baseUrl,
      token: 'sk-bench',
      body: { model: 'gpt-4.1', messages: [{ role: 'user', content: 'go' }], stream: true },
    })) {
      if (event.type === 'delta') chars += event.content.length;
    }
    return chars;
  },
  'openai SDK 6.x': async (baseUrl) => {
    const client = new OpenAI({ baseURL: baseUrl, apiKey: 'sk-bench', maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'go' }], stream: true });
    let chars = 0;
    for await (const chunk of stream) chars += chunk.choices[0]?.delta?.content?.length ?? 0;
    return chars;
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const { body, contentChars } = buildStream(TARGET_BYTES);
  const loadAtStart = loadavg().map((load) => load.toFixed(1)).join(' ');
  const { port, child } = await startServerChild();
  const baseUrl = `http://127.0.0.1:${port}/v1`;
  const megabytes = body.length / (1024 * 1024);
  // BENCH_ONLY=streamChat narrows the run, e.g. to profile one consumer.
  const only = process.env.BENCH_ONLY;
  const names = Object.keys(consumers).filter((name) => !only || name.includes(only));
  const rates: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  /** MB per second of this process's CPU time: steadier than wall time on a busy machine. */
  const cpuRates: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));

  const chunks = body.toString('latin1').split('\n\n').length - 1;
  console.log(
    `Stream: ${megabytes.toFixed(1)} MB in ${chunks} SSE events (one token each, ${Math.round(body.length / chunks)} B on average), ` +
      `${contentChars} characters of content, served by a child process over loopback; ${ROUNDS} rounds after a warm-up, order rotated each round.`,
  );
  for (let round = -1; round < ROUNDS; round++) {
    const order = names.map((_, i) => names[(i + Math.max(0, round)) % names.length]!);
    for (const name of order) {
      const start = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      const result = await consumers[name]!(baseUrl);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const cpu = process.cpuUsage(cpuStart);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const expected = name.startsWith('raw') ? body.length : contentChars;
      if (result !== expected) console.log(`  ! ${name} saw ${result}, expected ${expected}`);
      if (round >= 0) {
        rates[name]!.push(megabytes / seconds);
        cpuRates[name]!.push(megabytes / cpuSeconds);
      }
    }
  }
  child.disconnect();

  // Ratios within a round cancel out slow spells of a busy machine better than ratios of medians.
  const pairedRatios = (name: string, base: string): number[] => (rates[name] ?? []).map((rate, round) => rate / (rates[base]?.[round] ?? NaN));
  const pairedRatio = (name: string, base: string): number => median(pairedRatios(name, base));
  const spread = (values: number[], scale: number, digits: number): string => `${(Math.min(...values) * scale).toFixed(digits)} – ${(Math.max(...values) * scale).toFixed(digits)}`;
  const sdk = median(rates['openai SDK 6.x'] ?? [NaN]);
  const raw = median(rates['raw bytes (ceiling)'] ?? [NaN]);
  const sdkCpu = median(cpuRates['openai SDK 6.x'] ?? [NaN]);
  const rawCpu = median(cpuRates['raw bytes (ceiling)'] ?? [NaN]);
  console.log('');
  console.log('consumer                    MB per client CPU-second   × SDK    of raw');
  for (const name of names) {
    const rate = median(cpuRates[name]!);
    console.log(`${name.padEnd(27)} ${rate.toFixed(1).padStart(10)}`.padEnd(52) + `${(rate / sdkCpu).toFixed(2).padStart(6)}×  ${((rate / rawCpu) * 100).toFixed(1).padStart(5)}%`);
  }
  console.log('');
  console.log('consumer                    median MB/s   (min – max)        × SDK    of raw');
  for (const name of names) {
    const values = rates[name]!;
    const rate = median(values);
    console.log(
      `${name.padEnd(27)} ${rate.toFixed(1).padStart(10)}   (${Math.min(...values).toFixed(1)} – ${Math.max(...values).toFixed(1)})`.padEnd(62) +
        `${(rate / sdk).toFixed(2).padStart(6)}×  ${((rate / raw) * 100).toFixed(1).padStart(5)}%`,
    );
  }
  console.log('');
  const client = 'streamChat (this client)';
  console.log(`streamChat ÷ SDK, median of per-round ratios: ${pairedRatio(client, 'openai SDK 6.x').toFixed(2)}× (rounds: ${spread(pairedRatios(client, 'openai SDK 6.x'), 1, 2)})   goal ≥ 5×`);
  console.log(`streamChat ÷ raw fetch, median of per-round ratios: ${(pairedRatio(client, 'raw bytes (ceiling)') * 100).toFixed(1)}% (rounds: ${spread(pairedRatios(client, 'raw bytes (ceiling)'), 100, 1)}%)   goal ≥ 50%`);
  console.log(`Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average ${loadAtStart} at the start, ${loadavg().map((load) => load.toFixed(1)).join(' ')} at the end.`);
}

if (process.env.BENCH_ROLE === 'server') {
  serveInChild();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
