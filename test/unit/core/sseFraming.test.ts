// The SSE decoder frames the common `data: …` event itself and leaves everything else to
// eventsource-parser. Whatever the stream and wherever the reads are cut, it must report
// exactly what the parser alone reports for the whole body: the same events, with the same
// data and names, and the same `error:` field lines, in the same order.

import * as assert from 'node:assert/strict';
import { createParser } from 'eventsource-parser';
import { AnswerAssembler } from '../../../src/core/answerAssembler';
import { AnswerDecoder } from '../../../src/core/answerDecoder';
import { SseDecoder } from '../../../src/core/sseDecoder';
import type { ChatEvent } from '../../../src/core/types';

type Report = ['data', string, string | undefined] | ['error', string] | ['overflow'];

/** The reference: the parser alone, fed the whole body (one BOM dropped) and a closing blank line. */
function reference(body: Buffer): Report[] {
  const reports: Report[] = [];
  const parser = createParser({
    onEvent: (message) => reports.push(['data', message.data, message.event]),
    onError: (error) => {
      if (error.type === 'unknown-field' && error.field === 'error') reports.push(['error', error.value ?? '']);
    },
    maxBufferSize: 16 * 1024 * 1024,
  });
  const bytes = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
  parser.feed(bytes.toString('latin1'));
  parser.feed('\n\n');
  return reports;
}

function decoded(body: Buffer, cuts: number[]): Report[] {
  const reports: Report[] = [];
  const decoder = new SseDecoder(
    (text, start, end, event) => reports.push(['data', text.slice(start, end), event]),
    (value) => reports.push(['error', value]),
  );
  let from = 0;
  for (const cut of [...cuts, body.length]) {
    decoder.push(body.subarray(from, cut));
    from = cut;
  }
  decoder.end();
  if (decoder.overflowed) reports.push(['overflow']);
  return reports;
}

function randomSource(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % n;
  };
}

const chunk = (token: string): string => `{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":${JSON.stringify(token)}},"finish_reason":null}]}`;

/** Lines that are not the common case, each with or without its blank line. */
const UNUSUAL = [
  ': keep-alive',
  ':',
  'event: error',
  'event:',
  'id: 7',
  'retry: 1000',
  'retry: soon',
  'error: {"message":"out of memory"}',
  'error:',
  'data',
  'data:',
  'data: ',
  'dat',
  'da: x',
  'data:  two spaces',
  'data:no space',
  'Data: capital',
  'data: first\ndata: second',
  'data: [DONE]',
  '\ufeffdata: bom inside',
  'data: ü é 🙂',
  `data: ${'x'.repeat(70_000)}`,
];

function randomBody(random: (n: number) => number, lineEnd: string): Buffer {
  const parts: string[] = [];
  if (random(8) === 0) parts.push('\ufeff');
  const count = 5 + random(60);
  for (let i = 0; i < count; i++) {
    const kind = random(10);
    if (kind < 6) parts.push(`data: ${chunk(['a', ' b', 'é', '🙂', '\\', '"', '\n'][random(7)]!)}${lineEnd}${lineEnd}`);
    else if (kind < 9) parts.push(`${UNUSUAL[random(UNUSUAL.length)]!.split('\n').join(lineEnd)}${lineEnd}${random(3) === 0 ? '' : lineEnd}`);
    else parts.push(lineEnd.repeat(1 + random(3)));
  }
  // Sometimes the body ends without its last blank line, or in the middle of a line.
  const last = random(4);
  if (last === 0) parts.push(`data: ${chunk('end')}`);
  else if (last === 1) parts.push('data: {"cut');
  return Buffer.from(parts.join(''));
}

function randomCuts(random: (n: number) => number, length: number): number[] {
  const style = random(4);
  if (style === 0) return Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1).slice(0, 5_000); // byte by byte (most)
  const cuts = new Set<number>();
  const count = style === 1 ? 1 + random(4) : random(Math.max(1, Math.floor(length / 8)));
  for (let i = 0; i < count; i++) cuts.add(1 + random(Math.max(1, length - 1)));
  return [...cuts].sort((a, b) => a - b);
}

