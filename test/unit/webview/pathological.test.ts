import { mountView } from './mountView';
import { ManualFrames } from './setupDom';
import * as assert from 'node:assert/strict';
import { extractCodeBlocks } from '../../../src/shared/codeBlocks';
import type { AssistantEntry, Conversation, Entry } from '../../../src/shared/conversation';
import { renderLimits } from '../../../src/shared/renderPlan';
import { renderMarkdownInto } from '../../../src/webview/markdown';
import { StreamingRenderer } from '../../../src/webview/streamingRenderer';
import { mixedPathologicalAnswer, pathologicalCases } from '../../support/pathologicalAnswers';

function oneShot(text: string): HTMLElement {
  const container = document.createElement('div');
  renderMarkdownInto(container, text);
  return container;
}

/** Streams `text` in deltas of `size`, a frame after every `perFrame` deltas; returns the container. */
function stream(text: string, size: number, perFrame = 1): HTMLElement {
  const frames = new ManualFrames();
  const container = document.createElement('div');
  const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
  let deltas = 0;
  for (let at = 0; at < text.length; at += size) {
    renderer.append(text.slice(at, at + size));
    if (++deltas % perFrame === 0) frames.runFrame();
  }
  frames.runFrame();
  renderer.flush();
  return container;
}

/** The webview's code blocks must be the host's, number for number. */
function assertSameCodeBlocks(container: Element, text: string, label: string): void {
  const host = extractCodeBlocks(text);
  const shown = Array.from(container.querySelectorAll('.code-block[data-block]'));
  assert.deepEqual(shown.map((block) => Number(block.getAttribute('data-block'))), host.map((_, index) => index), `${label}: numbering`);
  shown.forEach((block, index) => {
    assert.equal(block.querySelector('pre code')!.textContent, host[index]!.code, `${label}: block ${index}`);
  });
}

const wrap = (middle: string): string =>
  `# Before\n\nFirst \`code\`:\n\n\`\`\`ts\nconst before = 1;\n\`\`\`\n\n${middle}\n\nAfter the bad part.\n\n\`\`\`py\nafter = 2\n\`\`\`\n`;

const ordinary: Record<string, string> = {
  prose: 'Hello **world**.\n\n## Heading\n\n- a\n- b\n\n```js\nlet x = 1;\n```\n',
  nested: '1. Step\n\n   ```sh\n   echo nested\n   ```\n\n> quoted\n>\n>     indented code\n\n~~~\ntilde\n~~~\n',
  unclosed: 'Intro\n\n```js\nconsole.log(1);\n\n// still open',
};

describe('Rendering answers the parser cannot handle', () => {
  for (const testCase of pathologicalCases) {
    it(`draws ${testCase.name} as plain text with a notice, the rest as usual`, () => {
      const text = wrap(testCase.build(testCase.full));
      const container = oneShot(text);
      const fallback = container.querySelector('.plain-fallback');
      assert.ok(fallback, 'a plain-text fallback');
      assert.match(fallback.querySelector('.plain-fallback-notice')!.textContent ?? '', /^Shown as plain text: too (deeply nested|long) to format$/);
      assert.equal(container.querySelector('h1')?.textContent, 'Before');
      assert.ok(Array.from(container.querySelectorAll('p')).some((p) => p.textContent === 'After the bad part.'));
      assertSameCodeBlocks(container, text, testCase.name);
      const shown = fallback.querySelector('.plain-fallback-text')!.textContent ?? '';
      assert.ok(shown.length <= renderLimits.maxPlainShownChars);
    });
  }

  it('puts at most the shown limit of a huge plain part into the page, and says how much is left', () => {
    const container = oneShot('word '.repeat(1_000_000));
    assert.equal(container.querySelector('.plain-fallback-text')!.textContent!.length, renderLimits.maxPlainShownChars);
    assert.match(container.querySelector('.plain-fallback-more')!.textContent ?? '', /4,800,000 more characters/);
  });

  it('draws a code block past the highlight limit unhighlighted, still as a numbered code block', () => {
    const code = 'const value = compute(1, "two");\n'.repeat(Math.ceil(renderLimits.maxHighlightChars / 30));
    const text = '```ts\n' + code + '```\n\n```ts\nconst small = 1;\n```\n';
    const container = oneShot(text);
    const blocks = container.querySelectorAll('.code-block');
    assert.equal(blocks.length, 2);
    assert.equal(blocks[0]!.querySelector('.hljs-keyword'), null, 'the big block is not highlighted');
    assert.ok(blocks[1]!.querySelector('.hljs-keyword'), 'the small one is');
    assertSameCodeBlocks(container, text, 'big code');
  });

  it('numbers code blocks as the host does, for every case and ordinary answers', () => {
    const texts: Record<string, string> = { ...ordinary, mixed: mixedPathologicalAnswer() };
    for (const testCase of pathologicalCases) texts[testCase.name] = wrap(testCase.build(testCase.full));
    for (const [name, text] of Object.entries(texts)) assertSameCodeBlocks(oneShot(text), text, name);
  });

  it('streams a pathological answer to the same DOM as a one-shot render, numbering included', () => {
    const text = mixedPathologicalAnswer();
    const expected = oneShot(text).innerHTML;
    for (const [size, perFrame] of [[4_096, 1], [997, 7], [50_000, 1]] as const) {
      const container = stream(text, size, perFrame);
      assert.equal(container.innerHTML, expected, `deltas of ${size}, a frame every ${perFrame}`);
      assertSameCodeBlocks(container, text, `streamed ${size}`);
    }
  });

  it('streams a good part that turns bad (a line grows past the limit) to the one-shot result', () => {
    const text = `Intro\n\n- item\n- item two ${'y'.repeat(renderLimits.maxLineChars + 10)}\n\n\`\`\`\nlast\n\`\`\`\n`;
    assert.equal(stream(text, 50).innerHTML, oneShot(text).innerHTML);
    assert.equal(stream(text, 3_000, 2).innerHTML, oneShot(text).innerHTML);
  });
});

