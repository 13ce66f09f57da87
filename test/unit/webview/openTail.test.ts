import { ManualFrames } from './setupDom';
import * as assert from 'node:assert/strict';
import { renderMarkdownInto } from '../../../src/webview/markdown';
import { StreamingRenderer } from '../../../src/webview/streamingRenderer';

function oneShot(text: string): string {
  const container = document.createElement('div');
  renderMarkdownInto(container, text);
  return container.innerHTML;
}

const codeBlock = '```ts\n' + Array.from({ length: 40 }, (_, index) => `const value${index} = compute(${index}); // line ${index}`).join('\n') + '\n```\n\n';

function setup(): { container: HTMLElement; renderer: StreamingRenderer; frames: ManualFrames; removed: () => Node[] } {
  const frames = new ManualFrames();
  const container = document.createElement('div');
  const renderer = new StreamingRenderer(container, { requestFrame: frames.request, now: () => 0 });
  const records: MutationRecord[] = [];
  const observer = new window.MutationObserver((list) => records.push(...list));
  observer.observe(container, { childList: true });
  const removed = () => {
    records.push(...observer.takeRecords());
    const nodes = records.flatMap((record) => Array.from(record.removedNodes));
    records.length = 0;
    return nodes;
  };
  return { container, renderer, frames, removed };
}

describe('StreamingRenderer: the open tail keeps blocks that did not change', () => {
  it('a finished code block before the growing paragraph stays in the page as it is', () => {
    const { container, renderer, frames, removed } = setup();
    renderer.append(`Intro.\n\n${codeBlock}The paragraph`);
    frames.runFrame();
    const pre = container.querySelector('pre');
    assert.ok(pre);
    removed();
    let text = `Intro.\n\n${codeBlock}The paragraph`;
    for (let index = 0; index < 12; index++) {
      renderer.append(` word${index}`);
      text += ` word${index}`;
      frames.runFrame();
      const gone = removed();
      assert.ok(!gone.some((node) => node === pre || node.contains(pre)), `frame ${index}: the code block was taken out of the page`);
      // Only the growing paragraph (and the text node after it) is drawn again.
      assert.ok(gone.length <= 2, `frame ${index}: ${gone.length} nodes removed`);
      if (index % 4 === 3) assert.equal(container.innerHTML, oneShot(text), `frame ${index}: as a one-shot render`);
    }
    assert.equal(container.querySelector('pre'), pre);
  });

  it('draws a kept block again when a later reference definition changes it', () => {
    const { container, renderer, frames } = setup();
    renderer.append('See [docs].\n\nMore text');
    frames.runFrame();
    assert.equal(container.querySelector('a'), null);
    renderer.append('\n\n[docs]: https://example.com/docs\n');
    frames.runFrame();
    renderer.flush();
    assert.equal(container.innerHTML, oneShot('See [docs].\n\nMore text\n\n[docs]: https://example.com/docs\n'));
    assert.ok(container.querySelector('a'));
  });

  it('draws a block again when its text changes meaning with what follows (para then `#` then `#x`)', () => {
    const { container, renderer, frames } = setup();
    let text = '';
    for (const delta of ['para\n', '#', 'x more', '\n\nnext']) {
      renderer.append(delta);
      text += delta;
      frames.runFrame();
      assert.equal(container.innerHTML, oneShot(text), JSON.stringify(text));
    }
  });
});