describe('SSE framing', () => {
  it('reports what the parser alone reports, for random streams cut anywhere', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = randomSource(seed);
      const lineEnd = random(10) === 0 ? ['\r\n', '\r'][random(2)]! : '\n';
      const body = randomBody(random, lineEnd);
      const expected = reference(body);
      for (let attempt = 0; attempt < 3; attempt++) {
        const cuts = randomCuts(random, body.length);
        assert.deepEqual(decoded(body, cuts), expected, `seed ${seed}, cuts ${JSON.stringify(cuts.slice(0, 40))}`);
      }
    }
  });

  it('frames a blank line split between two reads, and a line end right at a cut', () => {
    const body = Buffer.from(`data: ${chunk('a')}\n\n: ping\n\ndata: ${chunk('b')}\n\nevent: x\ndata: y\n\ndata: ${chunk('c')}\n\n`);
    for (let cut = 1; cut < body.length; cut++) {
      for (const second of [cut + 1, cut + 7, body.length]) {
        const cuts = second < body.length && second > cut ? [cut, second] : [cut];
        assert.deepEqual(decoded(body, cuts), reference(body), `cuts ${cuts.join(',')}`);
      }
    }
  });

  it('switches to the parser for good when a CR appears mid-stream', () => {
    const body = Buffer.from(`data: ${chunk('a')}\n\ndata: ${chunk('b')}\r\n\r\ndata: c\rdata: d\r\r\n\ndata: ${chunk('e')}\n\n`);
    for (let cut = 1; cut < body.length; cut++) assert.deepEqual(decoded(body, [cut]), reference(body), `cut at ${cut}`);
  });

  it('reports an event too large to hold as an overflow, as the parser does', () => {
    const body = Buffer.from(`data: ${chunk('a')}\n\ndata: ${'x'.repeat(17 * 1024 * 1024)}\n\ndata: ${chunk('b')}\n\n`);
    // Held in pieces past 16 MB before its line ends: the stream cannot be read further.
    const reports = decoded(body, [100, 70_000, 5_000_000, 16_900_000]);
    assert.deepEqual(reports, [['data', chunk('a'), undefined], ['overflow']]);
    // Completed within the limit of what is held at once, it is an event like any other.
    const whole = decoded(body, [100, 70_000, 5_000_000, 12_000_000]).map((report) => (report[0] === 'data' ? report[1].length : report[0]));
    assert.deepEqual(whole, [chunk('a').length, 17 * 1024 * 1024, chunk('b').length]);
  });

  it('gives a consumer the same events, in the same order, as the general path, for random cuts', () => {
    const random = randomSource(7);
    const tokens = [' The', ' fox', 'é', ' 🙂', '\n\n', '"', '\\', ' caf', 'ü', '\u2028', '```', 'x'];
    const lines = ['{"id":"c","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null}]}'];
    for (let i = 0; i < 3_000; i++) {
      const token = tokens[random(tokens.length)]!;
      const kind = random(50);
      // Now and then a chunk that differs from the common one outside its token only: a
      // reasoning token, or a finish reason as long as `null` (the same length, other bytes).
      if (kind === 0) lines.push(`{"id":"c","model":"m","choices":[{"index":0,"delta":{"reasoning_content":${JSON.stringify(token)}},"finish_reason":null}]}`);
      else lines.push(`{"id":"c","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":${JSON.stringify(token)}},"finish_reason":${kind === 1 ? '"no"' : 'null'}}]}`);
    }
    lines.push('{"id":"c","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}', '{"id":"c","model":"m","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":3000,"total_tokens":3001}}', '[DONE]');
    const run = (text: string, cuts: number[]): ChatEvent[] => {
      const body = Buffer.from(text);
      const assembler = new AnswerAssembler();
      const decoder = new AnswerDecoder(assembler, 200, new Headers({ 'content-type': 'text/event-stream' }));
      const events: ChatEvent[] = [];
      let from = 0;
      for (const cut of [...cuts, body.length]) {
        decoder.push(body.subarray(from, cut));
        from = cut;
        events.push(...assembler.drain());
      }
      decoder.end();
      assembler.finish();
      events.push(...assembler.drain());
      return merged(events);
    };
    // The general path: every line parsed and taken whole, no framing or shortcut of ours.
    const reference = new AnswerAssembler();
    for (const line of lines) {
      if (line === '[DONE]') reference.markDone();
      else reference.takeChunk(JSON.parse(line));
    }
    reference.finish();
    const general = merged(reference.drain());
    // CRLF line ends take the parser's framing for every event.
    assert.deepEqual(run(lines.map((line) => `data: ${line}\r\n\r\n`).join(''), []), general);
    const lf = lines.map((line) => `data: ${line}\n\n`).join('');
    const length = Buffer.byteLength(lf);
    for (let attempt = 0; attempt < 20; attempt++) {
      const cuts = randomCuts(random, length).filter((cut) => attempt % 2 === 0 || cut % 3 === 0);
      assert.deepEqual(run(lf, cuts), general, `attempt ${attempt}`);
    }
    const text = general.filter((event) => event.type === 'delta').map((event) => (event as { content: string }).content).join('');
    assert.equal(text, lines.slice(1, -3).map((line) => JSON.parse(line).choices[0].delta.content ?? '').join(''));
  });
});

/** Adjacent text events of the same kind and choice joined: how they split depends on the reads. */
function merged(events: ChatEvent[]): ChatEvent[] {
  const out: ChatEvent[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if (last && (event.type === 'delta' || event.type === 'reasoning') && last.type === event.type && last.index === event.index) {
      out[out.length - 1] = { ...last, content: last.content + event.content };
    } else {
      out.push({ ...event });
    }
  }
  return out;
}