describe('Hidden characters in answers', () => {
  it('shows bidi controls and tag characters as visible markers, in text and code, keeping the text', () => {
    const tag = String.fromCodePoint(0xe0041);
    const text = `Access check\u202e if admin\n\n\`\`\`js\nif (isAdmin) {\u2066 // check\u2069 ${tag}\n}\n\`\`\`\n`;
    const container = oneShot(text);
    const markers = Array.from(container.querySelectorAll('.hidden-char'));
    assert.deepEqual(markers.map((marker) => marker.getAttribute('data-code-point')), ['U+202E', 'U+2066', 'U+2069', 'U+E0041']);
    assert.ok(container.querySelector('p .hidden-char'), 'in prose');
    assert.ok(container.querySelector('pre code .hidden-char'), 'in code');
    // Selecting and copying still gives the model's exact text; the host copies from its own copy.
    assert.equal(container.querySelector('pre code')!.textContent, extractCodeBlocks(text)[0]!.code);
    assert.equal(container.querySelector('p')!.textContent, 'Access check\u202e if admin');
  });

  it('marks them in plain-text fallbacks too, and streams to the same DOM', () => {
    const text = `before\n\n${'>'.repeat(100)} \u202e reversed\n\nafter \u200b`;
    const container = oneShot(text);
    assert.deepEqual(Array.from(container.querySelectorAll('.hidden-char')).map((marker) => marker.getAttribute('data-code-point')), ['U+202E', 'U+200B']);
    assert.equal(stream(text, 7).innerHTML, container.innerHTML);
  });
});


function answer(id: string, content: string): AssistantEntry {
  return { id, role: 'assistant', candidates: [{ content }], chosen: 0, status: 'done', model: 'm', createdAt: 2 };
}

function replay(entries: Entry[]): HTMLElement {
  const { root, view } = mountView();
  const conversation: Conversation = { id: 'c', title: 't', model: 'm', entries, createdAt: 1, updatedAt: 1 };
  view.handle({ type: 'state', state: { conversation, hasToken: true, origin: 'https://api.example.com', busy: false } });
  return root;
}

/** Older answers of a long conversation are drawn in idle time (transcript.ts): wait until none waits. */
async function allDrawn(root: HTMLElement): Promise<void> {
  for (let tick = 0; tick < 200 && root.querySelector('.entry-pending'); tick++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('Replaying a stored conversation with a bad answer', () => {
  it('draws every entry when one answer is pathological', async () => {
    const root = replay([
      { id: 'u1', role: 'user', text: 'first question', createdAt: 1 },
      answer('a1', 'first **answer**'),
      { id: 'u2', role: 'user', text: 'second question', createdAt: 1 },
      answer('a2', mixedPathologicalAnswer()),
      { id: 'u3', role: 'user', text: 'third question', createdAt: 1 },
      answer('a3', 'third answer'),
    ]);
    await allDrawn(root);
    assert.equal(root.querySelectorAll('article.entry').length, 6);
    assert.equal(root.querySelector('[data-entry-id="a1"] strong')?.textContent, 'answer');
    assert.equal(root.querySelector("[data-broken-entry]"), null, root.querySelector("[data-broken-entry]")?.outerHTML);
    assert.ok(root.querySelector('[data-entry-id="a2"] .plain-fallback'));
    assert.equal(root.querySelector('[data-entry-id="a3"] .markdown-body')?.textContent?.trim(), 'third answer');
    assert.ok(root.querySelector('[data-entry-id="a3"] .answer-actions'), 'the last answer keeps its actions');
  });

  it('draws the others when one stored entry is malformed and cannot be drawn at all', () => {
    const broken = { id: 'a2', role: 'assistant', candidates: null, chosen: 0, status: 'done', model: 'm', createdAt: 2 } as unknown as AssistantEntry;
    const root = replay([
      { id: 'u1', role: 'user', text: 'first question', createdAt: 1 },
      answer('a1', 'first answer'),
      broken,
      answer('a3', 'third answer'),
    ]);
    assert.ok(root.querySelector('[data-broken-entry="a2"]'), 'a notice stands in for the broken entry');
    assert.match(root.querySelector('[data-broken-entry="a2"]')!.textContent ?? '', /could not be drawn/);
    assert.equal(root.querySelector('[data-entry-id="a1"] .markdown-body')?.textContent?.trim(), 'first answer');
    assert.equal(root.querySelector('[data-entry-id="a3"] .markdown-body')?.textContent?.trim(), 'third answer');
  });
});

describe('Hidden characters written as character references', () => {
  it('marks &#x202E; and &#8238; once the HTML is parsed', () => {
    const container = oneShot('Text &#x202E; and &#8238; here');
    assert.deepEqual(Array.from(container.querySelectorAll('.hidden-char')).map((marker) => marker.getAttribute('data-code-point')), ['U+202E', 'U+202E']);
  });
});
