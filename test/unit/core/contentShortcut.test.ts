// The JSON.parse shortcut must never change a result: every stream read through the decoder
// (which uses it) must assemble exactly what parsing each line on its own gives.

import * as assert from 'node:assert/strict';
import { AnswerAssembler } from '../../../src/core/answerAssembler';
import { AnswerDecoder } from '../../../src/core/answerDecoder';
import { MAX_CHOICES } from '../../../src/core/answerLimits';
import { ContentShortcut } from '../../../src/core/contentShortcut';

/** Per choice: the content text, from parsing every data line with JSON.parse. */
function oracle(lines: string[]): Record<number, string> {
  const text: Record<number, string> = {};
  for (const line of lines) {
    let chunk: any;
    try {
      chunk = JSON.parse(line);
    } catch {
      continue;
    }
    for (const [position, choice] of (chunk?.choices ?? []).entries()) {
      const content = choice?.delta?.content;
      if (typeof content === 'string') {
        const index = typeof choice.index === 'number' ? choice.index : position;
        text[index] = (text[index] ?? '') + content;
      }
    }
  }
  return text;
}

function decoded(lines: string[], pieceSize: number): Record<number, string> {
  const assembler = new AnswerAssembler({ choices: MAX_CHOICES });
  const decoder = new AnswerDecoder(assembler, 200, new Headers({ 'content-type': 'text/event-stream' }));
  const body = Buffer.from(lines.map((line) => `data: ${line}\n\n`).join(''));
  for (let start = 0; start < body.length; start += pieceSize) decoder.push(body.subarray(start, start + pieceSize));
  decoder.end();
  const text: Record<number, string> = {};
  for (const event of assembler.drain()) if (event.type === 'delta') text[event.index] = (text[event.index] ?? '') + event.content;
  return text;
}

const head = (index = 0, model = 'gpt-4o'): string => `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"${model}","choices":[{"index":${index},"delta":`;
const tail = ',"logprobs":null,"finish_reason":null}],"usage":null}';
const line = (contentJson: string, index = 0, model = 'gpt-4o'): string => `${head(index, model)}{"content":${contentJson}}${tail}`;

describe('content shortcut', () => {
  it('reads escaped, quoted and non-ASCII content exactly as JSON.parse does', () => {
    const contents = ['"plain"', '"with \\"quotes\\""', '"back\\\\slash"', '"\\u00e9\\ud83d\\ude00"', '"tab\\tnew\\nline"', '"caf\u00e9 \u{1F30A}"', '""', '"\\/"', '"x\\u2028y"', '"  "'];
    const lines = [line('"start"'), ...contents.map((c) => line(c)), ...contents.map((c) => line(c))];
    for (const size of [1, 3, 64, 100_000]) assert.deepEqual(decoded(lines, size), oracle(lines), `pieces of ${size}`);
  });

  it('falls back to parsing when a line only looks like the learned shape', () => {
    const lines = [
      line('"a"'),
      line('"b"'),
      line('"c"'),
      line('"d"'),
      line('"raw\ttab"'), // a raw control character is not JSON: the line is dropped, as JSON.parse drops it
      line('"e\\"'), // an escaped closing quote: the line is cut, not content
      `${head()}{"content":"f","role":"assistant"}${tail}`,
      `${head()}{"content":"g"},"logprobs":null,"finish_reason":"stop"}],"usage":null}`,
      line('"h"', 1),
      line('"i"', 0, 'other-model'),
      `${head()}{"content":"j"}${tail} `,
      line('"k"'),
    ];
    assert.deepEqual(decoded(lines, 1_000), oracle(lines));
  });

  it('does not learn a token that is not delta.content', () => {
    const decoy = (text: string): string => `{"id":"\\"content\\":\\"x","choices":[{"index":0,"delta":{"content":${JSON.stringify(text)}}}]}`;
    const lines = ['a', 'b', 'c', 'd', 'e'].map(decoy);
    assert.deepEqual(decoded(lines, 1_000), oracle(lines));
    // The first "content" key after "delta" belongs to another object; only it varies.
    const nested = (text: string): string => `{"choices":[{"index":0,"delta":{"meta":{"content":${JSON.stringify(text)}},"content":"same"}}]}`;
    const nestedLines = ['v1', 'v2', 'v3', 'v4', 'v5'].map(nested);
    assert.deepEqual(decoded(nestedLines, 1_000), oracle(nestedLines));
  });

  it('stays right when every chunk differs outside the content (a per-chunk nonce)', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${head()}{"content":"t${i}"},"logprobs":null,"finish_reason":null}],"obfuscation":"${(i * 7919).toString(36)}"}`);
    assert.deepEqual(decoded(lines, 4096), oracle(lines));
  });

  it('stays right for random streams of interleaved choices and shapes', () => {
    let state = 42;
    const random = (n: number): number => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state % n;
    };
    const alphabet = ['a', ' ', 'é', '🙂', '\\"', '\\\\', '\\n', '\\u0041', 'content', '":"', '}', ','];
    for (let round = 0; round < 50; round++) {
      const lines: string[] = [];
      for (let i = 0; i < 200; i++) {
        const text = Array.from({ length: random(4) }, () => alphabet[random(alphabet.length)]).join('');
        const index = random(10) < 8 ? 0 : random(3);
        lines.push(random(20) === 0 ? `${head(index)}{"role":"assistant","content":"${text}"}${tail}` : line(`"${text}"`, index));
      }
      for (const size of [7, 512]) assert.deepEqual(decoded(lines, size), oracle(lines), `round ${round}, pieces of ${size}`);
    }
  });

  it('learns a shape and then reads matching lines without parsing', () => {
    const shortcut = new ContentShortcut();
    const first = line('"Hel"');
    shortcut.learn(first, JSON.parse(first));
    assert.equal(shortcut.contentOf(line('"lo"')), 'lo');
    assert.equal(shortcut.contentOf(line('"\\u0041"')), 'A');
    assert.equal(shortcut.choiceIndex, 0);
    assert.equal(shortcut.contentOf(line('"x"', 2)), undefined);
  });
});
