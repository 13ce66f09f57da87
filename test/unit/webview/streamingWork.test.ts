import { mountView } from './mountView';
import { ManualFrames } from './setupDom';
import * as assert from 'node:assert/strict';
import type { AssistantEntry, Conversation } from '../../../src/shared/conversation';
import { renderMarkdownInto } from '../../../src/webview/markdown';
import type { WorkMeter } from '../../../src/webview/streamingRenderer';

// The work the webview does per streamed delta must not grow with the answer: what it looks
// at is counted (never timed) through the injected meter.


type Kind = Parameters<WorkMeter>[0];

function setup() {
  const frames = new ManualFrames();
  const work: Record<Kind, number> = { compare: 0, plan: 0, lex: 0, write: 0 };
  let frameLex = 0;
  const meter: WorkMeter = (kind, chars) => {
    work[kind] += chars;
    if (kind === 'lex') frameLex += chars;
  };
  const { root, send } = mountView({ frames, meter, start: false });
  const conversation: Conversation = { id: 'c', title: 't', model: 'm', entries: [], createdAt: 1, updatedAt: 1 };
  send({ type: 'state', state: { conversation, hasToken: true, origin: 'https://x', busy: true } });
  const takeFrameLex = (): number => {
    const value = frameLex;
    frameLex = 0;
    return value;
  };
  return { root, send, frames, work, takeFrameLex };
}

function answer(content: string, extra: Partial<AssistantEntry> = {}): AssistantEntry {
  return { id: 'a1', role: 'assistant', candidates: [{ content }], chosen: 0, status: 'streaming', model: 'm', createdAt: 2, ...extra };
}

/** About `size` characters of everyday markdown: paragraphs, lists, code, headings, a table. */
function longAnswer(size: number): { text: string; largestChunk: number } {
  const chunks: string[] = [];
  let length = 0;
  for (let index = 0; length < size; index++) {
    const chunk = [
      `## Step ${index}\nSome **bold** text, \`code\` and a [link](https://example.com/${index}) in paragraph ${index}.`,
      `- item ${index}\n- another *item*\n  - nested ${index}`,
      '```ts\n' + `const value${index} = compute(${index});\n`.repeat(8) + '```',
      `| a | b |\n|---|---|\n| ${index} | x |\n| y | ${index} |`,
      `A longer paragraph that goes on for a while, line ${index}, without any blank line\nand continues on a second line with _emphasis_ and more words to read.`,
    ][index % 5]!;
    chunks.push(chunk);
    length += chunk.length + 2;
  }
  return { text: chunks.join('\n\n'), largestChunk: Math.max(...chunks.map((chunk) => chunk.length)) };
}

/** Deterministic delta sizes of 1–20 characters. */
function* splits(text: string): Generator<string> {
  let seed = 7;
  for (let at = 0; at < text.length; ) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const size = 1 + (seed % 20);
    yield text.slice(at, at + size);
    at += size;
  }
}

describe('streaming work per delta (webview)', () => {
  it('appends without rescanning: no whole-text compare, the plan sees each character about once, the parser only the open tail', () => {
    const { text, largestChunk } = longAnswer(50_000);
    const { root, send, frames, work, takeFrameLex } = setup();
    send({ type: 'entryAdded', entry: answer('') });
    let deltas = 0;
    /** Text appended since the last render (renders of a costly tail are paced, so some frames skip). */
    let unrendered = 0;
    let excess = 0;
    for (const delta of splits(text)) {
      send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: delta }] });
      deltas++;
      unrendered += delta.length;
      // A frame after every delta: the worst case for work per frame.
      frames.runFrame();
      const lexed = takeFrameLex();
      if (lexed > 0) {
        excess = Math.max(excess, lexed - unrendered);
        unrendered = 0;
      }
    }
    assert.ok(deltas > 4_000, `${deltas} deltas`);
    assert.equal(work.compare, 0, 'streamed text is never compared with the text already shown');
    const longestLine = Math.max(...text.split('\n').map((line) => line.length));
    assert.ok(work.plan <= text.length + deltas * longestLine, `plan looked at ${work.plan} characters`);
    // The open tail is at most the last two blocks and what follows them, whatever the length so far.
    assert.ok(excess <= 2 * largestChunk + 8, `one frame lexed ${excess} characters more than were appended (largest block ${largestChunk})`);

    send({ type: 'entryUpdated', entry: answer(text, { status: 'done' }) });
    const oneShot = document.createElement('div');
    renderMarkdownInto(oneShot, text);
    assert.equal(root.querySelector('[data-entry-id="a1"] .markdown-body')!.innerHTML, oneShot.innerHTML);
  });

  it('a JSON answer puts each streamed character into the page once', () => {
    const { root, send, frames, work } = setup();
    send({ type: 'entryAdded', entry: answer('', { responseFormat: 'json_object' }) });
    const text = JSON.stringify({ items: Array.from({ length: 2_000 }, (_, index) => ({ index, name: `item ${index}` })) });
    for (const delta of splits(text)) {
      send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: delta }] });
      frames.runFrame();
    }
    assert.equal(work.compare, 0);
    assert.equal(work.write, text.length, 'only appended text is written');
    assert.equal(root.querySelector('.json-streaming-text')?.textContent, text);
  });
});
