import { ManualFrames } from './setupDom';
import * as assert from 'node:assert/strict';
import { renderMarkdownInto } from '../../../src/webview/markdown';
import { StreamingRenderer } from '../../../src/webview/streamingRenderer';
import { seededRandom } from '../../support/manualClock';


function oneShot(text: string): string {
  const container = document.createElement('div');
  renderMarkdownInto(container, text);
  return container.innerHTML;
}

/** Cuts `text` into deltas of 1..maxSize characters. */
function randomSplit(text: string, next: () => number, maxSize: number): string[] {
  const parts: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = 1 + Math.floor(next() * maxSize);
    parts.push(text.slice(at, at + size));
    at += size;
  }
  return parts;
}

/** Streams `deltas`, running a frame after a random number of them; returns the final HTML. */
function stream(deltas: string[], next: () => number): { html: string; renderer: StreamingRenderer; container: HTMLElement } {
  const frames = new ManualFrames();
  const container = document.createElement('div');
  const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
  for (const delta of deltas) {
    renderer.append(delta);
    if (next() < 0.6) frames.runFrame();
  }
  frames.runFrame();
  renderer.flush();
  return { html: container.innerHTML, renderer, container };
}

const samples: Record<string, string> = {
  prose: 'Hello **world**, this is *markdown*.\n\nA second paragraph with `code` and a [link](https://example.com).\n\n## Heading\n\nText after heading.\n',
  fences: 'Here is code:\n```ts\nconst a = 1;\n\nconst b = 2;\n```\nAnd more:\n\n```python\ndef f():\n    return 1\n```\n\n~~~\ntilde fence\n~~~\n\n````md\n```inner```\n````\nend',
  unclosedFence: 'Intro\n\n```js\nconsole.log(1);\n\n// still open',
  lists: '- one\n- two\n\n- three (loose)\n  continued\n\n1. first\n2. second\n   ```sh\n   echo nested\n   ```\n3. third\n\n- [ ] task\n- [x] done\n\nafter list\n',
  nestedLists: '* a\n  * b\n    * c\n\n      deep para\n\n  * d\n* e\n\n    indented code after list?\n\nText',
  tables: '| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\n\nText after\n\n| x |\n|---|\n| y |\n',
  references: 'See [the docs][docs] and [other].\n\nMore text [docs].\n\n[docs]: https://example.com/docs "Docs"\n[other]: https://example.org\n\nTail [docs]\n',
  crlf: 'Line one\r\nLine two\r\n\r\n```ts\r\nconst x = 1;\r\n```\r\n\r\n- a\r\n- b\r\n\r\nend\r\n',
  setext: 'Title\n=====\n\nSub\n---\n\npara\n#not heading\n\npara\n# heading\n\n***\n\n> quote\nlazy\n\n> another\n\n    indented\n    code\n\n    more code\n\nparagraph\n',
  html: '<div>\nblock html\n</div>\n\ninline <b>bold</b> and <img src=x onerror=alert(1)>\n\n<!-- comment -->\n\ntext',
  tableInterrupt: 'para\n| a | b |\n|---|---|\n| 1 | 2 |\n\nend\n\npara2\n| a | b |\n|---|---|x\n',
  mixed: '# Answer\n\nUse this:\n\n```ts\nexport function f(): number {\n  return 42;\n}\n```\n\n1. Step one\n2. Step two:\n\n   ```bash\n   npm install\n   ```\n\n> **Note** this is quoted\n\n![img](https://images.example.com/a.png)\n\n| Col | Val |\n|-----|-----|\n| a   | `1` |\n\n    indented block\n\nDone.\n',
};

describe('StreamingRenderer', function () {
  // Hundreds of renders per case in happy-dom: seconds on a loaded 2-core machine.
  this.timeout(60_000);
  for (const [name, text] of Object.entries(samples)) {
    it(`ends equal to a one-shot render for random splits: ${name}`, () => {
      const expected = oneShot(text);
      for (let seed = 1; seed <= 16; seed++) {
        const next = seededRandom(seed * 7919 + name.length);
        const deltas = randomSplit(text, next, 1 + (seed % 12));
        const { html } = stream(deltas, next);
        assert.equal(html, expected, `seed ${seed}, deltas ${JSON.stringify(deltas)}`);
      }
    });
  }

  it('ends equal to a one-shot render when every prefix is rendered (character by character)', () => {
    for (const [name, text] of Object.entries(samples)) {
      const frames = new ManualFrames();
      const container = document.createElement('div');
      const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
      for (const char of text) {
        renderer.append(char);
        frames.runFrame();
      }
      assert.equal(container.innerHTML, oneShot(text), name);
    }
  });

  it('shows every intermediate prefix as its own one-shot render would (frame after each delta)', () => {
    const text = samples.mixed! + samples.lists! + samples.fences!;
    const frames = new ManualFrames();
    const container = document.createElement('div');
    const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
    for (let at = 0; at < text.length; at += 5) {
      renderer.append(text.slice(at, at + 5));
      frames.runFrame();
      assert.equal(container.innerHTML, oneShot(text.slice(0, at + 5)), `prefix ${at + 5}`);
    }
  });

  it('keeps finished blocks as the same DOM nodes and renders them once', () => {
    const frames = new ManualFrames();
    const container = document.createElement('div');
    const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
    renderer.append('# Title\n\nFirst paragraph.\n\nSecond paragraph.\n\n');
    frames.runFrame();
    const heading = container.querySelector('h1');
    assert.ok(heading);
    const charsAfterFirstFrame = renderer.stats.renderedChars;
    for (let index = 0; index < 200; index++) {
      renderer.append(`Paragraph ${index} with some words.\n\n`);
      frames.runFrame();
    }
    assert.equal(container.querySelector('h1'), heading, 'the frozen heading node is kept');
    assert.equal(heading.parentNode, container);
    assert.equal(renderer.stats.fullRerenders, 0);
    // Each frame renders only a bounded tail: ~2 paragraphs, not the whole answer.
    const perFrame = (renderer.stats.renderedChars - charsAfterFirstFrame) / 200;
    assert.ok(perFrame < 120, `rendered ${perFrame} chars per frame`);
  });

  it('draws the first delta after a quiet frame at once and coalesces the rest until the next animation frame', () => {
    const frames = new ManualFrames();
    const container = document.createElement('div');
    // The frames' own clock: "drawn within the last frame" is told by the time.
    const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: frames.now });
    const [first, ...rest] = 'many small deltas arrive between two frames'.split(' ');
    renderer.append(`${first!} `);
    assert.equal(renderer.stats.frames, 1, 'drawn in the delta\'s own task');
    assert.equal(container.textContent?.trim(), 'many');
    for (const word of rest) renderer.append(`${word} `);
    assert.equal(renderer.stats.frames, 1, 'nothing more drawn before the next frame');
    assert.equal(container.textContent?.trim(), 'many');
    frames.runFrame();
    assert.equal(renderer.stats.frames, 2, 'the rest in one render');
    assert.equal(container.textContent?.trim(), 'many small deltas arrive between two frames');
    // A frame passes with nothing to draw: the next delta is drawn at once again.
    frames.runFrame();
    renderer.append('again');
    assert.equal(renderer.stats.frames, 3);
    assert.equal(container.textContent?.trim(), 'many small deltas arrive between two frames again');
  });

  it('numbers code blocks across frozen blocks and the open tail', () => {
    const frames = new ManualFrames();
    const container = document.createElement('div');
    const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
    const text = '```a\n0\n```\n\ntext\n\n- item\n\n  ```b\n  1\n  ```\n\nmore\n\n    2\n\n```c\n3';
    for (const char of text) {
      renderer.append(char);
      frames.runFrame();
    }
    const numbers = Array.from(container.querySelectorAll('[data-block]')).map((block) => block.getAttribute('data-block'));
    assert.deepEqual(numbers, ['0', '1', '2', '3']);
    assert.ok(renderer.stats.frozenBlocks > 0, 'some blocks were frozen on the way');
  });

  it('re-renders frozen blocks when a later reference definition changes their meaning', () => {
    const frames = new ManualFrames();
    const container = document.createElement('div');
    const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
    renderer.append('Read [the guide].\n\nSome text.\n\nMore text.\n\n');
    frames.runFrame();
    assert.equal(container.querySelector('a'), null);
    renderer.append('[the guide]: https://example.com/guide\n\nEnd.\n\nReally.\n');
    frames.runFrame();
    assert.equal(container.querySelector('a')?.getAttribute('href'), 'https://example.com/guide');
    assert.ok(renderer.stats.fullRerenders >= 1);
  });

  it('setText extends in place and restarts when the text is not a continuation', () => {
    const frames = new ManualFrames();
    const container = document.createElement('div');
    const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
    renderer.setText('Hello');
    renderer.setText('Hello world\n\nNext');
    renderer.flush();
    assert.equal(container.innerHTML, oneShot('Hello world\n\nNext'));
    renderer.setText('Different');
    renderer.flush();
    assert.equal(container.innerHTML, oneShot('Different'));
  });

  it('joins a \\r\\n split across two deltas', () => {
    const frames = new ManualFrames();
    const container = document.createElement('div');
    const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
    for (const delta of ['a\r', '\nb\r', '\n\r', '\nc']) renderer.append(delta);
    renderer.flush();
    assert.equal(container.innerHTML, oneShot('a\r\nb\r\n\r\nc'));
    assert.equal(renderer.text, 'a\r\nb\r\n\r\nc');
  });
});
